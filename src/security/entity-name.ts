/**
 * Names the SDK never creates an entity under, though the plugin accepts them (2.19.4 created roles named "", " x "
 * and ones holding an escape sequence): such an entity is hard to name, print or delete afterwards. Existing ones
 * stay readable, replaceable and deletable; only creating one is refused (plan/apply, and the CLI's files).
 */

/** Why a new entity may not take `name` (blank, whitespace around it, a control or format character), or undefined. */
export function newEntityNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'is blank';
  if (name.trim() !== name) return 'has whitespace around it';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'contains a control character';
  // format characters print as nothing or reorder the text around them (U+200B zero width space, U+202E right-to-left override)
  if (/\p{Cf}/u.test(name)) return 'contains an invisible format character';
  return undefined;
}

/**
 * Why a role mapping's list edit may not add `value` (a user, backend role or host): blank, whitespace around it, a
 * control character, or a character that prints as nothing and joins nothing (U+200B zero width space, U+FEFF) or
 * reorders the text around it (bidi controls). The plugin stores such a value as given (2.19.4: PUT and PATCH `add`
 * kept `" u "`, `"u\n"`, `"\tu"` and `""`) and matches it against the principal's name as is, so it maps no one.
 * Unlike a new entity's name, other format characters are a principal's own spelling and allowed: the zero width
 * non-joiner of Persian names, an emoji's zero width joiner, a soft hyphen (review 240). Removing one stays possible.
 */
export function principalNameProblem(value: string): string | undefined {
  if (value.trim() === '') return 'is blank';
  if (value.trim() !== value) return 'has whitespace around it';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return 'contains a control character';
  if (/[\u200b\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/.test(value)) return 'contains an invisible zero-width or text-direction character';
  return undefined;
}

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
 * Why a role mapping's list edit may not add `value` (a user, backend role or host): the same rule as a new entity's
 * name, the one home of "a valid principal name". The plugin stores such a value as given (2.19.4: PUT and PATCH `add`
 * kept `" u "`, `"u\n"`, `"\tu"` and `""`) and matches it against the principal's name as is, so it maps no one: the
 * user `u` got no role from any of them. Removing one stays possible (an entry written by other means can be cleaned).
 */
export function principalNameProblem(value: string): string | undefined {
  return newEntityNameProblem(value);
}

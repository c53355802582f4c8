/**
 * The secrets a client holds or derives (passwords, base64 `user:pass`, secret keys, session
 * tokens, signatures, Cognito tokens), kept so that redaction can remove them BY VALUE wherever
 * they appear (a server echoing one without any key name), in plain, base64 and URL-encoded forms.
 * One set per client: auth strategies and helpers that send secrets add to it; the error boundary
 * reads it.
 */

/** Values shorter than this are not redacted by value (they would erase ordinary words). */
export const MIN_SECRET_LENGTH = 4;

/** The secrets of one client, with every encoded form redaction must look for. */
export class SecretSet {
  readonly #forms = new Set<string>();
  #sorted: string[] | undefined;

  /** Adds a secret (ignored when not a string or too short); its encoded forms are added too. */
  add(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    for (const form of encodedForms(value)) {
      if (form.length >= MIN_SECRET_LENGTH && !this.#forms.has(form)) {
        this.#forms.add(form);
        this.#sorted = undefined;
      }
    }
  }

  /** Every form to look for, longest first (so a longer form is replaced before its parts). */
  forms(): readonly string[] {
    this.#sorted ??= [...this.#forms].sort((a, b) => b.length - a.length);
    return this.#sorted;
  }

  /** True when no secret is held. */
  get empty(): boolean {
    return this.#forms.size === 0;
  }
}

function encodedForms(value: string): string[] {
  const forms = [value];
  const utf8 = Buffer.from(value, 'utf8');
  forms.push(utf8.toString('base64'), utf8.toString('base64').replace(/=+$/, ''), utf8.toString('base64url'));
  try {
    forms.push(encodeURIComponent(value), encodeURI(value));
  } catch {
    // lone surrogates cannot be URL-encoded; the plain form is still there
  }
  forms.push(JSON.stringify(value).slice(1, -1));
  return forms;
}

const sets = new WeakMap<object, SecretSet>();

/** The secret set of `owner` (a Client, a transport, an options object), created on first use. */
export function secretsOf(owner: object): SecretSet {
  let set = sets.get(owner);
  if (set === undefined) {
    set = new SecretSet();
    sets.set(owner, set);
  }
  return set;
}

/** Makes `owner` share `set` (e.g. the Client and its Transport share the client's secrets). */
export function attachSecrets(owner: object, set: SecretSet): void {
  sets.set(owner, set);
}

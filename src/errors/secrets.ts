/**
 * The secrets a client holds or derives (passwords, base64 `user:pass`, secret keys, session
 * tokens, signatures, Cognito tokens), kept so that redaction can remove them BY VALUE wherever
 * they appear (a server echoing one without any key name), in plain, base64 (inside a longer
 * base64 text at any byte alignment from 7 bytes on; shorter ones only as a base64 text of their
 * own), URL-encoded, form-encoded, JSON-escaped and HTML-escaped forms, and escaped in part or otherwise as servers echo
 * it (quotes only, backslashes only, `\/`, `\u0022`, `\uXXXX`: otherEscapings). One set per client: auth strategies and helpers that send secrets add to it; the error
 * boundary reads it.
 *
 * A secret that could be a word or a name (letters only, or fewer than WORD_LIKE_LENGTH letters, digits
 * and `_`) is matched in its plain form only as a whole word, never inside a longer one (`admin` leaves
 * `admin_tenant` alone). Wherever it stands as a word it is removed, even where it is also a user name
 * (a password equal to its user name is still the password).
 */
import { opt } from './own.js';
import { headsPattern, INDEX_FROM, indexForms, type FormIndex, type SecretForm } from './secret-index.js';
import { extraHtmlForms } from './html-entities.js';
import { isSensitiveKey } from './sensitive-key.js';

export type { SecretForm } from './secret-index.js';

/** Values shorter than this are not redacted by value (they would erase ordinary words). */
export const MIN_SECRET_LENGTH = 4;

/** Secrets of letters, digits and `_` shorter than this (and letters-only ones of any length) are matched as whole words. */
export const WORD_LIKE_LENGTH = 8;

/**
 * Bounds, so a runaway caller cannot make redaction slow or the client's memory grow without end: at most MAX_FORMS
 * forms of lasting secrets and MAX_FORM_CHARS characters of them (the oldest evicted first, except the first
 * PINNED_FORMS: what the client was created with), and at most MAX_ROTATING_FORMS forms and MAX_ROTATING_CHARS
 * characters of rotating ones (credentials that refresh: the oldest evicted first). A secret being added is never
 * evicted by its own addition, however long (so the newest password or session token is always held whole), and
 * adding a secret held already makes it the newest again.
 */
const MAX_FORMS = 8192;
const PINNED_FORMS = 256;
/** Characters the pinned forms may hold together (a client's own credentials are a few kilobytes; its first writes must not pin megabytes). */
const PINNED_CHARS = 1024 * 1024;
const MAX_ROTATING_FORMS = 2048;
const MAX_FORM_CHARS = 4 * 1024 * 1024;
const MAX_ROTATING_CHARS = 1024 * 1024;

/** What redaction looks for in one set of a chain: the set's own forms (longest first) and their index when many. */
export interface FormLevel {
  readonly matchers: readonly SecretForm[];
  readonly index: FormIndex | undefined;
  /** Matches every text that holds one of the matchers (or a cut prefix of one); absent: look for each. */
  readonly heads?: RegExp | undefined;
}

/** How a secret is held. */
export interface SecretOptions {
  /** A credential that is replaced on refresh (session tokens, temporary keys, Cognito tokens). */
  rotating?: boolean;
}

/** The secrets of one client, with every encoded form redaction must look for. */
export class SecretSet {
  readonly #forms = new Set<string>();
  readonly #rotating = new Set<string>();
  /** Forms added as the plain form of a word-like secret (matched as whole words unless also held otherwise). */
  readonly #words = new Set<string>();
  /** The first PINNED_FORMS forms of lasting secrets, within PINNED_CHARS (never evicted). */
  readonly #pinned = new Set<string>();
  #pinnedChars = 0;
  /** Characters of the forms in #forms and in #rotating. */
  #formChars = 0;
  #rotatingChars = 0;
  readonly #parent: SecretSet | undefined;
  #sorted: string[] | undefined;
  #parentSeen: readonly string[] | undefined;
  #matchers: readonly SecretForm[] | undefined;
  #matchersOf: readonly string[] | undefined;
  /** This set's own level (its own forms only: a child set does not copy its parent's thousands of forms). */
  #level: FormLevel | undefined;

  /** `parent`: a set whose secrets this one also holds (e.g. one attempt's signature on top of the client's set). */
  constructor(parent?: SecretSet) {
    this.#parent = parent;
  }

  /** Adds a secret (ignored when not a string or too short); its encoded forms are added too. */
  add(value: unknown, options: SecretOptions = {}): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    const rotating = opt(options, 'rotating') === true;
    const target = rotating ? this.#rotating : this.#forms;
    const word = wordLike(value);
    const fresh = new Set<string>();
    let added = 0;
    const hosts = hostForms(value);
    for (const form of hosts.length === 0 ? encodedForms(value) : [...encodedForms(value), ...hosts]) {
      if (form.length < MIN_SECRET_LENGTH || fresh.has(form)) continue;
      fresh.add(form);
      // a word-like secret's plain form, and a host form that reads as a word (`PassWord` as the host `password`)
      const asWord = (word && form === value) || (hosts.includes(form) && wordLike(form));
      if (target.has(form)) {
        // held both ways: the stricter (anywhere) match wins
        if (!asWord && this.#words.delete(form)) this.#changed();
        // the newest again (what is held does not change)
        if (!this.#pinned.has(form)) {
          target.delete(form);
          target.add(form);
        }
        continue;
      }
      const elsewhere = this.#forms.has(form) || this.#rotating.has(form);
      if (elsewhere) {
        if (!asWord && this.#words.delete(form)) this.#changed();
      } else if (asWord) this.#words.add(form);
      // held by the other set too (each set's bounds evict only what it holds)
      target.add(form);
      added += form.length;
      if (!rotating && this.#forms.size <= PINNED_FORMS && this.#pinnedChars + form.length <= PINNED_CHARS) {
        this.#pinned.add(form);
        this.#pinnedChars += form.length;
      }
      this.#changed();
    }
    if (rotating) this.#rotatingChars += added;
    else this.#formChars += added;
    this.#evict(rotating, fresh);
  }

  /** Evicts the oldest forms (not pinned ones, not `fresh`: those of the secret just added) until the bounds hold. */
  #evict(rotating: boolean, fresh: ReadonlySet<string>): void {
    const set = rotating ? this.#rotating : this.#forms;
    const maxForms = rotating ? MAX_ROTATING_FORMS : MAX_FORMS;
    const maxChars = rotating ? MAX_ROTATING_CHARS : MAX_FORM_CHARS;
    let chars = rotating ? this.#rotatingChars : this.#formChars;
    if (set.size <= maxForms && chars <= maxChars) return;
    for (const form of set) {
      if (set.size <= maxForms && chars <= maxChars) break;
      if (fresh.has(form) || (!rotating && this.#pinned.has(form))) continue;
      set.delete(form);
      chars -= form.length;
      if (!this.#forms.has(form) && !this.#rotating.has(form)) this.#words.delete(form);
      this.#changed();
    }
    if (rotating) this.#rotatingChars = chars;
    else this.#formChars = chars;
  }

  /** @internal Forms held by this set itself, and their characters (tests check the bounds). */
  sizes(): { forms: number; formChars: number; rotating: number; rotatingChars: number } {
    return { forms: this.#forms.size, formChars: this.#formChars, rotating: this.#rotating.size, rotatingChars: this.#rotatingChars };
  }

  /** `set` plus what one request put on the wire (its signature, per-request headers); `set` itself when it put nothing. */
  static plusWire(set: SecretSet | undefined, wire: readonly string[]): SecretSet | undefined {
    return wire.length === 0 ? set : (set ?? new SecretSet()).with(wire);
  }

  /** A new set holding this set's secrets (as they are now and later) plus `values`. */
  with(values: Iterable<unknown>): SecretSet {
    const child = new SecretSet(this);
    for (const value of values) child.add(value);
    return child;
  }

  /** Every form held (this set's and its parents'), longest first. */
  forms(): readonly string[] {
    const inherited = this.#parent?.forms();
    if (inherited !== this.#parentSeen) this.#changed();
    if (this.#sorted === undefined) {
      this.#parentSeen = inherited;
      const all = new Set<string>(inherited ?? []);
      for (const form of this.#forms) all.add(form);
      for (const form of this.#rotating) all.add(form);
      this.#sorted = [...all].sort((a, b) => b.length - a.length);
    }
    return this.#sorted;
  }

  /** What redaction looks for: every form held, longest first, the plain forms of word-like secrets flagged `wholeWord`. */
  matchers(): readonly SecretForm[] {
    this.#refreshMatchers();
    return this.#matchers ?? [];
  }

  #refreshMatchers(): void {
    const forms = this.forms();
    if (this.#matchers !== undefined && this.#matchersOf === forms) return;
    this.#matchers = forms.map((text) => ({ text, wholeWord: !this.#heldAnywhere(text) }));
    this.#matchersOf = forms;
  }

  /** What redaction looks for, set by set: this set's own forms first, then its parents'. */
  levels(): readonly FormLevel[] {
    if (this.#level === undefined) {
      const own = [...new Set([...this.#forms, ...this.#rotating])].sort((a, b) => b.length - a.length);
      const matchers = own.map((text) => ({ text, wholeWord: !this.#heldAnywhere(text) }));
      this.#level = { matchers, index: matchers.length >= INDEX_FROM ? indexForms(matchers) : undefined, heads: headsPattern(matchers) };
    }
    return this.#parent === undefined ? [this.#level] : [this.#level, ...this.#parent.levels()];
  }

  /** The forms held changed: what was derived from them is built again when next asked for. */
  #changed(): void {
    this.#sorted = undefined;
    this.#level = undefined;
  }

  /** True when this set or a parent holds `form` as something to match anywhere (not only as a whole word). */
  #heldAnywhere(form: string): boolean {
    const here = (this.#forms.has(form) || this.#rotating.has(form)) && !this.#words.has(form);
    return here || (this.#parent !== undefined && this.#parent.#heldAnywhere(form));
  }

  /** True when this set is `other` or holds it as a parent (so it redacts at least what `other` does). */
  inherits(other: SecretSet): boolean {
    return this === other || (this.#parent?.inherits(other) ?? false);
  }

  /** True when no secret is held. */
  get empty(): boolean {
    return this.#forms.size === 0 && this.#rotating.size === 0 && (this.#parent?.empty ?? true);
  }
}

/** True for a secret that could be an ordinary word or name: letters only, or a short run of letters, digits and `_`. */
function wordLike(value: string): boolean {
  return /^[A-Za-z]+$/.test(value) || (value.length < WORD_LIKE_LENGTH && /^\w+$/.test(value));
}

/**
 * The base64 characters that encode only the bytes of `bytes` when it sits at byte offset
 * 0, 1 or 2 of a longer base64 text (the characters shared with neighbouring bytes dropped).
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    const skip = offset === 0 ? 0 : offset === 1 ? 2 : 3;
    const tail = padded.length % 3 === 0 ? 0 : 1;
    const core = encoded.slice(skip, encoded.length - tail);
    // Shorter cores would match random base64 text: secrets under 7 bytes are not found at every offset.
    if (core.length >= 8) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/**
 * The forms `value` takes where the WHATWG URL parser reads it as a host (`https://PassWord/x@host`), from the parser
 * itself: the value from its host on as written there, and the host alone unless letters only and shorter than 8 (an
 * ordinary word too often: `Admin@...`); none that is a secret key name, or when the parser refuses it or reads user info.
 */
function hostForms(value: string): string[] {
  if (!/[A-Z\u0080-\uffff%\\\t\n\r]/.test(value)) return [];
  let url: URL;
  try {
    url = new URL(`https://${value}`);
  } catch {
    return [];
  }
  if (url.username !== '' || url.password !== '') return [];
  const written = url.host + (/[/?#\\]/.test(value) ? url.pathname + url.search + url.hash : '');
  const forms = written === value ? [] : [written];
  const ordinaryWord = /^[a-z]+$/.test(url.hostname) && url.hostname.length < WORD_LIKE_LENGTH;
  if (!ordinaryWord && url.hostname !== written && url.hostname !== value) forms.push(url.hostname);
  // a form that is a secret's own key name (`pass\nword` read as the host `password`) would blank the SDK's own words
  // (`auth.password`) in every message of that client: left to the value's other forms
  return forms.filter((form) => !isSensitiveKey(form));
}

/**
 * `value` as the URL parser writes it in user info (`url.password = value`): its userinfo percent-encode set, which
 * leaves `$ & + , % ! ' ( ) * ~` as they are (encodeURIComponent escapes `$&+,%`, encodeURI keeps `/:;=?@`): a proxy's
 * or node's `user:p@ss&word` is shown `p%40ss&word`. Undefined when it is a form held already.
 */
function userInfoForm(value: string): string | undefined {
  if (!/[$&+,%]/.test(value) || !/[^A-Za-z0-9$&+,%!'()*~._-]/.test(value)) return undefined;
  try {
    return value.replace(/[\u0000-\u0020"#<>?`{}/:;=@[\\\]^|\u007f]|[\u0080-\uffff]+/g, encodeURIComponent);
  } catch {
    return undefined; // a lone surrogate
  }
}

function encodedForms(value: string): string[] {
  const forms = [value];
  const userInfo = userInfoForm(value);
  if (userInfo !== undefined) forms.push(userInfo, lowerHex(userInfo));
  const utf8 = Buffer.from(value, 'utf8');
  const base64 = utf8.toString('base64');
  forms.push(base64, base64.replace(/=+$/, ''), utf8.toString('base64url'), ...base64Cores(utf8));
  try {
    const component = encodeURIComponent(value);
    // encoded twice too: a proxy or login page that puts the request's (encoded) URL into a query of its own
    const twice = encodeURIComponent(component);
    forms.push(component, encodeURI(value), component.replace(/%20/g, '+'), lowerHex(component), twice, lowerHex(twice));
    // a request line (its encoded path) echoed inside base64
    if (component !== value) forms.push(...base64Cores(Buffer.from(component, 'utf8')));
  } catch {
    // lone surrogates cannot be URL-encoded; the plain form is still there
  }
  try {
    // application/x-www-form-urlencoded as URLSearchParams writes it (also escapes !'()~, unlike encodeURIComponent)
    const form = formEncoded(value);
    forms.push(form, lowerHex(form), formEncoded(form));
  } catch {
    // lone surrogates: see above
  }
  const escaped = JSON.stringify(value).slice(1, -1);
  // Go's encoder also escapes <, > and & (and U+2028/2029); below, a JSON body echoed inside base64 (a log line, a token)
  const goEscaped = escaped.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  forms.push(escaped, JSON.stringify(escaped).slice(1, -1), goEscaped, JSON.stringify(goEscaped).slice(1, -1));
  if (escaped !== value) {
    const escapedUtf8 = Buffer.from(escaped, 'utf8');
    forms.push(escapedUtf8.toString('base64').replace(/=+$/, ''), ...base64Cores(escapedUtf8));
  }
  forms.push(...otherEscapings(value), ...otherEscapings(escaped));
  // UTF-8 bytes read as ISO-8859-1 (RFC 7617's default for Basic credentials: a server decoding them so echoes mojibake)
  if (/[^\x00-\x7f]/.test(value)) {
    const latin1 = utf8.toString('latin1');
    forms.push(latin1, JSON.stringify(latin1).slice(1, -1));
  }
  // HTML escaping as escapers write it: apostrophe kept (Java's escapeHtml4), &#39; (lodash), Go's &#34;/&#39;, Python's
  // &#x27;; quotes kept (Python's quote=False), and only & and < (XML text)
  // &#x22;/&#x27; (hex references); quotes alone as &quot; (an attribute escaper leaving & and < raw). Each of the value and
  // of its JSON-escaped form (a JSON request body echoed in an HTML page).
  for (const text of escaped === value ? [value] : [value, escaped]) {
    const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    forms.push(
      html,
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
      html.replace(/"/g, '&quot;'),
      html.replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
      html.replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
      html.replace(/"/g, '&quot;').replace(/'/g, '&#x27;'),
      html.replace(/"/g, '&#x22;').replace(/'/g, '&#x27;'),
      text.replace(/"/g, '&quot;'),
      ...extraHtmlForms(text),
    );
  }
  return forms;
}

/**
 * `text` (a secret, or its JSON-escaped form as a request body holds it) as a server or proxy echoing it may escape it
 * in part or otherwise: quotes only (`"` -> `\"`, a hand-rolled escaper), backslashes only, JSON with `/` as `\/` (PHP,
 * some Java encoders), JSON with quotes as `\u0022`, .NET's System.Text.Json (`"'&<>+\`` and non-ASCII as `\uXXXX`),
 * Gson's HTML-safe JSON (`<>&='` as `\u003c`...), and non-ASCII as `\uxxxx` (Python's ensure_ascii; upper-case hex as
 * Jackson writes it). Where `text` holds none of the characters concerned, each is `text` or a form held already.
 */
function otherEscapings(text: string): string[] {
  if (!/["\\/'&<>+=`\u0000-\u001f\u007f-\uffff]/.test(text)) return [];
  const json = JSON.stringify(text).slice(1, -1);
  return [
    text.replace(/"/g, '\\"'),
    text.replace(/\\/g, '\\\\'),
    json.replace(/\//g, '\\/'),
    unicodeEscaped(json, /"/, false),
    unicodeEscaped(json, /["'&<>+`\u007f-\uffff]/, true),
    unicodeEscaped(json, /[<>&='\u2028\u2029]/, false),
    unicodeEscaped(json, /[\u007f-\uffff]/, false),
    unicodeEscaped(json, /[\u007f-\uffff]/, true),
  ];
}

/** `json` (JSON-escaped text) with each character `which` matches written `\uXXXX` (`upper`: upper-case hex digits). */
function unicodeEscaped(json: string, which: RegExp, upper: boolean): string {
  return json.replace(/\\(?:u[0-9a-fA-F]{4}|.)|[^\\]/g, (token) => {
    const c = token === '\\"' ? '"' : token;
    if (c.length !== 1 || !which.test(c)) return token;
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  });
}

/** Percent-escapes with lower-case hex digits (some encoders write them so). */
function lowerHex(encoded: string): string {
  return encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
}

/** `value` form-encoded as URLSearchParams writes it. */
function formEncoded(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
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

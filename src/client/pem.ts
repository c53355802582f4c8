/**
 * PEM text as the TLS option checks read it: certificate blocks, private-key blocks wherever they stand, and whether
 * a key in a certificates-only option is another key than ssl.key's. Linear scans (indexOf walks): a lazy regex
 * between two markers takes quadratic time on many BEGIN lines without an END.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { fail } from './options-check.js';
import { entryTexts } from './tls-entries.js';

/** The PEM labels Node reads as a CA certificate (OpenSSL's PEM_read_bio_X509_AUX: a trust bundle's form too). */
const CERTIFICATE_LABELS = ['CERTIFICATE', 'TRUSTED CERTIFICATE'] as const;

/**
 * The `BEGIN CERTIFICATE` ... `END CERTIFICATE` blocks of a PEM text, either label. indexOf walks, here and in
 * pemKeyBodies: a regex with a lazy body between two markers takes quadratic time on many BEGIN lines without an END.
 */
export function certificateBlocks(text: string): string[] {
  const out: string[] = [];
  for (const label of CERTIFICATE_LABELS) {
    const [begin, end] = [`-----BEGIN ${label}-----`, `-----END ${label}-----`];
    for (let at = text.indexOf(begin), stop = 0; at >= 0; at = text.indexOf(begin, stop + end.length)) {
      stop = text.indexOf(end, at + begin.length);
      if (stop < 0) break;
      out.push(text.slice(at, stop + end.length));
    }
  }
  return out;
}

/** The body of each `-----BEGIN <LABEL>-----` ... `-----END` block (LABEL: capitals and spaces), as the key's secrets. */
export function pemKeyBodies(text: string): string[] {
  const out: string[] = [];
  const begin = '-----BEGIN ';
  for (let at = text.indexOf(begin); at >= 0; at = text.indexOf(begin, at + 1)) {
    let i = at + begin.length;
    while (i < text.length && (text.charCodeAt(i) === 0x20 || (text.charCodeAt(i) >= 0x41 && text.charCodeAt(i) <= 0x5a))) i++;
    if (i === at + begin.length || !text.startsWith('-----', i)) continue;
    const end = text.indexOf('-----END', i + 5);
    if (end < 0) break;
    out.push(text.slice(i + 5, end));
    at = end + 7;
  }
  return out;
}
/**
 * The PEM blocks whose label names a private key (`PRIVATE KEY`, `RSA PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, `OPENSSH
 * PRIVATE KEY`...), wherever the BEGIN line stands: their bodies (whitespace removed) and PEM text to parse.
 */
function privateKeyBlocks(text: string): Array<{ body: string; pem: string }> {
  const out: Array<{ body: string; pem: string }> = [];
  const begin = '-----BEGIN ';
  for (let at = text.indexOf(begin); at >= 0; at = text.indexOf(begin, at + 1)) {
    const close = text.indexOf('-----', at + begin.length);
    if (close < 0) break;
    const label = text.slice(at + begin.length, close);
    if (close - at > 80 || !label.includes('PRIVATE KEY')) continue;
    // up to the next marker (the END line of a well-formed block): linear however many BEGIN lines lack an END
    const next = text.indexOf('-----', close + 5);
    const inner = text.slice(close + 5, next < 0 ? text.length : next);
    out.push({ body: inner.replace(/\s+/g, ''), pem: `${begin}${label}-----${inner}-----END ${label}-----\n` });
    if (next < 0) break;
  }
  return out;
}

/** The private-key blocks of a PEM option (one entry or a list, `{ pem, passphrase }` entries too), each with its entry's own passphrase. */
function privateKeyBlocksOf(value: unknown): Array<{ body: string; pem: string; passphrase: unknown }> {
  return entryTexts(value).flatMap(({ text, passphrase }) => privateKeyBlocks(text).map((block) => ({ ...block, passphrase })));
}

/** The bodies of the private-key blocks of a PEM option (one entry or a list). */
export const privateKeysOf = (value: unknown): string[] => privateKeyBlocksOf(value).map((block) => block.body);

/** The public key (SPKI, base64) of a PEM private key; undefined when it cannot be read (encrypted without its passphrase...). */
function publicKeyOf(pem: string, passphrase: unknown): string | undefined {
  try {
    return createPublicKey(createPrivateKey({ key: pem, ...(typeof passphrase === 'string' ? { passphrase } : {}) })).export({ type: 'spki', format: 'der' }).toString('base64');
  } catch {
    return undefined;
  }
}

/**
 * True when `item` holds a private key that is not `key`'s (ssl.key). One file holding everything, given as each
 * option, is not refused: a block of ssl.key's text, the same key in another form (PKCS#1 or #8, encrypted or not),
 * or, beside a `key`, one this cannot read without a passphrase it lacks (Node reads no key there; nothing says it differs).
 */
export function holdsForeignKey(item: unknown, key: unknown, passphrase: unknown): boolean {
  const blocks = privateKeyBlocksOf(item);
  if (blocks.length === 0) return false;
  if (key === undefined) return true;
  const keyBlocks = privateKeyBlocksOf(key);
  const bodies = new Set(keyBlocks.map((block) => block.body));
  // a key here may be encrypted with ssl.passphrase or with the passphrase of one of ssl.key's entries
  const passphrases = [...new Set([passphrase, ...keyBlocks.map((block) => block.passphrase)])];
  let own: Set<string | undefined> | undefined;
  return blocks.some(({ body, pem }) => {
    if (bodies.has(body)) return false;
    const publicKey = firstDefined(passphrases, (p) => publicKeyOf(pem, p));
    if (publicKey === undefined) return false;
    own ??= new Set(keyBlocks.map((block) => publicKeyOf(block.pem, block.passphrase ?? passphrase)));
    return !own.has(publicKey);
  });
}

function firstDefined<T, R>(list: readonly T[], read: (item: T) => R | undefined): R | undefined {
  for (const item of list) {
    const value = read(item);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Refuses a private key in an option that holds certificates only (`ssl.ca`, or `OPENSEARCH_CA_FILE`'s contents):
 * most likely the key file given for the CA. ssl.key's own key there is not refused (one file holding the CA, the
 * client certificate and its key, given as each). The key is never quoted.
 */
export function refusePrivateKey(option: string, value: unknown, what: string, key?: unknown, passphrase?: unknown): void {
  (Array.isArray(value) ? value : [value]).forEach((item, i) => {
    if (!holdsForeignKey(item, key, passphrase)) return;
    fail(Array.isArray(value) ? `${option}[${i}]` : option, `holds a private key ("-----BEGIN ... PRIVATE KEY-----" block, not shown): ${what} is certificates only; give the CA certificate, and keep the key out of it`);
  });
}

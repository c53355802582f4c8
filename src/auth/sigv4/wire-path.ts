/**
 * SigV4's view of a request target: the path as it goes on the wire (percent-encoded once,
 * existing escapes kept byte for byte), its canonical URI (normalised and encoded once more,
 * segment by segment, as AWS expects for every service but S3), and the query pairs decoded with
 * form semantics and re-encoded once, so the wire query is already canonical.
 */


const HEX_DIGIT = /^[0-9A-Fa-f]$/;
/** RFC 3986 `pchar` minus `%` (unreserved, sub-delims, `:` and `@`), plus the `/` separator. */
const PATH_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;
const utf8 = new TextEncoder();
/** Only unreserved characters: SigV4's encoding leaves such a string as it is. */
const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
/** Byte -> itself when unreserved (`A-Z a-z 0-9 - _ . ~`), else its upper-case `%XX`. */
const BYTE_FORM = Array.from({ length: 256 }, (_, b) => {
  const c = String.fromCharCode(b);
  return /^[A-Za-z0-9\-_.~]$/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
});

/** SigV4's URI encoding: everything but `A-Z a-z 0-9 - _ . ~` as upper-case `%XX` of the UTF-8 bytes (lone surrogates as U+FFFD). */
export function sigv4Encode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  let out = '';
  for (const byte of utf8.encode(value)) out += BYTE_FORM[byte] as string;
  return out;
}

/**
 * A raw path in its wire form, percent-encoded once: existing `%XX` escapes and characters
 * allowed raw in a path are kept, everything else is encoded as UTF-8 bytes.
 */
export function wirePath(path: string): string {
  let out = '';
  let i = 0;
  while (i < path.length) {
    const c = path[i] as string;
    if (c === '%' && HEX_DIGIT.test(path[i + 1] ?? '') && HEX_DIGIT.test(path[i + 2] ?? '')) {
      out += path.slice(i, i + 3);
      i += 3;
      continue;
    }
    const cp = path.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    out += c !== '%' && PATH_SAFE.test(ch) ? ch : sigv4Encode(ch);
    i += ch.length;
  }
  return out === '' ? '/' : out;
}

/** The canonical URI of a wire path (non-S3): empty, `.` and `..` segments resolved, each segment encoded again. */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(sigv4Encode(segment));
  }
  if (segments.length === 0) return '/';
  return `/${segments.join('/')}${path.endsWith('/') ? '/' : ''}`;
}

/** A `path?query` target as it goes on the wire, with its query pairs decoded and encoded. */
export interface WireTarget {
  /** The path, percent-encoded once. */
  path: string;
  /** Every `key=value` pair in the caller's order, decoded (form semantics: `+` is a space). */
  decoded: Array<[string, string]>;
  /** The same pairs encoded once in SigV4's encoding. */
  encoded: Array<[string, string]>;
  /** `path?query` to send. */
  wire: string;
}

/** Parses a target once: the wire path, and every query pair decoded and re-encoded once. */
export function wireTarget(target: string): WireTarget {
  const q = target.indexOf('?');
  const path = wirePath(q < 0 ? target : target.slice(0, q));
  const decoded: Array<[string, string]> = [];
  if (q >= 0) {
    const raw = target.slice(q + 1);
    // URLSearchParams drops one leading `?`; a query that starts with one keeps it as part of the first key.
    // a pair without a name (`?=v`) is not sent: aws4 leaves it out of the canonical query, and AWS would not
    for (const [key, value] of new URLSearchParams(raw.startsWith('?') ? `&${raw}` : raw)) if (key !== '') decoded.push([key, value]);
  }
  const encoded = decoded.map(([k, v]): [string, string] => [sigv4Encode(k), sigv4Encode(v)]);
  return { path, decoded, encoded, wire: encoded.length > 0 ? `${path}?${joinPairs(encoded)}` : path };
}

function comparePairs([ka, va]: [string, string], [kb, vb]: [string, string]): number {
  if (ka !== kb) return ka < kb ? -1 : 1;
  return va < vb ? -1 : va > vb ? 1 : 0;
}

export function joinPairs(pairs: ReadonlyArray<[string, string]>): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** The path and query to send for a `path?query` target, and their canonical forms (what aws4 signs). */
export function canonicalTarget(target: string): { wire: string; uri: string; query: string } {
  const t = wireTarget(target);
  return { wire: t.wire, uri: canonicalUri(t.path), query: joinPairs([...t.encoded].sort(comparePairs)) };
}

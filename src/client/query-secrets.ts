/**
 * The secrets a query string carries by a parameter's name (`access_token=`, `api_key=`, ...), for redaction: names
 * read as sent and percent-decoded, parameters separated as the node and opensearch-js separate them. A part is
 * decoded two ways: as a URI component (decodeURIComponent) and as the node decodes it (fgac/query-params.ts
 * decodePart: `%%` is `%`, a Latin-1 escape such as `%e9` a replacement character), so an echo of what the node read
 * is redacted too.
 */
import { isSensitiveKey } from '../errors/redact.js';
import { decodePart as nodeDecodePart } from '../fgac/query-params.js';

/**
 * What separates a query's parameters for redaction: `&`, `;` as the node reads a query (fgac/query-params.ts), and a
 * further `?` (opensearch-js joins a path's query and its querystring with one). Redaction reads more than the node.
 */
const QUERY_SEPARATOR = /[&;?]/;
/** The same, kept in the parts (a split that puts each separator between its neighbours). */
const QUERY_SEPARATOR_KEPT = new RegExp(`(${QUERY_SEPARATOR.source})`);

/** True when a query string (`a=1&token=x`, `a=1;token=x`) has a parameter with a secret's name, as sent or decoded. */
export function queryNamesSecret(query: string): boolean {
  for (const pair of query.split(QUERY_SEPARATOR)) {
    const eq = pair.indexOf('=');
    if (namesSecret(eq < 0 ? pair : pair.slice(0, eq))) return true;
  }
  return false;
}

/** `query` with the value of each secret-named parameter replaced by `replacement` (separators and other parameters kept). */
export function redactQueryValues(query: string, replacement: string): string {
  return query.split(QUERY_SEPARATOR_KEPT).map((part, i) => {
    if (i % 2 === 1) return part;
    const eq = part.indexOf('=');
    return eq > 0 && namesSecret(part.slice(0, eq)) ? `${part.slice(0, eq + 1)}${replacement}` : part;
  }).join('');
}

/** Adds the values of the secret-named parameters of a query string (`a=1&token=x`), as sent and decoded both ways. */
export function querySecretsOf(query: string, out: string[]): void {
  if (query.length === 0 || !query.includes('=')) return;
  for (const pair of query.split(QUERY_SEPARATOR)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) continue;
    if (!namesSecret(pair.slice(0, eq))) continue;
    const value = pair.slice(eq + 1);
    out.push(value);
    const decoded = decodeQueryPart(value);
    if (decoded !== value) out.push(decoded);
    const read = nodeDecodePart(value);
    if (read !== undefined && read !== value && read !== decoded) out.push(read);
  }
}

/** True when a parameter name (as sent) is a secret's, read as a URI component or as the node reads it. */
function namesSecret(name: string): boolean {
  if (isSensitiveKey(decodeQueryPart(name))) return true;
  // without a `%` both decodings are the same (`+` a space)
  if (!name.includes('%')) return false;
  const read = nodeDecodePart(name);
  return read !== undefined && isSensitiveKey(read);
}

function decodeQueryPart(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

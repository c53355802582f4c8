/**
 * The options object an attempt hands to Node's http.request, built from the attempt's params as opensearch-js's
 * Connection.buildRequestObject builds it (same path joining, query string, headers and pass-through keys), without
 * the fields Node never reads: the URL's `hash`, `search`, `pathname`, `href` and `origin`, and the params' `body`,
 * `bulkBody`, `querystring` and `asStream`. Node copies the options object twice per request (ClientRequest and the
 * Agent's `addRequest`, the second into a dictionary); with the keys it reads instead of about twenty, the raw
 * client measured 1.02x requests/s and 1.03x less CPU per request on loopback (docs/PERFORMANCE.md "Stop 64").
 */
import { assignOwn, setOwn } from '../errors/own.js';

/** A built request: what the Connection and a signer read and change. */
export interface BuiltRequest {
  method?: string;
  path?: string | null;
  headers?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Keys of the params the built object takes in another form (path, query string, headers) or Node never reads. */
const NOT_PASSED = new Set(['path', 'querystring', 'headers', 'body', 'bulkBody', 'asStream']);

/** `path` joined to the node URL's pathname (opensearch-js's `resolve`: exactly one `/` between them). */
function joined(base: string, path: string): string {
  const baseEnds = base[base.length - 1] === '/';
  const pathStarts = path[0] === '/';
  if (baseEnds && pathStarts) return base + path.slice(1);
  if (baseEnds !== pathStarts) return base + path;
  return `${base}/${path}`;
}

/**
 * The request object of `params` for a connection to `url` with its own `headers` and `agent`. Keys of the params
 * other than those NOT_PASSED (`method`, `timeout`, `auth`, an application's own) are passed as opensearch-js passes
 * them, defined rather than assigned (a setter a polluted Object.prototype holds never receives them).
 */
export function buildRequest(url: URL, headers: Record<string, unknown> | null | undefined, agent: unknown, params: Record<string, unknown>): BuiltRequest {
  let pathname = url.pathname;
  let search = url.search;
  let callHeaders: unknown;
  const request: BuiltRequest = {
    protocol: url.protocol,
    hostname: url.hostname[0] === '[' ? url.hostname.slice(1, -1) : url.hostname,
    port: url.port !== '' ? url.port : undefined,
    path: '',
    headers: undefined,
    agent,
  };
  const keys = Object.keys(params);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = params[key];
    if (!NOT_PASSED.has(key)) {
      setOwn(request, key, value);
      // as in opensearch-js, a params key of these names changes the path built below
      if (key === 'pathname') pathname = value as string;
      else if (key === 'search') search = value as string;
    } else if (key === 'path') pathname = joined(pathname, value as string);
    else if (key === 'querystring' && !!value) search = search === '' ? `?${value as string}` : `${search}&${value as string}`;
    else if (key === 'headers') callHeaders = value;
  }
  // assignOwn, not Object.assign: a header name a polluted Object.prototype holds as a setter is defined on the copy
  const merged: Record<string, unknown> = {};
  if (headers !== null && headers !== undefined) assignOwn(merged, headers);
  if (callHeaders !== null && callHeaders !== undefined) assignOwn(merged, callHeaders as object);
  request.headers = merged;
  request.path = pathname + search;
  return request;
}

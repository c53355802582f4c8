/**
 * How much of the request an error's meta keeps. opensearch-js puts the params of the request in `meta.meta.request`,
 * the body included (a 5 MB bulk body, the array of its documents): every failed attempt's error would redact all of
 * it (about 100 ns a character, half a second for 5 MB, again on every retry) and hold it in memory. An error keeps
 * the first MAX_ECHOED_BODY characters of a text body (cut after a whole line of an NDJSON body where one ends in
 * the second half; never through a secret of the client's) and the first MAX_ECHOED_ITEMS entries of an array body,
 * each followed by a note saying how much was left out; the cut is marked with an ellipsis (a key pattern then still
 * sees `"password":"...`). The response is kept whole.
 */
import { field } from './own.js';

/** Longest text request body an error's meta keeps (characters). */
export const MAX_ECHOED_BODY = 65_536;
/** Most entries of an array request body (a bulk body's actions and documents) an error's meta keeps. */
export const MAX_ECHOED_ITEMS = 1_000;

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Where a text may be cut: `cut` or earlier (redaction moves it off a secret of the client's it would split). */
export type CutAt = (text: string, cut: number) => number;

/** `body` as an error keeps it (the same value when it is within the bounds). */
function echoed(body: unknown, cutAt: CutAt): unknown {
  if (typeof body === 'string') {
    if (body.length <= MAX_ECHOED_BODY) return body;
    const line = body.lastIndexOf('\n', MAX_ECHOED_BODY);
    let cut = cutAt(body, line >= MAX_ECHOED_BODY / 2 ? line + 1 : MAX_ECHOED_BODY);
    const last = body.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut -= 1; // never split a surrogate pair
    return `${body.slice(0, cut)}… [${body.length - cut} more characters of the request body not kept]`;
  }
  if (Array.isArray(body)) {
    if (body.length <= MAX_ECHOED_ITEMS) return body;
    return [...body.slice(0, MAX_ECHOED_ITEMS), `[${body.length - MAX_ECHOED_ITEMS} more entries of the request body not kept]`];
  }
  if (body instanceof Uint8Array && body.length > MAX_ECHOED_BODY) return `[request body of ${body.length} bytes not kept]`;
  return body;
}

/**
 * `meta` (an opensearch-js response's `meta`) with its request's `body` and `bulkBody` bounded (a copy of the path
 * to them when one is cut; `meta` itself otherwise, also when reading it throws: redaction then walks it as it is).
 */
export function boundedRequestMeta(meta: unknown, cutAt: CutAt): unknown {
  try {
    const m = record(meta);
    const request = m === undefined ? undefined : record(field(m, 'request'));
    const params = request === undefined ? undefined : record(field(request, 'params'));
    if (m === undefined || request === undefined || params === undefined) return meta;
    const body = field(params, 'body');
    const bulkBody = field(params, 'bulkBody');
    const keptBody = echoed(body, cutAt);
    const keptBulk = echoed(bulkBody, cutAt);
    if (keptBody === body && keptBulk === bulkBody) return meta;
    const bounded = { ...params, ...(keptBody !== body ? { body: keptBody } : {}), ...(keptBulk !== bulkBody ? { bulkBody: keptBulk } : {}) };
    return { ...m, request: { ...request, params: bounded } };
  } catch {
    return meta;
  }
}

/**
 * How much of the request an error's meta keeps. opensearch-js puts the params of the request in `meta.meta.request`,
 * the body included (a 5 MB bulk body, the array of its documents): every failed attempt's error would redact all of
 * it (about 100 ns a character, half a second for 5 MB, again on every retry) and hold it in memory. An error keeps
 * the first MAX_ECHOED_BODY characters of a text body, redacted before the cut with what follows the cut in view
 * (a URL's user info needs its `@`, a JSON value its closing quote: a cut first would leave a fragment no pattern
 * recognises), cut after a whole line of an NDJSON body where one ends in the second half and followed, on a line
 * of its own, by a note giving the body's whole length; an array body keeps its first MAX_ECHOED_ITEMS entries and a
 * note. The response is kept whole.
 */
import type { SecretSet } from './secrets.js';
import { redactText } from './redact.js';
import { field } from './own.js';
import { rec } from './body.js';

/** Longest text request body an error's meta keeps (characters). */
export const MAX_ECHOED_BODY = 65_536;
/** Most entries of an array request body (a bulk body's actions and documents) an error's meta keeps. */
export const MAX_ECHOED_ITEMS = 1_000;
/** How much of the text after the cut is redacted with the kept part (at least; longer when a secret form is). */
const CUT_CONTEXT = 4096;

/** `text` cut before `at` without splitting a surrogate pair. */
function cutBefore(text: string, at: number): string {
  const last = text.charCodeAt(at - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? at - 1 : at);
}

/** `body` as an error keeps it (the same value when it is within the bounds). */
function echoed(body: unknown, secrets: SecretSet | undefined): unknown {
  if (typeof body === 'string') {
    if (body.length <= MAX_ECHOED_BODY) return body;
    const context = Math.max(CUT_CONTEXT, (secrets?.forms()[0]?.length ?? 0) + 16);
    const head = redactText(cutBefore(body, MAX_ECHOED_BODY + context), secrets);
    const line = head.lastIndexOf('\n', MAX_ECHOED_BODY);
    const kept = cutBefore(head, line >= MAX_ECHOED_BODY / 2 ? line + 1 : MAX_ECHOED_BODY);
    return `${kept}${kept.endsWith('\n') ? '' : '\n'}[the request body was cut here: ${body.length} characters in all]`;
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
export function boundedRequestMeta(meta: unknown, secrets: SecretSet | undefined): unknown {
  try {
    const m = rec(meta);
    const request = m === undefined ? undefined : rec(field(m, 'request'));
    const params = request === undefined ? undefined : rec(field(request, 'params'));
    if (m === undefined || request === undefined || params === undefined) return meta;
    const body = field(params, 'body');
    const bulkBody = field(params, 'bulkBody');
    const keptBody = echoed(body, secrets);
    const keptBulk = echoed(bulkBody, secrets);
    if (keptBody === body && keptBulk === bulkBody) return meta;
    const bounded = { ...params, ...(keptBody !== body ? { body: keptBody } : {}), ...(keptBulk !== bulkBody ? { bulkBody: keptBulk } : {}) };
    return { ...m, request: { ...request, params: bounded } };
  } catch {
    return meta;
  }
}

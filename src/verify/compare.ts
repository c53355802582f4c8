/**
 * Runs the same search as two principals (a reference, e.g. the master user, and a subject) and
 * reports what fine-grained access control changed: documents missing, fields hidden, fields
 * masked — per document and in total. Documents are matched by `_index` + `_id`.
 */
import { ConfigError } from '../errors/classes.js';
import { guarded } from '../client/options-snapshot.js';
import { typeName } from '../client/options-check.js';
import { setOwn } from '../errors/redact.js';
import { fieldPaths } from './fls.js';
import { isMaskShaped } from '../fgac/masking.js';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../fgac/json.js';
import { ArgumentTypeError } from '../fgac/argument-error.js';
import { searchAnswerState } from './response-hits.js';
import { clientSecretSets } from '../diagnose/connection-secrets.js';
import { toTypedError } from '../errors/boundary.js';

/** Anything with an opensearch-js style `search(params)` returning `{ body }`. */
export interface SearchClientLike {
  search(params: CompareSearchRequest): Promise<{ body: unknown }>;
}

/** The search request (opensearch-js `search()` parameters). */
export interface CompareSearchRequest {
  index?: string | string[];
  body?: Record<string, unknown>;
  [param: string]: unknown;
}

/** Differences for one document present in both results. */
export interface DocumentDifference {
  index: string;
  id: string;
  /** Field paths present for the reference but absent for the subject. */
  hiddenFields: string[];
  /** Field paths whose string values differ (masked for the subject). */
  maskedFields: string[];
  /** Of `maskedFields`, those whose subject value is shaped like a default mask (64 hex). */
  hashShapedFields: string[];
  /** Field paths whose non-string values differ, or that only the subject sees. */
  otherChanges: string[];
}

/** Result of `compareAccess`. */
export interface AccessComparison {
  reference: { total: number; returned: number };
  subject: { total: number; returned: number };
  /** True when both principals' pages hold every hit (so `missing` is exact). */
  complete: boolean;
  /** Documents the reference sees and the subject does not (index/id); exact only for the reference's page. */
  missing: Array<{ index: string; id: string }>;
  /** Reference documents absent from the subject's page while the subject has more hits than it returned. */
  unresolved: Array<{ index: string; id: string }>;
  /** Documents only the subject sees (should be empty); listed only when the reference's page holds every hit. */
  extra: Array<{ index: string; id: string }>;
  /**
   * Subject documents absent from the reference's page while the reference has more hits than it returned (or gives
   * no exact total): they may be on a later page of the reference, so they are not known to be `extra`.
   */
  unresolvedExtra: Array<{ index: string; id: string }>;
  /**
   * Subject documents whose `_id` the plugin masked (masked_fields matching `_id`, such as `*`) or left out (2.x, an
   * FLS exclusion matching `_id` such as `~*id`; `id` is then `''`): they cannot be paired with the reference's, so
   * the reference documents they may be are `unresolved`.
   */
  unpaired: Array<{ index: string; id: string }>;
  /** Why documents could not be paired (set when `unpaired` is not empty). */
  pairingNote?: string;
  /** Documents in both, with their differences (only documents with at least one difference). */
  documents: DocumentDifference[];
  totals: {
    /** Exact count when both pages are complete, else an estimate from the totals (reference total - subject total). */
    missing: number;
    extra: number;
    common: number;
    /** path -> number of common documents where it is hidden */
    hiddenFields: Record<string, number>;
    /** path -> number of common documents where it is masked */
    maskedFields: Record<string, number>;
  };
}

/** A hit as compared; `id` undefined: a subject hit without `_id` (see `AccessComparison.unpaired`). */
interface HitLite { index: string; id: string | undefined; source: unknown }

/**
 * The hits and total of one principal's answer. A partial (timed out, shards failed, terminated early), non-2xx,
 * inconsistent (a total below the hits, a hit twice) or malformed answer is an error: its absent documents would
 * read as "missing". `total` is undefined when the answer gives none, or only a lower bound (`gte`).
 */
function readHits(res: unknown, who: string): { total: number | undefined; hits: HitLite[] } {
  const refuse = (why: string): never => {
    throw new ArgumentTypeError(`compareAccess: the ${who} search answer cannot be compared: ${why}`);
  };
  let body: unknown;
  let status: unknown;
  try {
    body = (res as { body?: unknown }).body;
    status = (res as { statusCode?: unknown }).statusCode;
  } catch {
    refuse('the response could not be read');
  }
  if (status !== undefined && !(typeof status === 'number' && status >= 200 && status < 300)) refuse(`status ${typeof status === 'number' ? status : 'not a number'}`);
  const b = body as { hits?: { total?: number | { value?: number }; hits?: unknown } } | null;
  const list = b !== null && typeof b === 'object' && b.hits !== null && typeof b.hits === 'object' ? b.hits.hits : undefined;
  // a body without hits.hits is not "no documents": every reference document would read as missing
  if (!Array.isArray(list)) throw new ArgumentTypeError(`compareAccess: the ${who} search answered without hits.hits[]`);
  const state = searchAnswerState(b as Record<string, unknown>, list.length);
  if (state.problem !== undefined) refuse(`the answer is partial or inconsistent: ${state.problem}`);
  const seen = new Set<string>();
  const hits = list.map((h: unknown, i: number) => {
    const hit = h as { _index?: unknown; _id?: unknown; _source?: unknown } | null;
    // 2.x leaves `_id` out of the subject's hits when an FLS exclusion matches it (`~*id`): unpaired, not an error
    const idless = who === 'subject' && hit !== null && typeof hit === 'object' && hit._id === undefined;
    if (hit === null || typeof hit !== 'object' || typeof hit._index !== 'string' || (typeof hit._id !== 'string' && !idless)) {
      throw new ArgumentTypeError(`compareAccess: hit ${i} of the ${who} search has no _index and _id (documents could not be paired)`);
    }
    if (!idless) {
      const k = `${hit._index}\u0000${hit._id as string}`;
      if (seen.has(k)) refuse(`hit ${i} repeats an earlier hit's _index and _id`);
      seen.add(k);
    }
    return { index: hit._index, id: idless ? undefined : hit._id as string, source: hit._source };
  });
  return { total: state.lowerBound ? undefined : state.total, hits };
}

/** Whether an `_id` is shaped like the plugin's masked id: base64 of a hex digest (masked_fields matching `_id`). */
function isMaskedIdShaped(id: string): boolean {
  // the plugin writes it unpadded (both 2.19.4 and 3.4.0)
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return false;
  return /^(?:[0-9a-f]{2}){16,}$/.test(Buffer.from(id, 'base64').toString('latin1'));
}

/** Adds one to `totals[key]`; an own entry whatever the key (`constructor`, `__proto__` are field names like any other). */
function bump(totals: Record<string, number>, key: string): void {
  setOwn(totals, key, (Object.hasOwn(totals, key) ? (totals[key] as number) : 0) + 1);
}

interface PathNode { end: boolean; next: Map<string, PathNode> }

/**
 * The paths no other path of the list is a dotted prefix of (`a` hides `a.b`): through a tree of the paths'
 * dot-separated parts, in time linear in their length (comparing every pair was quadratic).
 */
function topmostPaths(paths: readonly string[]): string[] {
  const root: PathNode = { end: false, next: new Map() };
  const parts = paths.map((p) => p.split('.'));
  for (const list of parts) {
    let node = root;
    for (const part of list) {
      let child = node.next.get(part);
      if (child === undefined) node.next.set(part, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return paths.filter((_, i) => {
    const list = parts[i] as string[];
    let node = root;
    for (let j = 0; j < list.length - 1; j++) {
      node = node.next.get(list[j] as string) as PathNode;
      if (node.end) return false;
    }
    return true;
  });
}

function leafValues(doc: unknown): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const visit = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'object' && v !== null && depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('the document');
    if (Array.isArray(v)) { v.forEach((x) => visit(x, path, depth + 1)); return; }
    if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) visit(x, path ? `${path}.${k}` : k, depth + 1);
      return;
    }
    if (!path) return;
    const values = out.get(path);
    if (values === undefined) out.set(path, [v]);
    else values.push(v);
  };
  visit(doc, '', 0);
  return out;
}

/** Compares two sources of the same document. */
export function diffDocuments(index: string, id: string, reference: unknown, subject: unknown): DocumentDifference {
  const refPaths = fieldPaths(reference);
  const subPaths = new Set(fieldPaths(subject).map((f) => f.path));
  const hidden = refPaths.filter((f) => !subPaths.has(f.path)).map((f) => f.path);
  const hiddenFields = topmostPaths(hidden);
  const rv = leafValues(reference);
  const sv = leafValues(subject);
  const maskedFields: string[] = [];
  const hashShapedFields: string[] = [];
  const otherChanges: string[] = [];
  for (const [path, svals] of sv) {
    const rvals = rv.get(path);
    if (!rvals) { otherChanges.push(path); continue; }
    if (JSON.stringify(rvals) === JSON.stringify(svals)) continue;
    const stringsDiffer = svals.some((s, i) => typeof s === 'string' && s !== rvals[i]);
    if (stringsDiffer && svals.length === rvals.length) {
      maskedFields.push(path);
      if (svals.every((s) => typeof s !== 'string' || isMaskShaped(s))) hashShapedFields.push(path);
    } else {
      otherChanges.push(path);
    }
  }
  return { index, id, hiddenFields, maskedFields, hashShapedFields, otherChanges };
}

/** Why `masked` + `missingId` subject documents could not be paired. */
function pairingNote(masked: number, missingId: number): string {
  const why = [
    ...(masked > 0 ? [`${masked} subject document(s) have a masked _id (masked_fields match _id)`] : []),
    ...(missingId > 0 ? [`${missingId} subject document(s) have no _id (on 2.x an FLS exclusion matching _id, such as ~*id, leaves it out)`] : []),
  ];
  return `${why.join('; ')}: they cannot be paired by _index + _id`;
}

/** Runs `request` as both principals and reports the differences (see AccessComparison). */
export async function compareAccess(referenceClient: SearchClientLike, subjectClient: SearchClientLike, request: CompareSearchRequest): Promise<AccessComparison> {
  // each client's search() read once; a getter or Proxy that throws is a ConfigError naming it, never what it threw
  const [refSearch, subSearch] = (
    [['referenceClient', referenceClient], ['subjectClient', subjectClient]] as const
  ).map(([option, c]) => {
    const search = guarded(option, () => (c !== null && typeof c === 'object' ? (c as { search?: unknown }).search : undefined));
    if (typeof search !== 'function') throw new ConfigError(option, `${option} must be an opensearch-js Client (an object with search())`);
    return search as SearchClientLike['search'];
  }) as [SearchClientLike['search'], SearchClientLike['search']];
  const isRequest = guarded('request', () => request !== null && typeof request === 'object' && !Array.isArray(request));
  if (!isRequest) throw new ConfigError('request', 'request must be the search request object (index, body...)');
  // the index names go into the path: JSON drops a Symbol (or a function) that opensearch-js then fails to build it from
  const index = guarded('request.index', () => (request as { index?: unknown }).index);
  if (index !== undefined && typeof index !== 'string' && !(Array.isArray(index) && index.every((i) => typeof i === 'string'))) {
    throw new ConfigError('request.index', `request.index must be an index name or a list of them, got ${typeName(index)}`);
  }
  // refused here when JSON cannot carry it (a BigInt, a cycle, a getter or toJSON that throws): inside opensearch-js it was an untyped error
  try {
    JSON.stringify(request);
  } catch {
    throw new ConfigError('request', 'request must be JSON-serialisable (no BigInt, cycle or throwing toJSON); what it threw is not shown');
  }
  // a client's failure passes the error boundary with that client's secrets: a plain opensearch-js client's error
  // repeats what the server answered (which may echo its password); the SDK's errors are typed and redacted already
  const send = async (search: SearchClientLike['search'], client: SearchClientLike): Promise<unknown> => {
    try {
      return await search.call(client, request);
    } catch (err) {
      let typed = err;
      for (const secrets of clientSecretSets(client, err)) typed = toTypedError(typed, { secrets });
      throw typed;
    }
  };
  const [refRes, subRes] = await Promise.all([send(refSearch, referenceClient), send(subSearch, subjectClient)]);
  const refRead = readHits(refRes, 'reference');
  const subRead = readHits(subRes, 'subject');
  // without a total (track_total_hits: false, or only a lower bound) a page is not known to hold every hit
  const ref = { hits: refRead.hits, total: refRead.total ?? refRead.hits.length, known: refRead.total !== undefined };
  const sub = { hits: subRead.hits, total: subRead.total ?? subRead.hits.length, known: subRead.total !== undefined };
  const key = (h: { index: string; id: string | undefined }): string => `${h.index}\u0000${h.id}`;
  const idless = sub.hits.filter((h) => h.id === undefined).map((h) => ({ index: h.index, id: '' }));
  const subByKey = new Map(sub.hits.filter((h) => h.id !== undefined).map((h) => [key(h), h]));
  const refKeys = new Set(ref.hits.map(key));
  const refComplete = ref.known && ref.hits.length >= ref.total;
  const subComplete = sub.known && sub.hits.length >= sub.total;
  const complete = refComplete && subComplete;
  const absent = ref.hits.filter((h) => !subByKey.has(key(h))).map(({ index, id }) => ({ index, id: id as string }));
  const onlySubject = sub.hits.filter((h) => h.id !== undefined && !refKeys.has(key(h))).map(({ index, id }) => ({ index, id: id as string }));
  // masked_fields matching _id mask EVERY hit's id: only then (each subject id mask-shaped, none pairing) are they unpaired, not extra
  const idsMasked = sub.hits.length > 0 && onlySubject.length === sub.hits.length && sub.hits.every((h) => h.id !== undefined && isMaskedIdShaped(h.id));
  const unpaired = [...(idsMasked ? onlySubject : []), ...idless];
  // a subject document off the reference's page is extra only when that page holds every reference hit
  const extra = idsMasked || !refComplete ? [] : onlySubject;
  const unresolvedExtra = idsMasked || refComplete ? [] : onlySubject;
  const pairable = subComplete && unpaired.length === 0;
  const missing = pairable ? absent : [];
  const unresolved = pairable ? [] : absent;
  const documents: DocumentDifference[] = [];
  const hiddenTotals: Record<string, number> = {};
  const maskedTotals: Record<string, number> = {};
  let common = 0;
  for (const r of ref.hits) {
    const s = subByKey.get(key(r));
    if (!s) continue;
    common++;
    const d = diffDocuments(r.index, r.id as string, r.source, s.source);
    for (const p of d.hiddenFields) bump(hiddenTotals, p);
    for (const p of d.maskedFields) bump(maskedTotals, p);
    if (d.hiddenFields.length + d.maskedFields.length + d.otherChanges.length > 0) documents.push(d);
  }
  return {
    reference: { total: ref.total, returned: ref.hits.length },
    subject: { total: sub.total, returned: sub.hits.length },
    complete,
    missing,
    unresolved,
    extra,
    unresolvedExtra,
    unpaired,
    ...(unpaired.length > 0 ? { pairingNote: pairingNote(unpaired.length - idless.length, idless.length) } : {}),
    documents,
    totals: { missing: complete && unpaired.length === 0 ? missing.length : Math.max(ref.total - sub.total, missing.length), extra: extra.length, common, hiddenFields: hiddenTotals, maskedFields: maskedTotals },
  };
}

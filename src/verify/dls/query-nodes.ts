/**
 * A second-level cache of what the evaluator reads from a query object without looking at any document. The memos of
 * params.ts and leaf-queries.ts (keysOf, fieldAndParams, checkParams, the clause checks) are keyed by the object they
 * read and answer the same for it every time; evaluating a DLS query for thousands of documents asked each of them
 * once per document (five to seven WeakMap lookups per leaf query). A QueryNode keeps their last answers for one query
 * object `{type: body}`, each with the object it was read from (compared by identity, so a node answers exactly what
 * the memo would): one lookup per query object and document.
 */
import type { StrictJson } from '../../fgac/json.js';
import { checkParams, fieldAndParams, keysOf, type FieldAndParams, type Q } from './params.js';

/** The answers kept for one query object. */
export interface QueryNode {
  /** keysOf(q). */
  readonly keys: string[];
  /** fieldAndParams(fpBody, fpKey), when fpKey is set. */
  fpBody: StrictJson | undefined;
  fpKey: string | undefined;
  fp: FieldAndParams;
  /** checkParams(badOf, badList), when badList is set. */
  badOf: Q | undefined;
  badList: readonly string[] | undefined;
  bad: string | undefined;
  /** The clause checks' outcome (null: passed, else why the search fails) for chkBody under chkMapping. */
  chkBody: object | undefined;
  chkMapping: object | undefined;
  chkOutcome: string | null;
}

const nodes = new WeakMap<Q, QueryNode>();

/** The node of a query object. */
export function nodeOf(q: Q): QueryNode {
  let n = nodes.get(q);
  if (n === undefined) {
    n = { keys: keysOf(q), fpBody: undefined, fpKey: undefined, fp: undefined, badOf: undefined, badList: undefined, bad: undefined, chkBody: undefined, chkMapping: undefined, chkOutcome: null };
    nodes.set(q, n);
  }
  return n;
}

/** fieldAndParams(body, valueKey), kept in the node. */
export function splitAt(n: QueryNode, body: StrictJson | undefined, valueKey: string): FieldAndParams {
  if (n.fpKey === valueKey && n.fpBody === body) return n.fp;
  const fp = fieldAndParams(body, valueKey);
  n.fpBody = body;
  n.fpKey = valueKey;
  n.fp = fp;
  return fp;
}

/** checkParams(obj, allowed), kept in the node. */
export function badParamAt(n: QueryNode, obj: Q, allowed: readonly string[]): string | undefined {
  if (n.badList === allowed && n.badOf === obj) return n.bad;
  const bad = checkParams(obj, allowed);
  n.badOf = obj;
  n.badList = allowed;
  n.bad = bad;
  return bad;
}

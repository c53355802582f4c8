/**
 * DLS with the cluster as the judge: instead of re-implementing Lucene, ask the cluster whether each hit
 * matches the roles' DLS. Per concrete index and set of DLS queries (user variables substituted with the
 * one substitution of fgac/dls-variables.ts), a privileged reader searches
 * `{bool: {filter: [{ids: {values}}], should: [<dls>...], minimum_should_match: 1}}` (the plugin OR-s the
 * DLS queries of several roles); the ids returned match, the others do not. The reader must see the index
 * without DLS of its own (e.g. the master user). Hits the cluster cannot judge (remote hits, queries the
 * plugin would refuse, a failed search, or an answer that is partial, inconsistent or malformed: an id missing
 * from it is not "does not match") keep the local evaluator's verdict.
 */
import { searchAnswerState, searchHitsOf } from './response-hits.js';
import { clientSecretSets } from '../diagnose/connection-secrets.js';
import { redactText } from '../errors/redact.js';
import { requireObject } from '../client/options-check.js';
import { guarded } from '../client/options-snapshot.js';
import { ConfigError } from '../errors/classes.js';
import { substituteUserVariables } from '../fgac/dls-variables.js';
import { readExpectations } from './check-expectations.js';
import { effectiveDlsTexts } from './compiled-rules.js';
import { prepareDls, type DlsResult } from './dls/index.js';
import type { AccessExpectations } from './expectations.js';
import { expectationLookup, expectationOf } from './index-match.js';
import type { VerificationReport } from './report.js';
import { verifyHits } from './verifier.js';
import { field } from '../errors/own.js';

/** The part of an opensearch-js `Client` the server check uses (`client.transport.request`). */
export interface DlsReaderClient {
  transport: { request(params: { method: string; path: string; body?: string }): Promise<{ body: unknown }> };
}

/** Options of {@link serverDlsVerdicts} and {@link verifyHitsWithServer}. */
export interface ServerDlsOptions {
  /** A principal that reads the indices without DLS of its own (e.g. the master user). */
  reader: DlsReaderClient;
  /** Ids per search (default 500). */
  batchSize?: number;
}

/** What the cluster said about the hits: `index\u0000id` -> verdict, plus the groups it could not judge. */
export interface ServerDlsVerdicts {
  verdicts: Map<string, DlsResult>;
  /** Searches that failed or whose answer could not be used (their hits keep the local verdict), with the reason, redacted. */
  failures: Array<{ index: string; ids: number; error: string }>;
}

/** `verifyHits` with DLS decided by the cluster; `dlsByServer` counts the hits whose DLS verdict is the cluster's. */
export type ServerVerificationReport = VerificationReport & { dlsByServer: number; dlsFailures: ServerDlsVerdicts['failures'] };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const key = (index: string, id: string): string => `${index}\u0000${id}`;

/** The index and id of each hit the cluster can be asked about (a hit that cannot be read keeps the local verdict: verifyHits reports it). */
function hitsOf(response: unknown): Array<{ index: string; id: string }> {
  const out: Array<{ index: string; id: string }> = [];
  for (const h of searchHitsOf(response)) {
    try {
      if (isRecord(h) && typeof h._index === 'string' && typeof h._id === 'string') out.push({ index: h._index, id: h._id });
    } catch {
      // a getter or Proxy of a hand-built response
    }
  }
  return out;
}

/** The server's answer was partial, inconsistent or malformed: its verdicts are not taken (the hits keep the local verdict). */
class UnusableAnswer extends Error {}

/**
 * The ids of `asked` the reader's answer `res` says match. Only a whole, consistent answer is read: a 2xx status
 * (when the answer gives one), not timed out, no shard failed, no early termination, an exact `hits.total` equal to
 * the hits returned, each hit an object of the searched index with a string `_id` that was asked for, none twice. Anything else
 * throws: an id missing from a partial answer is not "does not match".
 */
function matchedIds(res: unknown, asked: readonly string[], index: string): Set<string> {
  const fail = (why: string): never => {
    throw new UnusableAnswer(`the cluster's answer cannot be used: ${why}`);
  };
  if (!isRecord(res)) fail('the reader returned no response object');
  const { statusCode, body } = res as Record<string, unknown>;
  if (statusCode !== undefined && !(typeof statusCode === 'number' && statusCode >= 200 && statusCode < 300)) fail(`status ${typeof statusCode === 'number' ? statusCode : 'not a number'}`);
  if (!isRecord(body) || !isRecord(body.hits) || !Array.isArray(body.hits.hits)) fail('not a search answer (no hits.hits[])');
  const b = body as Record<string, unknown> & { hits: { hits: unknown[] } };
  const list = b.hits.hits;
  const state = searchAnswerState(b, list.length);
  if (state.problem !== undefined) fail(state.problem);
  // the search asks for track_total_hits: a cluster answers an exact total, so a missing one is not the cluster's answer
  if (state.total === undefined || state.lowerBound) fail('no exact hits.total (the search asks for track_total_hits: true)');
  if (state.total !== list.length) fail(`hits.total (${state.total}) differs from the ${list.length} hit(s) returned (the answer was cut short)`);
  const wanted = new Set(asked);
  const matched = new Set<string>();
  for (const h of list) {
    if (!isRecord(h) || typeof h._id !== 'string') fail('a hit without a string _id');
    if ((h as { _index?: unknown })._index !== index) fail('a hit of another index than the one searched');
    const id = (h as { _id: string })._id;
    if (!wanted.has(id)) fail('a hit whose _id was not asked for');
    if (matched.has(id)) fail('a hit returned twice');
    matched.add(id);
  }
  return matched;
}

/** The message of a failed search, without the reader's credentials (a server may echo them) or whatever a hostile error's getters throw. */
function failureText(err: unknown, reader: DlsReaderClient): string {
  let text: string;
  try {
    text = err instanceof UnusableAnswer ? err.message : err instanceof Error ? `${err.name}: ${String(err.message)}` : 'the reader threw a non-Error value';
  } catch {
    return 'the reader failed with an error that cannot be read';
  }
  try {
    return redactText(text.slice(0, 2000), clientSecretSets(reader, err));
  } catch {
    return 'the reader failed (its message could not be redacted, so it is not shown)';
  }
}

/** The reader and batch size of `options`, checked (ConfigError naming the option). */
function readServerOptions(options: unknown): { reader: DlsReaderClient; batch: number } {
  const o = requireObject('options', options, '{ reader, batchSize? }');
  const reader = guarded('options.reader', () => o.reader) as DlsReaderClient;
  if (!guarded('options.reader', () => isRecord(reader) && isRecord(reader.transport) && typeof reader.transport.request === 'function')) {
    throw new ConfigError('options.reader', 'serverDlsVerdicts: options.reader must be an opensearch-js Client (transport.request)');
  }
  const batch = guarded('options.batchSize', () => field(o, 'batchSize')) ?? 500;
  if (!Number.isInteger(batch) || (batch as number) < 1 || (batch as number) > 10_000) throw new ConfigError('options.batchSize', 'serverDlsVerdicts: options.batchSize must be an integer from 1 to 10000');
  return { reader, batch: batch as number };
}

/** Asks the cluster, through `options.reader`, whether each hit of `response` matches its index's DLS queries. */
export async function serverDlsVerdicts(response: unknown, expectations: AccessExpectations, options: ServerDlsOptions): Promise<ServerDlsVerdicts> {
  return verdictsOf(response, readExpectations(expectations), readServerOptions(options));
}

/** serverDlsVerdicts with checked expectations and options. */
async function verdictsOf(response: unknown, expectations: AccessExpectations, { reader, batch }: { reader: DlsReaderClient; batch: number }): Promise<ServerDlsVerdicts> {
  const lookup = expectationLookup(expectations);
  const subOpts = expectations.pluginVersion !== undefined ? { pluginVersion: expectations.pluginVersion } : {};
  const prepOpts = { ...(expectations.user !== undefined ? { user: expectations.user } : {}), ...subOpts };
  const groups = new Map<string, { index: string; queries: string[]; ids: Set<string> }>();
  for (const { index, id } of hitsOf(response)) {
    if (index.includes(':')) continue; // remote cluster: the reader's cluster cannot judge it
    const exp = expectationOf(lookup, index);
    if (exp === null) continue;
    const texts = effectiveDlsTexts(exp, expectations);
    if (texts.length === 0) continue;
    // A query the plugin would refuse (or read differently) stays with the local verdict (unverifiable).
    if (texts.some((t) => !prepareDls(t, prepOpts).ok)) continue;
    const queries = texts.map((t) => substituteUserVariables(t, expectations.user, subOpts).text.trim());
    const g = `${index}\u0000${queries.join('\u0000')}`;
    let group = groups.get(g);
    if (group === undefined) groups.set(g, (group = { index, queries, ids: new Set() }));
    group.ids.add(id);
  }
  const verdicts = new Map<string, DlsResult>();
  const failures: ServerDlsVerdicts['failures'] = [];
  for (const { index, queries, ids: idSet } of groups.values()) {
    const ids = [...idSet];
    for (let i = 0; i < ids.length; i += batch) {
      const part = ids.slice(i, i + batch);
      // The DLS texts go in verbatim (numbers as written, comments allowed), as the plugin parses them.
      const body = `{"size":${part.length},"_source":false,"track_total_hits":true,"query":{"bool":{"filter":[{"ids":{"values":${JSON.stringify(part)}}}],` +
        `"should":[${queries.join(',')}],"minimum_should_match":1}}}`;
      let matched: Set<string>;
      try {
        const res = await reader.transport.request({ method: 'POST', path: `/${encodeURIComponent(index)}/_search`, body });
        matched = matchedIds(res, part, index);
      } catch (err) {
        failures.push({ index, ids: part.length, error: failureText(err, reader) });
        continue;
      }
      for (const id of part) {
        verdicts.set(key(index, id), matched.has(id) ? { result: 'match' } : { result: 'no-match', reason: 'the cluster says the document does not match the DLS query' });
      }
    }
  }
  return { verdicts, failures };
}

/**
 * `verifyHits` where the cluster decides DLS (see {@link serverDlsVerdicts}); FLS and masking are checked
 * locally as before, and hits the cluster could not judge keep the local DLS evaluator's verdict.
 */
export async function verifyHitsWithServer(response: unknown, given: AccessExpectations, options: ServerDlsOptions): Promise<ServerVerificationReport> {
  const expectations = readExpectations(given);
  const { verdicts, failures } = await verdictsOf(response, expectations, readServerOptions(options));
  const report = verifyHits(response, { ...expectations, dlsVerdict: (index, id) => verdicts.get(key(index, id)) });
  return { ...report, dlsByServer: report.hits.filter((h) => verdicts.has(key(h.index, h.id))).length, dlsFailures: failures };
}

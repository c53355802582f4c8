/**
 * Seeded property check of the verifier's server-truth paths against honest, hostile and partial servers:
 * `serverDlsVerdicts` / `verifyHitsWithServer` (src/verify/server-dls.ts) and `compareAccess` (src/verify/compare.ts).
 *
 * A loopback stub plays the cluster. Per seed a generator builds documents (keyword `k`, boolean `b`, free text `t`)
 * and one DLS rule (term / match on `k`, term on `b`, a bool should of two terms) that the stub evaluates itself.
 * `serverDlsVerdicts` sends `ids` + DLS searches (batches of 1..5 ids); each batch is answered honestly or, chosen by
 * the seed, with a hostile or partial answer: timed_out, _shards.failed > 0 with failures, fewer shards successful
 * than total, terminated_early, a matching hit dropped (total still counting it), the list cut short, a hit twice,
 * an id not asked for (one of them the password), ids as numbers, hits as an object, truncated JSON, a 2xx HTML page,
 * a 302 with a hits body, 503 / 429 then OK, resets (always / once), hits.total below or above the list, timed_out
 * of the wrong type, and a 500 whose reason echoes the reader's password (plain, base64, URL-encoded). compareAccess
 * runs a reference and a subject search against the same stub, each side answered honestly or with one of the
 * partial / malformed answers above (plus: no total, a `gte` total).
 *
 * Invariants:
 *  V1 an honest server gives the same verdicts as the local evaluator (verifyHits) where both decide; with every
 *     answer honest, every hit's verdict is the stub's truth and dlsFailures is empty.
 *  V2 a partial, malformed or inconsistent answer never turns into a decided verdict it does not support: every
 *     verdict serverDlsVerdicts returns is the stub's truth; the ids of a batch answered detectably wrong get no
 *     server verdict, the batch is in `failures` with a message naming the problem, and verifyHitsWithServer gives
 *     those hits the local evaluator's verdict (the documented fallback; the local evaluator decides these rules
 *     exactly, so a `pass` report rests on whole answers or on the local evaluation, never on a partial answer).
 *     compareAccess: a partial / malformed side is an ArgumentTypeError naming it (or the client's typed error);
 *     `complete: true` only when both sides' answers were whole; `missing` only ever lists documents the subject
 *     truly lacks, `extra` only documents a subject answer really carried that the reference lacks.
 *     Known limit (not checked): a server that silently drops a matching hit AND gives no hits.total cannot be told
 *     from an honest one that does not count (the search sends track_total_hits: true; a real cluster counts).
 *  V3 no secret (the clients' passwords: plain, base64 of it and of user:password, URL-encoded) appears in results,
 *     failures, errors, or their JSON / util.inspect.
 *     (compareAccess runs with SDK clients and with plain opensearch-js clients, whose errors it passes through the
 *     error boundary with their credentials.)
 *  V4 every call settles (a generous race, outcome only, no timing asserted); errors are typed (the SDK's, this
 *     library's ArgumentTypeError / ConfigError, or opensearch-js's) and serverDlsVerdicts never rejects here.
 *  V5 hostile words in document text and values (security_exception, ExpiredToken, ...) change nothing: each case
 *     runs twice, with hostile and with neutral words of the same structure; verdicts, failure counts and failure
 *     kinds agree.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { inspect } from 'node:util';
import { Client, errors as osErrors } from '@opensearch-project/opensearch';
import { serverDlsVerdicts, verifyHitsWithServer, type DlsReaderClient } from '../../src/verify/server-dls.js';
import { compareAccess, type AccessComparison } from '../../src/verify/compare.js';
import { verifyHits } from '../../src/verify/verifier.js';
import type { AccessExpectations } from '../../src/verify/expectations.js';
import { createClient } from '../../src/index.js';
import { isFgacError } from '../../src/errors/classes.js';
import { ArgumentTypeError } from '../../src/fgac/argument-error.js';
import { ConfigError } from '../../src/errors/classes.js';
import { rng } from '../domain/seed-data.js';
import { startRawStub, type RawRequest, type RawStub } from '../support/raw-stub.js';

const READER = 'h5-reader';
const SUBJECT = 'h5-subject';
const PASSWORD = 'h5Pw9!x7Qz/k+r=Zp%tt';
const SUBJECT_PASSWORD = 'h5Sub7?Kq&w8+Vv/Lm';
const forms = (user: string, pw: string): string[] => [pw, Buffer.from(pw).toString('base64'), Buffer.from(`${user}:${pw}`).toString('base64'), encodeURIComponent(pw)];
const SECRETS = [...forms(READER, PASSWORD), ...forms(SUBJECT, SUBJECT_PASSWORD)];
const INDEX = 'h5-idx';
const HOSTILE_WORDS = ['security_exception', 'ExpiredToken', 'AccessDeniedException: The security token included in the request is expired', 'no permissions for [indices:data/read/search]'];
const NEUTRAL_WORDS = ['alpha', 'bravo', 'charlie', 'delta'];

// ------------------------------------------------------------------------------------------------ generator

interface Doc { id: string; k: number; b: boolean; t: number }
type Rule = { kind: 'termK' | 'matchK'; w: number } | { kind: 'termB'; v: boolean } | { kind: 'should'; w: number; v: boolean };
interface Case { docs: Doc[]; rule: Rule; batch: number; modes: string[]; reader: 'sdk' | 'raw'; refMode: string; subMode: string }

const DLS_MODES = ['timed_out', 'shards_failed', 'shards_partial', 'terminated_early', 'drop_hit', 'cut_short', 'duplicate', 'foreign_id', 'password_id',
  'id_number', 'hits_object', 'truncated', 'html200', 'redirect', 'status503_then_ok', 'status429_then_ok', 'reset', 'reset_once', 'total_below',
  'total_above', 'timed_out_string', 'echo_password_500', 'echo_password_200'] as const;
/** Modes whose answer, when it differs from the honest one, must be refused. */
const DETECTABLE = new Set<string>(['timed_out', 'shards_failed', 'shards_partial', 'terminated_early', 'drop_hit', 'cut_short', 'duplicate', 'foreign_id',
  'password_id', 'id_number', 'hits_object', 'truncated', 'html200', 'redirect', 'reset', 'total_below', 'total_above', 'timed_out_string', 'echo_password_500']);
const COMPARE_MODES = ['timed_out', 'shards_failed', 'terminated_early', 'drop_hit', 'cut_short', 'duplicate', 'id_number', 'hits_object', 'truncated',
  'html200', 'redirect', 'total_below', 'no_total', 'gte_total', 'echo_password_500'] as const;
/** compareAccess modes that must reject (the others resolve with complete: false). */
const COMPARE_REJECT = new Set<string>(['timed_out', 'shards_failed', 'terminated_early', 'duplicate', 'id_number', 'hits_object', 'truncated', 'html200', 'redirect', 'total_below', 'echo_password_500']);
const ID_POOL = ['1', '2', '10', 'a b', 'ü-9', 'x/y', '%41', 'q"q', 'zz', 'k,l', '_all', 'n\\m'];

function generate(seed: number): Case {
  const r = rng(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const ids = [...ID_POOL].sort(() => r() - 0.5).slice(0, 1 + int(9));
  const docs = ids.map((id) => ({ id, k: int(4), b: r() < 0.5, t: int(4) }));
  const kinds = ['termK', 'matchK', 'termB', 'should'] as const;
  const kind = pick(kinds);
  const rule: Rule = kind === 'termB' ? { kind, v: r() < 0.5 } : kind === 'should' ? { kind, w: int(4), v: r() < 0.5 } : { kind, w: int(4) };
  const batch = 1 + int(5);
  const requests = Math.ceil(docs.length / batch);
  // a third of the cases wholly honest (V1), the others with one hostile mode on some batches
  const slot = seed % (DLS_MODES.length + 10);
  const hostile = slot < DLS_MODES.length ? (DLS_MODES[slot] as string) : 'honest';
  const modes = Array.from({ length: requests }, () => (hostile !== 'honest' && r() < 0.7 ? hostile : 'honest'));
  const side = (n: number): string => COMPARE_MODES[n % (2 * COMPARE_MODES.length)] ?? 'honest';
  const refMode = side(seed);
  const subMode = side(seed * 7 + 3);
  return { docs, rule, batch, modes, reader: r() < 0.5 ? 'sdk' : 'raw', refMode, subMode };
}

function dlsText(rule: Rule, words: readonly string[]): string {
  const w = (i: number): string => JSON.stringify(words[i]);
  switch (rule.kind) {
    case 'termK': return `{"term": {"k": ${w(rule.w)}}}`;
    case 'matchK': return `{"match": {"k": ${w(rule.w)}}}`;
    case 'termB': return `{"term": {"b": ${rule.v}}}`;
    case 'should': return `{"bool": {"should": [{"term": {"k": ${w(rule.w)}}}, {"term": {"b": ${rule.v}}}]}}`;
  }
}

/** The stub's own evaluation of the rule (keyword: exact value; match on a keyword is one exact term). */
function truth(rule: Rule, d: Doc): boolean {
  switch (rule.kind) {
    case 'termK': case 'matchK': return d.k === rule.w;
    case 'termB': return d.b === rule.v;
    case 'should': return d.k === rule.w || d.b === rule.v;
  }
}

const source = (d: Doc, words: readonly string[]): Record<string, unknown> => ({ k: words[d.k], b: d.b, t: `note ${words[d.t]} ${words[(d.t + 1) % 4]}` });

// ------------------------------------------------------------------------------------------------ stub

interface Planned { c: Case; words: readonly string[]; attempts: Map<string, number>; modeOf: Map<string, string>; batches: number; mustFail: Set<string>; honestIds: Set<string> }
let current: Planned | undefined;
let stub: RawStub;

type Reply = { status: number; body: string; type?: string } | 'reset';

const json = (x: unknown): string => JSON.stringify(x);
const shards = { total: 1, successful: 1, skipped: 0, failed: 0 };

/** A search answer for `hits` in `mode`; `tampered` says whether it differs from the honest one. */
function render(mode: string, hits: Array<Record<string, unknown>>, extra: { foreign?: string; attempt: number; echo: string[] }): { reply: Reply; tampered: boolean } {
  // total null: the answer gives none (track_total_hits: false)
  const page = (list: unknown, total: unknown = { value: hits.length, relation: 'eq' }, more: Record<string, unknown> = {}): string =>
    json({ took: 1, timed_out: false, _shards: shards, ...more, hits: { ...(total === null ? {} : { total }), max_score: null, hits: list } });
  const honest = { reply: { status: 200, body: page(hits) } as Reply, tampered: false };
  switch (mode) {
    case 'honest': case 'echo_password_200': return mode === 'honest' ? honest : { reply: { status: 200, body: page(hits, undefined, { note: forms(READER, PASSWORD).join(' ') }) }, tampered: false };
    case 'timed_out': return { reply: { status: 200, body: page(hits, undefined, { timed_out: true }) }, tampered: true };
    case 'timed_out_string': return { reply: { status: 200, body: page(hits, undefined, { timed_out: 'false' }) }, tampered: true };
    case 'shards_failed': return { reply: { status: 200, body: page(hits.slice(0, Math.floor(hits.length / 2)), undefined, { _shards: { total: 2, successful: 1, skipped: 0, failed: 1, failures: [{ shard: 1, index: INDEX, reason: { type: 'node_not_connected_exception', reason: 'security_exception' } }] } }) }, tampered: true };
    case 'shards_partial': return { reply: { status: 200, body: page(hits, undefined, { _shards: { total: 3, successful: 2, skipped: 0, failed: 0 } }) }, tampered: true };
    case 'terminated_early': return { reply: { status: 200, body: page(hits, undefined, { terminated_early: true }) }, tampered: true };
    case 'drop_hit': return hits.length === 0 ? honest : { reply: { status: 200, body: page(hits.slice(1)) }, tampered: true };
    case 'cut_short': return hits.length === 0 ? honest : { reply: { status: 200, body: page(hits.slice(0, Math.floor(hits.length / 2)), { value: hits.length, relation: 'eq' }) }, tampered: true };
    case 'duplicate': return hits.length === 0 ? honest : { reply: { status: 200, body: page([...hits, hits[0]], { value: hits.length + 1, relation: 'eq' }) }, tampered: true };
    case 'foreign_id': case 'password_id': {
      const list = [...hits, { _index: INDEX, _id: mode === 'password_id' ? PASSWORD : (extra.foreign ?? 'zz-foreign'), _score: 1 }];
      return { reply: { status: 200, body: page(list, { value: list.length, relation: 'eq' }) }, tampered: true };
    }
    case 'id_number': return hits.length === 0 ? honest : { reply: { status: 200, body: page(hits.map((h) => ({ ...h, _id: Number.isNaN(Number(h._id)) ? 7 : Number(h._id) }))) }, tampered: true };
    case 'hits_object': return { reply: { status: 200, body: json({ timed_out: false, hits: { total: { value: hits.length, relation: 'eq' }, hits: Object.fromEntries(hits.map((h, i) => [i, h])) } }) }, tampered: true };
    case 'truncated': { const b = page(hits); return { reply: { status: 200, body: b.slice(0, Math.max(1, b.length - 7)) }, tampered: true }; }
    case 'html200': return { reply: { status: 200, body: '<html><body>Sign in security_exception</body></html>', type: 'text/html' }, tampered: true };
    case 'redirect': return { reply: { status: 302, body: page([]) }, tampered: true };
    case 'status503_then_ok': case 'status429_then_ok':
      return extra.attempt === 0 ? { reply: { status: mode === 'status503_then_ok' ? 503 : 429, body: json({ error: { type: 'unavailable', reason: 'busy' }, status: 503 }) }, tampered: true } : honest;
    case 'reset': return { reply: 'reset', tampered: true };
    case 'reset_once': return extra.attempt === 0 ? { reply: 'reset', tampered: true } : honest;
    case 'total_below': return hits.length === 0 ? honest : { reply: { status: 200, body: page(hits, { value: 0, relation: 'eq' }) }, tampered: true };
    case 'total_above': return { reply: { status: 200, body: page(hits, { value: hits.length + 3, relation: 'eq' }) }, tampered: true };
    case 'no_total': return { reply: { status: 200, body: page(hits, null) }, tampered: false };
    case 'gte_total': return { reply: { status: 200, body: page(hits, { value: Math.max(0, hits.length - 1), relation: 'gte' }) }, tampered: false };
    case 'echo_password_500': return { reply: { status: 500, body: json({ error: { type: 'search_phase_execution_exception', reason: `bad auth ${extra.echo.join(' ')}`, root_cause: [{ type: 'illegal_argument_exception', reason: `bad auth ${extra.echo.join(' ')}` }] }, status: 500 }) }, tampered: true };
    default: throw new Error(`unknown mode ${mode}`);
  }
}

function userOf(req: RawRequest): string {
  const h = req.headers.authorization ?? '';
  return Buffer.from(h.replace(/^Basic /, ''), 'base64').toString('utf8').split(':')[0] ?? '';
}

function handle(req: RawRequest, res: http.ServerResponse): void {
  const p = current;
  let reply: Reply = { status: 500, body: json({ error: 'no case' }) };
  if (p !== undefined) {
    const body = JSON.parse(req.body || '{}') as { query?: { bool?: { filter?: Array<{ ids?: { values?: string[] } }> } } };
    const asked = body.query?.bool?.filter?.[0]?.ids?.values;
    const hitOf = (d: Doc, withSource: boolean): Record<string, unknown> => ({ _index: INDEX, _id: d.id, _score: 1, ...(withSource ? { _source: source(d, p.words) } : {}) });
    if (Array.isArray(asked)) {
      const key = JSON.stringify(asked);
      const attempt = p.attempts.get(key) ?? 0;
      p.attempts.set(key, attempt + 1);
      if (attempt === 0) p.modeOf.set(key, p.c.modes[p.batches++] ?? 'honest');
      const mode = p.modeOf.get(key) ?? 'honest';
      const hits = p.c.docs.filter((d) => asked.includes(d.id) && truth(p.c.rule, d)).map((d) => hitOf(d, false));
      const r = render(mode, hits, { attempt, foreign: p.c.docs.find((d) => !asked.includes(d.id))?.id, echo: forms(READER, PASSWORD) });
      // a later attempt of a "then OK" mode is honest; any other mode stays what it was
      if (r.tampered && DETECTABLE.has(mode)) for (const id of asked) p.mustFail.add(id);
      else if (!r.tampered) for (const id of asked) p.honestIds.add(id);
      reply = r.reply;
    } else {
      const who = userOf(req);
      const docs = who === SUBJECT ? p.c.docs.filter((d) => truth(p.c.rule, d)) : p.c.docs;
      reply = render(who === SUBJECT ? p.c.subMode : p.c.refMode, docs.map((d) => hitOf(d, true)), { attempt: 0, echo: who === SUBJECT ? forms(SUBJECT, SUBJECT_PASSWORD) : forms(READER, PASSWORD) }).reply;
    }
  }
  if (reply === 'reset') {
    res.socket?.destroy();
    return;
  }
  res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json', ...(reply.status === 302 ? { location: 'https://login.example/' } : {}) });
  res.end(reply.body);
}

// ------------------------------------------------------------------------------------------------ checks

function assertNoSecret(label: string, value: unknown): void {
  let text: string;
  try {
    text = `${JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v))} ${inspect(value, { depth: 8, showHidden: false })}`;
  } catch {
    text = inspect(value, { depth: 8 });
  }
  if (value instanceof Error) text += ` ${value.message} ${value.stack ?? ''} ${String(value)}`;
  for (const s of SECRETS) assert.ok(!text.includes(s), `${label}: a secret form appears: ${s}`);
}

function isTyped(e: unknown): boolean {
  return isFgacError(e) || e instanceof ArgumentTypeError || e instanceof ConfigError || e instanceof osErrors.OpenSearchClientError;
}

/** Settles `p` or fails (generous; only the outcome is asserted). */
async function settle<T>(label: string, p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${label}: did not settle`)), 20_000); });
  try {
    return { ok: true, value: await Promise.race([p, hang]) };
  } catch (error) {
    if (error instanceof Error && error.message === `${label}: did not settle`) throw error;
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
}

let readers: { sdk: DlsReaderClient & { close(): Promise<void> }; raw: Client };
let compareClients: Record<'sdk' | 'raw', { ref: Client; sub: Client }>;

interface DlsOutcome { results: string[]; failures: number; kinds: string[]; byServer: number }

async function runDls(seed: number, words: readonly string[]): Promise<DlsOutcome> {
  const c = generate(seed);
  const label = `seed ${seed} (${words === HOSTILE_WORDS ? 'hostile' : 'neutral'}, ${c.reader}, modes ${c.modes.join(',')}, batch ${c.batch})`;
  const response = { took: 1, timed_out: false, hits: { total: { value: c.docs.length, relation: 'eq' }, hits: c.docs.map((d) => ({ _index: INDEX, _id: d.id, _source: source(d, words) })) } };
  const expectations: AccessExpectations = { indices: [{ indexPatterns: ['h5-*'], rules: [{ dls: dlsText(c.rule, words) }], fieldTypes: { k: 'keyword', b: 'boolean', t: 'text' } }], pluginVersion: '2.19.4' };
  const reader = c.reader === 'sdk' ? readers.sdk : (readers.raw as unknown as DlsReaderClient);
  const local = verifyHits(response, expectations);
  const localOf = new Map(local.hits.map((h) => [h.id, h.dls.result]));
  const truthOf = new Map(c.docs.map((d) => [d.id, truth(c.rule, d) ? 'match' : 'no-match']));
  // V1 baseline: the local evaluator decides these rules and agrees with the stub's truth
  for (const d of c.docs) assert.equal(localOf.get(d.id), truthOf.get(d.id), `${label}: local verdict of ${d.id}`);

  // serverDlsVerdicts
  current = { c, words, attempts: new Map(), modeOf: new Map(), batches: 0, mustFail: new Set(), honestIds: new Set() };
  const v = await settle(label, serverDlsVerdicts(response, expectations, { reader, batchSize: c.batch }));
  assert.ok(v.ok, `${label}: serverDlsVerdicts rejected: ${v.ok ? '' : String(v.error)}`); // V4
  const { verdicts, failures } = v.value;
  const plan = current;
  const verdictOf = (id: string): string | undefined => verdicts.get(`${INDEX}\u0000${id}`)?.result;
  for (const d of c.docs) {
    const got = verdictOf(d.id);
    // V2: a verdict is only ever what the cluster's whole answer says
    if (got !== undefined) assert.equal(got, truthOf.get(d.id), `${label}: server verdict of ${d.id}`);
    if (plan.mustFail.has(d.id)) assert.equal(got, undefined, `${label}: ${d.id} was in a partial/malformed answer yet got a verdict`);
    else if (plan.honestIds.has(d.id)) assert.equal(got, truthOf.get(d.id), `${label}: ${d.id} answered honestly yet no verdict`);
  }
  if (plan.mustFail.size > 0) assert.ok(failures.length > 0, `${label}: a refused answer is not in failures`);
  for (const f of failures) assert.ok(f.index === INDEX && f.ids > 0 && f.error.length > 0, `${label}: failure entry ${JSON.stringify(f)}`);
  if (c.modes.every((m) => m === 'honest')) assert.deepEqual(failures, [], `${label}: honest server, failures`);
  assertNoSecret(label, v.value);

  // verifyHitsWithServer: the same answers replayed
  current = { c, words, attempts: new Map(), modeOf: new Map(), batches: 0, mustFail: new Set(), honestIds: new Set() };
  const w = await settle(label, verifyHitsWithServer(response, expectations, { reader, batchSize: c.batch }));
  assert.ok(w.ok, `${label}: verifyHitsWithServer rejected: ${w.ok ? '' : String(w.error)}`);
  const report = w.value;
  const mustFail = current.mustFail;
  for (const h of report.hits) {
    // V1 + V2: the cluster's whole answer or the local evaluator, which agree; never a verdict from a partial answer
    assert.equal(h.dls.result, truthOf.get(h.id), `${label}: report verdict of ${h.id}`);
    if (mustFail.has(h.id)) assert.equal(h.dls.result, localOf.get(h.id), `${label}: ${h.id} falls back to the local verdict`);
  }
  assert.ok(report.dlsByServer <= c.docs.length - mustFail.size, `${label}: dlsByServer counts refused answers`);
  if (report.status === 'pass') assert.ok(c.docs.every((d) => truthOf.get(d.id) === 'match'), `${label}: pass with a non-matching document`);
  assertNoSecret(label, report);
  current = undefined;
  return { results: report.hits.map((h) => `${h.id}=${h.dls.result}`), failures: failures.length, kinds: failures.map((f) => f.error.split(':')[0] ?? ''), byServer: report.dlsByServer };
}

interface CompareOutcome { outcome: string }

async function runCompare(seed: number, words: readonly string[]): Promise<CompareOutcome> {
  const c = generate(seed);
  const label = `compare seed ${seed} (${c.reader}, ref ${c.refMode}, sub ${c.subMode})`;
  current = { c, words, attempts: new Map(), modeOf: new Map(), batches: 0, mustFail: new Set(), honestIds: new Set() };
  const pair = c.reader === 'sdk' ? compareClients.sdk : compareClients.raw;
  const r = await settle(label, compareAccess(pair.ref, pair.sub, { index: INDEX, body: { size: 100, query: { match_all: {} } } }));
  current = undefined;
  const visible = new Set(c.docs.filter((d) => truth(c.rule, d)).map((d) => d.id));
  // on an empty list some modes change nothing: the answer is then the honest one
  const effective = (m: string, n: number): string => (n === 0 && ['drop_hit', 'cut_short', 'duplicate', 'id_number', 'total_below'].includes(m) ? 'honest' : m);
  const refMode = effective(c.refMode, c.docs.length);
  const subMode = effective(c.subMode, visible.size);
  const mustReject = COMPARE_REJECT.has(refMode) || COMPARE_REJECT.has(subMode);
  if (!r.ok) {
    assert.ok(isTyped(r.error), `${label}: untyped error ${String(r.error)}`); // V4
    assertNoSecret(label, r.error); // V3
    assert.ok(mustReject, `${label}: rejected although both answers were usable: ${String(r.error)}`);
    return { outcome: `rejected ${(r.error as Error).constructor.name}` };
  }
  assert.ok(!mustReject, `${label}: a partial or malformed answer was compared: ${JSON.stringify(r.value)}`);
  const value: AccessComparison = r.value;
  assertNoSecret(label, value);
  const whole = (m: string): boolean => m === 'honest';
  if (value.complete) assert.ok(whole(refMode) && whole(subMode), `${label}: complete rests on a partial answer`);
  else assert.ok(!(whole(refMode) && whole(subMode)), `${label}: two whole answers read as incomplete`);
  // V2: missing is exactly the truth's missing when complete, and never a document the subject can see
  for (const m of value.missing) assert.ok(!visible.has(m.id), `${label}: ${m.id} reported missing but the subject sees it`);
  if (value.complete) assert.deepEqual(value.missing.map((m) => m.id).sort(), c.docs.filter((d) => !visible.has(d.id)).map((d) => d.id).sort(), `${label}: missing`);
  assert.deepEqual(value.extra, [], `${label}: extra documents from answers that carry none`);
  return { outcome: `complete=${value.complete} missing=${value.missing.length} unresolved=${value.unresolved.length} common=${value.totals.common}` };
}

before(async () => {
  stub = await startRawStub(handle);
  const retry = { minDelayMs: 1, maxDelayMs: 5 };
  readers = {
    sdk: createClient({ node: stub.url, auth: { mode: 'basic', username: READER, password: PASSWORD }, requestTimeoutMs: 5_000, retry }) as unknown as DlsReaderClient & { close(): Promise<void> },
    raw: new Client({ node: stub.url, auth: { username: READER, password: PASSWORD }, maxRetries: 2, requestTimeout: 5_000 }),
  };
  compareClients = {
    sdk: {
      ref: createClient({ node: stub.url, auth: { mode: 'basic', username: READER, password: PASSWORD }, requestTimeoutMs: 5_000, retry }),
      sub: createClient({ node: stub.url, auth: { mode: 'basic', username: SUBJECT, password: SUBJECT_PASSWORD }, requestTimeoutMs: 5_000, retry }),
    },
    raw: {
      ref: new Client({ node: stub.url, auth: { username: READER, password: PASSWORD }, maxRetries: 2, requestTimeout: 5_000 }),
      sub: new Client({ node: stub.url, auth: { username: SUBJECT, password: SUBJECT_PASSWORD }, maxRetries: 2, requestTimeout: 5_000 }),
    },
  };
});

after(async () => {
  await readers.sdk.close();
  await readers.raw.close();
  for (const pair of Object.values(compareClients)) {
    await pair.ref.close();
    await pair.sub.close();
  }
  await stub.close();
});

const SEEDS = Array.from({ length: 120 }, (_, i) => 5000 + i);

describe('server-truth DLS against hostile and partial servers (seeded)', () => {
  test(`V1-V5 over ${SEEDS.length} seeds, each with hostile and neutral words`, async () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const hostile = await runDls(seed, HOSTILE_WORDS);
      const neutral = await runDls(seed, NEUTRAL_WORDS);
      assert.deepEqual(hostile, neutral, `seed ${seed}: hostile words changed the outcome (V5)`);
      for (const m of generate(seed).modes) seen.add(m);
    }
    // the generator reaches every mode (a bound on the work, not on time)
    for (const m of ['honest', ...DLS_MODES]) assert.ok(seen.has(m), `mode ${m} never generated`);
  });
});

describe('compareAccess against hostile and partial servers (seeded)', () => {
  test(`V2-V5 over ${SEEDS.length} seeds, each with hostile and neutral words`, async () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const hostile = await runCompare(seed, HOSTILE_WORDS);
      const neutral = await runCompare(seed, NEUTRAL_WORDS);
      assert.deepEqual(hostile, neutral, `seed ${seed}: hostile words changed the outcome (V5)`);
      const c = generate(seed);
      seen.add(c.refMode).add(c.subMode);
    }
    for (const m of ['honest', ...COMPARE_MODES]) assert.ok(seen.has(m), `compare mode ${m} never generated`);
  });
});

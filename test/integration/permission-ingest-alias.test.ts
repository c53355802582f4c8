/**
 * Seeded differential of checkPermission (local path) against the REAL node for writes that go through ingest
 * pipelines and through aliases: each generated request is judged by checkPermission, then sent as the user; a decided
 * verdict must equal what the plugin does (403 / an item refused inside the answer = refused; anything else = allowed),
 * an undecided one must say why. The node of the local domain has no ingest processors (its distribution has no
 * ingest-common module), so its pipelines are empty (`processors: []`: the document passes unchanged) or missing (the
 * write fails with 400 after the top-level checks, before index creation and the shard-level `bulk[s]`); a pipeline
 * with processors is judged from OpenSearch's IngestService and the unit tests. Shapes:
 * - `index.default_pipeline` / `index.final_pipeline` on an index, on a v2 or v1 template of a fresh index, on the
 *   write index of an alias, and a date-math name (the node resolves pipelines by the name as written: none apply);
 * - the request's `pipeline` (`_none`, empty, missing), a bulk line's `pipeline` and the bulk's `?pipeline`, on index,
 *   create and update items (an upsert takes the line's or bulk's pipeline, `doc_as_upsert` the index's only);
 * - aliases with a write index, without one (several members; one member with `is_write_index: false`), with one
 *   member, filtered; documents adding a field (the mapping update is checked on the write index).
 * Knobs: IPA_SEED (default 1), IPA_REQUESTS (default 150), IPA_VERBOSE (print every undecided request).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission } from '../../src/explain/check-permission.js';
import type { RequestDescription } from '../../src/explain/request-actions.js';
import { resolveDateMath } from '../../src/fgac/date-math.js';
import { loadConnection } from '../domain/connection.js';
import { performAs } from '../support/plugin-outcome.js';
import { deleteRoleUsers, localBasicClients, patchSecurity, quickHash, restCaller } from '../support/local-clients.js';
import { afterConflicts } from '../support/settle.js';
import { Rng } from '../support/seeded-rng.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection();
const { make, master, closeAll } = localBasicClients(conn);
const rest = restCaller(master);
const SEED = Number(process.env.IPA_SEED ?? 1);
const REQUESTS = Number(process.env.IPA_REQUESTS ?? 150);
const rng = new Rng(SEED);
const PASSWORD = testPassword('ipareview');
const HASH = quickHash(PASSWORD);

// a date-math name resolves with the node's clock: keep the run away from a day change in UTC
const toMidnight = (): number => 86_400_000 - (Date.now() % 86_400_000);
if (toMidnight() < 6 * 60_000) await new Promise((r) => setTimeout(r, toMidnight() + 5_000));
const DM = '<ipa-dm-{now/d}>';
const dmResolved = resolveDateMath(DM);
if (dmResolved.kind !== 'resolved') throw new Error(`${DM}: ${dmResolved.kind}`);
const DM_INDEX = dmResolved.name;

const EMPTY = 'ipa-empty';
const MISSING = 'ipa-missing';
/** index -> its pipeline settings (each exists with mapping n: integer, tag: keyword). */
const INDICES: Record<string, Record<string, string>> = {
  'ipa-plain': {},
  'ipa-defmiss': { 'index.default_pipeline': MISSING },
  'ipa-defempty': { 'index.default_pipeline': EMPTY },
  'ipa-finmiss': { 'index.default_pipeline': EMPTY, 'index.final_pipeline': MISSING },
  'ipa-a': {}, 'ipa-b': {}, 'ipa-c': {},
  [DM_INDEX]: { 'index.default_pipeline': MISSING },
};
const ALIASES: Array<{ index: string; alias: string; is_write_index?: boolean; filter?: unknown }> = [
  { index: 'ipa-a', alias: 'ipa-al-w', is_write_index: true }, { index: 'ipa-b', alias: 'ipa-al-w' },
  { index: 'ipa-a', alias: 'ipa-al-nowi' }, { index: 'ipa-b', alias: 'ipa-al-nowi' },
  { index: 'ipa-c', alias: 'ipa-al-one' },
  { index: 'ipa-c', alias: 'ipa-al-false', is_write_index: false },
  { index: 'ipa-b', alias: 'ipa-al-filt', is_write_index: true, filter: { term: { tag: 'a' } } }, { index: 'ipa-a', alias: 'ipa-al-filt' },
  { index: 'ipa-defmiss', alias: 'ipa-al-pipe', is_write_index: true }, { index: 'ipa-plain', alias: 'ipa-al-pipe' },
];
const V2 = { 'ipa-tdef': { patterns: ['ipa-tdef-*'], settings: { 'index.default_pipeline': MISSING } }, 'ipa-tok': { patterns: ['ipa-tok-*'], settings: { 'index.default_pipeline': EMPTY } } };
const V1 = { 'ipa-tv1': { patterns: ['ipa-tv1-*'], settings: { 'index.final_pipeline': MISSING } } };

const all = ['ipa-*'];
const DOC = ['indices:data/write/index', 'indices:data/write/update', 'indices:data/write/delete'];
type Role = { cluster_permissions: string[]; index_permissions: Array<{ index_patterns: string[]; allowed_actions: string[] }> };
const ROLES: Record<string, Role> = {
  // the document actions and index creation, not the shard-level bulk[s]
  'ipa-noshard': { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: all, allowed_actions: [...DOC, 'indices:admin/create'] }] },
  // every write and mapping update, no index creation
  'ipa-nocreate': { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: all, allowed_actions: ['indices:data/write/*', 'indices:admin/mapping/put'] }] },
  // bulk[s] on the write indices ipa-a and ipa-c only
  'ipa-shard-a': { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: all, allowed_actions: [...DOC, 'indices:admin/create'] }, { index_patterns: ['ipa-a', 'ipa-c'], allowed_actions: ['indices:data/write/bulk*'] }] },
  // every write on every index, the mapping update on ipa-a (the write index of ipa-al-w) only
  'ipa-mapping-a': { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: all, allowed_actions: ['indices:data/write/*', 'indices:admin/create'] }, { index_patterns: ['ipa-a'], allowed_actions: ['indices:admin/mapping/put'] }] },
  // everything on ipa-a only
  'ipa-only-a': { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: ['ipa-a'], allowed_actions: ['write', 'indices:admin/create', 'indices:admin/mapping/put'] }] },
  // everything
  'ipa-all': { cluster_permissions: ['indices:data/write/bulk'], index_permissions: [{ index_patterns: all, allowed_actions: ['write', 'indices:admin/create', 'indices:admin/mapping/put'] }] },
};
const user = (role: string): string => `${role}-u`;

const existing = ['ipa-plain', 'ipa-defmiss', 'ipa-defempty', 'ipa-finmiss', 'ipa-a', 'ipa-b', 'ipa-c'];
const aliases = ['ipa-al-w', 'ipa-al-nowi', 'ipa-al-one', 'ipa-al-false', 'ipa-al-filt', 'ipa-al-pipe'];
const ids = ['d1', 'd2', 'm1', 'm2'];
/** A write target: existing, alias, date math, or a fresh name under a template (unique per request). */
function target(n: number): string {
  switch (rng.int(0, 5)) {
    case 0: case 1: return rng.pick(existing);
    case 2: case 3: return rng.pick(aliases);
    case 4: return `${rng.pick(['ipa-tdef', 'ipa-tok', 'ipa-tv1', 'ipa-new'])}-${n}-${rng.int(0, 9)}`;
    default: return DM;
  }
}
const inPath = (name: string): string => (name.startsWith('<') ? encodeURIComponent(name) : name);
const doc = (n: number): Record<string, unknown> => (rng.chance(0.35) ? { n, tag: 'a', [`f${rng.int(0, 3)}`]: 'v' } : { n, tag: rng.pick(['a', 'b']) });
const pipelineParam = (): string => rng.pick(['', '', '', `?pipeline=${EMPTY}`, `?pipeline=${MISSING}`, '?pipeline=_none', '?refresh=true']);

/** One generated write. */
function genRequest(n: number): RequestDescription {
  const index = target(n);
  const id = rng.pick(ids);
  switch (rng.int(0, 9)) {
    case 0: case 1: return { method: 'PUT', path: `/${inPath(index)}/_doc/${id}${pipelineParam()}`, body: doc(n) };
    case 2: return { method: 'POST', path: `/${inPath(index)}/_doc${pipelineParam()}`, body: doc(n) };
    case 3: return { method: 'PUT', path: `/${inPath(index)}/_create/c${n}${pipelineParam()}`, body: doc(n) };
    case 4: return { method: 'DELETE', path: `/${inPath(index)}/_doc/${id}` };
    case 5: return {
      method: 'POST', path: `/${inPath(index)}/_update/${id}`,
      body: rng.pick<Record<string, unknown>>([{ doc: doc(n) }, { doc: doc(n), doc_as_upsert: true }, { doc: { tag: 'b' }, upsert: doc(n) }]),
    };
    default: {
      const items = Array.from({ length: rng.int(1, 3) }, () => {
        const i = target(n);
        const d = rng.pick(ids);
        const line = (action: string, extra: string): string => `{"${action}":{"_index":${JSON.stringify(i)},"_id":"${d}"${extra}}}\n`;
        const itemPipe = rng.pick(['', '', `,"pipeline":"${EMPTY}"`, `,"pipeline":"${MISSING}"`, ',"pipeline":"_none"']);
        switch (rng.int(0, 4)) {
          case 0: case 1: return `${line('index', itemPipe)}${JSON.stringify(doc(n))}\n`;
          case 2: return `${line('create', itemPipe).replace(`"_id":"${d}"`, `"_id":"c${n}-${d}"`)}${JSON.stringify(doc(n))}\n`;
          case 3: return `${line('update', itemPipe)}${JSON.stringify(rng.pick<Record<string, unknown>>([{ doc: doc(n) }, { doc: doc(n), doc_as_upsert: true }, { doc: { tag: 'b' }, upsert: doc(n) }]))}\n`;
          default: return line('delete', '');
        }
      }).join('');
      return { method: 'POST', path: rng.pick(['/_bulk', '/_bulk', `/_bulk?pipeline=${EMPTY}`, `/_bulk?pipeline=${MISSING}`, '/ipa-plain/_bulk']), body: items };
    }
  }
}

const plan = Array.from({ length: REQUESTS }, (_, n) => ({ role: rng.pick(Object.keys(ROLES)), request: genRequest(n) }));

async function cleanUp(): Promise<void> {
  await deleteRoleUsers(master, Object.keys(ROLES), user);
  await rest('DELETE', '/ipa-*?expand_wildcards=all').catch(() => undefined);
  for (const name of Object.keys(V2)) await rest('DELETE', `/_index_template/${name}`).catch(() => undefined);
  for (const name of Object.keys(V1)) await rest('DELETE', `/_template/${name}`).catch(() => undefined);
  await rest('DELETE', `/_ingest/pipeline/${EMPTY}`).catch(() => undefined);
}

/** Resets the documents d1, d2 (present) and m1, m2 (absent) of every existing index. */
async function resetDocuments(): Promise<void> {
  const lines: string[] = [];
  for (const index of Object.keys(INDICES)) {
    for (const id of ['d1', 'd2']) lines.push(JSON.stringify({ index: { _index: index, _id: id, pipeline: '_none' } }), JSON.stringify({ n: 1, tag: 'a' }));
    for (const id of ['m1', 'm2']) lines.push(JSON.stringify({ delete: { _index: index, _id: id } }));
  }
  // the final pipelines still run under _none: those indices get their documents without them
  await rest('PUT', '/ipa-finmiss/_settings', { 'index.final_pipeline': '_none' });
  await rest('POST', '/_bulk?refresh=true', `${lines.join('\n')}\n`);
  await rest('PUT', '/ipa-finmiss/_settings', { 'index.final_pipeline': MISSING });
}

before(async () => {
  await cleanUp();
  await rest('PUT', `/_ingest/pipeline/${EMPTY}`, { processors: [] });
  for (const [index, settings] of Object.entries(INDICES)) {
    await rest('PUT', `/${index}`, { settings: { number_of_shards: 1, number_of_replicas: 0, ...settings }, mappings: { properties: { n: { type: 'integer' }, tag: { type: 'keyword' } } } });
  }
  await rest('POST', '/_aliases', { actions: ALIASES.map((a) => ({ add: a })) });
  for (const [name, t] of Object.entries(V2)) {
    await rest('PUT', `/_index_template/${name}`, { index_patterns: t.patterns, priority: 450, template: { settings: { number_of_replicas: 0, ...t.settings }, mappings: { properties: { n: { type: 'integer' }, tag: { type: 'keyword' } } } } });
  }
  for (const [name, t] of Object.entries(V1)) await rest('PUT', `/_template/${name}`, { index_patterns: t.patterns, order: 5, settings: { number_of_replicas: 0, ...t.settings } });
  await resetDocuments();
  const names = Object.keys(ROLES);
  await afterConflicts(() => patchSecurity(master, 'roles', names.map((name) => ({ op: 'add', path: `/${name}`, value: ROLES[name] }))));
  await afterConflicts(() => patchSecurity(master, 'internalusers', names.map((name) => ({ op: 'add', path: `/${user(name)}`, value: { hash: HASH } }))));
  await afterConflicts(() => patchSecurity(master, 'rolesmapping', names.map((name) => ({ op: 'add', path: `/${name}`, value: { users: [user(name)] } }))));
});

after(async () => {
  try {
    await cleanUp();
  } finally {
    await closeAll();
  }
});

describe(`checkPermission on writes through ingest pipelines and aliases, against the real ${conn.opensearch.version} node`, () => {
  test(`${REQUESTS} generated requests (seed ${SEED}): every decided verdict equals the node, every undecided one says why`, async () => {
    const clients = new Map(Object.keys(ROLES).map((r) => [r, make(user(r), PASSWORD)]));
    const disagreements: string[] = [];
    const silent: string[] = [];
    const counts = { agree: 0, undecided: 0, allowed: 0, refused: 0 };
    for (const [at, { role, request }] of plan.entries()) {
      const client = clients.get(role);
      assert.ok(client !== undefined);
      // each request meets the documents it was generated for (d1, d2 present; m1, m2 absent)
      if (at % 10 === 0) await resetDocuments();
      const c = await checkPermission(client, request, { admin: master, mode: 'local', pluginVersion: conn.opensearch.version });
      const server = await performAs(client, request);
      const label = `${role} ${request.method} ${request.path} ${typeof request.body === 'string' ? request.body.replace(/\n/g, '\\n') : JSON.stringify(request.body)}`;
      if (server.allowed) counts.allowed++;
      else counts.refused++;
      if (c.allowed === null) {
        counts.undecided++;
        if ((c.reason ?? '') === '') silent.push(label);
        if (process.env.IPA_VERBOSE !== undefined) console.log(`undecided: ${label}: ${(c.reason ?? '').slice(0, 300)}`);
        continue;
      }
      if (c.allowed !== server.allowed) {
        disagreements.push(`${label}: sdk ${String(c.allowed)} (missing ${c.missingPrivileges.join(', ')}), node ${String(server.allowed)} ${server.status} (${server.named.join(', ')})`);
        continue;
      }
      counts.agree++;
    }
    console.log(`ipa seed ${SEED}: ${counts.agree} agree, ${disagreements.length} disagree, ${counts.undecided} undecided; node ${counts.allowed} allowed / ${counts.refused} refused`);
    for (const d of disagreements) console.log(`disagree: ${d}`);
    assert.deepEqual(disagreements, []);
    assert.deepEqual(silent, []);
    assert.ok(counts.refused >= 10 && counts.allowed >= 10, 'both verdicts are exercised');
    assert.ok(counts.agree >= REQUESTS / 2, `most requests are decided (${counts.agree} of ${REQUESTS})`);
  });
});

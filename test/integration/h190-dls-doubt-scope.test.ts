/**
 * What the node builds beside a matching role stays a match (helper 190), on the 2.19 node (3.4 with
 * FGAC_DOMAIN_DIR=.local-domain/opensearch-3). Measured, 2.19.4: date math from a date (`2024-01-01||+1M`,
 * `2024-06-01||/d`), a built-in analyzer (`standard`) and a byte field given 300 (matches nothing: byte and short read
 * query values as integers) are built; date math from `now` ("could not read the current timestamp": a DLS query has
 * no current time), `2024-01-01||-30x`, an analyzer the index lacks, a byte given 3e9 and a float given 1e39 fail the
 * search. The evaluator (with the index's mapping and without one) must agree: "match" for document 1 when the node
 * shows it (before: unverifiable for date math, the analyzer and the byte), never "match" when it does not.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import bcrypt from 'bcryptjs';
import { evaluateDlsQueries, fieldTypesFromMapping, type FieldTypes } from '../../src/verify/dls/index.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, restAnswer, restCaller } from '../support/local-clients.js';
import { afterConflicts } from '../support/settle.js';

const conn = loadConnection();
const { make, master, closeAll } = localBasicClients(conn);
const rest = restCaller(master);
const PASSWORD = 'H190-dls!Scope#7wP';
const IDX = 'h190-doubt-scope';
const U = 'h190-doubt-scope';
const OK = { term: { public: true } };
const DOCS: Record<string, unknown> = {
  '1': { public: true, ts: '2024-05-01T00:00:00Z', t: 'hello world', lvl: 5, x: 1.5 },
  '2': { public: false, ts: '2024-06-01T00:00:00Z', t: 'bye', lvl: 7, x: 2.5 },
};
const patch = (type: string, ops: unknown[]): Promise<void> => afterConflicts(() => master.transport.request({ method: 'PATCH', path: `/_plugins/_security/api/${type}`, body: ops as never }));

/** Each clause with whether the node builds it (shows document 1 beside the matching role). */
const CLAUSES: Array<[string, unknown, boolean]> = [
  ['range now-30d', { range: { ts: { gte: 'now-30d' } } }, false],
  ['range now/d', { range: { ts: { lte: 'now/d' } } }, false],
  ['range 2024-01-01||/d', { range: { ts: { lte: '2024-06-01||/d' } } }, true],
  ['range 2024-01-01||+1M', { range: { ts: { gte: '2024-01-01||+1M' } } }, true],
  ['match analyzer standard', { match: { t: { query: 'hello', analyzer: 'standard' } } }, true],
  ['term byte 300', { term: { lvl: 300 } }, true],
  ['range 2024-01-01||-30x', { range: { ts: { gte: '2024-01-01||-30x' } } }, false],
  ['match analyzer the index lacks', { match: { t: { query: 'hello', analyzer: 'h190nosuch' } } }, false],
  ['term byte 3e9', { term: { lvl: 3e9 } }, false],
  ['term float 1e39', { term: { x: 1e39 } }, false],
];

let fieldTypes: FieldTypes;

before(async () => {
  await rest('DELETE', `/${IDX}`).catch(() => undefined);
  await rest('PUT', `/${IDX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { public: { type: 'boolean' }, ts: { type: 'date' }, t: { type: 'text' }, lvl: { type: 'byte' }, x: { type: 'float' } } } });
  await rest('POST', `/${IDX}/_bulk?refresh=true`, Object.entries(DOCS).map(([id, d]) => `${JSON.stringify({ index: { _id: id } })}\n${JSON.stringify(d)}\n`).join(''));
  fieldTypes = fieldTypesFromMapping((await rest('GET', `/${IDX}`)).body);
  await patch('internalusers', [{ op: 'add', path: `/${U}`, value: { hash: bcrypt.hashSync(PASSWORD, 4), backend_roles: [] } }]);
  await patch('roles', [{ op: 'add', path: `/${U}-ok`, value: { index_permissions: [{ index_patterns: [IDX], allowed_actions: ['read'], dls: JSON.stringify(OK) }] } }]);
  await patch('rolesmapping', [{ op: 'add', path: `/${U}-ok`, value: { users: [U] } }]);
});

after(async () => {
  await rest('DELETE', `/${IDX}`).catch(() => undefined);
  for (const name of [U, `${U}-ok`]) for (const t of ['rolesmapping', 'roles']) await patch(t, [{ op: 'remove', path: `/${name}` }]).catch(() => undefined);
  await patch('internalusers', [{ op: 'remove', path: `/${U}` }]).catch(() => undefined);
  await closeAll();
});

describe(`a clause the node builds beside a matching role (${conn.opensearch.version})`, () => {
  test('the evaluator answers what the node shows for document 1', async () => {
    const user = make(U, PASSWORD);
    const wrong: string[] = [];
    for (const [name, clause, built] of CLAUSES) {
      const role = JSON.stringify(clause);
      await patch('roles', [{ op: 'add', path: `/${U}`, value: { index_permissions: [{ index_patterns: [IDX], allowed_actions: ['read'], dls: role }] } }]);
      await patch('rolesmapping', [{ op: 'add', path: `/${U}`, value: { users: [U] } }]);
      const s = await restAnswer(user, 'POST', `/${IDX}/_search`, { query: { match_all: {} } });
      const shown = s.status === 200 && (s.body as { hits: { hits: Array<{ _id: string }> } }).hits.hits.some((h) => h._id === '1');
      if (shown !== built) wrong.push(`${name}: node ${s.status} ${shown ? 'shows' : 'hides'} doc 1 ${JSON.stringify(s.body).slice(0, 400)}`);
      for (const types of [fieldTypes, undefined]) {
        const v = evaluateDlsQueries([role, JSON.stringify(OK)], DOCS['1'], { id: '1', index: IDX, pluginVersion: conn.opensearch.version, ...(types ? { fieldTypes: types } : {}) });
        if ((v.result === 'match') !== shown) wrong.push(`${name} ${types ? 'with' : 'without'} the mapping: SDK ${v.result} (${v.reason ?? ''}), node ${shown ? 'shows' : 'hides'} doc 1`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});

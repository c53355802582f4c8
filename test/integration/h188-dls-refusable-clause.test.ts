/**
 * A DLS clause the node may refuse beside a matching sibling, on the real node (2.19 by default, 3.4 with
 * FGAC_DOMAIN_DIR=.local-domain/opensearch-3), helper 188. One index (integer n, date d, keyword k, text t, boolean
 * FlightDelay), one user whose role's DLS puts the clause in a should beside {match: {FlightDelay: true}} (or a second
 * role holds that match). For each case the user's search and get of each document are compared with the evaluator's
 * verdict (with the index's mapping, and without one): never "match" for a document the node does not show, never "no
 * match" for one it shows. Measured: 2.19.4 fails search, count and get (400 for a clause it cannot build, 500 for one
 * it cannot parse); 3.4.0 the same for a clause it cannot build, while a role whose DLS does not parse shows nothing
 * (and beside another role, that role's documents). Before the fix the evaluator answered "match" for document 1.
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
const PASSWORD = 'H188-dls!Refuse#4kQ';
const IDX = 'h188-refusable';
const U = 'h188-refusable';
const OK = { match: { FlightDelay: true } };
const DOCS: Record<string, unknown> = { '1': { FlightDelay: true, n: 5, d: '2020-01-01', k: 'a', t: 'hello world' }, '2': { FlightDelay: false, n: 7, d: '2021-01-01', k: 'b', t: 'bye' } };
const patch = (type: string, ops: unknown[]): Promise<void> => afterConflicts(() => master.transport.request({ method: 'PATCH', path: `/_plugins/_security/api/${type}`, body: ops as never }));

const CLAUSES: Record<string, unknown> = {
  'regexp on an integer': { regexp: { n: 'a.*' } },
  'regexp that does not compile': { regexp: { k: '[' } },
  'match fuzziness the node cannot read': { match: { t: { query: 'hello', fuzziness: 'bogus' } } },
  'match_phrase with an unknown parameter': { match_phrase: { t: { query: 'hello', bogus: 1 } } },
  'nested without path': { nested: { query: { match_all: {} } } },
  'query_string that does not parse': { query_string: { query: 'a AND (' } },
  'constant_score over a string term on an integer': { constant_score: { filter: { term: { n: 'abc' } } } },
  'string term on an integer': { term: { n: 'abc' } },
  'term beyond an integer': { term: { n: 99999999999 } },
  'prefix on an integer': { prefix: { n: '5' } },
  'range bound that is no date': { range: { d: { gte: 'xyz' } } },
  'a field the index does not map (the node builds it)': { term: { nosuch: 'x' } },
};
const POSITIONS: Record<string, (x: unknown) => { role: string; other: boolean }> = {
  should: (x) => ({ role: JSON.stringify({ bool: { should: [OK, x] } }), other: false }),
  'second role': (x) => ({ role: JSON.stringify(x), other: true }),
};

let fieldTypes: FieldTypes;

before(async () => {
  await rest('DELETE', `/${IDX}`).catch(() => undefined);
  await rest('PUT', `/${IDX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { FlightDelay: { type: 'boolean' }, n: { type: 'integer' }, d: { type: 'date' }, k: { type: 'keyword' }, t: { type: 'text' } } } });
  await rest('POST', `/${IDX}/_bulk?refresh=true`, Object.entries(DOCS).map(([id, d]) => `${JSON.stringify({ index: { _id: id } })}\n${JSON.stringify(d)}\n`).join(''));
  fieldTypes = fieldTypesFromMapping((await rest('GET', `/${IDX}`)).body);
  await patch('internalusers', [{ op: 'add', path: `/${U}`, value: { hash: bcrypt.hashSync(PASSWORD, 4), backend_roles: [] } }]);
  await patch('roles', [{ op: 'add', path: `/${U}-ok`, value: { index_permissions: [{ index_patterns: [IDX], allowed_actions: ['read'], dls: JSON.stringify(OK) }] } }]);
});

after(async () => {
  await rest('DELETE', `/${IDX}`).catch(() => undefined);
  for (const name of [U, `${U}-ok`]) for (const t of ['rolesmapping', 'roles']) await patch(t, [{ op: 'remove', path: `/${name}` }]).catch(() => undefined);
  await patch('internalusers', [{ op: 'remove', path: `/${U}` }]).catch(() => undefined);
  await closeAll();
});

describe(`a clause the node may refuse beside a matching sibling (${conn.opensearch.version})`, () => {
  test('the evaluator never contradicts what the node shows', async () => {
    const user = make(U, PASSWORD);
    const wrong: string[] = [];
    for (const [name, clause] of Object.entries(CLAUSES)) {
      for (const [pos, place] of Object.entries(POSITIONS)) {
        const { role, other } = place(clause);
        await patch('roles', [{ op: 'add', path: `/${U}`, value: { index_permissions: [{ index_patterns: [IDX], allowed_actions: ['read'], dls: role }] } }]);
        await patch('rolesmapping', [{ op: 'add', path: `/${U}`, value: { users: [U] } }]);
        await patch('rolesmapping', [{ op: 'add', path: `/${U}-ok`, value: { users: other ? [U] : [] } }]);
        const s = await restAnswer(user, 'POST', `/${IDX}/_search`, { query: { match_all: {} } });
        const shown = new Set(s.status === 200 ? (s.body as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((h) => h._id) : []);
        const queries = other ? [role, JSON.stringify(OK)] : [role];
        for (const id of Object.keys(DOCS)) {
          // get answers as search does: the document, or a failure / not found
          const g = await restAnswer(user, 'GET', `/${IDX}/_doc/${id}`);
          const got = g.status === 200 && (g.body as { found?: boolean }).found === true;
          if (got !== shown.has(id)) wrong.push(`${name}, ${pos}, doc ${id}: search ${s.status} shows ${shown.has(id)}, get ${g.status}`);
          for (const types of [fieldTypes, undefined]) {
            const v = evaluateDlsQueries(queries, DOCS[id], { id, index: IDX, pluginVersion: conn.opensearch.version, ...(types ? { fieldTypes: types } : {}) });
            if (v.result === 'match' && !shown.has(id)) wrong.push(`${name}, ${pos}, doc ${id} ${types ? 'with' : 'without'} the mapping: SDK match, node ${s.status} hides it`);
            if (v.result === 'no-match' && shown.has(id)) wrong.push(`${name}, ${pos}, doc ${id} ${types ? 'with' : 'without'} the mapping: SDK no-match (${v.reason ?? ''}), node shows it`);
          }
        }
      }
    }
    assert.deepEqual(wrong, []);
  });
});

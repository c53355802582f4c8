/**
 * A secret-named field whose value the mapping cannot take: the node's answer previews the value (`failed to parse
 * field [password] of type [long] ... Preview of field's value: 'S'`) and repeats it in `caused_by` (`For input
 * string: "S"`). The typed error of createClient and ingest's outcome show neither (2.19.4 by default; 3.4.0 with
 * FGAC_DOMAIN_DIR=/var/tmp/d34). Index `p34-preview`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { loadConnection } from '../domain/connection.js';
import { ingest } from '../../src/ingest/ingest.js';
import { localBasicClients, restCaller } from '../support/local-clients.js';

const conn = loadConnection();
const clients = localBasicClients(conn);
const rest = restCaller(clients.master);
const INDEX = 'p34-preview';
const SECRET = 'Zq7xSecr3tValue';

before(async () => {
  await rest('DELETE', `/${INDEX}`).catch(() => undefined);
  await rest('PUT', `/${INDEX}`, { mappings: { properties: { password: { type: 'long' }, user: { properties: { api_key: { type: 'integer' } } } } } });
});

after(async () => {
  await rest('DELETE', `/${INDEX}`).catch(() => undefined);
  await clients.closeAll();
});

test("the node previews the value; the SDK's typed error shows it nowhere", async () => {
  for (const document of [{ password: SECRET }, { user: { api_key: SECRET } }]) {
    const err = await clients.master.index({ index: INDEX, body: document }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Error, 'the node refused the document');
    const raw = (err as { meta?: { statusCode?: number } }).meta?.statusCode;
    assert.equal(raw, 400);
    const shown = [err.message, String(err.stack), JSON.stringify(err), inspect(err, { depth: 8 }), JSON.stringify((err as { meta?: unknown }).meta)].join('\n');
    assert.ok(shown.includes("Preview of field's value: '[REDACTED]'"), 'the node previewed the value (the shape this test is about)');
    assert.ok(!shown.includes(SECRET), `the value is shown: ${shown.slice(shown.indexOf(SECRET) - 80, shown.indexOf(SECRET) + 40)}`);
  }
});

test("ingest's outcome of such a record names the field, not the value", async () => {
  const report = await ingest(clients.master, [{ index: INDEX, id: 'p1', document: { password: SECRET } }]);
  assert.equal(report.stats.failed, 1);
  const shown = JSON.stringify(report) + inspect(report, { depth: 8 });
  assert.ok(shown.includes('password'), shown.slice(0, 400));
  assert.ok(!shown.includes(SECRET), shown);
});

/**
 * User attributes with unusual keys (FX8), asked of the REAL node (2.19 by default, 3.4 with FGAC_DOMAIN_DIR):
 * internal users whose attributes have dotted, dashed, unicode, spaced, `}`-holding keys and keys two of which give one
 * `_` spelling (`a.b` and `a_b`), roles whose DLS and index patterns reference them. The plugin replaces `${user.name}`
 * first, then each attribute (`${attr.internal.<key>}` and its all-`_` spelling) in HashMap order, by plain text. The
 * SDK's DLS verdict per document must equal the node's or be unverifiable, never the opposite; where the plugin's
 * order decides, the SDK judges nothing (DLS unverifiable, index pattern undecided: checkPermission null).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDls } from '../../src/verify/index.js';
import { checkPermission } from '../../src/explain/check-permission.js';
import { loadConnection } from '../domain/connection.js';
import { localBasicClients, quickHash, restCaller } from '../support/local-clients.js';
import { testPassword } from '../support/test-password.js';

const conn = loadConnection(process.env.FGAC_DOMAIN_DIR ? `${process.env.FGAC_DOMAIN_DIR}/connection.json` : undefined);
const version = conn.opensearch.version;
const { make, master, closeAll } = localBasicClients(conn);
const rest = restCaller(master);
const S = '/_plugins/_security/api';
const IDX = 'fx8-docs';
const IP = ['fx8-ip-x1', 'fx8-ip-x2', 'fx8-ip-vc'];
const PASSWORD = testPassword('Fxeight');
const DOCS: Record<string, string> = { x1: 'x1', x2: 'x2', va: 'va', vab: 'vab', vkd: 'vkd', vu: 'vu', vsp: 'vsp', vc: 'vc', nl: 'a\nb', lit: '${attr.internal.c}x}', vax: 'vax}' };
const term = (v: string): string => `{"term":{"k":"${v}"}}`;
interface Case { id: string; attrs: Record<string, string>; dls: string; pattern?: string; fixed?: boolean }
const CASES: Case[] = [
  { id: 'dot', attrs: { 'a.b': 'x1' }, dls: term('${attr.internal.a.b}') },
  { id: 'underscore', attrs: { 'a.b': 'x1' }, dls: term('${attr_internal_a_b}'), pattern: 'fx8-ip-${attr_internal_a_b}' },
  { id: 'prefix', attrs: { a: 'va', ab: 'vab' }, dls: term('${attr.internal.ab}') },
  { id: 'dash', attrs: { 'k-d': 'vkd' }, dls: term('${attr.internal.k-d}') },
  { id: 'unicode', attrs: { 'ü': 'vu' }, dls: term('${attr.internal.ü}') },
  { id: 'space', attrs: { 's p': 'vsp' }, dls: term('${attr.internal.s p}') },
  { id: 'backslash', attrs: { bs: 'a\\nb' }, dls: term('${attr.internal.bs}') },
  // found here: the SDK read `${attr.internal.c}` and left `x}` (2.x: a definite no-match for the node's document)
  { id: 'brace', attrs: { 'c}x': 'vc' }, dls: term('${attr.internal.c}x}'), pattern: 'fx8-ip-${attr.internal.c}x}', fixed: true },
  // found here: `a.b` and `a_b` both give `${attr_internal_a_b}`; the SDK took the last one, the node one by its own order
  { id: 'clash', attrs: { 'a.b': 'x1', a_b: 'x2' }, dls: term('${attr_internal_a_b}'), pattern: 'fx8-ip-${attr_internal_a_b}', fixed: true },
  { id: 'overlap', attrs: { 'c}x': 'vc', c: 'va' }, dls: term('${attr.internal.c}x}'), pattern: 'fx8-ip-${attr.internal.c}x}', fixed: true },
];
const userOf = (c: Case): string => `fx8-${c.id}`;

const removeAll = async (): Promise<void> => {
  for (const c of CASES) {
    await rest('DELETE', `${S}/rolesmapping/${userOf(c)}`).catch(() => undefined);
    await rest('DELETE', `${S}/internalusers/${userOf(c)}`).catch(() => undefined);
    await rest('DELETE', `${S}/roles/${userOf(c)}`).catch(() => undefined);
  }
  await rest('DELETE', `/${[IDX, ...IP].join(',')}?ignore_unavailable=true`).catch(() => undefined);
};

before(async () => {
  await removeAll();
  for (const i of [IDX, ...IP]) await rest('PUT', `/${i}`, { settings: { number_of_replicas: 0 }, mappings: { properties: { k: { type: 'keyword' } } } });
  for (const [id, k] of Object.entries(DOCS)) await rest('PUT', `/${IDX}/_doc/${encodeURIComponent(id)}`, { k });
  await rest('POST', `/${IDX}/_refresh`);
  for (const c of CASES) {
    const perms = [{ index_patterns: [IDX], allowed_actions: ['read'], dls: c.dls }, ...(c.pattern ? [{ index_patterns: [c.pattern], allowed_actions: ['read'] }] : [])];
    await rest('PUT', `${S}/roles/${userOf(c)}`, { index_permissions: perms });
    await rest('PUT', `${S}/internalusers/${userOf(c)}`, { hash: quickHash(PASSWORD), attributes: c.attrs });
    await rest('PUT', `${S}/rolesmapping/${userOf(c)}`, { users: [userOf(c)] });
  }
});

after(async () => {
  await removeAll();
  await closeAll();
});

const attributesOf = (c: Case): Record<string, string> => Object.fromEntries(Object.entries(c.attrs).map(([k, v]) => [`attr.internal.${k}`, v]));

describe(`user attributes with unusual keys on ${version}`, () => {
  for (const c of CASES) {
    test(`${c.id}: DLS ${c.dls} with ${JSON.stringify(c.attrs)}: the SDK's verdict per document is the node's or unverifiable`, async () => {
      const client = make(userOf(c), PASSWORD);
      const info = (await client.transport.request({ method: 'GET', path: '/_plugins/_security/authinfo' })).body as { custom_attribute_names: string[] };
      assert.deepEqual([...info.custom_attribute_names].sort(), Object.keys(attributesOf(c)).sort(), 'the plugin names an internal attribute attr.internal.<key>, dots and all');
      const res = await client.search({ index: IDX, body: { size: 100 } });
      const seen = new Set((res.body.hits.hits as { _id: string }[]).map((h) => h._id));
      assert.ok(seen.size > 0, 'the node substitutes the attribute (one document matches)');
      const user = { name: userOf(c), attributes: attributesOf(c) };
      let decided = 0;
      for (const [id, k] of Object.entries(DOCS)) {
        const r = evaluateDls(c.dls, { k }, { user, pluginVersion: version, fieldTypes: { k: 'keyword' } });
        if (r.result === 'unverifiable') continue;
        decided++;
        assert.equal(r.result === 'match', seen.has(id), `${id}: SDK ${r.result}, node ${seen.has(id) ? 'returned' : 'hid'} it`);
      }
      if (!c.fixed) assert.equal(decided, Object.keys(DOCS).length, 'a plain key is judged');
    });
  }
  for (const c of CASES.filter((x) => x.pattern !== undefined)) {
    test(`${c.id}: index pattern ${c.pattern}: checkPermission (local) equals the node or is null`, async () => {
      const client = make(userOf(c), PASSWORD);
      for (const index of IP) {
        let status: number;
        try {
          status = (await client.transport.request({ method: 'GET', path: `/${index}/_search` })).statusCode ?? 0;
        } catch (e) {
          status = (e as { meta?: { statusCode?: number } }).meta?.statusCode ?? -1;
        }
        const check = await checkPermission(client, { method: 'GET', path: `/${index}/_search` }, { admin: master, mode: 'local' });
        if (c.fixed) assert.notEqual(check.allowed, status !== 200, `${index}: the node answered ${status}, the SDK ${String(check.allowed)}`);
        else assert.equal(check.allowed, status === 200, `${index}: the node answered ${status}`);
      }
    });
  }
});

/**
 * The one masked-field parser (fgac/masked-field.ts, behind security/'s parseMaskedFieldExpression and
 * verify/'s parseMaskedField) agrees with the REAL security plugin: a scratch role (p1-mask-role) is PUT
 * with each expression, and the roles API's verdict (created, or `Wrong datatype` with the message) must
 * equal the SDK's (2.x and 3.x alike: the dialect follows the node's version); every MessageDigest name of the
 * digest catalogue (either generation's) and the `OID.` form of each object identifier must get the verdict the
 * catalogue gives for this node's generation.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { loadConnection } from '../domain/connection.js';
import { pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { analyzeMaskedField, maskedFieldErrorKey } from '../../src/fgac/masked-field.js';
import { digestNames } from '../../src/fgac/digest-catalogue.js';
import { maskValue, parseMaskedField } from '../../src/fgac/masking.js';
import { UnsupportedMaskingError } from '../../src/fgac/errors.js';
import { findDigest } from '../../src/fgac/digest-catalogue.js';
import { quickHash } from '../support/local-clients.js';

const conn = loadConnection();
const master = new Client({ node: conn.opensearch.url, auth: conn.users.master, ssl: { ca: fs.readFileSync(conn.caFile) }, maxRetries: 0 });
const ROLE = 'p1-mask-role';
const MASK_ROLE = 'p1-mask-digests-role';
const MASK_USER = 'p1-mask-digests-user';
const MASK_PASSWORD = 'P1-digests!Vx83#qLm';
const MASK_INDEX = 'p1-mask-digests';
const MAJOR = pluginMajorVersion(conn.opensearch.version) ?? 2;
const DIALECT = MAJOR >= 3 ? 'v3' : 'v2';

/** What the roles API answers for an entry it rejects without a message (3.x: `/` fails a precondition). */
const NO_MESSAGE = '<the plugin reports no message>';

/** The server's verdict on one masked_fields entry: null when accepted, else the message it reports. */
async function serverVerdict(expression: string, attempt = 0): Promise<string | null> {
  try {
    await master.transport.request({
      method: 'PUT',
      path: `/_plugins/_security/api/roles/${ROLE}`,
      body: { index_permissions: [{ index_patterns: ['p1-mask-nothing'], masked_fields: [expression], allowed_actions: ['read'] }] },
    });
    return null;
  } catch (e) {
    const meta = (e as { meta?: { statusCode?: number; body?: Record<string, unknown> } }).meta;
    // The roles live in one document: a concurrent write to any role (another test) is a version conflict.
    if (meta?.statusCode === 409 && attempt < 10) {
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      return serverVerdict(expression, attempt + 1);
    }
    assert.equal(meta?.statusCode, 400, `${expression}: ${String(e)}`);
    assert.ok(meta?.body !== undefined && maskedFieldErrorKey(expression) in meta.body, `${expression}: ${JSON.stringify(meta?.body)}`);
    const message = meta.body[maskedFieldErrorKey(expression)];
    if (message === null) return NO_MESSAGE;
    assert.equal(typeof message, 'string', `${expression}: ${JSON.stringify(meta?.body)}`);
    return message as string;
  }
}

/** The SDK's verdict: null when the plugin accepts the entry (per the one parser), else the plugin's message. */
function sdkVerdict(expression: string): string | null {
  const a = analyzeMaskedField(expression, { dialect: DIALECT });
  const verify = ((): string | null => {
    try {
      parseMaskedField(expression, { pluginVersion: conn.opensearch.version });
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  })();
  // An entry the plugin rejects with no message: the SDK rejects it and says its text is not the plugin's.
  const validate = a.rejected ? a.rejected.serverMessage ?? (a.rejected.exact ? a.rejected.message : NO_MESSAGE) : null;
  assert.equal(verify, a.rejected ? a.rejected.serverMessage ?? a.rejected.message : null, `${expression}: verification and validation disagree`);
  return validate;
}

const EXPRESSIONS = [
  'Dest', 'Dest::SHA-256', 'Dest::/a{/::x', 'Dest::SHA-512(224)', 'Dest::SHA512224', 'Dest::HARAKA-256', 'Dest::HARAKA-512', 'Dest::SHA-512224',
  'Dest::OID.1.2.840.113549.2.5', 'Dest::OID.1.3.36.3.2.1', 'Dest::NOPE', 'Dest::', 'Dest::a::b::c', 'Dest::/(/::x', 'Dest::/)/::x', 'Dest::/a*+(/::x',
  'Dest::/a*+/::x', 'Dest::/\\p{InFoo}/::x', 'Dest::/(a/::x::/b{/::y', 'Dest::/a{/::x::/(/::y', 'Dest::xa{y::z', 'Dest::x::y', 'Dest::::y',
  'Dest::/.*/::$9', 'Dest::/x/::$9', 'Dest::/.*/::${n}', 'Dest::/\\k<x>/::y', 'Dest::/[]/::y', 'Dest::/(?z)/::y', 'Dest::/x{99999999999}/::y',
  'Dest::/\\x{110000}/::y', 'Dest::/\\p{IsFoo}/::y', 'Dest::/[[a]/::y', 'Dest::/(?<n>.)/::${n}', '/[/', 'Dest::/\\d{3}/::XXX::/(.)$/::*$1',
  // field parts that are regexes: 3.x compiles them on PUT (before the rest), 2.x when it evaluates the role
  '/', '//', '/x[/', '/*[/', '/[]/', '/[/::a::b', '/(/::SHA-256', '/[/::NOPE', '/[/::/(/::y', '/\\p{IsFoo}/', '/(?<n>a)\\k<m>/', '/[/ ', 'a/[/',
  // digests one generation has and the other lacks
  'Dest::MD4', 'Dest::RIPEMD-160', 'Dest::KECCAK-256', 'Dest::OID.1.3.6.1.4.1.11591.12.2', 'Dest::PARALLELHASH128',
];

describe(`masked_fields: the SDK's verdict is the ${conn.opensearch.version} plugin's`, () => {
  after(async () => {
    await master.transport.request({ method: 'DELETE', path: `/_plugins/_security/api/roles/${ROLE}` }).catch(() => undefined);
    for (const path of [`/_plugins/_security/api/rolesmapping/${MASK_ROLE}`, `/_plugins/_security/api/internalusers/${MASK_USER}`,
      `/_plugins/_security/api/roles/${MASK_ROLE}`, `/${MASK_INDEX}`]) {
      await master.transport.request({ method: 'DELETE', path }).catch(() => undefined);
    }
  });

  test(`${EXPRESSIONS.length} expressions: accepted or rejected with the same message`, async () => {
    const mismatches: string[] = [];
    const undecided: string[] = [];
    for (const e of EXPRESSIONS) {
      const server = await serverVerdict(e);
      const sdk = sdkVerdict(e);
      // Names the JDK looks up in tables JavaScript lacks (Unicode blocks, scripts/properties by JDK version): flagged, not judged.
      if (analyzeMaskedField(e, { dialect: DIALECT }).warnings.some((w) => w.includes('cannot tell whether the JDK accepts it'))) undecided.push(e);
      else if (server !== sdk) mismatches.push(`${e}: server ${JSON.stringify(server)}, SDK ${JSON.stringify(sdk)}`);
    }
    assert.deepEqual(mismatches, []);
    // Unicode blocks are judged now (a table generated from the JDK), so `\p{InFoo}` is refused as the plugin refuses it.
    assert.deepEqual(undecided, []);
  });

  test('every digest name of either generation, and the OID. form of every object identifier: the catalogue\'s verdict for this generation', async () => {
    const names = new Set(digestNames());
    for (const n of [...names]) if (/^\d/.test(n)) names.add(`OID.${n}`);
    assert.ok(names.size > 170);
    const mismatches: string[] = [];
    let accepted = 0;
    for (const name of names) {
      const expected = analyzeMaskedField(`Dest::${name}`, { dialect: DIALECT }).rejected?.message ?? null;
      const server = await serverVerdict(`Dest::${name}`);
      if (server === null) accepted += 1;
      if (server !== expected) mismatches.push(`${name}: server ${JSON.stringify(server)}, SDK ${JSON.stringify(expected)}`);
    }
    assert.deepEqual(mismatches, []);
    // 2.x: every name of its generation but HARAKA-256/512 (its 5-byte probe breaks them); 3.x: all of its generation's
    assert.equal(accepted, digestNames(DIALECT).length - (DIALECT === 'v2' ? 2 : 0));
  });

  test('every digest name this generation accepts masks as maskValue computes it (a mapped user searching a scratch index)', async () => {
    // 2.x refuses HARAKA-256/512 on PUT (its probe is 5 bytes); every other name of this generation is accepted.
    const names = digestNames(DIALECT).filter((n) => findDigest(n, DIALECT)?.fixedInput === undefined);
    const value = 'Zürich 😀 東京';
    const doc = Object.fromEntries(names.map((_, i) => [`d${i}`, value]));
    await master.transport.request({ method: 'PUT', path: `/${MASK_INDEX}`, body: { mappings: { dynamic: false } } });
    await master.index({ index: MASK_INDEX, id: '1', body: doc, refresh: true });
    await master.transport.request({ method: 'PUT', path: `/_plugins/_security/api/roles/${MASK_ROLE}`, body: {
      index_permissions: [{ index_patterns: [MASK_INDEX], allowed_actions: ['read'], masked_fields: names.map((n, i) => `d${i}::${n}`) }],
    } });
    await master.transport.request({ method: 'PUT', path: `/_plugins/_security/api/internalusers/${MASK_USER}`, body: { hash: quickHash(MASK_PASSWORD) } });
    await master.transport.request({ method: 'PUT', path: `/_plugins/_security/api/rolesmapping/${MASK_ROLE}`, body: { users: [MASK_USER] } });
    const user = new Client({ node: conn.opensearch.url, auth: { username: MASK_USER, password: MASK_PASSWORD }, ssl: { ca: fs.readFileSync(conn.caFile) }, maxRetries: 0 });
    let got: Record<string, unknown>;
    try {
      got = ((await user.search({ index: MASK_INDEX })).body.hits.hits[0]?._source ?? {}) as Record<string, unknown>;
    } finally {
      await user.close();
    }
    const wrong: string[] = [];
    const declined: string[] = [];
    for (const [i, name] of names.entries()) {
      const served = got[`d${i}`];
      assert.ok(typeof served === 'string' && served !== value, `${name}: the plugin masked it (${JSON.stringify(served)})`);
      try {
        const mine = maskValue(value, { expression: `d${i}::${name}`, salt: conn.salt, defaultAlgorithm: conn.maskingAlgorithm, pluginVersion: conn.opensearch.version });
        if (mine !== served) wrong.push(`${name}: plugin ${served}, maskValue ${mine}`);
      } catch (e) {
        if (!(e instanceof UnsupportedMaskingError)) throw e;
        declined.push(findDigest(name)?.canonical ?? name);
      }
    }
    assert.deepEqual(wrong, []);
    // declined only where the catalogue says this library cannot compute the digest
    assert.deepEqual([...new Set(declined)].sort(), [...new Set(names.map((n) => findDigest(n)!).filter((d) => !d.computable).map((d) => d.canonical))].sort());
    assert.ok(names.length - declined.length > 60, `${names.length - declined.length} of ${names.length} masks recomputed`);
  });
});

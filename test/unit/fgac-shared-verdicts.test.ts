/**
 * Validation (security/: what users write) and verification (verify/, explain/: what users get back)
 * run the same fgac/ code, so they give the same verdict. Each case is one of the former disagreements:
 * a DLS text with a duplicate key (security/ kept one clause, verify/ said the server rejects it), the
 * plugin version (three parsers: `parseInt`, a regex, another regex) and the role wire shape (three copies).
 * The expected verdicts are the real plugin's (OpenSearch 2.19.4; test/integration/verify-dls.test.ts
 * checks them against the running domain).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDlsText, dlsFailureEffect, DlsParseError, dlsRules, hasDlsQuery, parseDls } from '../../src/fgac/dls.js';
import { substituteUserVariables } from '../../src/fgac/dls-variables.js';
import { parsePluginVersion, pluginMajorVersion } from '../../src/fgac/plugin-version.js';
import { flavourFromRoot } from '../../src/security/compat.js';
import { validateRole, type ApiRole } from '../../src/security/model.js';
import { evaluateDls, prepareDls } from '../../src/verify/dls/index.js';
import { pluginMajor } from '../../src/fgac/masking.js';
import { expectationsFromRoles, type RoleLike } from '../../src/verify/expectations.js';
import { explainPermission, type PermissionRole } from '../../src/explain/index.js';

type Verdict = 'ok' | 'ignored-text' | 'rejected';

/** What security/ says about a role carrying `dls`. */
function validationVerdict(dls: string): Verdict {
  const warnings = validateRole({ index_permissions: [{ index_patterns: ['flights'], dls }] }).warnings.filter((w) => w.path === 'index_permissions[0].dls');
  assert.ok(warnings.length <= 1, dls);
  const message = warnings[0]?.message;
  if (message === undefined) {
    assert.doesNotThrow(() => parseDls(dls), dls);
    return 'ok';
  }
  assert.throws(() => parseDls(dls), DlsParseError, dls);
  if (message.includes('the plugin accepts it on PUT; every search under the role fails')) return 'rejected';
  assert.match(message, /ignores the text after it/, dls);
  return 'ignored-text';
}

/** What verify/ says about the same text. */
function verificationVerdict(dls: string): Verdict {
  const prepared = prepareDls(dls, { pluginVersion: '2.19.4' });
  if (prepared.ok) return 'ok';
  assert.equal(prepared.result.result, 'unverifiable', dls);
  const reason = prepared.result.reason ?? '';
  if (reason.startsWith('the plugin cannot read the DLS query') && reason.endsWith('every search under the role fails')) return 'rejected';
  assert.match(reason, /ignores the text after it/, dls);
  return 'ignored-text';
}

const DLS_CASES: Array<[string, Verdict]> = [
  ['{"term":{"Carrier":"JetBeats"},"term":{"Carrier":"ES-Air"}}', 'rejected'],
  ['{"term":{"Carrier":"JetBeats","Carrier":"ES-Air"}}', 'rejected'],
  ['{"bool":{"should":[{"term":{"Carrier":"JetBeats"}}],"should":[]}}', 'rejected'],
  ['{"term":{"Carrier":"a","Carr\\u0069er":"b"}}', 'rejected'],
  ["{'term':{'Carrier':'JetBeats'}}", 'rejected'],
  ['{"term":{"Carrier":"JetBeats"}', 'rejected'],
  ['[{"term":{"Carrier":"JetBeats"}}]', 'rejected'],
  ['{/* unterminated comment "term":{"Carrier":"JetBeats"}}', 'rejected'],
  ['{"term":{"Carrier":"JetBeats"}} trailing', 'ignored-text'],
  ['{"term":{"Carrier":"JetBeats"}}}', 'ignored-text'],
  ['{"term":{"Carrier":"JetBeats"}} {"term":{"Carrier":"ES-Air"}}', 'ignored-text'],
  ['{"term":{"Carrier":"JetBeats"}} // a trailing comment is never read either', 'ignored-text'],
  ['{/* c */"term":{"Carrier":"JetBeats"}}', 'ok'],
  ['{"term": // c\n {"Carrier":"JetBeats"}}', 'ok'],
  ['{"bool":{"should":[{"term":{"Carrier":"JetBeats"}},{"term":{"Carrier":"ES-Air"}}]}}', 'ok'],
  ['  {"term":{"Carrier":"JetBeats"}}\n', 'ok'],
];

describe('DLS text: role validation and response verification give the same verdict', () => {
  test(`${DLS_CASES.length} texts: security validateRole/parseDls, verify prepareDls and fgac checkDlsText agree`, () => {
    for (const [dls, expected] of DLS_CASES) {
      assert.equal(checkDlsText(dls, { rawVariables: true }).status, expected, dls);
      assert.equal(validationVerdict(dls), expected, `validation of ${dls}`);
      assert.equal(verificationVerdict(dls), expected, `verification of ${dls}`);
    }
  });

  test('a duplicate term key no longer keeps one clause silently: both sides refuse it, and evaluation never passes', () => {
    const dls = '{"term":{"Carrier":"JetBeats"},"term":{"Carrier":"ES-Air"}}';
    assert.throws(() => parseDls(dls), /duplicate key "term"/);
    const r = evaluateDls(dls, { Carrier: 'ES-Air' }, { fieldTypes: { Carrier: 'keyword' } });
    assert.equal(r.result, 'unverifiable');
    assert.match(r.reason ?? '', /cannot read the DLS query.*duplicate key "term"/);
  });

  test('what an unreadable text does is the version\'s: 2.x fails every search, 3.x ignores a role whose text has no ${ (and fails searches when it has)', () => {
    const constant = '{"term":{"Carrier":"JetBeats"},"term":{"Carrier":"ES-Air"}}';
    const dynamic = '{"term":{"Carrier":"${user.name}"},"term":{"Carrier":"ES-Air"}}';
    assert.deepEqual([dlsFailureEffect(constant, '2.19.4'), dlsFailureEffect(constant, '3.4.0'), dlsFailureEffect(constant, 'unknown')], ['search-fails', 'role-ignored', undefined]);
    assert.deepEqual([dlsFailureEffect(dynamic, '2.19.4'), dlsFailureEffect(dynamic, '3.4.0')], ['search-fails', 'search-fails']);
    const check = checkDlsText(constant, { rawVariables: true, pluginVersion: '3.4.0' });
    assert.equal(check.status === 'rejected' ? check.effect : check.status, 'role-ignored');
    const v3 = validateRole({ index_permissions: [{ index_patterns: ['flights'], dls: constant }] }, { dialect: 'v3' }).warnings;
    assert.match(v3[0]?.message ?? '', /3\.0-3\.5 ignore the whole role for DLS, 3\.6\+ drop this DLS.*pass pluginVersion/);
    const reason = (v: string | undefined): string => { const p = prepareDls(constant, v === undefined ? {} : { pluginVersion: v }); return p.ok ? 'ok' : p.result.reason ?? ''; };
    assert.match(reason('3.4.0'), /ignores the whole role for DLS: it grants no documents/);
    assert.match(reason('2.19.4'), /every search under the role fails$/);
    assert.match(reason(undefined), /pass pluginVersion$/);
  });

  test('3.6+ (CompiledRoles.createDlsQuery, plugin source): an unreadable constant DLS is dropped from its index permission only, which then restricts nothing', () => {
    const constant = '{"term":{"Carrier":"JetBeats"}';
    assert.deepEqual(['3.5.0', '3.6.0', '3.8.0', '4.0.0'].map((v) => dlsFailureEffect(constant, v)), ['role-ignored', 'permission-ignored', 'permission-ignored', 'permission-ignored']);
    assert.equal(dlsRules('3.6.0')?.variables, 'exact');
    assert.equal(dlsRules('3.7.0')?.variables, 'substitutor');
    const role: RoleLike = { index_permissions: [
      { index_patterns: ['flights'], allowed_actions: ['read'], dls: constant },
      { index_patterns: ['flights'], allowed_actions: ['read'], dls: '{"term":{"Dest":"Rome"}}' },
    ] };
    const rules = (v: string) => expectationsFromRoles({ r: role }, 'flights', undefined, { pluginVersion: v }).indices[0]?.rules.map((r) => r.dls ?? null);
    assert.deepEqual(rules('3.8.0'), [null, '{"term":{"Dest":"Rome"}}'], '3.6+: that permission has no DLS, the other keeps its own');
    assert.deepEqual(rules('3.4.0'), [constant, constant], '3.0-3.5: the whole role stands for its unreadable text');
    const warned = validateRole({ index_permissions: [{ index_patterns: ['flights'], dls: constant }] }, { dialect: 'v3', pluginVersion: '3.8.0' }).warnings;
    assert.match(warned[0]?.message ?? '', /\(3\.6\+\) drops this DLS .* sees EVERY document/);
    const old = validateRole({ index_permissions: [{ index_patterns: ['flights'], dls: constant }] }, { dialect: 'v3', pluginVersion: '3.4.0' }).warnings;
    assert.match(old[0]?.message ?? '', /\(3\.0-3\.5\) ignores the whole role/);
  });

  test('white space only: no DLS for 3.x, a query that fails every search for 2.x, unknown version judges nothing', () => {
    for (const blank of [' ', '\n\t ']) {
      assert.equal(hasDlsQuery(blank, '3.4.0'), false);
      assert.equal(hasDlsQuery(blank, '2.19.4'), true);
      assert.equal(hasDlsQuery(blank, undefined), true);
      assert.equal(evaluateDls(blank, { Carrier: 'x' }, { pluginVersion: '3.4.0' }).result, 'match');
      assert.equal(evaluateDls(blank, { Carrier: 'x' }, { pluginVersion: '2.19.4' }).result, 'unverifiable');
      assert.equal(evaluateDls(blank, { Carrier: 'x' }).result, 'unverifiable');
      assert.equal(checkDlsText(blank, { rawVariables: true, pluginVersion: '3.4.0' }).status, 'ok');
      assert.equal(checkDlsText(blank, { rawVariables: true, pluginVersion: '2.19.4' }).status, 'rejected');
      assert.equal(validateRole({ index_permissions: [{ index_patterns: ['f'], dls: blank }] }, { dialect: 'v3' }).warnings.length, 0);
      assert.match(validateRole({ index_permissions: [{ index_patterns: ['f'], dls: blank }] }).warnings[0]?.message ?? '', /every search under the role fails/);
    }
    assert.equal(hasDlsQuery('', '2.19.4'), false);
    assert.equal(hasDlsQuery('\u00a0', '3.4.0'), true, 'Java does not count a no-break space as white space: read as a query');
  });

  test('comments inside the query are white space for both (the plugin parser allows them)', () => {
    const dls = '{/* only JetBeats */ "term": {"Carrier": "JetBeats"}}';
    assert.deepEqual(parseDls(dls), { term: { Carrier: 'JetBeats' } });
    assert.equal(evaluateDls(dls, { Carrier: 'JetBeats' }, { fieldTypes: { Carrier: 'keyword' } }).result, 'match');
    assert.equal(evaluateDls(dls, { Carrier: 'ES-Air' }, { fieldTypes: { Carrier: 'keyword' } }).result, 'no-match');
  });

  test('raw variables: validated as a template, verified after substitution, same verdict once substituted', () => {
    const template = '{"terms":{"Carrier":[${user.roles}]},"terms":{"Dest":["x"]}}';
    assert.equal(checkDlsText(template, { rawVariables: true }).status, 'rejected');
    assert.equal(verificationVerdict(substituteUserVariables(template, { roles: ['a'] }).text), 'rejected');
    const fine = '{"terms":{"Carrier":[${user.roles}]}}';
    assert.equal(validationVerdict(fine), 'ok');
    const substituted = substituteUserVariables(fine, { roles: ['JetBeats', 'ES-Air'] }, { pluginVersion: '2.19.4' }).text;
    assert.equal(verificationVerdict(substituted), 'ok');
  });
});

describe('plugin version: one parser for the security API flavour, masking and DLS substitution', () => {
  const VERSIONS = ['3.0.0', '3.1.0-SNAPSHOT', '3.4.0', '3.6.9', '3.7.0', '3.10.1', '4.0.0', '2.19.4', '2.19.4.0', ' 3.1.0', 'v3.0.0', '1.3.20', '7.10.2', '6.8.0', 'unknown', ''];

  test('every consumer reads the same major', () => {
    for (const v of VERSIONS) {
      const major = pluginMajorVersion(v);
      const opensearch = flavourFromRoot({ version: { distribution: 'opensearch', number: v } });
      // OpenSearch's own majors are 1-6 here: `7.10.2` with distribution opensearch is a 1.x in compatibility mode
      assert.equal(opensearch.dialect, major !== undefined && major >= 3 && major < 7 ? 'v3' : 'v2', `flavour dialect of ${JSON.stringify(v)}`);
      assert.equal(pluginMajor({ pluginVersion: v }), major ?? 2, `masking major of ${JSON.stringify(v)}`);
      // 3.7+ substitutes `${x:-d}` defaults, earlier versions keep them literally; an unknown version counts as 3.7+ here.
      const sub = substituteUserVariables('${attr.internal.x:-d}', {}, { pluginVersion: v });
      const parts = parsePluginVersion(v);
      const substitutor = parts === undefined || parts.major > 3 || (parts.major === 3 && parts.minor >= 7);
      assert.equal(sub.text === 'd', substitutor, `substitution rule of ${JSON.stringify(v)}`);
      assert.equal(dlsRules(v)?.variables, parts === undefined ? undefined : substitutor ? 'substitutor' : 'exact', `dlsRules of ${JSON.stringify(v)}`);
      const es = flavourFromRoot({ version: { number: v } });
      assert.equal(es.userShape, major !== undefined && major > 0 && major <= 6 ? 'roles' : 'backend_roles', `ES user shape of ${JSON.stringify(v)}`);
    }
  });

  test('the parts of a version', () => {
    assert.deepEqual(parsePluginVersion('2.19.4.0'), { major: 2, minor: 19, patch: 4, text: '2.19.4.0' });
    assert.deepEqual(parsePluginVersion(' 3.1.0-SNAPSHOT '), { major: 3, minor: 1, patch: 0, text: '3.1.0-SNAPSHOT' });
    assert.deepEqual(parsePluginVersion('3'), { major: 3, minor: 0, patch: 0, text: '3' });
    assert.deepEqual(parsePluginVersion('V3.4'), { major: 3, minor: 4, patch: 0, text: 'V3.4' });
    assert.equal(parsePluginVersion('unknown'), undefined);
    assert.equal(parsePluginVersion(undefined), undefined);
  });
});

describe('role wire shape: one declaration for the security API, the verifier and the explainer', () => {
  test('a role as SecurityApi returns it is what verify and explain take, with no conversion', () => {
    const role: ApiRole = {
      cluster_permissions: ['cluster_composite_ops_ro'],
      index_permissions: [{ index_patterns: ['flights*'], allowed_actions: ['read'], dls: '{"term":{"Carrier":"JetBeats"}}', fls: ['~FlightNum'], masked_fields: ['Dest'] }],
    };
    const forVerify: RoleLike = role;
    const forExplain: PermissionRole = role;
    const expectations = expectationsFromRoles({ reader: forVerify }, 'flights');
    assert.equal(expectations.indices[0]?.rules[0]?.dls, '{"term":{"Carrier":"JetBeats"}}');
    const explained = explainPermission({ reader: forExplain }, undefined, { action: 'indices:data/read/search', index: 'flights' });
    assert.equal(explained.granted, true);
    assert.deepEqual(explained.grants[0]?.via, ['read', 'indices:data/read*']);
  });
});

/**
 * Date-math index names resolved as OpenSearch's DateMathExpressionResolver / JavaDateMathParser / DateTimeFormatter
 * do (src/fgac/date-math.ts), and explainPermission / checkPermission deciding verdicts with them. Expected values are
 * derived by hand from the Java rules (and the first cases were checked on the real 2.19.4 node: its 404 names the
 * resolved index).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveDateMath } from '../../src/fgac/date-math.js';
import { explainPermission } from '../../src/explain/index.js';
import { checkPermission } from '../../src/explain/check-permission.js';
import type { PermissionRoles } from '../../src/explain/types.js';
import { rng } from '../domain/seed-data.js';

/** Thursday 2026-12-03 17:26:47.420 UTC. */
const NOW = Date.parse('2026-12-03T17:26:47.420Z');
const name = (expression: string, now = NOW): string | undefined => {
  const r = resolveDateMath(expression, now);
  return r.kind === 'resolved' ? r.name : undefined;
};
const kind = (expression: string, now = NOW): string => resolveDateMath(expression, now).kind;

describe('resolution (values derived from the Java rules)', () => {
  test('measured on 2.19.4: default format, a zone, a time format in Europe/Paris', () => {
    assert.equal(name('<h4dm-{now/d}>'), 'h4dm-2026.12.03');
    assert.equal(name('<h4dm-{now/d{yyyy.MM.dd|+12:00}}>'), 'h4dm-2026.12.04');
    assert.equal(name('<h4dm-{now{HH.mm.ss.SSS|Europe/Paris}}>'), 'h4dm-18.26.47.420');
  });
  test('arithmetic and rounding', () => {
    assert.equal(name('<logs-{now/d-1d}>'), 'logs-2026.12.02');
    assert.equal(name('<logs-{now/M{yyyy.MM}}>'), 'logs-2026.12');
    assert.equal(name('<logs-{now+1M/M{yyyy.MM}}>'), 'logs-2027.01');
    assert.equal(name('<logs-{now/y{yyyy.MM.dd}}>'), 'logs-2026.01.01');
    assert.equal(name('<logs-{now/w}>'), 'logs-2026.11.30', 'weeks round to Monday');
    assert.equal(name('<logs-{now/H{HH:mm:ss}}>'), 'logs-17:00:00');
    assert.equal(name('<logs-{now/h{HH:mm:ss}}>'), 'logs-17:00:00');
    assert.equal(name('<logs-{now/m{HH:mm:ss.SSS}}>'), 'logs-17:26:00.000');
    assert.equal(name('<logs-{now/s{HH:mm:ss.SSS}}>'), 'logs-17:26:47.000');
    assert.equal(name('<logs-{now-90m{HH:mm}}>'), 'logs-15:56');
    assert.equal(name('<logs-{now+1s+1m+1h{HH:mm:ss}}>'), 'logs-18:27:48');
    assert.equal(name('<logs-{now/1d}>'), 'logs-2026.12.03', '/1d is a single unit');
    assert.equal(name('<logs-{now+d}>'), 'logs-2026.12.04', 'no number is 1');
    assert.equal(name('<logs-{now}>'), 'logs-2026.12.03');
    // plusMonths clamps the day: Jan 31 + 1M = Feb 28 (2027 is not leap), + 1y from Feb 29 = Feb 28
    assert.equal(name('<l-{now+1M}>', Date.parse('2027-01-31T10:00:00Z')), 'l-2027.02.28');
    assert.equal(name('<l-{now+1y}>', Date.parse('2028-02-29T10:00:00Z')), 'l-2029.02.28');
    assert.equal(name('<l-{now-1M}>', Date.parse('2028-03-31T10:00:00Z')), 'l-2028.02.29');
  });
  test('time zones: offsets, prefixed offsets, deprecated short ids, IANA zones with DST', () => {
    assert.equal(name('<l-{now/d{yyyy.MM.dd HH:mm|-08:00}}>'), 'l-2026.12.03 00:00');
    assert.equal(name('<l-{now{HH:mm|+5}}>'), 'l-22:26');
    assert.equal(name('<l-{now{HH:mm|+0530}}>'), 'l-22:56');
    assert.equal(name('<l-{now{HH:mm|UTC+01:00}}>'), 'l-18:26');
    assert.equal(name('<l-{now{HH:mm|GMT-2}}>'), 'l-15:26');
    assert.equal(name('<l-{now{HH:mm|Z}}>'), 'l-17:26');
    assert.equal(name('<l-{now{HH:mm|EST}}>'), 'l-12:26', 'EST is -05:00 (DateUtils.of)');
    // New York: EDT in July (-04:00), EST in December (-05:00)
    assert.equal(name('<l-{now{HH:mm|America/New_York}}>', Date.parse('2026-07-01T12:00:00Z')), 'l-08:00');
    assert.equal(name('<l-{now{HH:mm|America/New_York}}>'), 'l-12:26');
    // the day is rounded in the zone: 2026-12-03T03:00Z is still Dec 2 in Los Angeles
    assert.equal(name('<l-{now/d{yyyy.MM.dd|America/Los_Angeles}}>', Date.parse('2026-12-03T03:00:00Z')), 'l-2026.12.02');
    // a DST gap at midnight (America/Santiago, 2026-09-06 00:00 -> 01:00): the day starts at 01:00
    assert.equal(name('<l-{now/d{yyyy.MM.dd HH:mm|America/Santiago}}>', Date.parse('2026-09-06T12:00:00Z')), 'l-2026.09.06 01:00');
    // an overlap (Europe/Paris 2026-10-25 03:00 -> 02:00): rounding to the hour keeps the offset in force
    assert.equal(name('<l-{now/H{HH:mm|Europe/Paris}}>', Date.parse('2026-10-25T01:30:00Z')), 'l-02:00');
    assert.equal(name('<l-{now/H{HH:mm|Europe/Paris}}>', Date.parse('2026-10-25T00:30:00Z')), 'l-02:00');
  });
  test('pattern letters, literals and escapes', () => {
    assert.equal(name('<l-{now{uuuu yy y M d D H h K k m s S SS n A}}>'), 'l-2026 26 2026 12 3 337 17 5 5 17 26 47 4 42 420000000 62807420');
    assert.equal(name("<l-{now{'week' yyyy '''x'''}}>"), "l-week 2026 'x'");
    assert.equal(kind("<l-{now{yyyy ''x''}}>"), 'unsupported', "'' is a quote, then x is the offset letter");
    assert.equal(name('<l-{now{[yyyy]-MM}}>'), 'l-2026-12', 'an optional section prints');
    assert.equal(name('<l-{now{8yyyy}}>'), 'l-2026', 'a leading 8 is stripped');
    assert.equal(name('<l-{now{yyyyy QQ q}}>'), 'l-02026 04 4');
    assert.equal(name('<a\\{b\\}c-{now/d}>'), 'a{b}c-2026.12.03');
    assert.equal(name('<a\\\\b-{now/d}>'), 'a\\b-2026.12.03', 'an escaped backslash');
    assert.equal(name("<l-{now{'\\{'yyyy'\\}'}}>"), 'l-{2026}', 'an escaped brace inside the format');
    assert.equal(name('<logs-*-{now/d}>'), 'logs-*-2026.12.03', 'a wildcard stays for the matcher');
    assert.equal(name('<plain>'), 'plain');
    assert.equal(name('logs-{now/d}'), 'logs-{now/d}', 'without <> it is a plain name');
  });
  test('what OpenSearch refuses is invalid', () => {
    for (const e of ['<>', '<l-{now/d>', '<l-}>', '<l-{now/d{}}>', '<l-{now/d{yyyy>', '<l-{now*1d}>', '<l-{now+1}>', '<l-{now+}>', '<l-{now/2d}>',
      '<l-{now+1q}>', '<l-{}>', '<l-{now{yyyy|mars base}}>', '<l-{now{yyyy|+19:00}}>', '<l-{now{ddd.MM}}>', "<l-{now{'x}}>", '<l-{now{yyyy]}}>',
      '<l-{now{yyyy.MM.ddt}}>', '<l-{now/d{a{b}}}>', '<l-{now+99999999999d}>', '<l-{bad}>', '<${user.name}-{now/d}>']) {
      assert.equal(kind(e), 'invalid', e);
    }
  });
  test('what this SDK does not reproduce is unsupported, never guessed', () => {
    for (const e of ['<l-{now/M{MMM}}>', '<l-{now{EEE}}>', '<l-{now{a}}>', '<l-{now{ww}}>', '<l-{now{yyyy|Asia/Kolkata}}>', '<l-{2026.01.01||+1d}>',
      '<l-{now{basic_date}}>', '<l-{now{ddd}}>', '<l-{2026-01-01||+1d}>', '<l-{now{yyyyXXX}}>', '<l-{now+١d}>']) {
      assert.equal(kind(e), 'unsupported', e);
    }
  });
  test('seeded: rounding gives the start of the unit in the zone, at most now (4000 cases)', () => {
    const random = rng(41);
    const units = ['y', 'M', 'w', 'd', 'H', 'm', 's'];
    const zones = ['+12:00', '-03:30', 'UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe'];
    const zero: Record<string, RegExp> = { y: /-01-01T00:00:00\.000$/, M: /-01T00:00:00\.000$/, w: /T00:00:00\.000$/, d: /T00:00:00\.000$/, H: /:00:00\.000$/, m: /:00\.000$/, s: /\.000$/ };
    for (let i = 0; i < 4000; i++) {
      const now = Date.parse('2000-01-01T00:00:00Z') + Math.floor(random() * 40 * 365 * 86_400_000);
      const unit = units[Math.floor(random() * units.length)]!;
      const zone = zones[Math.floor(random() * zones.length)]!;
      const r = name(`<x-{now/${unit}{uuuu-MM-dd'T'HH:mm:ss.SSS|${zone}}}>`, now);
      const plain = name(`<x-{now{uuuu-MM-dd'T'HH:mm:ss.SSS|${zone}}}>`, now);
      assert.ok(r !== undefined && plain !== undefined, `${unit} ${zone} ${now}`);
      assert.match(r, zero[unit]!, `${unit} ${zone} ${now}: ${r}`);
      // in a fixed offset the zero-padded local time sorts like time; with DST an hour may repeat
      if (!zone.includes('/')) assert.ok(r <= plain, `${r} > ${plain}`);
      if (unit === 'd' || unit === 'H') assert.equal(r.slice(0, unit === 'd' ? 12 : 15), plain.slice(0, unit === 'd' ? 12 : 15));
      if (unit === 'w') assert.equal(new Date(`${r.slice(2, 12)}T00:00:00Z`).getUTCDay(), 1, 'a Monday');
    }
  });
});

const SEARCH = 'indices:data/read/search';
const roleOn = (...patterns: string[]): PermissionRoles => ({ r: { index_permissions: [{ index_patterns: patterns, allowed_actions: ['read'] }] } });
const user = { name: 'u', roles: ['r'] };

describe('verdicts that were undecided are decided', () => {
  test('a role pattern: granted on the day it names, refused on another, at the given now', () => {
    const roles = roleOn('<logs-{now/d}>');
    const today = explainPermission(roles, undefined, { action: SEARCH, index: 'logs-2026.12.03', user, now: NOW });
    assert.equal(today.granted, true);
    assert.equal(today.grants[0]?.resolvedPattern, 'logs-2026.12.03');
    const yesterday = explainPermission(roles, undefined, { action: SEARCH, index: 'logs-2026.12.02', user, now: NOW });
    assert.equal(yesterday.granted, false);
    assert.equal(yesterday.undecided, undefined);
    assert.equal(explainPermission(roles, undefined, { action: SEARCH, index: 'logs-2026.12.02', user, now: NOW - 86_400_000 }).granted, true);
    // a resolved expression is matched as a pattern
    assert.equal(explainPermission(roleOn('<logs-*-{now/M{yyyy.MM}}>'), undefined, { action: SEARCH, index: 'logs-eu-2026.12', user, now: NOW }).granted, true);
  });
  test('no ${...} substitution inside a date-math pattern (the plugin reads it as date math first): refused, not undecided', () => {
    const e = explainPermission(roleOn('<${user.name}-{now/d}>'), undefined, { action: SEARCH, index: 'u-2026.12.03', user, now: NOW });
    assert.equal(e.granted, false);
    assert.equal(e.undecided, undefined);
  });
  test('an invalid role pattern matches nothing (the plugin ignores it) and a warning says so', () => {
    const e = explainPermission(roleOn('<logs-{now/x}>'), undefined, { action: SEARCH, index: 'logs-2026.12.03', user, now: NOW });
    assert.equal(e.granted, false);
    assert.equal(e.undecided, undefined);
    assert.ok(e.warnings.some((w) => w.includes('the plugin ignores this index pattern')), e.warnings.join('\n'));
  });
  test('a request name: resolved, then judged like the name it gives', () => {
    const e = explainPermission(roleOn('logs-2026.12.*'), undefined, { action: SEARCH, index: '<logs-{now/d}>', user, now: NOW });
    assert.equal(e.granted, true);
    assert.deepEqual(e.indices, ['logs-2026.12.03']);
    const no = explainPermission(roleOn('logs-2025.*'), undefined, { action: SEARCH, index: '<logs-{now/d}>', user, now: NOW });
    assert.equal(no.granted, false);
    assert.equal(no.undecided, undefined);
    assert.deepEqual(no.uncoveredIndices, ['logs-2026.12.03']);
  });
  test('an invalid request name: the node fails the request (400) before any privilege check: undecided, never granted', () => {
    const e = explainPermission(roleOn('*'), undefined, { action: SEARCH, index: '<logs-{now/x}>', user, now: NOW });
    assert.equal(e.granted, false);
    assert.match(e.undecided?.[0] ?? '', /fails the request/);
  });
  test('checkPermission (local path) decides a request path with a percent-encoded date-math name', async () => {
    const caller = { transport: { request: async () => { throw new Error('not used'); } } };
    const today = name('<logs-{now/d}>', Date.now())!;
    const path = `/${encodeURIComponent('<logs-{now/d}>')}/_search`;
    const yes = await checkPermission(caller as never, { method: 'GET', path }, { mode: 'local', roles: roleOn(today), subject: { roles: ['r'] }, pluginVersion: '2.19.4' });
    const no = await checkPermission(caller as never, { method: 'GET', path }, { mode: 'local', roles: roleOn('other-*'), subject: { roles: ['r'] }, pluginVersion: '2.19.4' });
    // at a day change between the two resolutions the first may differ: the second holds whatever the date
    assert.ok(yes.allowed === true || name('<logs-{now/d}>', Date.now()) !== today);
    assert.equal(no.allowed, false);
  });
  test('query.now is checked', () => {
    assert.throws(() => explainPermission(roleOn('*'), undefined, { action: SEARCH, index: 'x', now: Number.NaN }), TypeError);
    assert.throws(() => explainPermission(roleOn('*'), undefined, { action: SEARCH, index: 'x', now: '1' as never }), TypeError);
  });
});

describe('an invalid date-math pattern in a role (measured on 2.19.4 by the differential, seed 1)', () => {
  const SEARCH_ = 'indices:data/read/search';
  test('the plugin throws at it: the role\'s date-math patterns after it never match, those before it still do', () => {
    const after: PermissionRoles = { r: { index_permissions: [
      { index_patterns: ['a-1', '<${user.name}-{now/d}>'], allowed_actions: ['read'] },
      { index_patterns: ['<dm-{now/M{yyyy.MM}}*>'], allowed_actions: ['read'] },
    ] } };
    const e = explainPermission(after, undefined, { action: SEARCH_, index: 'dm-2026.12.03', user, now: NOW });
    assert.equal(e.granted, false);
    assert.equal(e.undecided, undefined);
    // the static pattern of the same role still grants
    assert.equal(explainPermission(after, undefined, { action: SEARCH_, index: 'a-1', user, now: NOW }).granted, true);
    const before: PermissionRoles = { r: { index_permissions: [
      { index_patterns: ['<dm-{now/M{yyyy.MM}}*>'], allowed_actions: ['read'] },
      { index_patterns: ['<${user.name}-{now/d}>'], allowed_actions: ['read'] },
    ] } };
    assert.equal(explainPermission(before, undefined, { action: SEARCH_, index: 'dm-2026.12.03', user, now: NOW }).granted, true);
    // a rule not granting the action does not take part
    const other: PermissionRoles = { r: { index_permissions: [
      { index_patterns: ['<${user.name}-{now/d}>'], allowed_actions: ['write'] },
      { index_patterns: ['<dm-{now/M{yyyy.MM}}*>'], allowed_actions: ['read'] },
    ] } };
    assert.equal(explainPermission(other, undefined, { action: SEARCH_, index: 'dm-2026.12.03', user, now: NOW }).granted, true);
  });
  test('after a date-math pattern this SDK cannot resolve (the node may refuse it) the later ones are undecided', () => {
    const roles: PermissionRoles = { r: { index_permissions: [
      { index_patterns: ['<x-{2026.01.01}>'], allowed_actions: ['read'] },
      { index_patterns: ['<dm-{now/d}>'], allowed_actions: ['read'] },
    ] } };
    const e = explainPermission(roles, undefined, { action: SEARCH_, index: 'dm-2026.12.03', user, now: NOW });
    assert.equal(e.granted, false);
    assert.match(e.undecided?.join() ?? '', /may refuse/);
    assert.equal(explainPermission(roles, undefined, { action: SEARCH_, index: 'other', user, now: NOW }).undecided, undefined, 'a name neither may match is refused');
  });
  test('dynamic patterns no longer reach an index through its alias; static ones do', () => {
    const roles = (p: string): PermissionRoles => ({ r: { index_permissions: [{ index_patterns: [p, '<bad-{now/x}>'], allowed_actions: ['read'] }] } });
    const q = { action: SEARCH_, index: 'i1', user, now: NOW, aliases: { 'dm-2026.12.03': ['i1'] } };
    assert.equal(explainPermission(roles('<dm-{now/d}>'), undefined, q).granted, false);
    assert.equal(explainPermission(roles('dm-2026.12.03'), undefined, q).granted, true);
    assert.equal(explainPermission({ r: { index_permissions: [{ index_patterns: ['<dm-{now/d}>'], allowed_actions: ['read'] }] } }, undefined, q).granted, true);
  });
  test('an action that is not well-known: after the throw even static patterns no longer reach the index through its alias (2.19.4, differential seed 2002)', () => {
    const roles = (first: string[]): PermissionRoles => ({ r: { index_permissions: [{
      index_patterns: [...first, 'solo-alias'], allowed_actions: ['read', 'indices:admin/mappings/get', 'indices:monitor/stats'],
    }] } });
    const q = (action: string, index = 'i2') => ({ action, index, user, now: NOW, aliases: { 'solo-alias': ['i2'] } });
    for (const action of ['indices:data/read/mget[shard]', 'indices:admin/mappings/get', 'indices:monitor/stats']) {
      assert.equal(explainPermission(roles(['<${user.name}>']), undefined, q(action)).granted, false, action);
      assert.equal(explainPermission(roles([]), undefined, q(action)).granted, true, `${action} without the invalid pattern`);
      // the index's own name is still matched before the throw
      assert.equal(explainPermission({ r: { index_permissions: [{ index_patterns: ['<${user.name}>', 'i2'], allowed_actions: [action] }] } }, undefined, q(action)).granted, true, `${action} by name`);
    }
    // well-known actions keep the static alias grant (precomputed)
    for (const action of ['indices:data/read/get', 'indices:data/read/search']) assert.equal(explainPermission(roles(['<${user.name}>']), undefined, q(action)).granted, true, action);
  });
});

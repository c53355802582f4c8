import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionForMethod,
  denialMessage,
  evaluatePolicy,
  ipInCidr,
  normalizePrincipalArn,
  resourcesForPath,
  validatePolicy,
  type PolicyDocument,
  type PolicyRequest,
  type PolicyStatement,
} from '../domain/edge/policy.js';

const DOMAIN = 'arn:aws:es:us-east-1:123456789012:domain/fgac-local';
const LIMITED = 'arn:aws:iam::123456789012:role/IAMLimitedUserRole';
const MASTER = 'arn:aws:iam::123456789012:role/IAMMasterUserRole';
const ALICE = 'arn:aws:iam::123456789012:user/alice';
const OTHER_ACCOUNT_USER = 'arn:aws:iam::999999999999:user/mallory';

function doc(...Statement: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement };
}

function req(overrides: Partial<PolicyRequest> = {}): PolicyRequest {
  return {
    principal: LIMITED,
    action: 'es:ESHttpGet',
    resource: resourcesForPath(DOMAIN, '/flights/_search'),
    sourceIp: '127.0.0.1',
    ...overrides,
  };
}

const allowAll: PolicyStatement = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:ESHttp*', Resource: `${DOMAIN}/*` };

test('recommended policy allows everyone, including anonymous', () => {
  assert.deepEqual(evaluatePolicy(doc(allowAll), req()), { decision: 'allow', statementIndex: 0 });
  assert.equal(evaluatePolicy(doc(allowAll), req({ principal: null })).decision, 'allow');
  assert.equal(evaluatePolicy(doc({ ...allowAll, Principal: '*' }), req({ principal: null })).decision, 'allow');
});

test('default deny when nothing applies', () => {
  const policy = doc({ ...allowAll, Principal: { AWS: MASTER } });
  assert.deepEqual(evaluatePolicy(policy, req()), { decision: 'implicit-deny' });
});

test('explicit deny wins over an earlier allow', () => {
  const policy = doc(allowAll, { Effect: 'Deny', Principal: { AWS: LIMITED }, Action: 'es:ESHttpGet', Resource: `${DOMAIN}/flights*` });
  assert.deepEqual(evaluatePolicy(policy, req()), { decision: 'deny', statementIndex: 1 });
  assert.equal(evaluatePolicy(policy, req({ principal: MASTER })).decision, 'allow');
  assert.equal(evaluatePolicy(policy, req({ action: 'es:ESHttpPost' })).decision, 'allow');
});

test('dashboards blocked by a Deny on domain-arn/_dashboards*', () => {
  const policy = doc(allowAll, { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'es:*', Resource: `${DOMAIN}/_dashboards*` });
  assert.equal(evaluatePolicy(policy, req({ resource: resourcesForPath(DOMAIN, '/_dashboards/app/home') })).decision, 'deny');
  assert.equal(evaluatePolicy(policy, req()).decision, 'allow');
});

test('principal matching: exact role, list, user, account root, account id, assumed role', () => {
  const only = (aws: string | string[]): PolicyDocument => doc({ ...allowAll, Principal: { AWS: aws } });
  assert.equal(evaluatePolicy(only(LIMITED), req()).decision, 'allow');
  assert.equal(evaluatePolicy(only(MASTER), req()).decision, 'implicit-deny');
  assert.equal(evaluatePolicy(only([MASTER, LIMITED]), req()).decision, 'allow');
  assert.equal(evaluatePolicy(only(ALICE), req({ principal: ALICE })).decision, 'allow');
  assert.equal(evaluatePolicy(only(ALICE), req({ principal: 'arn:aws:iam::123456789012:user/bob' })).decision, 'implicit-deny');
  const root = 'arn:aws:iam::123456789012:root';
  assert.equal(evaluatePolicy(only(root), req({ principal: ALICE })).decision, 'allow');
  assert.equal(evaluatePolicy(only(root), req()).decision, 'allow');
  assert.equal(evaluatePolicy(only(root), req({ principal: OTHER_ACCOUNT_USER })).decision, 'implicit-deny');
  assert.equal(evaluatePolicy(only('123456789012'), req({ principal: ALICE })).decision, 'allow');
  const session = 'arn:aws:sts::123456789012:assumed-role/IAMLimitedUserRole/session-1';
  assert.equal(evaluatePolicy(only(LIMITED), req({ principal: session })).decision, 'allow');
  assert.equal(evaluatePolicy(only(MASTER), req({ principal: session })).decision, 'implicit-deny');
  assert.equal(evaluatePolicy(only('arn:aws:iam::123456789012:role/team/IAMLimitedUserRole'), req({ principal: session })).decision, 'allow');
  assert.equal(evaluatePolicy(only(root), req({ principal: session })).decision, 'allow');
});

test('anonymous only matches "*" principals, never an ARN or account root', () => {
  const policy = doc({ ...allowAll, Principal: { AWS: ['arn:aws:iam::123456789012:root', LIMITED] } });
  assert.equal(evaluatePolicy(policy, req({ principal: null })).decision, 'implicit-deny');
  assert.equal(evaluatePolicy(doc({ ...allowAll, Principal: { AWS: ['*'] } }), req({ principal: null })).decision, 'allow');
});

test('NotPrincipal', () => {
  const policy = doc(allowAll, { Effect: 'Deny', NotPrincipal: { AWS: MASTER }, Action: 'es:ESHttpDelete', Resource: `${DOMAIN}/*` });
  assert.equal(evaluatePolicy(policy, req({ action: 'es:ESHttpDelete' })).decision, 'deny');
  assert.equal(evaluatePolicy(policy, req({ action: 'es:ESHttpDelete', principal: MASTER })).decision, 'allow');
});

test('action wildcards are case-insensitive; NotAction inverts', () => {
  const withAction = (Action: string | string[]): PolicyDocument => doc({ ...allowAll, Action });
  assert.equal(evaluatePolicy(withAction('es:*'), req()).decision, 'allow');
  assert.equal(evaluatePolicy(withAction('*'), req()).decision, 'allow');
  assert.equal(evaluatePolicy(withAction('ES:eshttpget'), req()).decision, 'allow');
  assert.equal(evaluatePolicy(withAction('es:ESHttpG?t'), req()).decision, 'allow');
  assert.equal(evaluatePolicy(withAction('es:ESHttpG?'), req()).decision, 'implicit-deny');
  assert.equal(evaluatePolicy(withAction(['es:ESHttpPut', 'es:ESHttpPost']), req()).decision, 'implicit-deny');
  assert.equal(evaluatePolicy(withAction(['es:ESHttpPut', 'es:ESHttpGet']), req()).decision, 'allow');
  assert.equal(evaluatePolicy(withAction('es:ESHttpHead'), req({ action: actionForMethod('HEAD') })).decision, 'allow');
  const notAction = doc({ Effect: 'Allow', Principal: '*', NotAction: 'es:ESHttpDelete', Resource: `${DOMAIN}/*` });
  assert.equal(evaluatePolicy(notAction, req()).decision, 'allow');
  assert.equal(evaluatePolicy(notAction, req({ action: 'es:ESHttpDelete' })).decision, 'implicit-deny');
});

test('resource wildcards, root path and decoding', () => {
  const withResource = (Resource: string | string[]): PolicyDocument => doc({ ...allowAll, Resource });
  assert.equal(evaluatePolicy(withResource(`${DOMAIN}/flights*`), req()).decision, 'allow');
  assert.equal(evaluatePolicy(withResource(`${DOMAIN}/movies*`), req()).decision, 'implicit-deny');
  assert.equal(evaluatePolicy(withResource(`${DOMAIN}/flight?/_search`), req()).decision, 'allow');
  assert.equal(evaluatePolicy(withResource(`${DOMAIN}/FLIGHTS*`), req()).decision, 'implicit-deny', 'resources are case-sensitive');
  // the domain ARN alone does not cover paths below it, but it covers the root
  assert.equal(evaluatePolicy(withResource(DOMAIN), req()).decision, 'implicit-deny');
  assert.equal(evaluatePolicy(withResource(DOMAIN), req({ resource: resourcesForPath(DOMAIN, '/') })).decision, 'allow');
  assert.equal(evaluatePolicy(withResource(`${DOMAIN}/*`), req({ resource: resourcesForPath(DOMAIN, '/') })).decision, 'allow');
  assert.equal(evaluatePolicy(withResource('arn:aws:es:us-east-1:123456789012:domain/other/*'), req()).decision, 'implicit-deny');
  assert.deepEqual(resourcesForPath(DOMAIN, '/flights/_doc/a%3Ab%20c?pretty'), [`${DOMAIN}/flights/_doc/a:b c`]);
  assert.deepEqual(resourcesForPath(DOMAIN, '/'), [`${DOMAIN}/`, DOMAIN]);
});

test('IpAddress and NotIpAddress on aws:SourceIp', () => {
  const withIp = (operator: string, cidrs: string | string[]): PolicyDocument =>
    doc({ ...allowAll, Principal: '*', Condition: { [operator]: { 'aws:SourceIp': cidrs } } });
  assert.equal(evaluatePolicy(withIp('IpAddress', '127.0.0.0/8'), req()).decision, 'allow');
  assert.equal(evaluatePolicy(withIp('IpAddress', '127.0.0.0/8'), req({ sourceIp: '::ffff:127.0.0.1' })).decision, 'allow');
  assert.equal(evaluatePolicy(withIp('IpAddress', '10.0.0.0/8'), req()).decision, 'implicit-deny');
  assert.equal(evaluatePolicy(withIp('IpAddress', ['10.0.0.0/8', '127.0.0.1']), req()).decision, 'allow');
  assert.equal(evaluatePolicy(withIp('NotIpAddress', '10.0.0.0/8'), req()).decision, 'allow');
  assert.equal(evaluatePolicy(withIp('NotIpAddress', '127.0.0.1/32'), req()).decision, 'implicit-deny');
  assert.equal(evaluatePolicy(withIp('IpAddress', '2001:db8::/32'), req({ sourceIp: '2001:db8::1' })).decision, 'allow');
  assert.equal(evaluatePolicy(withIp('IpAddress', '2001:db8::/32'), req({ sourceIp: '2001:db9::1' })).decision, 'implicit-deny');
  // deny from outside an allowed network
  const denyOutside = doc(allowAll, { Effect: 'Deny', Principal: '*', Action: '*', Resource: `${DOMAIN}/*`, Condition: { NotIpAddress: { 'aws:SourceIp': '127.0.0.0/8' } } });
  assert.equal(evaluatePolicy(denyOutside, req({ sourceIp: '192.168.1.9' })).decision, 'deny');
  assert.equal(evaluatePolicy(denyOutside, req()).decision, 'allow');
});

test('ipInCidr edge cases', () => {
  assert.equal(ipInCidr('192.168.1.255', '192.168.1.0/24'), true);
  assert.equal(ipInCidr('192.168.2.0', '192.168.1.0/24'), false);
  assert.equal(ipInCidr('1.2.3.4', '0.0.0.0/0'), true);
  assert.equal(ipInCidr('::1', '::1'), true);
  assert.equal(ipInCidr('::1', '127.0.0.1/32'), false);
  assert.equal(ipInCidr('::ffff:10.1.2.3', '::ffff:10.0.0.0/104'), true);
  assert.equal(ipInCidr('not-an-ip', '0.0.0.0/0'), false);
});

test('validatePolicy accepts good documents and rejects malformed ones with a clear message', () => {
  assert.doesNotThrow(() => validatePolicy(doc(allowAll)));
  assert.doesNotThrow(() => validatePolicy({ Statement: allowAll }));
  const bad: Array<[unknown, RegExp]> = [
    [null, /JSON object/],
    [[], /JSON object/],
    [{}, /must have a Statement/],
    [{ Statement: [] }, /must not be empty/],
    [{ Version: '2020-01-01', Statement: allowAll }, /Version/],
    [{ Statement: allowAll, Extra: 1 }, /unknown element "Extra"/],
    [doc({ ...allowAll, Effect: 'allow' as 'Allow' }), /Statement\[0\]\.Effect/],
    [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, /Principal or NotPrincipal/],
    [{ Statement: [{ Effect: 'Allow', Principal: '*', Resource: '*' }] }, /Action or NotAction/],
    [{ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', NotAction: 'x', Resource: '*' }] }, /exactly one of Action or NotAction/],
    [{ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*' }] }, /Resource or NotResource/],
    [{ Statement: [{ Effect: 'Allow', Principal: { User: 'x' }, Action: '*', Resource: '*' }] }, /unknown principal type "User"/],
    [{ Statement: [{ Effect: 'Allow', Principal: 'someone', Action: '*', Resource: '*' }] }, /Principal must be/],
    [{ Statement: [{ Effect: 'Allow', Principal: '*', Action: [], Resource: '*' }] }, /Action must be a non-empty/],
    [{ Statement: [{ Effect: 'Allow', Principal: '*', Action: 42, Resource: '*' }] }, /Action must be/],
    [{ Statement: [{ ...allowAll, Condition: { StringEquals: { 'aws:username': 'x' } } }] }, /unsupported condition operator "StringEquals"/],
    [{ Statement: [{ ...allowAll, Condition: { IpAddress: { 'aws:UserAgent': 'x' } } }] }, /unsupported condition key/],
    [{ Statement: [{ ...allowAll, Condition: { IpAddress: { 'aws:SourceIp': '300.1.1.1/8' } } }] }, /not an IP address or CIDR/],
    [{ Statement: [{ ...allowAll, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } } }] }, /not an IP address or CIDR/],
    [{ Statement: [{ ...allowAll, Typo: 1 }] }, /Statement\[0\] has unknown element "Typo"/],
  ];
  for (const [value, message] of bad) {
    assert.throws(() => validatePolicy(value), message, JSON.stringify(value));
  }
});

test('helpers: method -> action, assumed role normalisation, denial wording', () => {
  assert.equal(actionForMethod('GET'), 'es:ESHttpGet');
  assert.equal(actionForMethod('patch'), 'es:ESHttpPatch');
  assert.equal(normalizePrincipalArn('arn:aws:sts::123456789012:assumed-role/IAMLimitedUserRole/s1'), LIMITED);
  assert.equal(normalizePrincipalArn(ALICE), ALICE);
  assert.equal(
    denialMessage(null, 'es:ESHttpGet', false),
    'User: anonymous is not authorized to perform: es:ESHttpGet because no resource-based policy allows the es:ESHttpGet action',
  );
  assert.equal(
    denialMessage(LIMITED, 'es:ESHttpPut', true),
    `User: ${LIMITED} is not authorized to perform: es:ESHttpPut with an explicit deny in a resource-based policy`,
  );
});

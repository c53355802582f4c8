/**
 * awsHostInfo reads a host label by label; the whole-name patterns it replaced stay here as the oracle: for generated
 * hosts (AWS-like endings, near misses, ports, trailing dots, upper case) both must name the same region and service.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { awsHostInfo } from '../../src/auth/sigv4/scope.js';

const WHOLE_NAME = /(?:^|\.)([a-z]{2,4}(?:-[a-z]{1,12}){1,3}-\d{1,2})\.(es|aoss)\.amazonaws\.(?:com(?:\.cn)?|eu)$/;
const ON_AWS = /(?:^|\.)(aoss?)\.([a-z]{2,4}(?:-[a-z]{1,12}){1,3}-\d{1,2})\.on\.aws$/;

function oracle(host: string): { region: string; service: string } | undefined {
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const m = WHOLE_NAME.exec(name);
  if (m !== null) return { region: m[1] as string, service: m[2] as string };
  const onAws = ON_AWS.exec(name);
  return onAws === null ? undefined : { region: onAws[2] as string, service: onAws[1] === 'aos' ? 'es' : 'aoss' };
}

const label = fc.oneof(
  fc.constantFrom('search-x', 'vpc-logs-abc', 'es', 'aoss', 'aos', 'on', 'aws', 'com', 'cn', 'amazonaws', 'localhost', '', 'a.b'),
  fc.constantFrom('us-east-1', 'US-EAST-1', 'us-gov-west-1', 'cn-north-1', 'eu-central-12', 'us-east-123', 'u-east-1', 'us-east-', 'us-abcdefghijklm-1', 'ap-south-east-west-2', 'a-b-c-d-e-1', 'eusc-de-east-1', 'abcde-east-1'),
  fc.stringMatching(/^[a-zA-Z0-9-]{0,14}$/),
);
const ending = fc.constantFrom([], ['es', 'amazonaws', 'com'], ['aoss', 'amazonaws', 'com'], ['es', 'amazonaws', 'com', 'cn'], ['es', 'amazonaws', 'cn'], ['on', 'aws'], ['aoss', 'on', 'aws'], ['aos', 'on', 'aws'], ['es', 'amazonaws', 'eu'], ['es', 'amazonaws', 'eu', 'cn'], ['amazonaws', 'com']);
const host = fc.tuple(fc.array(label, { maxLength: 4 }), ending, fc.constantFrom('', ':443', ':9200', '.', '.:443', ':x')).map(([front, end, tail]) => [...front, ...end].join('.') + tail);

test('awsHostInfo names what the whole-name patterns name, for generated hosts', () => {
  fc.assert(fc.property(host, (h) => {
    assert.deepEqual(awsHostInfo(h), oracle(h), h);
  }), { seed: 20261205, numRuns: 20_000 });
});

test('awsHostInfo on the hosts the service uses', () => {
  assert.deepEqual(awsHostInfo('search-x-abc.us-east-1.es.amazonaws.com'), { region: 'us-east-1', service: 'es' });
  assert.deepEqual(awsHostInfo('abc123.us-west-2.aoss.amazonaws.com:443'), { region: 'us-west-2', service: 'aoss' });
  assert.deepEqual(awsHostInfo('search-x.cn-north-1.es.amazonaws.com.cn.'), { region: 'cn-north-1', service: 'es' });
  assert.deepEqual(awsHostInfo('vpc-x.aos.eu-west-1.on.aws'), { region: 'eu-west-1', service: 'es' });
  // Serverless NextGen endpoints: per collection and per account
  assert.deepEqual(awsHostInfo('1tg2xudton46knx2a95g.aoss.us-east-1.on.aws'), { region: 'us-east-1', service: 'aoss' });
  assert.deepEqual(awsHostInfo('111122223333.aoss.eu-west-1.on.aws:443'), { region: 'eu-west-1', service: 'aoss' });
  // the AWS European Sovereign Cloud partition
  assert.deepEqual(awsHostInfo('search-x.eusc-de-east-1.es.amazonaws.eu'), { region: 'eusc-de-east-1', service: 'es' });
  assert.equal(awsHostInfo('localhost'), undefined);
  assert.equal(awsHostInfo('es.amazonaws.com'), undefined);
  assert.equal(awsHostInfo('search-x.us-east-1.es.amazonaws.com.evil.example'), undefined);
});

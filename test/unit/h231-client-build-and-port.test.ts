/**
 * h228: `new Client(...)` failing inside createClient escaped as a raw TypeError, with a password a pool constructor
 * put in its message; a node on port 0 was accepted. Both are ConfigErrors naming the option, with no secret.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import { createClient, validateOptions } from '../../src/index.js';
import { ConfigError } from '../../src/errors/classes.js';

const PW = 'Sup3rS3cretpw9-h231';

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function shown(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [e.message, e.stack, util.inspect(e, { depth: 8 }), JSON.stringify(e), String(e.cause ?? '')].join('\n');
}

test('opensearch-js refusing the client options is a ConfigError naming clientOptions, redacted, no cause', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['ConnectionPool class without methods', { ConnectionPool: class {} }],
    ['ConnectionPool throwing the password', { ConnectionPool: class { constructor() { throw new Error(`pool ${PW}`); } } }],
    ['ConnectionPool addConnection throwing', { ConnectionPool: class { addConnection(): never { throw new Error(`add ${PW}`); } } }],
    ['ConnectionPool throwing a string', { ConnectionPool: class { constructor() { throw `thrown ${PW}`; } } }],
  ];
  for (const [label, clientOptions] of cases) {
    const error = caught(() => createClient({ node: 'https://h.example', auth: { mode: 'basic', username: 'u', password: PW }, clientOptions } as never));
    assert.ok(error instanceof ConfigError, `${label}: a ConfigError (${String(error)})`);
    assert.equal(error.option, 'clientOptions', label);
    assert.match(error.message, /^clientOptions: opensearch-js refused the client options/, label);
    assert.equal((error as { cause?: unknown }).cause, undefined, `${label}: no cause`);
    assert.ok(!shown(error).includes(PW), `${label}: ${error.message}`);
  }
  // the message of what opensearch-js said is kept (what is wrong), the secret alone redacted
  const error = caught(() => createClient({ node: 'https://h.example', auth: { mode: 'basic', username: 'u', password: PW }, clientOptions: { ConnectionPool: class { constructor() { throw new Error(`pool ${PW}`); } } } } as never));
  assert.match((error as Error).message, /pool \[REDACTED\]/);
  // a secret across the 300-character cut: redacted whole before the cut, so not even its first characters show
  const across = caught(() => createClient({ node: 'https://h.example', auth: { mode: 'basic', username: 'u', password: PW }, clientOptions: { ConnectionPool: class { constructor() { throw new Error(`${'p'.repeat(290)} ${PW}`); } } } } as never));
  assert.ok(!(across as Error).message.includes(PW.slice(0, 6)), (across as Error).message.slice(-40));
});

test('a node URL on port 0 is refused naming node (createClient and validateOptions)', () => {
  for (const [node, option] of [['https://h.example:0', 'node'], ['http://127.0.0.1:000/', 'node'], [['https://a.example', 'https://b.example:0'], 'node[1]']] as const) {
    for (const run of [createClient, validateOptions]) {
      const error = caught(() => run({ node, auth: { mode: 'none' } } as never));
      assert.ok(error instanceof ConfigError, `${String(node)}: ${String(error)}`);
      assert.equal(error.option, option);
      assert.match(error.message, /port 0, out of range/);
    }
  }
  // port 1 and 65535 stay accepted
  for (const node of ['https://h.example:1', 'https://h.example:65535']) validateOptions({ node, auth: { mode: 'none' } });
});

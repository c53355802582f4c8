/**
 * Entity names of the security API helpers: an empty (or non-string) name would address the whole
 * collection (`PATCH api/roles/` applies entity-relative operations to other roles), so every
 * per-entity call refuses it with a SecurityModelError before anything is sent; any other name is
 * sent percent-encoded as one path segment.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { SecurityApi, SecurityModelError } from '../../src/security/index.js';
import { loopbackClient } from '../support/loopback-client.js';

const received: Array<{ method: string; url: string }> = [];
const server = http.createServer((req, res) => {
  received.push({ method: req.method ?? '', url: req.url ?? '' });
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.statusCode = req.method === 'GET' ? 404 : 200;
    res.end(JSON.stringify(req.method === 'GET' ? { status: 'NOT_FOUND', message: 'not found' } : { status: 'OK', message: 'ok' }));
  });
});
const client = loopbackClient(server);
const api = (): SecurityApi => new SecurityApi(client(), { prefix: '_plugins/_security', userShape: 'backend_roles', dialect: 'v2', conflictAttempts: 1 });

describe('security API entity names', () => {
  test('an empty or non-string name is refused before any request, for every resource and call', async () => {
    const security = api();
    const resources = [security.roles, security.roleMappings, security.users, security.actionGroups, security.tenants] as const;
    for (const resource of resources) {
      for (const bad of ['', undefined as unknown as string, 7 as unknown as string]) {
        const calls: Array<[string, () => Promise<unknown>]> = [
          ['get', () => resource.get(bad)],
          ['delete', () => resource.delete(bad)],
          ['patch', () => resource.patch(bad, [{ op: 'replace', path: '/description', value: 'x' }])],
        ];
        for (const [name, call] of calls) {
          received.length = 0;
          await assert.rejects(call(), (e: unknown) => e instanceof SecurityModelError && /name: must be a non-empty string/.test(e.message), `${name}(${String(bad)})`);
          assert.deepEqual(received.filter((r) => !r.url.endsWith('/_plugins/_security/api/') && r.url !== '/'), [], `${name}(${JSON.stringify(bad)}) sent a request`);
        }
      }
    }
  });

  test('names with path characters are one encoded path segment', async () => {
    const security = api();
    received.length = 0;
    for (const name of ['..', '.', '../internalusers', 'a/b', 'a?b#c', 'ä b']) await security.roles.delete(name);
    assert.deepEqual(received.map((r) => r.url), ['..', '.', '../internalusers', 'a/b', 'a?b#c', 'ä b'].map((n) => `/_plugins/_security/api/roles/${encodeURIComponent(n)}`));
  });
});

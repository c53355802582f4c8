/**
 * The local domain from any checkout path: when the service user cannot reach the domain
 * directory (a checkout under a 0700 home), domain:start fails at once and says what to change.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkServiceUserReaches, firstBlockedDirectory } from '../domain/opensearch.js';
import { OS_USER } from '../domain/paths.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'p3-home-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('firstBlockedDirectory walks from / down and names the first directory that cannot be entered', () => {
  const seen: string[] = [];
  const blocked = firstBlockedDirectory('/root/work/repo/.local-domain', (d) => { seen.push(d); return d !== '/root'; });
  assert.equal(blocked, '/root');
  assert.deepEqual(seen, ['/', '/root']);
  assert.equal(firstBlockedDirectory('/opt/x', () => true), null);
  assert.equal(firstBlockedDirectory('/opt/x/y', (d) => d !== '/opt/x/y'), '/opt/x/y');
});

test('a domain directory under a 0700 directory is refused up front with the fix, as the real service user sees it', () => {
  const domain = path.join(tmp, 'checkout', '.local-domain');
  fs.mkdirSync(domain, { recursive: true });
  fs.chmodSync(tmp, 0o700);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    // Not root: OpenSearch runs as this user, who owns the directory: nothing to check.
    assert.doesNotThrow(() => checkServiceUserReaches(domain));
    return;
  }
  assert.throws(() => checkServiceUserReaches(domain), (e: Error) => {
    assert.ok(e.message.includes(`${OS_USER}, which cannot enter ${tmp} (mode 0700)`), e.message);
    assert.match(e.message, /FGAC_DOMAIN_DIR=\/var\/tmp\/opensearch-fgac npm test/);
    assert.ok(e.message.includes(`chmod o+x ${tmp}`));
    return true;
  });
  fs.chmodSync(tmp, 0o755);
  assert.doesNotThrow(() => checkServiceUserReaches(domain));
});

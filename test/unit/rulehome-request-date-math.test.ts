/**
 * rulehome: a request's date-math index names (`<logs-{now/d}>`) are resolved before the plugin judges them, for the
 * privileges AND for the DLS/FLS valve (seen on 2.19.4, 2026-12-05: a profiled search and an `_update` on
 * `<rulehome-logs-{now/d}>` under a DLS role on `rulehome-logs-*` are both refused with 500, exactly as on the
 * concrete name). explainPermission resolves them (explain/date-math-names.ts requestDateMath); the valve
 * (explain/dls-fls-valve.ts) is handed the names as written by checkPermission, so the same request written two
 * ways gets two verdicts. Expected to FAIL today.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermission } from '../../src/explain/index.js';

const client = { transport: { request: async (p: unknown): Promise<never> => { throw new Error(`no request expected: ${JSON.stringify(p)}`); } } };
const roles = { r: { index_permissions: [{ index_patterns: ['logs-*'], allowed_actions: ['read'], dls: '{"term":{"a":1}}' }] } };

function today(): string {
  const d = new Date();
  return `logs-${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}`;
}

describe('rulehome: the valve sees date-math request names as the privileges evaluation does', () => {
  for (const pluginVersion of ['2.19.4', '3.4.0']) {
    test(`profiled search, ${pluginVersion}: <logs-{now/d}> is refused like its concrete name`, async () => {
      const verdict = async (index: string): Promise<boolean | null> => {
        const r = await checkPermission(client as never, { method: 'POST', path: `/${encodeURIComponent(index)}/_search`, body: { profile: true } },
          { mode: 'local', pluginVersion, roles, subject: { name: 'u', roles: ['r'] }, clusterIndices: [today()] } as never);
        return r.allowed;
      };
      const concrete = await verdict(today());
      assert.equal(concrete, false);
      assert.equal(await verdict('<logs-{now/d}>'), concrete);
    });
  }
});

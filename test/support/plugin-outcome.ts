/** What the real plugin did with a request sent as a user: the referee of the permission differentials. */
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { SecurityExceptionError } from '../../src/errors/classes.js';
import type { RequestDescription } from '../../src/explain/request-actions.js';

/** Refused or not, the actions the refusal named, and the HTTP status. */
export interface ServerOutcome {
  allowed: boolean;
  named: string[];
  status: number;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Sends `r` with `client`: refused is a 403 or an item refused inside the answer (bulk, mget, msearch); other failures are allowed (never 401). */
export async function performAs(client: Client, r: RequestDescription): Promise<ServerOutcome> {
  try {
    const res = await client.transport.request({ method: r.method, path: r.path, ...(r.body !== undefined ? { body: r.body as Record<string, unknown> } : {}) });
    const b = res.body;
    const items: unknown[] = isRecord(b) ? (Array.isArray(b.items) ? b.items.map((i) => (isRecord(i) ? Object.values(i)[0] : i)) : Array.isArray(b.docs) ? b.docs : Array.isArray(b.responses) ? b.responses : []) : [];
    const refused = items.find((i) => isRecord(i) && isRecord(i.error) && i.error.type === 'security_exception');
    if (refused !== undefined) {
      const reason = isRecord(refused) && isRecord(refused.error) && typeof refused.error.reason === 'string' ? refused.error.reason : '';
      const m = /no permissions for \[(.*?)\] and /.exec(reason);
      return { allowed: false, named: m?.[1] !== undefined ? m[1].split(', ') : [], status: res.statusCode ?? 0 };
    }
    return { allowed: true, named: [], status: res.statusCode ?? 0 };
  } catch (e) {
    if (e instanceof SecurityExceptionError) return { allowed: false, named: e.actions, status: 403 };
    const status = (e as { statusCode?: number; meta?: { statusCode?: number } }).statusCode ?? (e as { meta?: { statusCode?: number } }).meta?.statusCode;
    assert.ok(status !== undefined && status !== 403 && status !== 401, `${r.method} ${r.path}: unexpected failure ${String(e)}`);
    return { allowed: true, named: [], status };
  }
}

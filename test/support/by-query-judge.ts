/**
 * The per-case body of the by-query integration files (h185, h191): a by-query or reindex request judged by
 * checkPermission's local path (with admin), by its default mode (which must agree: on 3.2+ the dry-run of these
 * requests loses its verdict or turns into a task, so the local answer), then really sent once as the user (the
 * requests change the data). A 403 is the node's refusal, in its `error` or in `failures` (a refused bulk item's 403
 * carries the counts and `failures`, the shape plugin-outcome's performAs does not read); any other answer lets it through.
 */
import assert from 'node:assert/strict';
import type { Client } from '@opensearch-project/opensearch';
import { checkPermission, type PermissionCheck } from '../../src/explain/check-permission.js';
import type { RequestDescription } from '../../src/explain/request-actions.js';
import { restAnswer } from './local-clients.js';

/** What the node answered: whether it let the operation through, its status, the actions a refusal names, the body's start. */
export interface ByQueryNodeAnswer {
  readonly allowed: boolean;
  readonly status: number;
  /** The actions of the refusal's security_exception (`no permissions for [...]`); undefined when it names none. */
  readonly named: readonly string[] | undefined;
  readonly text: string;
}

/** The refusal a security_exception reason names (`no permissions for [a, b] and ...`). */
function namedIn(reason: string): string[] | undefined {
  return /no permissions for \[(.*?)\] and /.exec(reason)?.[1]?.split(', ');
}

type Failures = Array<{ cause?: { type?: string; reason?: string } }>;

/**
 * The request as `client` (never a 401): a 403 refuses; the actions named by its error or first refused sub-request.
 * A 200 with a task (`wait_for_completion=false`: the node answers so even when it refuses the REST action) is judged
 * by the task's result, read as `admin`: a security_exception there is the operation's refusal.
 */
export async function byQueryNodeAnswer(client: Client, admin: Client, r: RequestDescription): Promise<ByQueryNodeAnswer> {
  const answer = await restAnswer(client, r.method, r.path, r.body);
  assert.notEqual(answer.status, 401, `${r.method} ${r.path}: 401`);
  const text = JSON.stringify(answer.body)?.slice(0, 300) ?? '';
  if (answer.status !== 403) {
    const task = (answer.body as { task?: unknown } | undefined)?.task;
    if (typeof task !== 'string') return { allowed: true, status: answer.status, named: [], text };
    const done = await restAnswer(admin, 'GET', `/_tasks/${task}?wait_for_completion=true&timeout=30s`);
    const t = done.body as { completed?: boolean; error?: { type?: string; reason?: string }; response?: { failures?: Failures } } | undefined;
    assert.equal(t?.completed, true, `task ${task}: ${JSON.stringify(t)?.slice(0, 300) ?? ''}`);
    const reason = t?.error?.type === 'security_exception' ? t.error.reason : t?.response?.failures?.find((f) => f.cause?.type === 'security_exception')?.cause?.reason;
    const taskText = `${text} -> task ${JSON.stringify(t?.error ?? t?.response?.failures ?? null)?.slice(0, 300) ?? ''}`;
    return reason === undefined ? { allowed: true, status: answer.status, named: [], text: taskText } : { allowed: false, status: answer.status, named: namedIn(reason), text: taskText };
  }
  const body = answer.body as { error?: { reason?: string }; failures?: Failures } | undefined;
  const reason = body?.error?.reason ?? body?.failures?.find((f) => f.cause?.type === 'security_exception')?.cause?.reason ?? '';
  return { allowed: false, status: 403, named: namedIn(reason), text };
}

/** checkPermission's local verdict and the node's answer for `r` as `client`, after asserting the default mode agrees. */
export async function judgeByQuery(client: Client, admin: Client, r: RequestDescription): Promise<{ local: PermissionCheck; node: ByQueryNodeAnswer }> {
  const local = await checkPermission(client, r, { admin, mode: 'local' });
  // the default mode: on 3.2+ the dry-run, whose verdict these handlers lose (500) or turn into a task
  // (wait_for_completion=false: never sent), so the local answer
  const auto = await checkPermission(client, r, { admin });
  assert.equal(auto.allowed, local.allowed, `mode auto: ${auto.source} ${String(auto.allowed)} ${auto.fallbackReason ?? ''}`);
  return { local, node: await byQueryNodeAnswer(client, admin, r) };
}

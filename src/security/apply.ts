/** `apply(plan)`: one collection PATCH per resource type with operations, in dependency order; 409s are retried. */
import { requirePlainRecord } from '../client/options-check.js';
import { ConfigError } from '../errors/base.js';
import type { SecurityResourceKind } from './canonical.js';
import { APPLY_ORDER, type PlanSource, type SecurityPlan } from './plan.js';
import { sentOperation } from './plan-secrets.js';
import type { JsonPatchOperation } from './patch.js';
import type { WriteResult } from './write-result.js';

/** What `apply` sent. */
export interface SecurityApplyResult {
  applied: Array<{ kind: SecurityResourceKind; operations: number; result: WriteResult }>;
}

/**
 * Applies a plan; each type is one atomic PATCH, and a failure leaves earlier types applied. Redacted
 * password values are replaced by the real ones the plan was made with (in this process).
 */
export async function applySecurityPlan(source: Pick<PlanSource, 'resource'>, plan: SecurityPlan): Promise<SecurityApplyResult> {
  const applied: SecurityApplyResult['applied'] = [];
  for (const [kind, shown] of planOperations(plan)) {
    if (shown.length === 0) continue;
    const ops = shown.map((op, i) => sentOperation(op, `${kind}.operations[${i}]`));
    const result = await source.resource(kind).patch(ops);
    applied.push({ kind, operations: ops.length, result });
  }
  return { applied };
}

/** Every type's operations of a plan, checked before anything is sent (a type missing or of the wrong shape would otherwise fail halfway). */
function planOperations(plan: unknown): Array<[SecurityResourceKind, JsonPatchOperation[]]> {
  const record = requirePlainRecord('plan', plan, 'what plan() returned');
  return APPLY_ORDER.map((kind) => {
    const part = requirePlainRecord(`plan.${kind}`, record[kind], 'what plan() returned');
    const operations = part['operations'];
    if (!Array.isArray(operations)) throw new ConfigError(`plan.${kind}.operations`, `must be an array of JSON Patch operations (what plan() returned)`);
    return [kind, operations as JsonPatchOperation[]];
  });
}

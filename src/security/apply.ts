/** `apply(plan)`: one collection PATCH per resource type with operations, in dependency order; 409s are retried. */
import type { SecurityResourceKind } from './canonical.js';
import { APPLY_ORDER, type PlanSource, type SecurityPlan } from './plan.js';
import { sentOperation } from './plan-secrets.js';
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
  for (const kind of APPLY_ORDER) {
    const shown = plan[kind].operations;
    if (shown.length === 0) continue;
    const ops = shown.map((op, i) => sentOperation(op, `${kind}.operations[${i}]`));
    const result = await source.resource(kind).patch(ops);
    applied.push({ kind, operations: ops.length, result });
  }
  return { applied };
}

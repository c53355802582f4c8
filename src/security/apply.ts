/**
 * `apply(plan)`: one collection PATCH per resource type with operations, in dependency order; a type whose touched
 * entities changed since plan() is refused (plan-snapshot.ts), checked again before each retry of a 409.
 */
import { isPlainRecord, requirePlainRecord, typeName } from '../client/options-check.js';
import { ConfigError } from '../errors/base.js';
import { isConflictRetryable } from '../retry/decision.js';
import type { SecurityResourceKind } from './canonical.js';
import type { ConflictRetry } from './conflict.js';
import { APPLY_ORDER, type PlanSource, type SecurityPlan } from './plan-types.js';
import { sentOperation } from './plan-secrets.js';
import { changedSincePlan, hasSnapshot } from './plan-snapshot.js';
import { SecurityModelError } from './model-error.js';
import type { JsonPatchOperation } from './patch.js';
import { answerLost, withProgress } from './progress.js';
import type { WriteResult } from './write-result.js';

/** What `apply` sent. */
export interface SecurityApplyResult {
  applied: Array<{ kind: SecurityResourceKind; operations: number; result: WriteResult }>;
}

/** Where an `apply` that failed stopped: set as `planProgress` on the error it throws. */
export interface PlanProgress {
  /** Types whose PATCH the server answered as applied. */
  applied: SecurityApplyResult['applied'];
  /** The type whose PATCH failed (it may still have been applied when the connection was lost: see `outcome`). */
  failed: SecurityResourceKind;
  /**
   * What became of the failed type: `not_applied` when it was not sent or the server refused it; `unknown` when
   * its PATCH was sent and the answer was lost (a connection error, a timeout, an abort, a gateway's 502/504: the
   * failures the retry policy will not repeat a write after), so it may have been applied.
   */
  outcome: 'not_applied' | 'unknown';
  /** Types with operations that were not sent. */
  pending: SecurityResourceKind[];
}

/**
 * What apply needs: the resources, whose `patch` must send once (a 409 not retried: apply retries it itself, after
 * checking the plan's entities again), and the conflict policy.
 */
export interface ApplySource extends Pick<PlanSource, 'resource'> {
  readonly conflicts: ConflictRetry;
  /** Requests handed to the client so far: a PATCH the signal cut before it was handed over was never sent. */
  handed?(): number;
}

/**
 * Applies a plan; each type is one atomic PATCH, and a failure leaves earlier types applied: the error
 * thrown carries `planProgress` ({@link PlanProgress}). Redacted password values are replaced by the real
 * ones the plan was made with (in this process). A plan made again and applied again finishes the work.
 */
export async function applySecurityPlan(source: ApplySource, plan: SecurityPlan): Promise<SecurityApplyResult> {
  const applied: SecurityApplyResult['applied'] = [];
  const types = planOperations(plan).filter(([, shown]) => shown.length > 0);
  const signal = source.conflicts.signal;
  for (const [index, [kind, shown]] of types.entries()) {
    const ops = shown.map((op, i) => sentOperation(op, `${kind}.operations[${i}]`));
    // unknown only when a PATCH's answer was lost (a refused PATCH, 409, applied nothing, so an abort during the
    // back-off after it leaves the type not applied; so does one the signal cut before it reached the client)
    let lost = false;
    try {
      const round = source.conflicts.begin();
      for (let attempt = 1; ; attempt++) {
        // again before every attempt: a 409 means another write to this type landed meanwhile, maybe on an entity of the plan
        await refuseIfChanged(source, shown, kind);
        const handedBefore = source.handed?.();
        try {
          const result = await source.resource(kind).patch(ops);
          applied.push({ kind, operations: ops.length, result });
          break;
        } catch (err) {
          // cut before it reached the client (the signal aborted on the way): nothing was sent
          if (handedBefore !== undefined && source.handed?.() === handedBefore) throw err;
          if (answerLost(err, signal)) lost = true;
          if (!isConflictRetryable(err) || !(await round.next(attempt))) throw err;
        }
      }
    } catch (err) {
      const progress: PlanProgress = { applied: [...applied], failed: kind, outcome: lost ? 'unknown' : 'not_applied', pending: types.slice(index + 1).map(([k]) => k) };
      throw withProgress(err, 'planProgress', progress, kind);
    }
  }
  return { applied };
}

/**
 * Re-reads `kind` just before its PATCH: an entity the plan writes that another write created, changed or deleted
 * since plan() saw it is a SecurityModelError naming it, and nothing of the type is sent (no lost update; the
 * window left is this one round trip). Operations not made by plan() in this process (rebuilt from JSON, written
 * by hand) have nothing to compare; a copy of a plan, or one with operations left out, keeps its operations' snapshots.
 */
async function refuseIfChanged(source: ApplySource, operations: readonly JsonPatchOperation[], kind: SecurityResourceKind): Promise<void> {
  if (!hasSnapshot(operations, kind)) return;
  const changed = changedSincePlan(operations, kind, await source.resource(kind).listRaw());
  if (changed.length === 0) return;
  throw new SecurityModelError('plan', changed.map((name) => ({
    path: `${kind}.${name}`,
    message: 'changed on the domain since the plan was made (another write came first); nothing of this type was sent: plan again',
    exact: false,
  })));
}

/** Every type's operations of a plan, checked before anything is sent (a type missing or of the wrong shape would otherwise fail halfway). */
function planOperations(plan: unknown): Array<[SecurityResourceKind, JsonPatchOperation[]]> {
  const record = requirePlainRecord('plan', plan, 'what plan() returned');
  return APPLY_ORDER.map((kind) => {
    const part = requirePlainRecord(`plan.${kind}`, record[kind], 'what plan() returned');
    const operations = part['operations'];
    if (!Array.isArray(operations)) throw new ConfigError(`plan.${kind}.operations`, `plan.${kind}.operations: must be an array of JSON Patch operations (what plan() returned)`);
    operations.forEach((op: unknown, i) => {
      if (!isPlainRecord(op)) throw new ConfigError(`plan.${kind}.operations[${i}]`, `plan.${kind}.operations[${i}]: must be a JSON Patch operation { op, path, value? } (what plan() returned), got ${typeName(op)}`);
    });
    return [kind, operations as JsonPatchOperation[]];
  });
}

/** `plan` / `apply`: converge roles, role mappings, action groups, tenants and internal users to a file. */
import { createInterface } from 'node:readline/promises';
import { SecurityApi, type ResourcePlan, type SecurityPlan } from '../../index.js';
import type { CliContext } from '../context.js';
import { EXIT, type Printer } from '../output.js';
import { UsageError } from '../usage-error.js';
import { loadDesired } from './desired-file.js';
import { field } from '../../errors/own.js';

/** Options of plan and apply. */
export interface PlanCommandOptions {
  file: string;
  prune: boolean;
  updatePasswords: boolean;
  yes?: boolean;
}

const KINDS = ['actionGroups', 'tenants', 'roles', 'roleMappings', 'users'] as const;

/** Runs plan; exit code 0 (a plan is a report; a drift check reads the JSON `matches`, not `empty`). */
export async function plan(ctx: CliContext, out: Printer, options: PlanCommandOptions): Promise<number> {
  const the = await makePlan(ctx, out, options);
  out.result(summary(the));
  printPlan(out, the);
  return EXIT.ok;
}

/** Runs apply: plans, shows the plan, asks (unless --yes), writes; exit code 0 when applied or nothing to do. */
export async function apply(ctx: CliContext, out: Printer, options: PlanCommandOptions): Promise<number> {
  const the = await makePlan(ctx, out, options);
  printPlan(out, the);
  if (the.empty) {
    out.result({ ...summary(the), applied: [] });
    return EXIT.ok;
  }
  if (options.yes !== true) {
    if (field(process.stdin, 'isTTY') !== true || out.json) throw new UsageError('apply needs --yes when there is no terminal to ask');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question('Apply these changes? (yes/no) ');
    rl.close();
    if (answer.trim().toLowerCase() !== 'yes') {
      out.line('not applied');
      return EXIT.finding;
    }
  }
  out.progress('applying...');
  const result = await new SecurityApi(ctx.admin()).apply(the);
  const applied = result.applied.map((a) => ({ kind: a.kind, operations: a.operations }));
  out.result({ ...summary(the), applied });
  for (const a of applied) out.line(`applied ${a.operations} operation(s) to ${a.kind}`);
  out.line(out.paint('green', 'done'));
  return EXIT.ok;
}

async function makePlan(ctx: CliContext, out: Printer, options: PlanCommandOptions): Promise<SecurityPlan> {
  const desired = loadDesired(options.file, ctx.vars, ctx.secrets);
  out.progress('reading the current security configuration...');
  return new SecurityApi(ctx.admin()).plan(desired, { prune: options.prune, updatePasswords: options.updatePasswords });
}

/** What --json prints: per kind the names created/changed/deleted/skipped (never operation values: they may hold passwords). */
function summary(p: SecurityPlan): Record<string, unknown> {
  const kinds = Object.fromEntries(KINDS.map((k) => {
    const r = p[k];
    return [k, { created: r.created, changed: r.changed, deleted: r.deleted, unchanged: r.unchanged.length, skipped: r.skipped, operations: r.operations.length }];
  }));
  return { empty: p.empty, matches: p.matches, ...kinds };
}

function printPlan(out: Printer, p: SecurityPlan): void {
  let create = 0;
  let change = 0;
  let remove = 0;
  for (const k of KINDS) {
    const r = p[k];
    if (r.created.length + r.changed.length + r.deleted.length + r.skipped.length === 0) continue;
    out.line(out.paint('bold', `${k}:`));
    for (const name of r.created) out.line(out.paint('green', `  + ${name}`));
    for (const c of r.changed) out.line(out.paint('yellow', `  ~ ${c.name} (${c.fields.join(', ')})`));
    for (const name of r.deleted) out.line(out.paint('red', `  - ${name}`));
    for (const s of r.skipped) if (s.drift !== false) out.line(out.paint('dim', `  ! ${s.name} skipped: ${s.reason}`));
    // unwritable entities prune keeps: one line per reason (a domain has dozens of built-in ones)
    for (const [reason, names] of keptByReason(r.skipped)) out.line(out.paint('dim', `  = kept (${reason}): ${names.join(', ')}`));
    create += r.created.length;
    change += r.changed.length;
    remove += r.deleted.length;
  }
  const skipped = KINDS.reduce((n, k) => n + p[k].skipped.filter((s) => s.drift !== false).length, 0);
  const kept = KINDS.reduce((n, k) => n + p[k].skipped.length, 0) - skipped;
  const keptNote = kept > 0 ? ` (${kept} reserved, static or restapi:admin entit${kept === 1 ? 'y' : 'ies'} the file does not name kept: prune never deletes them)` : '';
  if (!p.empty) out.line(`Plan: ${create} to create, ${change} to change, ${remove} to delete${keptNote}.`);
  else if (p.matches) out.line(`No changes: the domain matches the file${keptNote}.`);
  // unwritable entities that differ (reserved, static, restapi:admin), entities pruning leaves: the domain does NOT match the file
  else out.line(`No changes can be applied, but the domain does not match the file: ${skipped} difference(s) skipped (above).`);
}

/** The entities prune keeps because the REST API never deletes them (`drift: false`), grouped by reason. */
function keptByReason(skipped: ResourcePlan['skipped']): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const s of skipped) if (s.drift === false) groups.set(s.reason, [...(groups.get(s.reason) ?? []), s.name]);
  return groups;
}

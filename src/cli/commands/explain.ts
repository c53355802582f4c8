/** `explain`: which role grants an action on an index to a principal, or why none does. */
import { explainPermission, SecurityApi, type PermissionExplanation } from '../../index.js';
import { readDnfofContext } from '../../explain/dnfof.js';
import { detectVersion } from '../../explain/check-permission.js';
import { knownVersion } from '../../explain/local-judge.js';
import type { CliContext } from '../context.js';
import { EXIT, type Printer } from '../output.js';
import { callerSubject, internalUserSubject } from './subject.js';
import { opt } from '../../errors/own.js';

/** Options of explain. */
export interface ExplainOptions {
  action: string;
  index?: string;
  user?: string;
}

/** Runs explain; exit code 0 when granted, 1 when not. */
export async function explain(ctx: CliContext, out: Printer, options: ExplainOptions): Promise<number> {
  out.progress('reading roles and action groups...');
  const security = new SecurityApi(ctx.admin());
  // the plugin version, read as checkPermission reads it (admin first, then the caller): the rules that differ by version follow it
  const [subject, roles, actionGroups, cluster, pluginVersion] = await Promise.all([
    opt(options, 'user') !== undefined ? internalUserSubject(ctx, options.user as string) : callerSubject(ctx),
    security.roles.listRaw(),
    security.actionGroups.listRaw(),
    // do_not_fail_on_forbidden and the index names wildcard expressions stand for, as the plugin judges them
    opt(options, 'index') !== undefined ? readDnfofContext(ctx.admin(), {}, (options.index as string).split(','), true) : Promise.resolve({}),
    detectVersion([ctx.admin(), ctx.caller()]),
  ]);
  const explanation = explainPermission(roles, actionGroups, {
    ...cluster,
    action: options.action,
    ...(opt(options, 'index') !== undefined ? { index: options.index } : {}),
    user: {
      name: subject.name, roles: subject.roles, backendRoles: subject.backendRoles,
      ...(opt(subject, 'attributes') !== undefined ? { attributes: subject.attributes } : {}),
      ...(opt(subject, 'attributeNames') !== undefined ? { attributeNames: subject.attributeNames } : {}),
    },
    ...knownVersion(pluginVersion),
  });
  // attribute values only judge patterns: the output names who, not what their attributes hold
  // `ok` as verify's: true exactly when the command exits 0 (the action is granted)
  out.result({ ok: explanation.granted, source: 'local', subject: { name: subject.name, backendRoles: subject.backendRoles, roles: subject.roles, source: subject.source }, explanation });
  printExplanation(out, subject.name, subject.roles, explanation);
  return explanation.granted ? EXIT.ok : EXIT.finding;
}

function printExplanation(out: Printer, user: string, roles: string[], e: PermissionExplanation): void {
  const on = e.indices === null ? '' : ` on ${e.indices.join(', ')}`;
  out.line(`${out.paint('bold', user)} (roles: ${roles.join(', ') || 'none'}) ${e.granted ? out.paint('green', 'MAY') : out.paint('red', 'MAY NOT')} perform ${e.action}${on}`);
  out.line(out.paint('dim', `(explained locally from the role definitions; ${e.level}-level action)`));
  for (const g of e.grants) out.line(`  granted by role ${g.role}${g.pattern !== undefined ? ` (index pattern ${g.pattern})` : ''} via ${g.via.join(' -> ')}`);
  const narrowedTo = opt(e, 'narrowedTo');
  if (narrowedTo !== undefined) out.line(`  do_not_fail_on_forbidden: the request runs on ${narrowedTo.length > 0 ? narrowedTo.join(', ') : 'no index (an empty answer)'}${e.uncoveredIndices.length > 0 ? `, not on ${e.uncoveredIndices.join(', ')}` : ''}`);
  if (!e.granted) {
    if (e.uncoveredIndices.length > 0) out.line(`  missing: ${e.action} on ${e.uncoveredIndices.join(', ')}`);
    else out.line(`  missing: ${e.action}`);
  }
  for (const m of e.nearMisses) out.line(`  near miss: role ${m.role}: ${m.reason}`);
  for (const g of e.wouldGrant) out.line(`  would be granted by role ${g.role} (not mapped to this principal)`);
  for (const r of e.missingRoles) out.line(`  mapped role ${r} has no definition`);
  for (const w of e.warnings) out.line(`  warning: ${w}`);
}

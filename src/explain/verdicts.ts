/** The local path's verdicts: one per privilege check, and the answer over all of them. */
import type { RequiredPrivilege } from './request-actions.js';
import type { PermissionExplanation, PermissionSubject } from './types.js';
import { opt } from '../errors/own.js';

/** One privilege check of the local path and its verdict. */
export interface PrivilegeVerdict extends RequiredPrivilege {
  granted: boolean;
  explanation: PermissionExplanation;
}

/** The actions of the refused verdicts whose refusal is certain (decided, of a check surely made), once each. */
export const missingOf = (verdicts: readonly PrivilegeVerdict[]): string[] =>
  [...new Set(verdicts.filter((v) => !v.granted && opt(v.explanation, 'undecided') === undefined && opt(v, 'dependsOn') === undefined).map((v) => v.action))];

/**
 * The refused checks made only under a fact this SDK does not know (`dependsOn`, e.g. whether a by-query's search finds
 * a document), decided otherwise: missing if the check is made. Each once, as the check (action, indices, dependsOn).
 */
export function conditionallyMissingOf(verdicts: readonly PrivilegeVerdict[]): RequiredPrivilege[] {
  const seen = new Set<string>();
  return verdicts.flatMap((v) => {
    const dependsOn = opt(v, 'dependsOn');
    const indices = opt(v, 'indices');
    if (v.granted || dependsOn === undefined || opt(v.explanation, 'undecided') !== undefined) return [];
    const key = JSON.stringify([v.action, indices, dependsOn]);
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ action: v.action, ...(indices !== undefined ? { indices: [...indices] } : {}), dependsOn }];
  });
}

/**
 * The verdict over the checks: false when one is surely refused, null (with the reason) when the only refusals
 * rest on something this SDK could not evaluate or on a check made only under a fact it does not know (`dependsOn`:
 * the refusal happens only if the check is made), or when a check is made after an ingest pipeline this SDK does not
 * run (`afterPipeline`: granted or not, the document may go elsewhere) or on indices not known (`namesUnresolved`), else true.
 */
export function overall(verdicts: readonly PrivilegeVerdict[], subject: PermissionSubject): { allowed: boolean | null; reason?: string } {
  if (missingOf(verdicts).length > 0) return { allowed: false };
  const on = (v: PrivilegeVerdict): string => `${v.action}${opt(v, 'indices') !== undefined ? ` on ${(v.indices as string[]).join(', ')}` : ''}`;
  const unresolved = (v: PrivilegeVerdict): string[] => (opt(v, 'namesUnresolved') !== undefined ? [`${on(v)} stands for indices not known: ${v.namesUnresolved}`] : []);
  const undecided = [...new Set(verdicts.flatMap((v) => (v.granted ? [...(opt(v, 'afterPipeline') !== undefined ? [`${on(v)} is made after the ingest pipelines, depending on ${v.afterPipeline}`] : []), ...unresolved(v)] : [
    ...unresolved(v),
    ...(opt(v.explanation, 'undecided') ?? []),
    ...(opt(v, 'dependsOn') !== undefined ? [`${on(v)} is refused, and checked only depending on ${v.dependsOn}`] : []),
  ])))];
  if (undecided.length === 0) return { allowed: true };
  const attributeNames = opt(subject, 'attributeNames');
  const hint = attributeNames !== undefined && undecided.some((u) => u.includes('an attribute the user has'))
    ? ` (authinfo shows the names of the user's attributes, ${attributeNames.join(', ')}, not their values: pass options.subject with attributes)`
    : '';
  return { allowed: null, reason: `undecided: ${undecided.join('; ')}${hint}` };
}

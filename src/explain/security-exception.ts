/** Explaining a `SecurityExceptionError` (a 403) with role, action group and role mapping definitions. */
import { isOptionsObject } from '../client/options-check.js';
import type { FgacUser, SecurityExceptionError } from '../errors/classes.js';
import { readUserObject } from '../fgac/dls-variables.js';
import { ActionResolver, groupTable, isClusterAction } from './action-resolver.js';
import { explainPermission } from './permission.js';
import { mappedRoles } from './role-mappings.js';
import { chainText, list } from './text.js';
import type { PermissionActionGroups, PermissionExplanation, PermissionGrant, PermissionRoleMapping, PermissionRoles, PermissionSubject } from './types.js';
import { ArgumentTypeError, inputFailure } from '../fgac/argument-error.js';
import { opt } from '../errors/own.js';

/** Options of `explainSecurityException`. */
export interface ExplainSecurityExceptionOptions {
  /** The user's mapped security roles (authinfo `roles`). Takes precedence over everything else. */
  userRoles?: readonly string[];
  /** Role mappings (`SecurityApi.roleMappings.listRaw()`): the user's roles are derived from its name and backend roles. */
  roleMappings?: Readonly<Record<string, PermissionRoleMapping>>;
  /** Custom attributes for `${attr...}` in index patterns. */
  attributes?: Readonly<Record<string, string>>;
}

/** Where the evaluated roles came from. */
export type RolesSource = 'userRoles' | 'injected' | 'roleMappings' | 'all';

/** The answer of `explainSecurityException`: a sentence for people plus the structured explanations. */
export interface SecurityExceptionExplanation {
  /** What was denied, which roles were evaluated, why they do not grant it and what would fix it. */
  message: string;
  /** The explanation of the first denied action (undefined when the denial names no action). */
  explanation: PermissionExplanation | undefined;
  /** One explanation per denied action, in the error's order. */
  explanations: PermissionExplanation[];
  user: FgacUser | null;
  /** The security roles evaluated; null when every role was (mapped roles unknown). */
  roles: string[] | null;
  rolesSource: RolesSource;
}

const INDEX_GROUP_PREFERENCE = ['read', 'write', 'delete', 'index', 'get', 'search', 'suggest', 'create_index', 'manage_aliases', 'indices_monitor', 'manage', 'crud', 'data_access', 'indices_all'];
const CLUSTER_GROUP_PREFERENCE = ['cluster_monitor', 'cluster_composite_ops_ro', 'cluster_composite_ops', 'manage_snapshots', 'cluster_manage_index_templates', 'cluster_manage_pipelines', 'cluster_all'];

/** The narrowest-first static action group that contains `action`, if any. */
export function staticGroupFor(action: string): string | undefined {
  const resolver = new ActionResolver(groupTable(undefined));
  const order = isClusterAction(action) ? CLUSTER_GROUP_PREFERENCE : INDEX_GROUP_PREFERENCE;
  return order.find((g) => resolver.chain(g, action) !== undefined);
}

function describeGrant(g: PermissionGrant): string {
  const where = g.permission === 'index' ? ` on ${g.pattern ?? '?'}${g.index !== undefined && g.index !== g.pattern ? ` (covers ${g.index})` : ''}` : ' (cluster_permissions)';
  return `${g.role} via ${chainText(g.via)}${where}`;
}

const SOURCE_TEXT: Record<RolesSource, string> = {
  userRoles: 'as given',
  injected: 'injected',
  roleMappings: 'from the role mappings',
  all: 'all',
};

function sentenceFor(e: PermissionExplanation, rolesSource: RolesSource): string[] {
  const lines: string[] = [];
  const target = e.level === 'cluster' ? `${e.action} (cluster-level)` : `${e.action}${e.indices !== null ? ` on ${list(e.indices)}` : ''}`;
  if (rolesSource === 'all') {
    lines.push(`${target}: the user's mapped roles are unknown (pass userRoles from authinfo, or roleMappings), so all ${e.rolesEvaluated.length} roles given were evaluated.`);
    const granting = [...new Set(e.grants.map((g) => g.role))];
    lines.push(granting.length > 0 ? `Roles that grant it: ${e.grants.slice(0, 5).map(describeGrant).join('; ')}${e.grants.length > 5 ? '; ...' : ''}.` : 'No role given grants it.');
    for (const n of e.nearMisses) lines.push(`${n.reason}.`);
    if (granting.length > 0) lines.push(`Fix: map the user (or one of its backend roles) to one of ${granting.slice(0, 5).join(', ')}${granting.length > 5 ? ', ...' : ''}, or to a role granting the same.`);
    return lines;
  }
  const rolesText = e.rolesEvaluated.length === 0 ? 'no role with a definition' : e.rolesEvaluated.join(', ');
  lines.push(`${target}: roles evaluated (${SOURCE_TEXT[rolesSource]}): ${rolesText}.`);
  if (e.missingRoles.length > 0) lines.push(`Mapped roles without a definition: ${e.missingRoles.join(', ')}.`);
  if (e.granted) {
    lines.push(
      `These roles DO grant it (${e.grants.slice(0, 3).map(describeGrant).join('; ')}): the definitions may have changed since, the user may be mapped ` +
      'differently than assumed, or the request touched other indices (aliases, wildcard expansion) than the ones evaluated.',
    );
    return lines;
  }
  if (e.grants.length > 0) lines.push(`Granted on part of the request: ${e.grants.map(describeGrant).join('; ')}; not covered: ${list(e.uncoveredIndices)}.`);
  for (const n of e.nearMisses) lines.push(`${n.reason}.`);
  if (e.nearMisses.length === 0 && e.grants.length === 0) {
    lines.push(e.rolesEvaluated.length === 0 ? 'The user has no role that could grant it.' : 'None of these roles mentions this action in any form.');
  }
  const fixes: string[] = [];
  const group = staticGroupFor(e.action);
  const grantWith = group !== undefined ? `${e.action} (e.g. action group ${group})` : e.action;
  if (e.nearMisses.some((n) => n.kind === 'other_indices')) {
    const patterns = [...new Set(e.nearMisses.filter((n) => n.kind === 'other_indices').flatMap((n) => n.patterns ?? []))];
    fixes.push(`target only indices matching ${list(patterns)}, or give a mapped role ${grantWith} on ${list(e.uncoveredIndices)}`);
  } else if (e.level === 'index') {
    fixes.push(`give a mapped role an index permission with ${grantWith}${e.indices !== null ? ` on ${list(e.uncoveredIndices)}` : ''}`);
  } else {
    fixes.push(`add ${grantWith} to the cluster_permissions of a mapped role`);
  }
  const would = [...new Set(e.wouldGrant.map((g) => g.role))];
  if (would.length > 0) fixes.push(`or map the user to a role that grants it: ${would.slice(0, 5).join(', ')}${would.length > 5 ? ', ...' : ''}`);
  lines.push(`Fix: ${fixes.join('; ')}.`);
  return lines;
}

/**
 * Explains a `SecurityExceptionError` with role (and action group) definitions: for each denied action,
 * which of the user's roles come close and why none grants it, as a message and as `explainPermission`
 * results. The user's roles come from `options.userRoles`, else the error's injected roles, else
 * `options.roleMappings` applied to the error's user; without any of these every role is evaluated.
 * The error is not modified.
 */
export function explainSecurityException(
  error: SecurityExceptionError,
  roles: PermissionRoles,
  actionGroups?: PermissionActionGroups,
  options: ExplainSecurityExceptionOptions = {},
): SecurityExceptionExplanation {
  try {
    return explainSecurityExceptionOf(error, roles, actionGroups, options);
  } catch (error) {
    throw inputFailure('explainSecurityException', error);
  }
}

function explainSecurityExceptionOf(
  error: SecurityExceptionError,
  roles: PermissionRoles,
  actionGroups?: PermissionActionGroups,
  options: ExplainSecurityExceptionOptions = {},
): SecurityExceptionExplanation {
  // by kind, not instanceof: the error may come from the package's other (ESM/CJS) build
  if (error === null || typeof error !== 'object' || (error as { kind?: unknown }).kind !== 'security_exception') throw new ArgumentTypeError('explainSecurityException: error must be a SecurityExceptionError (toTypedError of a 403 security_exception)');
  if (roles === null || typeof roles !== 'object') throw new ArgumentTypeError('explainSecurityException: roles must be an object of role name -> role');
  const user = error.user === null ? null : { name: error.user.name, backendRoles: [...error.user.backendRoles] };
  // an ambiguous denial that still names the user could not read its backend roles: they are unknown, not none
  const rolesUnread = user !== null && (error as { ambiguous?: unknown }).ambiguous === true;
  if (!isOptionsObject(options as unknown)) throw new ArgumentTypeError('explainSecurityException: options must be an object');
  // the user's parts are read as explainPermission reads a user (a string of roles was spread into letters)
  const given = readUserObject('options', { userRoles: opt(options, 'userRoles'), attributes: opt(options, 'attributes') }, { userRoles: 'list', attributes: 'strings' }, (path, message) => {
    throw new ArgumentTypeError(`explainSecurityException: ${path} ${message}`);
  }) as Pick<ExplainSecurityExceptionOptions, 'userRoles' | 'attributes'>;
  let rolesSource: RolesSource;
  let subjectRoles: string[] | undefined;
  if (opt(given, 'userRoles') !== undefined) {
    rolesSource = 'userRoles';
    subjectRoles = [...(given.userRoles as readonly string[])];
  } else if (error.roles !== null) {
    rolesSource = 'injected';
    subjectRoles = [...error.roles];
  } else if (opt(options, 'roleMappings') !== undefined && user !== null && !rolesUnread) {
    rolesSource = 'roleMappings';
    subjectRoles = mappedRoles(options.roleMappings as NonNullable<ExplainSecurityExceptionOptions['roleMappings']>, user);
  } else {
    rolesSource = 'all';
  }
  const subject: PermissionSubject = {
    ...(user !== null ? { name: user.name, backendRoles: user.backendRoles } : {}),
    ...(subjectRoles !== undefined ? { roles: subjectRoles } : {}),
    ...(opt(given, 'attributes') !== undefined ? { attributes: given.attributes } : {}),
  };
  const explanations = error.actions.map((action) =>
    explainPermission(roles, actionGroups, { action, ...(error.indices !== null ? { index: error.indices } : {}), user: subject }));

  const who = user !== null
    ? `User ${user.name} (${rolesUnread ? 'backend roles unreadable in the denial' : user.backendRoles.length > 0 ? `backend roles: ${user.backendRoles.join(', ')}` : 'no backend roles'})`
    : error.roles !== null ? `A request with injected roles ${list(error.roles)}` : 'The request';
  const lines: string[] = [];
  if (explanations.length === 0) {
    lines.push(`${who} was denied, but the denial names no action: ${error.reason}`);
  } else {
    lines.push(`${who} lacks ${error.anyOf ? 'any of ' : ''}${error.actions.join(', ')}${error.indices !== null ? ` on ${list(error.indices)}` : ''}.`);
    for (const e of explanations) lines.push(...sentenceFor(e, rolesSource));
  }
  return {
    message: lines.join('\n'),
    explanation: explanations[0],
    explanations,
    user,
    roles: subjectRoles ?? null,
    rolesSource,
  };
}

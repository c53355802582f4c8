/**
 * Offline explanation of the security plugin's action-level privilege evaluation: which role grants an
 * action (on an index), or why none does. Index patterns get `${user.name}`-style substitution.
 *
 * Aliases and data streams are followed when `query.aliases` lists them (see fgac/aliases.ts);
 * `do_not_fail_on_forbidden` narrows instead of refusing when `query.doNotFailOnForbidden` says the cluster
 * has it (dnfof.ts). Not modelled: tenant permissions and host-based role mappings. Not evaluated, and so
 * reported as undecided (a near miss of kind `undecided_pattern`, `undecided` in the answer) instead of "matches
 * nothing": date-math index names (`<logs-{now/d}>`, in a role or in the request) that src/fgac/date-math.ts cannot
 * resolve exactly (the others are resolved at `query.now`, as the plugin resolves them with its current time), a Java regex this SDK cannot
 * run (`\R`, `\X`, `\N{..}`, longer than 32 768 characters), and a `${attr...}` variable of an attribute the user has
 * (`PermissionSubject.attributeNames`) whose value was not given.
 */
import { containerTable, coveringNames } from '../fgac/aliases.js';
import { stringList } from '../fgac/role-shape.js';
import { pluginVersionOrUnknown } from '../fgac/plugin-version.js';
import type { FieldMatcher } from '../fgac/field-patterns.js';
import { checkQueryParts, normaliseIndices, readQueryOnce } from './permission-query.js';
import { ActionResolver, groupTable, isClusterAction } from './action-resolver.js';
import { isIndexWildcard, resolvePattern, shown, type ResolvedPattern, type SubstitutionContext } from './role-pattern.js';
import { dnfofApplies, dnfofNarrowed } from './dnfof.js';
import { dateMathFallsBack, expansionsWithin, isRequestWildcard, namesJudgedAsText, requestIndices } from '../fgac/index-expressions.js';
import { CompiledRoles, doubtMiss } from './role-as-compiled.js';
import { isDateMathExpression } from '../fgac/date-math.js';
import { chainText, list } from './text.js';
import type {
  ActionLevel, PermissionActionGroups, PermissionExplanation, PermissionGrant, PermissionIndexRule, PermissionNearMiss, PermissionQuery,
  PermissionRole, PermissionRoles,
} from './types.js';
import { ArgumentTypeError, inputFailure } from '../fgac/argument-error.js';
import { dateMathOrder, isStaticPattern, requestDateMath } from './date-math-names.js';
import { opt } from '../errors/own.js';

/** The near miss for entries that are neither a known action group nor an action pattern, if any. */
function unknownEntryMiss(role: string, section: string, unknown: readonly string[]): PermissionNearMiss | undefined {
  if (unknown.length === 0) return undefined;
  return {
    role,
    kind: 'unknown_entry',
    reason: `${role} lists ${list(unknown)} in ${section}: neither a known action group nor an action pattern (a misspelt or undefined action group?)`,
  };
}

interface RoleOutcome {
  grants: PermissionGrant[];
  nearMisses: PermissionNearMiss[];
}

function evaluateRole(
  name: string,
  role: PermissionRole,
  action: string,
  level: ActionLevel,
  indices: string[] | null,
  resolver: ActionResolver,
  ctx: SubstitutionContext,
  missIndices: ReadonlySet<string> | null,
  unseen = false,
): RoleOutcome {
  const grants: PermissionGrant[] = [];
  const nearMisses: PermissionNearMiss[] = [];
  const indexRules: readonly PermissionIndexRule[] = Array.isArray(role.index_permissions) ? role.index_permissions : [];
  const clusterEntries: readonly string[] = Array.isArray(role.cluster_permissions) ? role.cluster_permissions : [];

  if (level === 'cluster') {
    const via = resolver.firstChain(clusterEntries, action);
    if (via !== undefined) {
      grants.push({ role: name, permission: 'cluster', via });
      return { grants, nearMisses };
    }
    const misplaced = indexRules.flatMap((rule) => {
      if (rule === null || typeof rule !== 'object') return [];
      const chain = resolver.firstChain(rule.allowed_actions, action);
      return chain === undefined ? [] : [{ chain, patterns: stringList(rule.index_patterns) }];
    });
    const first = misplaced.at(0);
    if (first !== undefined) {
      const patterns = misplaced.flatMap((m) => m.patterns);
      nearMisses.push({
        role: name,
        kind: 'wrong_section',
        reason: `${name} allows ${action} via ${chainText(first.chain)} only in index_permissions (on ${list(patterns)}); ` +
          'the plugin checks this action against cluster_permissions',
        patterns,
      });
    }
    const unknown = unknownEntryMiss(name, 'cluster_permissions', resolver.unknownEntries(clusterEntries));
    if (unknown !== undefined) nearMisses.push(unknown);
    return { grants, nearMisses };
  }

  // Index-level action.
  const covered = new Set<string>();
  const actionOnPatterns: Array<{ patterns: string[]; via: string[] }> = [];
  const patternsWithoutAction: Array<{ pattern: string; index: string; allowed: string[] }> = [];
  const unresolvedPatterns: Array<{ pattern: string; unresolved: string[] }> = [];
  const undecidedPatterns: Array<{ pattern: string; why: string; via: string[]; mayMatch: FieldMatcher }> = [];
  const orders = dateMathOrder(indexRules, action, resolver, ctx);

  for (const [ruleAt, rule] of indexRules.entries()) {
    if (rule === null || typeof rule !== 'object') continue;
    // the merged patterns of the role this rule is part of for the action (date math matched in their order)
    const groups = orders?.[ruleAt];
    const clean = (p: ResolvedPattern): boolean => groups === undefined || groups.length === 0 || groups.some((g) => !g.shadowed.has(p.pattern) && !g.doubted.has(p.pattern));
    const doubtOf = (p: ResolvedPattern): string | undefined => (clean(p) ? undefined : groups?.map((g) => g.doubted.get(p.pattern)).find((w) => w !== undefined));
    const patterns = (Array.isArray(rule.index_patterns) ? rule.index_patterns : []).filter((p): p is string => typeof p === 'string').map((p) => resolvePattern(p, ctx));
    for (const p of patterns) if (p.unresolved.length > 0) unresolvedPatterns.push({ pattern: p.pattern, unresolved: p.unresolved });
    // a requested date-math name is only known to be covered by a pattern covering every name, or the same expression
    // `unseen`: a request wildcard may expand to any name it matches, so a pattern covers it only by covering them all
    const expands = (index: string): boolean => unseen && isRequestWildcard(index) && !index.startsWith('-');
    const fits = (p: ResolvedPattern, index: string, names: readonly string[]): boolean => (expands(index) ? p.matcher(index) && expansionsWithin(p.resolved, index) : names.some(p.matcher));
    const hitOf = (index: string): ResolvedPattern | undefined => {
      if (isDateMathExpression(index)) return patterns.find((p) => p.resolved === '*' || p.resolved === index);
      const names = coveringNames(index, ctx.aliases, ctx.containers);
      // a rule that does not grant the action belongs to no merged pattern of it (its hits are near misses only)
      if (groups === undefined || groups.length === 0) return patterns.find((p) => fits(p, index, names));
      for (const g of groups) {
        const usable = patterns.filter((p) => !g.shadowed.has(p.pattern) && !g.doubted.has(p.pattern));
        // the plugin's match throws at the invalid date-math pattern before it tries the index's aliases: patterns cover
        // by the index's own name only, except static ones for a well-known action (precomputed with the aliases)
        const hit = !g.throws ? usable.find((p) => fits(p, index, names))
          : usable.find((p) => fits(p, index, [index])) ?? (g.staticViaAliases ? usable.find((p) => isStaticPattern(p.pattern) && fits(p, index, names)) : undefined);
        if (hit !== undefined) return hit;
      }
      return undefined;
    };
    const via = resolver.firstChain(rule.allowed_actions, action);
    if (via !== undefined) {
      for (const p of patterns) {
        const why = p.undecided ?? doubtOf(p);
        if (why !== undefined) undecidedPatterns.push({ pattern: p.pattern, why, via, mayMatch: p.mayMatch ?? p.matcher });
      }
      const decided = patterns.filter((p) => p.undecided === undefined && doubtOf(p) === undefined).map((p) => p.pattern);
      if (decided.length > 0) actionOnPatterns.push({ patterns: decided, via });
      if (indices === null) {
        for (const p of patterns) {
          grants.push({ role: name, permission: 'index', pattern: p.pattern, ...(p.resolved !== p.pattern ? { resolvedPattern: p.resolved } : {}), via });
        }
        continue;
      }
      for (const index of indices) {
        if (covered.has(index)) continue;
        const hit = hitOf(index);
        if (hit === undefined) continue;
        covered.add(index);
        grants.push({
          role: name, permission: 'index', pattern: hit.pattern, ...(hit.resolved !== hit.pattern ? { resolvedPattern: hit.resolved } : {}), index, via,
        });
      }
      for (const index of indices.filter((i) => expands(i) && !covered.has(i))) {
        const why = (p: ResolvedPattern): string => `${shown(p.pattern)} matches the text ${index}, not surely every index it expands to (pass clusterIndices)`;
        for (const p of patterns) if (p.matcher(index) && !expansionsWithin(p.resolved, index)) undecidedPatterns.push({ pattern: p.pattern, why: why(p), via, mayMatch: (n) => n === index });
      }
      for (const p of patterns) {
        const declined = p.declined;
        if (declined === undefined || declined.size === 0) continue;
        const why = `${shown(p.pattern)} could not be evaluated for ${list([...declined.keys()])} (${[...new Set(declined.values())].join('; ')})`;
        undecidedPatterns.push({ pattern: p.pattern, why, via, mayMatch: (n) => declined.has(n) });
      }
    } else if (indices !== null) {
      for (const index of indices) {
        const hit = hitOf(index);
        if (hit !== undefined) patternsWithoutAction.push({ pattern: hit.pattern, index, allowed: stringList(rule.allowed_actions) });
      }
    }
  }

  // Near misses only about indices no role covers (when that is known): the rest is noise.
  const uncovered = indices === null ? [] : indices.filter((i) => !covered.has(i) && (missIndices === null || missIndices.has(i)));
  const firstOnPatterns = actionOnPatterns.at(0);
  if (indices !== null && uncovered.length > 0 && firstOnPatterns !== undefined) {
    const patterns = [...new Set(actionOnPatterns.flatMap((a) => a.patterns))];
    nearMisses.push({
      role: name,
      kind: 'other_indices',
      reason: `${name} grants ${action} via ${chainText(firstOnPatterns.via)} only on ${list(patterns)}, not on ${list(uncovered)}`,
      patterns,
      indices: uncovered,
    });
  }
  const firstUndecided = undecidedPatterns.at(0);
  // only the uncovered indices such a pattern may match are in doubt
  const inDoubt = firstUndecided === undefined ? [] : uncovered.filter((i) => {
    if (isDateMathExpression(i)) return true;
    const names = coveringNames(i, ctx.aliases, ctx.containers);
    return undecidedPatterns.some((u) => names.some(u.mayMatch));
  });
  if (inDoubt.length > 0 && firstUndecided !== undefined) {
    const patterns = [...new Set(undecidedPatterns.map((u) => u.pattern))];
    nearMisses.push({
      role: name,
      kind: 'undecided_pattern',
      reason: `${name} grants ${action} via ${chainText(firstUndecided.via)} on ${list(patterns.map(shown))}, which could not be evaluated: ` +
        `${[...new Set(undecidedPatterns.map((u) => u.why))].join('; ')}; whether it covers ${list(inDoubt)} is unknown`,
      patterns,
      indices: inDoubt,
    });
  }
  const withoutByIndex = new Map<string, typeof patternsWithoutAction>();
  for (const w of patternsWithoutAction) {
    const at = withoutByIndex.get(w.index);
    if (at === undefined) withoutByIndex.set(w.index, [w]);
    else at.push(w);
  }
  for (const index of uncovered) {
    const without = withoutByIndex.get(index) ?? [];
    const firstWithout = without.at(0);
    if (firstWithout === undefined) continue;
    const allowed = [...new Set(without.flatMap((w) => w.allowed))];
    nearMisses.push({
      role: name,
      kind: 'action_not_allowed',
      reason: `${name} covers ${index} with ${list([...new Set(without.map((w) => w.pattern))])} but allows only ${list(allowed)} there, which does not include ${action}`,
      patterns: [...new Set(without.map((w) => w.pattern))],
      indices: [index],
    });
  }
  if ((grants.length === 0 && (indices === null || missIndices === null || missIndices.size > 0)) || uncovered.length > 0) {
    const clusterVia = resolver.firstChain(clusterEntries, action);
    if (clusterVia !== undefined && !(clusterEntries.includes('*') || clusterEntries.includes('unlimited'))) {
      nearMisses.push({
        role: name,
        kind: 'wrong_section',
        reason: `${name} allows ${action} via ${chainText(clusterVia)} in cluster_permissions; the plugin checks index-level actions against index_permissions only`,
      });
    }
    const seen = new Set<string>();
    for (const u of unresolvedPatterns) {
      if (seen.has(u.pattern)) continue;
      seen.add(u.pattern);
      nearMisses.push({
        role: name,
        kind: 'unresolved_variable',
        reason: `${name}'s index pattern ${u.pattern} uses ${u.unresolved.map((v) => `\${${v}}`).join(', ')}, which the user does not define (the pattern then matches nothing)`,
        patterns: [u.pattern],
      });
    }
    const unknown = [...new Set(indexRules.flatMap((r) => (r === null || typeof r !== 'object' ? [] : resolver.unknownEntries(r.allowed_actions))))];
    const miss = unknownEntryMiss(name, 'allowed_actions', unknown);
    if (miss !== undefined) nearMisses.push(miss);
  }
  return { grants, nearMisses };
}

/**
 * Which role grants `action` (on `index`), or why none does: expands action groups (static catalogue plus
 * `actionGroups`, recursively, loop-safe), matches wildcard action and index patterns (with `${user.name}`
 * substitution) and tells cluster-level from index-level actions as the plugin does. With `user.roles`
 * only those roles are evaluated; roles the user is not mapped to that would grant it land in `wouldGrant`.
 */
export function explainPermission(
  roles: PermissionRoles,
  actionGroups: PermissionActionGroups | undefined,
  given: PermissionQuery,
): PermissionExplanation {
  try {
    return explainPermissionOf(roles, actionGroups, given);
  } catch (error) {
    throw inputFailure('explainPermission', error);
  }
}

function explainPermissionOf(
  roles: PermissionRoles,
  actionGroups: PermissionActionGroups | undefined,
  given: PermissionQuery,
): PermissionExplanation {
  if (roles === null || typeof roles !== 'object') throw new ArgumentTypeError('explainPermission: roles must be an object of role name -> role');
  if (actionGroups !== undefined && (actionGroups === null || typeof actionGroups !== 'object')) throw new ArgumentTypeError('explainPermission: actionGroups must be an object of group name -> group, or undefined');
  if (given === null || typeof given !== 'object') throw new ArgumentTypeError('explainPermission: query must be { action, index?, user?, ... }');
  const query = readQueryOnce(given);
  const { action } = query;
  if (typeof action !== 'string' || action === '') throw new ArgumentTypeError('explainPermission: query.action must be a non-empty string');
  const index: unknown = query.index;
  if (index !== undefined && typeof index !== 'string' && !(Array.isArray(index) && index.every((i) => typeof i === 'string'))) {
    throw new ArgumentTypeError('explainPermission: query.index must be a string or a list of strings');
  }
  const user = checkQueryParts(query);
  const level: ActionLevel = isClusterAction(action) ? 'cluster' : 'index';
  const now = query.now ?? Date.now();
  // date-math names resolved first, as the plugin does (IndexResolverReplacer): the rest judges the names they give
  const written = level === 'index' ? normaliseIndices(query.index) : null;
  const requested = level === 'index' ? requestDateMath(written, now) : undefined;
  // the names the plugin judges: resolved against the cluster's indices when known, else (or when a name that must
  // exist does not: index_not_found) as written (src/fgac/index-expressions.ts; IndexResolverReplacer at 2.19.4.0 and
  // 3.4.0.0, measured on 2.19.4 and 3.4.0: test/integration/permission-differential.test.ts, ix51-request-names.test.ts)
  const named = requested?.names ?? null;
  const judged = named === null ? undefined : requestIndices(named, query.clusterIndices, query.aliases, written ?? named, query.closedIndices);
  const indices = judged?.indices ?? null;
  const dnfof = query.doNotFailOnForbidden === true && level === 'index' && indices !== null && dnfofApplies(action);
  const resolver = new ActionResolver(groupTable(actionGroups));
  const defined = (name: string): boolean => Object.prototype.hasOwnProperty.call(roles, name);
  // each role as the node's action privileges hold it (a pattern that does not compile drops the rest of its role), on first read
  const compiled = new CompiledRoles(roles, action, { pluginVersion: query.pluginVersion, clusterIndices: query.clusterIndices }, resolver);

  const mapped = user?.roles === undefined ? undefined : [...new Set(user.roles)];
  const rolesEvaluated = mapped === undefined ? Object.keys(roles) : mapped.filter(defined);
  const missingRoles = mapped === undefined ? [] : mapped.filter((r) => !defined(r));
  const ctx: SubstitutionContext = {
    user, securityRoles: mapped, pluginVersion: pluginVersionOrUnknown(query.pluginVersion), resolvedPatterns: new Map(), now, during: undefined,
    // every field own (undefined when not given): readers never reach a polluted Object.prototype
    aliases: query.aliases, containers: query.aliases !== undefined ? containerTable(query.aliases) : undefined,
  };

  const evaluable = rolesEvaluated.flatMap((name) => {
    const view = compiled.view(name);
    return view === undefined ? [] : [{ name, role: view.role, maybe: view.maybe }];
  });
  // First pass: what is covered at all; second pass: near misses about what is not.
  // without the cluster's indices a request wildcard is judged by its text only when the plugin surely does so too
  const unseen = query.clusterIndices === undefined && (written === null || !dateMathFallsBack(written));
  const grantsOn = (names: string[] | null): PermissionGrant[] => evaluable.flatMap(({ name, role }) => evaluateRole(name, role, action, level, names, resolver, ctx, null, unseen).grants);
  const coveredBy = (found: readonly PermissionGrant[]): Set<string> => new Set(found.flatMap((g) => (g.index === undefined ? [] : [g.index])));
  const grants = grantsOn(indices);
  const coveredIndices = coveredBy(grants);
  const uncoveredIndices = indices === null ? [] : indices.filter((i) => !coveredIndices.has(i));
  const literal = level === 'cluster' || indices === null ? grants.length > 0 : uncoveredIndices.length === 0;
  const narrowing = dnfof && indices !== null ? dnfofNarrowed(action, indices, coveredIndices, query, (names) => coveredBy(grantsOn([...names]))) : undefined;
  const narrowedTo = narrowing?.narrowedTo;
  const granted = narrowing?.allowed === true || literal;
  const missIndices = indices === null ? null : new Set(uncoveredIndices);
  const nearMisses: PermissionNearMiss[] = granted && indices === null
    ? []
    : evaluable.flatMap(({ name, role, maybe }) => [...evaluateRole(name, role, action, level, indices, resolver, ctx, missIndices, unseen).nearMisses,
      ...doubtMiss(name, action, maybe, missIndices, (may) => evaluateRole(name, may, action, level, indices, resolver, ctx, null, unseen).grants)]);
  for (const name of missingRoles) {
    nearMisses.push({ role: name, kind: 'role_not_found', reason: `${name} is mapped to the user but no definition of it was given (deleted, or hidden from the caller)` });
  }

  const wouldGrant: PermissionGrant[] = [];
  if (mapped !== undefined && !granted) {
    const mappedSet = new Set(mapped);
    for (const name of Object.keys(roles)) {
      if (mappedSet.has(name)) continue;
      const role = compiled.view(name)?.role;
      if (role === undefined) continue;
      const found = evaluateRole(name, role, action, level, indices, resolver, ctx, null, unseen).grants;
      wouldGrant.push(...found.filter((g) => { const i = opt(g, 'index'); return i === undefined || missIndices === null || missIndices.has(i); }));
    }
  }

  const warnings = [...resolver.warnings, ...compiled.warnings];
  const unresolvable = requested?.unsupported ?? new Map<string, string>();
  if (unresolvable.size > 0) {
    warnings.push(`${list([...unresolvable.keys()])}: date-math index names this SDK cannot resolve (${[...unresolvable.values()].join('; ')}); the node resolves them with its current date; only a pattern covering every index is known to cover them`);
  }
  for (const p of ctx.resolvedPatterns?.values() ?? []) if (p.invalid !== undefined) warnings.push(`${p.invalid}; the plugin ignores this index pattern (it matches nothing)`);
  const refusedNames = [...(requested?.invalid ?? []), ...(judged !== undefined && opt(judged, 'invalid') !== undefined ? [judged.invalid as string] : [])];
  // undecided only when every index left uncovered is in doubt: one that nothing can cover makes the refusal certain
  const undecidedMisses = nearMisses.filter((m) => m.kind === 'undecided_pattern');
  // indices the plugin judges only if they are open (a wildcard's, closed ones not known) or data streams (a table that lost its marker)
  const maybeClosed = new Set(judged === undefined ? [] : opt(judged, 'maybeClosed') ?? []);
  const maybeStreams = new Set(judged === undefined ? [] : opt(judged, 'maybeStreams') ?? []);
  const doubted = new Set([...uncoveredIndices.filter(isDateMathExpression), ...undecidedMisses.flatMap((m) => m.indices ?? []), ...maybeClosed, ...maybeStreams]);
  const certainlyRefused = uncoveredIndices.some((i) => !doubted.has(i));
  const shut = uncoveredIndices.filter((i) => maybeClosed.has(i));
  const streamLike = uncoveredIndices.filter((i) => maybeStreams.has(i));
  const undecided = refusedNames.length > 0
    ? refusedNames.map((r) => `${r}: the node fails the request before judging its privileges`)
    : granted || certainlyRefused ? [] : [
      ...uncoveredIndices.filter(isDateMathExpression).map((i) => `the request names ${i}, a date-math index name this SDK cannot resolve (${unresolvable.get(i) ?? 'see warnings'})`),
      ...undecidedMisses.map((m) => m.reason),
      ...(shut.length > 0 ? [`whether ${list(shut)} ${shut.length === 1 ? 'is' : 'are'} closed: the plugin expands a request's wildcards to open and hidden indices only (pass closedIndices)`] : []),
      ...(streamLike.length > 0 ? [`whether ${list(streamLike)} ${streamLike.length === 1 ? 'is a data stream' : 'are data streams'}, whose name${streamLike.length === 1 ? '' : 's'} the plugin judges: the aliases table does not say (a copy of indexAliasesFrom's table loses its data-stream marker: pass the table itself)`] : []),
    ];
  if (narrowing?.warning !== undefined) warnings.push(narrowing.warning);
  const asText = written === null || named === null || (judged !== undefined && opt(judged, 'invalid') !== undefined) ? [] : namesJudgedAsText(written, named, query.aliases);
  if (asText.length > 0) warnings.push(`the request names a date-math index name without *: the plugin then judges ${list(asText)} by that text (no wildcard expanded, no alias or data stream followed), though the request then reads what they resolve to`);
  const keptInDoubt = narrowedTo !== undefined && !literal ? uncoveredIndices.filter((i) => doubted.has(i)) : [];
  if (keptInDoubt.length > 0) {
    warnings.push(`with do_not_fail_on_forbidden the plugin may also keep ${list(keptInDoubt)}, which this SDK could not judge (a date-math name, or a pattern it cannot evaluate): narrowedTo lists only the indices known to be covered`);
  }
  if (dnfof && query.clusterIndices === undefined && indices?.some(isIndexWildcard) === true) {
    warnings.push(`with do_not_fail_on_forbidden the plugin expands ${indices.filter(isIndexWildcard).join(', ')} against the cluster's indices and keeps those the roles cover: pass query.clusterIndices to judge it (judged as written here)`);
  }
  return {
    action, level, indices, granted: granted && refusedNames.length === 0, grants, nearMisses, uncoveredIndices, rolesEvaluated, missingRoles, wouldGrant, warnings,
    ...(narrowedTo !== undefined ? { narrowedTo } : {}),
    ...(undecided.length > 0 ? { undecided } : {}),
  };
}

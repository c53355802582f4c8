/**
 * A role's index pattern as the privilege evaluation reads it for one subject: `${user...}`/`${attr...}`
 * substituted, compiled, and marked undecided where this SDK cannot tell what it matches (a date-math name,
 * a Java regex it cannot run, an attribute whose value was not given), with the names it may match then.
 */
import type { ContainerTable, IndexAliases } from '../fgac/aliases.js';
import { UnsupportedMaskingError } from '../fgac/errors.js';
import { BUILT_IN_USER_VARIABLES, substituteUserVariables } from '../fgac/dls-variables.js';
import { dlsRules } from '../fgac/dls.js';
import { compileFieldPattern, isRegexPattern, type FieldMatcher } from '../fgac/field-patterns.js';
import { isDateMathExpression } from '../fgac/date-math.js';
import { isRequestWildcard } from '../fgac/index-expressions.js';
import { resolveDateMathDuring } from '../fgac/date-math-span.js';
import type { PermissionSubject } from './types.js';
import { opt } from '../errors/own.js';

/** True for an index expression the cluster expands (`*`, `logs-*`): core's test, one home in fgac/index-expressions.ts. */
export const isIndexWildcard = isRequestWildcard;

/** A role's index pattern with `${...}` substituted for the subject, and what it matches. */
export interface ResolvedPattern {
  pattern: string;
  resolved: string;
  /** Variables without a value that the user does not have (the pattern then matches nothing). */
  unresolved: string[];
  matcher: FieldMatcher;
  /** Why this SDK cannot tell what the pattern matches (its matcher then matches nothing, but the plugin's may match). */
  undecided?: string;
  /** With `undecided`: the names the pattern may match (its static parts; everything when unknown). */
  mayMatch?: FieldMatcher;
  /** A regex's names it could not judge when matching them, with why (filled as names are matched). */
  declined?: ReadonlyMap<string, string>;
  /** A date-math pattern OpenSearch refuses to resolve: the plugin logs it and ignores it (it matches nothing). */
  invalid?: string;
}

/** The matcher of a pattern whose reach is unknown: it may match any name. */
export const anything: FieldMatcher = () => true;

/** `glob` compiled as a wildcard pattern, or `anything` when it is not one (it is then no bound). */
function boundOf(glob: string): FieldMatcher {
  // startsWith, not isRegexPattern: the unknown part `*` stands for may end in `/` (the pattern is then a regex)
  if (glob.startsWith('/') || glob.includes('\\')) return anything;
  try {
    return compileFieldPattern(glob);
  } catch {
    return anything;
  }
}

/** A date-math expression's names as a wildcard: its `{...}` parts (the date) replaced by `*`. */
function dateMathBound(expression: string): FieldMatcher {
  let glob = '';
  let depth = 0;
  for (const ch of expression.slice(1, -1)) {
    if (ch === '{') {
      if (depth++ === 0) glob += '*';
    } else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) glob += ch;
  }
  return boundOf(glob);
}

export interface SubstitutionContext {
  user: PermissionSubject | undefined;
  /** The user's mapped roles (`${user.securityRoles}`); undefined when not known (a pattern using it is then undecided). */
  securityRoles: readonly string[] | undefined;
  /** The plugin version; `''` when unknown (fgac/plugin-version.ts pluginVersionOrUnknown: version-dependent syntax is then undecided). */
  pluginVersion: string;
  /** Aliases and data streams: a pattern on one of them covers its member indices. */
  aliases?: IndexAliases;
  /** `aliases` indexed by member index (containerTable), built once per explanation. */
  containers?: ContainerTable;
  /** Patterns already resolved for this subject (one explanation): each is compiled once, not per role and pass. */
  resolvedPatterns?: Map<string, ResolvedPattern>;
  /** The instant (epoch ms) date-math patterns are resolved at, as the plugin resolves them with its current time (default: now). */
  now?: number;
  /**
   * Instead of `now`: the interval (epoch ms, from <= to) in which the node resolved them, e.g. from sending a search to
   * its answer; a pattern naming different indices within it is undecided for those indices.
   */
  during?: readonly [number, number];
}

/** The names among `variables` that are attributes the user has (`attributeNames`) but whose value was not given. */
function valueUnknown(variables: readonly string[], user: PermissionSubject | undefined): string[] {
  const names = user === undefined ? undefined : opt(user, 'attributeNames');
  if (names === undefined || names.length === 0) return [];
  const given = (user === undefined ? undefined : opt(user, 'attributes')) ?? {};
  const has = (n: string): boolean => names.some((a) => a === n || a.replaceAll('.', '_') === n);
  return [...new Set(variables.filter((v) => has(v) && !Object.prototype.hasOwnProperty.call(given, v)))];
}

/** A role's index pattern with `${...}` substituted for the subject, and its matcher. */
export function resolvePattern(pattern: string, ctx: SubstitutionContext): ResolvedPattern {
  const cached = opt(ctx, 'resolvedPatterns')?.get(pattern);
  if (cached !== undefined) return cached;
  const r = resolveUncached(pattern, ctx);
  // every field own (undefined when not set): a reader's `p.undecided` never reaches a polluted Object.prototype
  const out: ResolvedPattern = {
    pattern: r.pattern, resolved: r.resolved, unresolved: r.unresolved, matcher: r.matcher,
    undecided: opt(r, 'undecided'), mayMatch: opt(r, 'mayMatch'), declined: opt(r, 'declined'), invalid: opt(r, 'invalid'),
  };
  opt(ctx, 'resolvedPatterns')?.set(pattern, out);
  return out;
}

/** A pattern as quoted in a reason: a long one (a 40 000-character regex) is cut. */
/** A pattern as a message shows it (a long one cut, with its length). */
export const shown = (pattern: string): string => (pattern.length > 80 ? `${pattern.slice(0, 60)}... (${pattern.length} characters)` : pattern);

function resolveUncached(pattern: string, ctx: SubstitutionContext): ResolvedPattern {
  const { user, securityRoles } = ctx;
  const nothing: FieldMatcher = () => false;
  // the plugin reads `<...>` as date math before any `${...}` (IndexPattern.Builder), resolves it with its current time and
  // matches the result as a pattern (an expression OpenSearch refuses: logged, the pattern ignored)
  if (isDateMathExpression(pattern)) {
    const at = ctx.now ?? Date.now();
    const [from, to] = ctx.during ?? [at, at];
    const date = resolveDateMathDuring(pattern, from, to);
    if (date.kind === 'varies') {
      const some = date.names.map(boundOf);
      return { pattern, resolved: pattern, unresolved: [], matcher: nothing, mayMatch: (n) => some.some((m) => m(n)), undecided: date.reason };
    }
    if (date.kind === 'invalid') return { pattern, resolved: pattern, unresolved: [], matcher: nothing, invalid: date.reason };
    if (date.kind === 'unsupported') {
      return { pattern, resolved: pattern, unresolved: [], matcher: nothing, mayMatch: dateMathBound(pattern), undecided: `${shown(pattern)} is a date-math index expression this SDK cannot resolve (${date.reason})` };
    }
    return { ...compiled(date.name, nothing), pattern };
  }
  let resolved = pattern;
  let unresolved: string[] = [];
  let unknownValues: string[] = [];
  let uncertain = false;
  let newSyntax: string | undefined;
  let builtIns: string[] = [];
  if (pattern.includes('${')) {
    const sub = substituteUserVariables(pattern, {
      ...(user?.name !== undefined ? { name: user.name } : {}),
      ...(user?.backendRoles !== undefined ? { roles: user.backendRoles } : {}),
      ...(securityRoles !== undefined ? { securityRoles } : {}),
      ...(user?.attributes !== undefined ? { attributes: user.attributes } : {}),
    }, { pluginVersion: ctx.pluginVersion });
    resolved = sub.text;
    uncertain = sub.uncertain;
    // an unknown version: `${x:-d}` and `$${x}` are syntax only for 3.7+ (fgac/dls.ts dlsRules), as the DLS path reads them
    if (dlsRules(ctx.pluginVersion) === undefined && (sub.defaults.length > 0 || sub.escapes.length > 0)) {
      newSyntax = sub.defaults.length > 0 ? `\${${sub.defaults[0]}}` : `$\${${sub.escapes[0]}}`;
    }
    // the plugin fills these for every user: left unresolved, they are what the caller did not pass
    builtIns = [...new Set(sub.unresolved.filter((v) => BUILT_IN_USER_VARIABLES.has(v)))];
    // a `${x:-default}` the SDK filled with its default takes the attribute's value on the node
    unknownValues = valueUnknown([...sub.unresolved, ...sub.defaults.map((d) => d.slice(0, d.indexOf(':-')))], user);
    unresolved = sub.unresolved.filter((v) => !unknownValues.includes(v) && !builtIns.includes(v));
  }
  if (newSyntax !== undefined && !uncertain) {
    return { pattern, resolved, unresolved, matcher: nothing, mayMatch: anything, undecided: `${shown(pattern)} uses ${newSyntax}, syntax only for 3.7+ (earlier versions substitute exact references only): pass pluginVersion` };
  }
  if (builtIns.length > 0 && !uncertain) {
    const vars = builtIns.map((v) => `\${${v}}`).join(', ');
    return {
      pattern, resolved, unresolved, matcher: nothing,
      mayMatch: boundOf(builtIns.reduce((text, v) => text.replaceAll(`\${${v}}`, '*'), resolved)),
      undecided: `${shown(pattern)} uses ${vars}, filled by the plugin for every user: pass the user's ${builtIns.map((v) => BUILT_IN_USER_VARIABLES.get(v) as string).join(', ')} to judge it`,
    };
  }
  if (uncertain) {
    return { pattern, resolved, unresolved, matcher: nothing, mayMatch: anything, undecided: `${shown(pattern)} depends on the order the plugin replaces the user's attributes in (a name holding $, { or }, a value holding them, or two attributes giving one name such as a.b and a_b)` };
  }
  if (unknownValues.length > 0) {
    const vars = unknownValues.map((v) => `\${${v}}`).join(', ');
    // the value is inserted as it is: any name the pattern's other parts allow (a default the SDK filled in: no bound)
    const defaulted = unknownValues.some((v) => !resolved.includes(`\${${v}}`));
    return {
      pattern, resolved, unresolved, matcher: nothing,
      mayMatch: defaulted ? anything : boundOf(unknownValues.reduce((text, v) => text.replaceAll(`\${${v}}`, '*'), resolved)),
      undecided: `${shown(pattern)} uses ${vars}, an attribute the user has (authinfo custom_attribute_names) whose value was not given (pass it in the subject's attributes)`,
    };
  }
  return { ...compiled(resolved, nothing), pattern, unresolved };
}

/** A substituted (or date-resolved) pattern compiled as the plugin's WildcardMatcher reads it: a glob, or a `/regex/`. */
function compiled(resolved: string, nothing: FieldMatcher): ResolvedPattern {
  const pattern = resolved;
  const unresolved: string[] = [];
  try {
    const compiled = compileFieldPattern(resolved);
    if (!isRegexPattern(resolved)) return { pattern, resolved, unresolved, matcher: compiled };
    // a regex may decline one name at match time (a character whose Unicode data differs from the JDK's)
    const declined = new Map<string, string>();
    const matcher: FieldMatcher = (name) => {
      try {
        return compiled(name);
      } catch (err) {
        if (!(err instanceof UnsupportedMaskingError)) throw err;
        declined.set(name, err.message);
        return false;
      }
    };
    return { pattern, resolved, unresolved, matcher, declined };
  } catch (err) {
    // a regex the JDK refuses matches nothing on the node too; one only this SDK cannot run is unknown
    if (!(err instanceof UnsupportedMaskingError)) return { pattern, resolved, unresolved, matcher: nothing };
    return { pattern, resolved, unresolved, matcher: nothing, mayMatch: anything, undecided: `${shown(pattern)} is a regular expression this SDK cannot evaluate (${err.message})` };
  }
}

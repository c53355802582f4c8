/** explainPermission's query as it is read: once, its parts checked, its indices normalised. */
import { isPlainRecord, isStringList } from '../client/options-check.js';
import { setOwn } from '../errors/redact.js';
import { readUserObject } from '../fgac/dls-variables.js';
import { ArgumentTypeError } from '../fgac/argument-error.js';
import { requestIndexNames } from '../fgac/request-names.js';
import type { PermissionQuery, PermissionSubject } from './types.js';

/**
 * Splits the requested indices at commas as the node does (fgac/request-names.ts requestIndexList: in order, an
 * exclusion depending on the names before it; nothing trimmed, ` _all` names an index; a leading or middle empty name
 * kept, a missing name only a pattern matching `` covers; trailing ones dropped), an array joined first; null
 * when none were given. A list given but blank (`''`, `','`, `[]`, spaces only) is every index, as the plugin resolves
 * a request that names none (`GET /_search`), never "no index".
 */
export function normaliseIndices(index: string | readonly string[] | undefined): string[] | null {
  if (index === undefined) return null;
  const out = requestIndexNames(index);
  return out.every((name) => name.trim() === '') ? ['*'] : out;
}

/** The fields of a PermissionSubject (for readUserObject). */
export const SUBJECT_FIELDS = { name: 'string', roles: 'list', backendRoles: 'list', attributes: 'strings', attributeNames: 'list' } as const;

/** explainPermission's contract: a TypeError naming the part of the wrong type. */
const refuse = (path: string, message: string): never => {
  throw new ArgumentTypeError(`explainPermission: ${path} ${message}`);
};

/** The optional parts of a query: of the wrong type they were read as something else (a 10 MB string as the alias table took minutes). Returns the checked copy of the user. */
export function checkQueryParts(query: PermissionQuery): PermissionSubject | undefined {
  const { user, aliases, pluginVersion, doNotFailOnForbidden, doNotFailOnForbiddenEmpty, clusterIndices, closedIndices } = query as {
    user?: unknown; aliases?: unknown; pluginVersion?: unknown; doNotFailOnForbidden?: unknown; doNotFailOnForbiddenEmpty?: unknown; clusterIndices?: unknown; closedIndices?: unknown;
  };
  for (const [name, value] of [['doNotFailOnForbidden', doNotFailOnForbidden], ['doNotFailOnForbiddenEmpty', doNotFailOnForbiddenEmpty]] as const) {
    if (value !== undefined && typeof value !== 'boolean') throw new ArgumentTypeError(`explainPermission: query.${name} must be a boolean`);
  }
  if (clusterIndices !== undefined && !isStringList(clusterIndices)) throw new ArgumentTypeError('explainPermission: query.clusterIndices must be a list of index names');
  if (closedIndices !== undefined && !isStringList(closedIndices)) throw new ArgumentTypeError('explainPermission: query.closedIndices must be a list of index names');
  if (aliases !== undefined && !isPlainRecord(aliases)) throw new ArgumentTypeError('explainPermission: query.aliases must be an object of alias -> index names (indexAliasesFrom)');
  if (aliases !== undefined && !Object.values(aliases as object).every(isStringList)) throw new ArgumentTypeError('explainPermission: query.aliases must map each alias to a list of index names');
  const { now } = query as { now?: unknown };
  if (now !== undefined && (typeof now !== 'number' || !Number.isFinite(now))) throw new ArgumentTypeError('explainPermission: query.now must be a finite number (epoch milliseconds)');
  if (pluginVersion !== undefined && typeof pluginVersion !== 'string') throw new ArgumentTypeError('explainPermission: query.pluginVersion must be a string such as 2.19.0');
  return user === undefined ? undefined : readUserObject('query.user', user, SUBJECT_FIELDS, refuse) as PermissionSubject;
}

/** The query's own fields read once (a getter or Proxy that throws is named, without what it threw). */
export function readQueryOnce(given: PermissionQuery): PermissionQuery {
  // null prototype: a field not given reads as absent, never as what a polluted Object.prototype holds
  const copy = Object.create(null) as Record<string, unknown>;
  let keys: string[];
  try {
    keys = Object.keys(given);
  } catch {
    throw new ArgumentTypeError('explainPermission: query could not be read (a Proxy threw; its text is not repeated)');
  }
  for (const key of keys) {
    try {
      setOwn(copy, key, (given as unknown as Record<string, unknown>)[key]);
    } catch {
      throw new ArgumentTypeError(`explainPermission: query.${/^\w{1,40}$/.test(key) ? key : '?'} could not be read (a getter or Proxy threw; its text is not repeated)`);
    }
  }
  return copy as unknown as PermissionQuery;
}

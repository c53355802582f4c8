/** Parser of the security REST API's own refusals (`{"status":"NOT_FOUND","message":..}` and the validation shape). */
import { rec, str } from './body.js';
import { javaSetItems, splitList } from './parse-plugin.js';
import type { KnownPrincipal } from './permission-errors.js';
import { setOwn } from './redact.js';
import type { SecurityApiDetails, SecurityResourceState } from './service-errors.js';
import { field, hasOwnKey } from './own.js';
import { SECURITY_API_PREFIXES } from '../security/prefix.js';

function keysOf(value: unknown): string[] {
  const keys = str(rec(value)?.keys);
  return keys === undefined ? [] : splitList(keys);
}

/** The plugin's REST-admin refusal (AbstractApiAction: `forbidden(channel, "No permission to access REST API: " + authError)`). */
const ADMIN_PREFIX = 'No permission to access REST API: User ';
const ROLES_AT = ' with Security roles [';
const TAIL = '] does not have ';

/**
 * "No permission to access REST API: User <name> with Security roles [<a, b>] does not have ...": read only from a
 * FORBIDDEN whose reason IS that text from its start (a name quoting it inside another message decides nothing).
 * Names and roles are written unescaped. The fixed tail is the LAST "] does not have " (only fixed text follows it);
 * the name runs from the prefix to one " with Security roles [" before it. A name or role holding that marker
 * gives more than one such split: the one whose name is `known.name` is taken, else none (user and roles
 * undefined rather than a guess). Found with indexOf (a pattern with `.+` backtracked quadratically).
 */
function adminRefusal(apiStatus: string, reason: string, known: KnownPrincipal | undefined): { user: string; roles: string } | undefined {
  if (apiStatus !== 'FORBIDDEN' || !reason.startsWith(ADMIN_PREFIX)) return undefined;
  const tail = reason.lastIndexOf(TAIL);
  if (tail < 0) return undefined;
  const nameAt = ADMIN_PREFIX.length;
  const splits: number[] = [];
  for (let mid = reason.indexOf(ROLES_AT, nameAt + 1); mid >= 0 && mid + ROLES_AT.length <= tail; mid = reason.indexOf(ROLES_AT, mid + 1)) splits.push(mid);
  const chosen = splits.length === 1 ? splits[0] : splits.find((mid) => known !== undefined && reason.slice(nameAt, mid) === known.name);
  if (chosen === undefined) return undefined;
  return { user: reason.slice(nameAt, chosen), roles: reason.slice(chosen + ROLES_AT.length, tail) };
}

/**
 * The plugin's messages about one entity (AbstractApiAction / EndpointValidator at 2.19.4.0 and 3.4.0.0): `Resource '<n>'
 * is reserved.` / `is static.` (FORBIDDEN), `Resource '<n>' is not available.` and `<type> '<n>' not found.` (NOT_FOUND;
 * `<type>` is `user`, `role`, `rolesmapping`, `actiongroup`, `tenant`, ...: the entity asked for, or one it references,
 * e.g. `role 'r' not found.` for a user or mapping naming a missing role). Anchored at both ends; the type is the
 * leading word(s), the name everything between the first quote and the fixed tail (a name may hold quotes).
 */
const RESOURCE_STATE = /^(Resource|[\w ]+?) '([\s\S]*)' (is reserved|is static|is not available|not found)\.?$/;
const STATES: ReadonlyMap<string, { state: SecurityResourceState; status: string }> = new Map([
  ['is reserved', { state: 'reserved', status: 'FORBIDDEN' }],
  ['is static', { state: 'static', status: 'FORBIDDEN' }],
  ['is not available', { state: 'hidden', status: 'NOT_FOUND' }],
  ['not found', { state: 'not-found', status: 'NOT_FOUND' }],
]);

/**
 * The details of a security REST API refusal; undefined when the body does not have that shape (a string `status` and
 * `message`/`reason`, no `error`). `known`: the principal the client sent, to read an ambiguous user by.
 */
export function parseSecurityApi(json: Record<string, unknown>, known?: KnownPrincipal): SecurityApiDetails | undefined {
  const apiStatus = str(json.status);
  const reason = str(json.message) ?? str(json.reason);
  if (apiStatus === undefined || reason === undefined || hasOwnKey(json, 'error')) return undefined;
  const wrongDatatypes: Record<string, string> = {};
  // only the validation shape (`{"status":"error","reason":..,"<field>":"Array expected"}`) lists fields this way
  if (apiStatus === 'error') {
    for (const [k, v] of Object.entries(json)) {
      if (typeof v === 'string' && / expected$/.test(v) && k !== 'reason' && k !== 'message') setOwn(wrongDatatypes, k, v);
    }
  }
  let resourceState: SecurityResourceState | undefined;
  let resourceName: string | undefined;
  let resourceType: string | undefined;
  const resource = RESOURCE_STATE.exec(reason);
  if (resource !== null) {
    const state = STATES.get(resource[3] ?? '');
    // the message must be the whole reason and agree with its status: a name quoting another state decides nothing
    if (state !== undefined && state.status === apiStatus) {
      resourceType = resource[1];
      resourceName = resource[2];
      resourceState = state.state;
    }
  }
  const admin = adminRefusal(apiStatus, reason, known);
  return {
    apiStatus,
    reason,
    invalidKeys: keysOf(field(json, 'invalid_keys')),
    missingKeys: keysOf(field(json, 'missing_mandatory_keys')),
    wrongDatatypes,
    resourceState,
    resourceName,
    resourceType,
    user: admin?.user,
    securityRoles: admin === undefined ? undefined : javaSetItems(admin.roles),
  };
}

/**
 * Whether `path` (the request's, as opensearch-js sends it) is below the security plugin's REST API (`/<prefix>/api/`,
 * prefixes from security/prefix.ts): only there is a 500's Jackson failure about the request's own entity, never
 * about a document.
 */
export function isSecurityRestApiPath(path: unknown): boolean {
  if (typeof path !== 'string') return false;
  const bare = (path.split('?')[0] ?? '').replace(/^\/+/, '');
  return SECURITY_API_PREFIXES.some((prefix) => bare.startsWith(`${prefix}/api/`));
}

/**
 * The plugin's Jackson failures, by the answer's `error.type`: the first two at PUT (its body is bound to the entity's
 * class), `unchecked_i_o_exception` at PATCH (the patched entity bound again; its reason opens with the Jackson class).
 */
const JACKSON_CLASS = /^com\.fasterxml\.jackson\.databind\.exc\.(\w+): /;
/** The Jackson failures the plugin answers a body it cannot bind with, by exception class. */
const JACKSON_CLASSES: ReadonlyMap<string, 'unknown-field' | 'wrong-type'> = new Map([
  ['UnrecognizedPropertyException', 'unknown-field'],
  ['IgnoredPropertyException', 'unknown-field'],
  ['MismatchedInputException', 'wrong-type'],
  ['InvalidFormatException', 'wrong-type'],
  ['InvalidNullException', 'wrong-type'],
  ['InvalidTypeIdException', 'wrong-type'],
]);
/** The same failures by `error.type`, the class name as OpenSearch writes it (snake case: `unrecognized_property_exception`). */
const JACKSON_TYPES: ReadonlyMap<string, 'unknown-field' | 'wrong-type'> = new Map(
  [...JACKSON_CLASSES].map(([cls, failure]) => [cls.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase(), failure]),
);
const CHAIN = ' (through reference chain: ';

/**
 * The field a Jackson reason's reference chain ends at, as the model's issues name it (`index_permissions[0].zzz`):
 * `RoleV7["index_permissions"]->java.util.ArrayList[0]->RoleV7$Index["zzz"]`. Undefined when there is no chain or a
 * link does not read as one (a name holding `->` or quotes: no guess).
 */
function chainPath(reason: string): string | undefined {
  const at = reason.lastIndexOf(CHAIN);
  if (at < 0 || !reason.endsWith(')')) return undefined;
  let path = '';
  for (const link of reason.slice(at + CHAIN.length, -1).split('->')) {
    const index = /^[\w.$]*\[(\d+)\]$/.exec(link);
    if (index !== null) {
      path += `[${index[1]}]`;
      continue;
    }
    const name = /^[\w.$]*\["([^"]*)"\]$/.exec(link);
    if (name === null) return undefined;
    path += path === '' ? name[1] : `.${name[1]}`;
  }
  return path === '' ? undefined : path;
}

/** What the node expected, from the first Java type a Jackson mismatch names (`java.util.ArrayList` -> `Array expected`). */
function expectation(message: string): string {
  const type = /`([\w.$]+)/.exec(message)?.[1] ?? '';
  if (/^java\.util\.\w*(?:List|Set|Collection)$/.test(type)) return 'Array expected';
  if (type === 'java.lang.String') return 'String expected';
  if (/^(?:java\.lang\.Boolean|boolean)$/.test(type)) return 'Boolean expected';
  if (/^(?:java\.lang\.(?:Integer|Long)|int|long)$/.test(type)) return 'Number expected';
  return 'Object expected';
}

/**
 * A 500 of the security REST API whose answer is the plugin's Jackson failure to bind the entity it was given (an
 * unknown key in a nested entry, a string where a list belongs: it checks only top-level keys itself): the details of a
 * SecurityApiError naming the field (`invalidKeys` / `wrongDatatypes`, `apiStatus` `INTERNAL_SERVER_ERROR`). Decided
 * by structure: the request's path (the REST API's), the status and `error.type` (for `unchecked_i_o_exception`, the
 * Jackson class its reason opens with, where the node writes it). A 500 of any other path (a search whose hit quotes
 * these words) is not read.
 */
export function parseSecurityApiBindFailure(statusCode: number, path: unknown, type: string | undefined, reason: string | undefined): SecurityApiDetails | undefined {
  if (statusCode !== 500 || type === undefined || reason === undefined || !isSecurityRestApiPath(path)) return undefined;
  let message = reason;
  let failure = JACKSON_TYPES.get(type);
  if (type === 'unchecked_i_o_exception') {
    const cls = JACKSON_CLASS.exec(reason);
    failure = cls === null ? undefined : JACKSON_CLASSES.get(cls[1] ?? '');
    if (cls !== null) message = reason.slice(cls[0].length);
  }
  if (failure === undefined) return undefined;
  const named = chainPath(reason) ?? (failure === 'unknown-field' ? /^Unrecognized field "([^"]*)"/.exec(message)?.[1] : undefined);
  const wrongDatatypes: Record<string, string> = {};
  if (failure === 'wrong-type' && named !== undefined) setOwn(wrongDatatypes, named, expectation(message));
  return {
    apiStatus: 'INTERNAL_SERVER_ERROR',
    reason: message.split('\n')[0] ?? message,
    invalidKeys: failure === 'unknown-field' && named !== undefined ? [named] : [],
    missingKeys: [],
    wrongDatatypes,
    resourceState: undefined,
    resourceName: undefined,
    resourceType: undefined,
    user: undefined,
    securityRoles: undefined,
  };
}

/** Parser of the security REST API's own refusals (`{"status":"NOT_FOUND","message":..}` and the validation shape). */
import { rec, str } from './body.js';
import { javaSetItems, splitList } from './parse-plugin.js';
import type { KnownPrincipal } from './permission-errors.js';
import { setOwn } from './redact.js';
import type { SecurityApiDetails, SecurityResourceState } from './service-errors.js';
import { field, hasOwnKey } from './own.js';

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

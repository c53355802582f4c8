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

const USER_AT = 'User ';
const ROLES_AT = ' with Security roles [';
const TAIL = '] does not have ';

/**
 * "No permission to access REST API: User <name> with Security roles [<a, b>] does not have ...": names and roles
 * are written unescaped. The fixed tail is the LAST "] does not have " (only fixed text follows it); the name
 * runs from the first "User " to one " with Security roles [" before it. A name or role holding that marker
 * gives more than one such split: the one whose name is `known.name` is taken, else none (user and roles
 * undefined rather than a guess). Found with indexOf (a pattern with `.+` backtracked quadratically).
 */
function adminRefusal(reason: string, known: KnownPrincipal | undefined): { user: string; roles: string } | undefined {
  const tail = reason.lastIndexOf(TAIL);
  if (tail < 0) return undefined;
  const user = reason.indexOf(USER_AT);
  if (user < 0) return undefined;
  const nameAt = user + USER_AT.length;
  const splits: number[] = [];
  for (let mid = reason.indexOf(ROLES_AT, nameAt + 1); mid >= 0 && mid + ROLES_AT.length <= tail; mid = reason.indexOf(ROLES_AT, mid + 1)) splits.push(mid);
  const chosen = splits.length === 1 ? splits[0] : splits.find((mid) => known !== undefined && reason.slice(nameAt, mid) === known.name);
  if (chosen === undefined) return undefined;
  return { user: reason.slice(nameAt, chosen), roles: reason.slice(chosen + ROLES_AT.length, tail) };
}

/**
 * The details of a security REST API refusal; undefined when the body does not have that shape (a string `status` and
 * `message`/`reason`, no `error`). `known`: the principal the client sent, to read an ambiguous user by.
 */
export function parseSecurityApi(json: Record<string, unknown>, known?: KnownPrincipal): SecurityApiDetails | undefined {
  const apiStatus = str(json.status);
  const reason = str(json.message) ?? str(json.reason);
  if (apiStatus === undefined || reason === undefined || hasOwnKey(json, 'error')) return undefined;
  const wrongDatatypes: Record<string, string> = {};
  for (const [k, v] of Object.entries(json)) {
    if (typeof v === 'string' && / expected$/.test(v) && k !== 'reason' && k !== 'message') setOwn(wrongDatatypes, k, v);
  }
  let resourceState: SecurityResourceState | undefined;
  let resourceName: string | undefined;
  const resource = /(?:Resource|^[\w ]+?) '([^']*)' (is reserved|is static|is not available|not found)\.?/i.exec(reason);
  if (resource !== null) {
    resourceName = resource[1];
    const state = (resource[2] ?? '').toLowerCase();
    resourceState = state === 'is reserved' ? 'reserved' : state === 'is static' ? 'static' : state === 'is not available' ? 'hidden' : 'not-found';
  }
  const admin = adminRefusal(reason, known);
  return {
    apiStatus,
    reason,
    invalidKeys: keysOf(field(json, 'invalid_keys')),
    missingKeys: keysOf(field(json, 'missing_mandatory_keys')),
    wrongDatatypes,
    resourceState,
    resourceName,
    user: admin?.user,
    securityRoles: admin === undefined ? undefined : javaSetItems(admin.roles),
  };
}

/** Parser of the security REST API's own refusals (`{"status":"NOT_FOUND","message":..}` and the validation shape). */
import { rec, str } from './body.js';
import { splitJavaList, splitList } from './parse-plugin.js';
import { setOwn } from './redact.js';
import type { SecurityApiDetails, SecurityResourceState } from './service-errors.js';

function keysOf(value: unknown): string[] {
  const keys = str(rec(value)?.keys);
  return keys === undefined ? [] : splitList(keys);
}

const ROLES_AT = ' with Security roles [';
const TAIL = '] does not have ';

/**
 * "No permission to access REST API: User <name> with Security roles [<a, b>] does not have ...": names and roles
 * are written unescaped, so the name runs from the first "User " to the LAST " with Security roles [" and the roles
 * to the "]" of the fixed tail. Found with indexOf from the end (a pattern with `.+` backtracked quadratically).
 */
function adminRefusal(reason: string): { user: string; roles: string } | undefined {
  const tail = reason.lastIndexOf(TAIL);
  if (tail < 0) return undefined;
  const mid = reason.lastIndexOf(ROLES_AT, tail - ROLES_AT.length);
  if (mid < 0) return undefined;
  const user = reason.indexOf('User ');
  if (user < 0 || user + 'User '.length >= mid) return undefined;
  return { user: reason.slice(user + 'User '.length, mid), roles: reason.slice(mid + ROLES_AT.length, tail) };
}

/** The details of a security REST API refusal; undefined when the body does not have that shape (a string `status` and `message`/`reason`, no `error`). */
export function parseSecurityApi(json: Record<string, unknown>): SecurityApiDetails | undefined {
  const apiStatus = str(json.status);
  const reason = str(json.message) ?? str(json.reason);
  if (apiStatus === undefined || reason === undefined || 'error' in json) return undefined;
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
  const admin = adminRefusal(reason);
  return {
    apiStatus,
    reason,
    invalidKeys: keysOf(json.invalid_keys),
    missingKeys: keysOf(json.missing_mandatory_keys),
    wrongDatatypes,
    resourceState,
    resourceName,
    user: admin?.user,
    securityRoles: admin === undefined ? undefined : splitJavaList(admin.roles),
  };
}

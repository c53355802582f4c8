/** Parser of the security REST API's own refusals (`{"status":"NOT_FOUND","message":..}` and the validation shape). */
import { rec, str } from './body.js';
import { splitJavaList, splitList } from './parse-plugin.js';
import { setOwn } from './redact.js';
import type { SecurityApiDetails, SecurityResourceState } from './service-errors.js';

function keysOf(value: unknown): string[] {
  const keys = str(rec(value)?.keys);
  return keys === undefined ? [] : splitList(keys);
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
  // "No permission to access REST API: User <name> with Security roles [<a, b>] does not have ...": names and roles
  // are written unescaped, so the name runs to the LAST " with Security roles [" and the roles to the "]" of the fixed tail
  const admin = /User (.+) with Security roles \[(.*)\] does not have /s.exec(reason);
  return {
    apiStatus,
    reason,
    invalidKeys: keysOf(json.invalid_keys),
    missingKeys: keysOf(json.missing_mandatory_keys),
    wrongDatatypes,
    resourceState,
    resourceName,
    user: admin?.[1],
    securityRoles: admin?.[2] === undefined ? undefined : splitJavaList(admin[2]),
  };
}

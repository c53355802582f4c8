/**
 * The security plugin's answers saying it is not initialised yet (its configuration index missing or not loaded, or no
 * cluster manager): transient while the security index initialises, and sent before the request was processed. Each is
 * read by its whole text in the shape the plugin writes it (2.19.4.0 and 3.4.0.0; the same texts since 1.0.0.0):
 *  - 503 text (BackendRegistry.authenticate; a SecurityResponse JSON `{"error":{"status":"error","reason":..}}` in 2.11-2.12);
 *  - 503 `security_exception` (SecurityFilter 2.x: `.. for <action>`; PrivilegesEvaluator.NotInitialized 3.x);
 *  - 500 `security_exception` (PrivilegesEvaluatorImpl 2.x, an OpenSearchSecurityException's default status);
 *  - 500 SecurityResponse JSON (BackendRegistry.impersonate: the impersonation header read before initialisation);
 *  - 500 `{"status":"INTERNAL_SERVER_ERROR","message":"Security index not initialized"}` (the security REST API);
 *  - 503 `{"message":"Not initialized","mode":"strict","status":"DOWN"}` (SecurityHealthAction; 3.x adds `settings`).
 */
import type { OpenSearchErrorShape } from './body.js';
import { field, hasOwnKey } from './own.js';

const WHOLE: ReadonlySet<string> = new Set([
  'OpenSearch Security not initialized.',
  'OpenSearch Security not initialized. Cluster manager not present',
  'OpenSearch Security not initialized: Cluster manager not present',
  'OpenSearch Security is not initialized.',
  'OpenSearch Security is not initialized: roles configuration is missing',
  'Could not check for impersonation because OpenSearch Security is not yet initialized',
]);
/** SecurityFilter 2.x: the transport action's name follows (no spaces in one). */
const FOR_ACTION = 'OpenSearch Security not initialized for ';
const API_MESSAGE = 'Security index not initialized';
const HEALTH_KEYS: ReadonlySet<string> = new Set(['message', 'mode', 'status', 'settings']);

/** Whether `reason` is, whole, one of the plugin's "not initialised" texts. */
export function isNotInitialisedReason(reason: string): boolean {
  if (WHOLE.has(reason)) return true;
  return reason.startsWith(FOR_ACTION) && reason.length > FOR_ACTION.length && !/\s/.test(reason.slice(FOR_ACTION.length));
}

/** What of a refused response the check reads: its status, its body as JSON (if it is) or text, its OpenSearch error. */
export interface NotInitialisedInput {
  statusCode: number;
  json: Record<string, unknown> | undefined;
  text: string;
  os: OpenSearchErrorShape | undefined;
  /** True when the body is an HTML page (a gateway's: never the plugin's text). */
  page: boolean;
}

/** True when a 500 or 503 is the plugin saying it is not initialised yet, in a shape and with a whole text it writes. */
export function isSecurityNotInitialised({ statusCode, json, text, os, page }: NotInitialisedInput): boolean {
  if (statusCode !== 500 && statusCode !== 503) return false;
  if (json === undefined) return !page && isNotInitialisedReason(text);
  if (os === undefined) {
    const keys = Object.keys(json);
    // the security health check's own shape: message, mode, status (and settings)
    if (statusCode === 503) return field(json, 'message') === 'Not initialized' && field(json, 'status') === 'DOWN' && typeof field(json, 'mode') === 'string' && keys.every((k) => HEALTH_KEYS.has(k));
    // the security REST API's own shape: exactly a status and a message
    return keys.length === 2 && field(json, 'status') === 'INTERNAL_SERVER_ERROR' && field(json, 'message') === API_MESSAGE;
  }
  if (os.type === 'security_exception') return isNotInitialisedReason(os.reason ?? '');
  // SecurityResponse: {"error":{"status":"error","reason":..}}, no type
  const error = os.error;
  return os.type === undefined && error !== undefined && !hasOwnKey(error, 'type') && field(error, 'status') === 'error' && isNotInitialisedReason(os.reason ?? '');
}

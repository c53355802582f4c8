/**
 * The security plugin's refusals before any privilege is evaluated, each read from its whole message (2.19.4.0 and 3.4.0.0,
 * answered 403 as `{"error":{"status":"error","reason":..}}` by SecurityResponse): impersonation refused by
 * BackendRegistry.impersonate, and a reserved header refused by SecurityRestFilter (ExceptionUtils.createBadHeaderException).
 * Also a 403 in plain text (BackendRegistry: an admin certificate's DN authenticated by HTTP credentials) and the
 * allowlist's 403 `{"error":"<METHOD> <path> API not allowlisted","status":"FORBIDDEN"}` (AllowlistingSettings).
 * Names are written between quotes, unescaped, and may hold the template's words: read by the whole template, never a part.
 */
import { field } from './own.js';

/** The user the client authenticated as (permission-errors.ts KnownPrincipal fits): only its name is read. */
type SentPrincipal = { readonly name: string };

/**
 * Which refusal: impersonation not allowed for the user, of an admin certificate's DN, of a user no backend knows; a reserved
 * header; an admin certificate's DN logging in by HTTP credentials; an API the allowlist does not list.
 */
export type PluginAuthRefusalKind =
  | 'impersonation_not_allowed'
  | 'impersonation_of_admin'
  | 'impersonation_unknown_user'
  | 'reserved_header'
  | 'admin_login_via_http'
  | 'not_allowlisted';

/** What a pre-authorisation refusal of the plugin names. */
export interface PluginAuthRefusal {
  refusal: PluginAuthRefusalKind;
  /** The authenticated user refused (`impersonation_not_allowed` only); null when the message reads more than one way. */
  user: string | null;
  /** The user the request asked to impersonate (`opendistro_security_impersonate_as`); null when unknown or in doubt. */
  impersonatedUser: string | null;
  /** True when a name holds the template's words so that the message splits more than one way and nothing known picks one. */
  ambiguous: boolean;
}

const NOT_ALLOWED_MID = "' is not allowed to impersonate as '";
/** Candidate splits weighed at most; past this a message is read as ambiguous (a text made of the template, not names). */
const MAX_SPLITS = 4096;
const ADMIN_OPEN = "It is not allowed to impersonate as an adminuser  '";
const UNKNOWN_OPEN = 'No such user:';
/** The reserved-header message's lines (joined by the node's System.lineSeparator()). */
const RESERVED_HEADER_LINES = [
  'Illegal parameter in http or transport request found.',
  'This means that one node is trying to connect to another with ',
  'a non-node certificate (no OID or security.nodes_dn incorrect configured) or that someone ',
  'is spoofing requests. Check your TLS certificate setup as described here: See https://opendistro.github.io/for-elasticsearch-docs/docs/troubleshoot/tls/',
];
const RESERVED_HEADER = new Set([RESERVED_HEADER_LINES.join('\n'), RESERVED_HEADER_LINES.join('\r\n')]);

/**
 * `'<user>' is not allowed to impersonate as '<target>'`, whole. Each occurrence of the middle is a candidate split
 * (both names are written as given): one split reads; of several, the one naming `known.name` as the user; else ambiguous.
 */
function notAllowed(reason: string, known: SentPrincipal | undefined): PluginAuthRefusal | undefined {
  if (reason.length < 2 * "'".length + NOT_ALLOWED_MID.length || !reason.startsWith("'") || !reason.endsWith("'")) return undefined;
  const splits: number[] = [];
  for (let at = reason.indexOf(NOT_ALLOWED_MID, 1); at >= 0 && at + NOT_ALLOWED_MID.length <= reason.length - 1; at = reason.indexOf(NOT_ALLOWED_MID, at + 1)) {
    splits.push(at);
    if (splits.length > MAX_SPLITS) return { refusal: 'impersonation_not_allowed', user: null, impersonatedUser: null, ambiguous: true };
  }
  if (splits.length === 0) return undefined;
  const nameOf = (at: number): string => reason.slice(1, at);
  const picked = splits.length === 1 ? splits : splits.filter((at) => known !== undefined && nameOf(at) === known.name);
  const at = picked.length === 1 ? picked[0] : undefined;
  if (at === undefined) return { refusal: 'impersonation_not_allowed', user: null, impersonatedUser: null, ambiguous: true };
  return { refusal: 'impersonation_not_allowed', user: nameOf(at), impersonatedUser: reason.slice(at + NOT_ALLOWED_MID.length, -1), ambiguous: false };
}

/**
 * The plugin refusal a 403's whole reason is, or undefined when the reason is not exactly one of these templates
 * (`known`: the principal the client sent, to split a message whose names hold the template's words).
 */
export function parsePluginAuthRefusal(reason: string, known?: SentPrincipal): PluginAuthRefusal | undefined {
  if (RESERVED_HEADER.has(reason)) return { refusal: 'reserved_header', user: null, impersonatedUser: null, ambiguous: false };
  if (reason.startsWith(ADMIN_OPEN) && reason.endsWith("'") && reason.length > ADMIN_OPEN.length) {
    return { refusal: 'impersonation_of_admin', user: null, impersonatedUser: reason.slice(ADMIN_OPEN.length, -1), ambiguous: false };
  }
  if (reason.startsWith(UNKNOWN_OPEN) && reason.length > UNKNOWN_OPEN.length) {
    return { refusal: 'impersonation_unknown_user', user: null, impersonatedUser: reason.slice(UNKNOWN_OPEN.length), ambiguous: false };
  }
  return notAllowed(reason, known);
}

/** BackendRegistry's plain-text 403 for a user whose name is an admin certificate's DN (plugins.security.authcz.admin_dn). */
export const ADMIN_LOGIN_MESSAGE = 'Cannot authenticate user because admin user is not permitted to login via HTTP';

/** The plugin refusal a 403's whole plain-text body is (a text body only: an OpenSearch error's reason may quote a document). */
export function parsePluginTextRefusal(text: string): PluginAuthRefusal | undefined {
  return text === ADMIN_LOGIN_MESSAGE ? { refusal: 'admin_login_via_http', user: null, impersonatedUser: null, ambiguous: false } : undefined;
}

/** `<METHOD> <path> API not allowlisted` (`whitelisted` in WhitelistingSettings, 2.x): the method has no space, the fixed tail ends it. */
const ALLOWLIST = /^[A-Z]+ \/[\s\S]* API not (?:allow|white)listed$/;

/**
 * The allowlist's refusal when `json` is exactly its body, `{"error":"<METHOD> <path> API not allowlisted","status":"FORBIDDEN"}`
 * (the path is the request's, so it may hold the tail's words: only the shape and the whole template decide).
 */
export function parseAllowlistRefusal(json: Record<string, unknown>): PluginAuthRefusal | undefined {
  const error = field(json, 'error');
  if (Object.keys(json).length !== 2 || field(json, 'status') !== 'FORBIDDEN' || typeof error !== 'string' || !ALLOWLIST.test(error)) return undefined;
  return { refusal: 'not_allowlisted', user: null, impersonatedUser: null, ambiguous: false };
}

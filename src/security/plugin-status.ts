/** Who the plugin thinks the caller is, its health, and its authentication cache (`authinfo`, `health`, `api/cache`). */
import { AUTHINFO, HEALTH, readAnswer } from './read-answer.js';
import { SecurityModelError } from './model-error.js';
import { isRetryable } from '../errors/guards.js';
import type { SecurityTransport } from './transport.js';
import { toWriteResult, type WriteResult } from './write-result.js';

/** `GET _plugins/_security/authinfo`. */
export interface AuthInfo {
  user?: string;
  user_name?: string;
  user_requested_tenant?: string | null;
  remote_address?: string | null;
  backend_roles?: string[];
  custom_attribute_names?: string[];
  roles?: string[];
  tenants?: Record<string, boolean>;
  principal?: string | null;
  peer_certificates?: string | number;
  sso_logout_url?: string | null;
}

/** `GET _plugins/_security/health`. */
export interface SecurityHealth {
  message: string | null;
  mode: string;
  status: string;
  settings?: Record<string, unknown>;
}

/** Who the plugin thinks the caller is (`GET <prefix>/authinfo`); a 2xx that is not the plugin's answer is a SecurityModelError. */
export async function readAuthInfo(transport: SecurityTransport): Promise<AuthInfo> {
  return readAnswer<AuthInfo>(AUTHINFO, (await transport.request('GET', 'authinfo')).body);
}

/**
 * The refusal of a guard that must know who the caller is (users.delete's, plan's prune) when authinfo could not be
 * read: it never goes on without knowing (that is the lock-out it guards against), and nothing is written. A
 * SecurityModelError naming `entity` and `path`, saying why (`cause`'s class and status; `cause` itself, typed and
 * redacted by the transport, is its `cause`) and how to go on (`remedy`). An abort, and a failure isRetryable accepts (a
 * 503, a timeout, a reset: the call may simply be repeated, as any other call's), are not wrapped: rethrown as they are.
 */
export function callerUnknown(entity: string, path: string, remedy: string, cause: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted === true || isRetryable(cause)) return cause;
  const code: unknown = cause instanceof Error ? (cause as { statusCode?: unknown }).statusCode : undefined;
  const why = cause instanceof Error ? `${cause.name}${typeof code === 'number' ? ` ${code}` : ''}` : 'a value that is not an Error';
  return new SecurityModelError(entity, [{
    path,
    message: `could not learn which user this client is signed in as (GET authinfo failed: ${why}; see cause): ${remedy}`,
    exact: false,
  }], { cause });
}

/** Security plugin health (`GET <prefix>/health`); a 2xx that is not the plugin's answer is a SecurityModelError. */
export async function readHealth(transport: SecurityTransport): Promise<SecurityHealth> {
  return readAnswer<SecurityHealth>(HEALTH, (await transport.request('GET', 'health')).body);
}

/** Flushes the plugin's authentication cache (`DELETE <prefix>/api/cache`). */
export async function flushAuthCache(transport: SecurityTransport): Promise<WriteResult> {
  return toWriteResult(await transport.request('DELETE', 'api/cache'));
}

/** Who the plugin thinks the caller is, its health, and its authentication cache (`authinfo`, `health`, `api/cache`). */
import { AUTHINFO, HEALTH, readAnswer } from './read-answer.js';
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

/** Security plugin health (`GET <prefix>/health`); a 2xx that is not the plugin's answer is a SecurityModelError. */
export async function readHealth(transport: SecurityTransport): Promise<SecurityHealth> {
  return readAnswer<SecurityHealth>(HEALTH, (await transport.request('GET', 'health')).body);
}

/** Flushes the plugin's authentication cache (`DELETE <prefix>/api/cache`). */
export async function flushAuthCache(transport: SecurityTransport): Promise<WriteResult> {
  return toWriteResult(await transport.request('DELETE', 'api/cache'));
}

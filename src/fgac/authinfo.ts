/**
 * The security plugin's `authinfo` body (SecurityInfoAction) read once: user name, backend roles, mapped roles,
 * custom attribute names (never their values), tenants. Fields of the wrong type read as absent or empty.
 */
import { setOwn } from '../errors/own.js';

/** What authinfo says about the caller. */
export interface CallerInfo {
  /** `user_name`, when it is a string (`user` is User.toString(), never a bare name, so it is not read). */
  name?: string;
  backendRoles: string[];
  roles: string[];
  /** `custom_attribute_names`: the attributes the user has; authinfo never sends their values. */
  attributeNames: string[];
  /** Tenants and whether they are writable. */
  tenants: Record<string, boolean>;
  /** `user_requested_tenant`, null when absent or blank. */
  requestedTenant: string | null;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);

/** Reads an authinfo body; undefined when it is not a JSON object. */
export function parseAuthInfo(body: unknown): CallerInfo | undefined {
  if (!isRecord(body)) return undefined;
  const tenants: Record<string, boolean> = {};
  if (isRecord(body.tenants)) for (const [k, v] of Object.entries(body.tenants)) if (typeof v === 'boolean') setOwn(tenants, k, v);
  const requested = body.user_requested_tenant;
  return {
    ...(typeof body.user_name === 'string' ? { name: body.user_name } : {}),
    backendRoles: strings(body.backend_roles),
    roles: strings(body.roles),
    attributeNames: strings(body.custom_attribute_names),
    tenants,
    requestedTenant: typeof requested === 'string' && requested !== '' ? requested : null,
  };
}

/**
 * The 2xx answers of the plugin's one-document endpoints (authinfo, health, permissionsinfo, account, tenancy/config),
 * checked to be the plugin's before they are returned typed: a proxy's login page, a bare string or another JSON
 * body (`{"status":"FORBIDDEN"}`, an OpenSearch error document) is a SecurityModelError, never "the answer".
 * Each endpoint is recognised by fields the plugin always writes (its REST actions at 2.7-3.x, measured on 2.19.4).
 */
import { isPlainRecord, typeName } from '../client/options-check.js';
import { field, hasField } from '../errors/own.js';
import { SecurityModelError } from './model-error.js';
import { unconfirmedWrite } from './write-result.js';

type FieldCheck = (value: unknown) => boolean;
const isString: FieldCheck = (v) => typeof v === 'string';
const stringOrNull: FieldCheck = (v) => v === null || typeof v === 'string';
const isBoolean: FieldCheck = (v) => typeof v === 'boolean';

/** The endpoint an answer is from: its name and the fields (with their types) the plugin always writes. */
export interface AnswerShape {
  readonly what: string;
  readonly fields: Readonly<Record<string, FieldCheck>>;
}

/** `GET <prefix>/authinfo` (SecurityInfoAction writes `user_name`, null without a user). */
export const AUTHINFO: AnswerShape = { what: 'authinfo', fields: { user_name: stringOrNull } };
/** `GET <prefix>/health`: `{"message":null,"mode":"strict","status":"UP"}`. */
export const HEALTH: AnswerShape = { what: 'health', fields: { mode: isString, status: isString } };
/** `GET <prefix>/api/permissionsinfo`. */
export const PERMISSIONS_INFO: AnswerShape = { what: 'permissionsinfo', fields: { has_api_access: isBoolean } };
/** `GET <prefix>/api/account`. */
export const ACCOUNT: AnswerShape = { what: 'account', fields: { user_name: isString } };
/** `GET` and `PUT <prefix>/api/tenancy/config`: both answer the configuration (MultiTenancyConfigApiAction). */
export const TENANCY_CONFIG: AnswerShape = {
  what: 'tenancy/config',
  fields: { multitenancy_enabled: isBoolean, private_tenant_enabled: isBoolean, default_tenant: stringOrNull },
};

/** Why `body` is not `shape`'s answer, or undefined when it is. */
function mismatch(shape: AnswerShape, body: unknown): string | undefined {
  if (body === '') return 'an empty body';
  if (!isPlainRecord(body)) return `${typeName(body)}, not a JSON object`;
  const wrong = Object.entries(shape.fields).filter(([key, ok]) => !hasField(body, key) || !ok(field(body, key))).map(([key]) => key);
  return wrong.length === 0 ? undefined : `a JSON object without the plugin's ${wrong.map((k) => `\`${k}\``).join(', ')}`;
}

/** A read's 2xx body when it is `shape`'s answer; otherwise a SecurityModelError saying what came instead. */
export function readAnswer<T>(shape: AnswerShape, body: unknown): T {
  const why = mismatch(shape, body);
  if (why !== undefined) {
    throw new SecurityModelError(shape.what, [{ path: 'response', message: `the server answered GET ${shape.what} with ${why}: not the security plugin's answer`, exact: false }]);
  }
  return body as T;
}

/** A write's 2xx body when it is `shape`'s answer; otherwise the "not known to be applied" SecurityModelError. */
export function writeAnswer<T>(shape: AnswerShape, method: string, body: unknown): T {
  const why = mismatch(shape, body);
  if (why !== undefined) throw unconfirmedWrite(`${method} ${shape.what} was answered with ${why} (not the security plugin's answer)`);
  return body as T;
}

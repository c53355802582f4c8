/**
 * `checkPermission(client, request)`: may the caller of `client` make this request? On security plugin
 * 3.2+ the server answers itself: any request sent with `?perform_permission_check=true` is evaluated but
 * not executed, and the plugin answers `{accessAllowed, missingPrivileges}` (SecurityRestFilter /
 * PermissionCheckResponse, security PR #5496). Otherwise the answer is computed locally with
 * `explainPermission` over the roles, action groups and aliases read with an admin client, for the
 * subject the caller's `authinfo` names; it is marked `source: 'local'`.

 * The dry-run itself (when it may be sent, and what its answers mean): dry-run.ts.
 */
import { fail, isOptionsObject, isPlainRecord, isStringList, refuseUnknownKeys, typeName } from '../client/options-check.js';
import { guarded, readOnce } from '../client/options-snapshot.js';
import { ConfigError } from '../errors/classes.js';
import { openSearchVersionOf } from '../fgac/plugin-version.js';
import { readUserObject } from '../fgac/dls-variables.js';
import { dlsFlsRefusal, valveMayRefuse, type DlsFlsRefusal } from './dls-fls-valve.js';
import { judgePlan, knownVersion, readDefinitions, type LocalDefinitions, type LocalJudgeOptions } from './local-judge.js';
import { SUBJECT_FIELDS } from './permission-query.js';
import { settleSharing } from './bulk-shards-settle.js';
import { conditionallyMissingOf, missingOf, overall, type PrivilegeVerdict } from './verdicts.js';
import { subjectOf } from './subject.js';
import { prefixOfDistribution, SecurityPrefixReader as SecurityReader } from '../security/prefix.js';
import {
  answersWithTask, describe, honoursDryRun, hasPermissionDryRun, isPluginPath, nodeCount, PROBE, refusedQuery, requestBody, serverCheck, type CheckPermissionClient,
} from './dry-run.js';
import {
  privilegesOfAction, requestPlan, requiredPrivileges, type ActionDescription, type RequestDescription, type RequestPlan, type RequestPrivileges, type RequiredPrivilege,
} from './request-actions.js';
import type { PermissionSubject } from './types.js';
import { hasField, opt } from '../errors/own.js';
import { DATA_STREAMS, dataStreamsOf, type IndexAliases } from '../fgac/aliases.js';

export { hasPermissionDryRun, isPluginPath } from './dry-run.js';
export type { CheckPermissionClient } from './dry-run.js';
export { checkPrivilegesLocally } from './local-judge.js';

/** Options of {@link checkPermission}. */
export interface CheckPermissionOptions extends LocalJudgeOptions {
  /** The plugin version (`3.2.0`); detected with `GET /` (admin first, then the caller) when absent. */
  pluginVersion?: string;
  /** `server`: only the dry-run (fails below 3.2); `local`: never the dry-run; `auto` (default): the dry-run where it exists. */
  mode?: 'auto' | 'server' | 'local';
  /** The subject for the local path (default: from the caller's `authinfo`); its `roles` list is required (exactly those roles are evaluated). */
  subject?: PermissionSubject;
  /**
   * `plugins.security.dfm_empty_overrides_all` of the nodes (opensearch.yml, default false; the API does not show it):
   * whether a role granting an index without DLS/FLS/masking lifts the other roles' rules there, for the DLS/FLS valve.
   */
  dfmEmptyOverridesAll?: boolean;
}

/** The answer of {@link checkPermission}. */
export interface PermissionCheck {
  /** `server`: the plugin's dry-run answered; `local`: computed from the definitions. */
  source: 'server' | 'local';
  /**
   * True / false, or null when the local path does not know which privileges the request needs, or when the server's
   * dry-run granted the top-level action and other checks are left unjudged (`notJudgedByServer`).
   */
  allowed: boolean | null;
  /** Privileges (actions) missing; empty when allowed or unknown. */
  missingPrivileges: string[];
  /** Privileges missing if a check made only under a fact not known here is made (each with its `dependsOn`); absent when none. */
  conditionallyMissing?: RequiredPrivilege[];
  /** Local path: the checks the plugin makes and each verdict (empty for the server path and unknown requests). */
  checks: PrivilegeVerdict[];
  /**
   * True when some checks are per item (bulk, mget, msearch): the server answers such a request with 200 and
   * reports each refused item inside the response. The server's dry-run only judges the top-level action.
   */
  itemLevel: boolean;
  /**
   * Why `allowed` is null: the request is not in the table, or a refusal rests on a pattern or name this SDK could
   * not evaluate (a date-math name, a Java regex it cannot run, or a user attribute whose value authinfo does not
   * show: pass it in `options.subject.attributes`). Also, whatever `allowed` is, a note when the node's answer is not
   * the verdict (a by-query with `wait_for_completion=false`: 200 and a task whose result holds any refusal).
   */
  reason?: string;
  /** The plugin version the decision was based on, when known. */
  pluginVersion?: string;
  /** Why the local path answered although the plugin version has the server's dry-run. */
  fallbackReason?: string;
  /** Local path, under do_not_fail_on_forbidden: the indices the request's answer comes from (it runs narrowed to them). */
  narrowedTo?: string[];
  /**
   * Server path without `admin`/`roles`: privileges the request also needs that the dry-run does not judge
   * (it judges the top-level action only: a single-document write also needs the cluster-level bulk action
   * and the shard-level `bulk[s]`; bulk/mget/msearch items). `allowed` is then null (unless the dry-run refused), with a
   * `reason` naming them. With `admin` or
   * `roles` they are judged locally instead, in `checks`, `allowed` and `missingPrivileges`.
   */
  notJudgedByServer?: RequiredPrivilege[];
  /**
   * The plugin refuses this request whatever the privileges, because DLS, FLS or field masking applies to
   * these indices of it (an `_update`, bulk update items; under DLS a search with `profile` or a terms
   * aggregation with `min_doc_count: 0`): `allowed` is false. Judged from the roles (read with `admin`, or
   * `roles`); the server's dry-run does not see it either. See src/explain/dls-fls-valve.ts.
   */
  refusedUnderDlsFls?: DlsFlsRefusal;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The plugin version a cluster reports (`GET /`, with each client in turn until one may read it); undefined when none can. */
export async function detectVersion(clients: Array<CheckPermissionClient | undefined>): Promise<string | undefined> {
  for (const c of clients) {
    if (c === undefined) continue;
    try {
      const res = await c.transport.request({ method: 'GET', path: '/' });
      const b = res.body;
      const number = isRecord(b) && isRecord(b.version) && typeof b.version.number === 'string' ? b.version.number : undefined;
      const distribution = isRecord(b) && isRecord(b.version) && typeof b.version.distribution === 'string' ? b.version.distribution : 'elasticsearch';
      // not OpenSearch's own number (Elasticsearch / Open Distro, or 1.x reporting 7.10.2): the pre-3.x rules, no dry-run
      if (number !== undefined) return openSearchVersionOf(b) ?? `0-${distribution}-${number}`;
    } catch {
      // refused (e.g. no cluster:monitor/main): try the next client
    }
  }
  return undefined;
}

/**
 * The call's reads of the security API (security/prefix.ts), for a cluster whose plugin version is `version` as
 * detectVersion gives it: OpenSearch's own number, `0-<distribution>-<number>` for another distribution (Open Distro:
 * its prefix tried first), or undefined.
 */
function securityReaderFor(version: string | undefined): SecurityReader {
  if (version === undefined || !version.startsWith('0-')) return new SecurityReader();
  const end = version.indexOf('-', 2);
  return new SecurityReader(prefixOfDistribution(end < 0 ? version.slice(2) : version.slice(2, end)));
}

/** What became of the request when the server path gave no verdict. */
function answeredOrNot(reason: string): string {
  return reason.startsWith('the server evaluated') ? 'nothing was executed' : 'the request was not sent (a node or proxy that drops the parameter would execute it)';
}

/** Option paths passed on as given (the admin client is the caller's object). */
const CLIENT_OPTIONS: ReadonlySet<string> = new Set(['options.admin']);

/** A Proxy or getter that throws is refused by name (`client`, `options.admin`), without what it threw. */
const isClient = (c: unknown, option = 'client'): boolean => guarded(option, () => isRecord(c) && isRecord(c.transport) && typeof c.transport.request === 'function');

const CHECK_PERMISSION_OPTION_KEYS: ReadonlyArray<keyof CheckPermissionOptions> = [
  'pluginVersion', 'mode', 'subject', 'dfmEmptyOverridesAll', 'admin', 'roles', 'actionGroups', 'aliases', 'autoCreateIndex', 'ingestPipelines',
  'doNotFailOnForbidden', 'doNotFailOnForbiddenEmpty', 'clusterIndices', 'closedIndices', 'respectRequestIndicesOptions',
];

/**
 * The read-once copy of `options.aliases` holds its own names only: the table's data-stream marker (a symbol key,
 * fgac/aliases.ts DATA_STREAMS) is carried over from the table given, when `aliases` is a plain data property (a getter
 * is not called twice: without the marker a stream-like name is undecided, dataStreamFact).
 */
function keepStreamMarker(given: unknown, copy: CheckPermissionOptions): void {
  const aliases = opt(copy, 'aliases');
  if (aliases === undefined || typeof aliases !== 'object' || aliases === null) return;
  const streams = guarded('options.aliases', () => {
    const d = Object.getOwnPropertyDescriptor(given, 'aliases');
    return d !== undefined && d.get === undefined && d.set === undefined ? dataStreamsOf(d.value as IndexAliases) : undefined;
  });
  if (!Array.isArray(streams) || streams.length > 100_000) return;
  const names = guarded('options.aliases', () => streams.filter((x): x is string => typeof x === 'string'));
  Object.defineProperty(aliases, DATA_STREAMS, { value: names, enumerable: false });
}

/** Bad input is a ConfigError naming it, before anything is sent; returns the subject given and the body as the dry-run would send it. */
function checkInput(client: unknown, request: unknown, options: unknown): { subject: PermissionSubject | undefined; body: string | undefined } {
  let body: string | undefined;
  if (!isClient(client)) throw new ConfigError('client', 'client must be an opensearch-js Client (an object whose transport has request())');
  if (!isRecord(request)) throw new ConfigError('request', 'request must be {method, path, body?} or {action, index?}');
  if (hasField(request, 'path')) {
    if (typeof request.path !== 'string' || !request.path.startsWith('/')) throw new ConfigError('request.path', 'request.path must be a string starting with /');
    // `#` would put the dry-run parameter in a fragment that proxies drop (the request would then run)
    if (request.path.includes('#')) throw new ConfigError('request.path', 'request.path must not contain # (percent-encode it)');
    if (typeof request.method !== 'string' || !/^[A-Za-z]+$/.test(request.method)) throw new ConfigError('request.method', 'request.method must be an HTTP method name');
    // whitespace, controls and other bytes Node would refuse or send raw: the request the server judged would not be the one described
    if (!/^[\x21-\x7e]*$/.test(request.path)) throw new ConfigError('request.path', 'request.path must be printable ASCII (percent-encode other characters)');
    body = checkBody(request.body);
  } else if (typeof request.action !== 'string' || request.action === '') {
    throw new ConfigError('request.action', 'request.action must be a non-empty string (or give method and path)');
  } else if (request.index !== undefined && typeof request.index !== 'string' && !isStringList(request.index)) {
    throw new ConfigError('request.index', 'request.index must be an index name or an array of them');
  }
  const o = options as Record<string, unknown>;
  // a misspelt `admin` or `ingestPipelines` would otherwise be dropped: the verdict silently judged without it
  refuseUnknownKeys('options', o, CHECK_PERMISSION_OPTION_KEYS, 'of checkPermission');
  if (o.mode !== undefined && o.mode !== 'auto' && o.mode !== 'server' && o.mode !== 'local') throw new ConfigError('options.mode', 'options.mode must be auto, server or local');
  if (o.admin !== undefined && !isClient(o.admin, 'options.admin')) throw new ConfigError('options.admin', 'options.admin must be an opensearch-js Client');
  if (o.pluginVersion !== undefined && typeof o.pluginVersion !== 'string') throw new ConfigError('options.pluginVersion', 'options.pluginVersion must be a string such as 3.2.0');
  for (const key of ['roles', 'actionGroups', 'aliases'] as const) {
    if (o[key] !== undefined && !isPlainRecord(o[key])) throw new ConfigError(`options.${key}`, `options.${key} must be a plain object keyed by name`);
  }
  if (o.autoCreateIndex !== undefined && typeof o.autoCreateIndex !== 'boolean' && typeof o.autoCreateIndex !== 'string') {
    throw new ConfigError('options.autoCreateIndex', 'options.autoCreateIndex must be true, false or the setting\'s text (e.g. "+logs-*,-*")');
  }
  for (const key of ['doNotFailOnForbidden', 'doNotFailOnForbiddenEmpty', 'dfmEmptyOverridesAll', 'respectRequestIndicesOptions'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw new ConfigError(`options.${key}`, `options.${key} must be a boolean`);
  }
  if (o.ingestPipelines !== undefined && o.ingestPipelines !== false) throw new ConfigError('options.ingestPipelines', 'options.ingestPipelines must be false (no index or template sets a default or final pipeline) or absent');
  if (o.clusterIndices !== undefined && !isStringList(o.clusterIndices)) throw new ConfigError('options.clusterIndices', 'options.clusterIndices must be a list of index names');
  if (o.closedIndices !== undefined && !isStringList(o.closedIndices)) throw new ConfigError('options.closedIndices', 'options.closedIndices must be a list of index names');
  return { subject: o.subject === undefined ? undefined : checkSubject(o.subject), body };
}

/** A body must be what the dry-run can send as given: a string, or a JSON value (an array: NDJSON lines); returns it as sent. */
function checkBody(body: unknown): string | undefined {
  if (body === undefined || typeof body === 'string') return body;
  if (typeof body !== 'object' || body === null || (!Array.isArray(body) && !isPlainRecord(body))) {
    throw new ConfigError('request.body', 'request.body must be a string, a plain object or an array of them (a Buffer or stream: pass its text)');
  }
  try {
    return requestBody(body);
  } catch (error) {
    throw new ConfigError('request.body', `request.body cannot be sent as JSON (${error instanceof Error ? error.message.split('\n')[0] : 'not serialisable'})`);
  }
}

/**
 * The local verdict evaluates exactly the subject's roles: without a `roles` list every role would
 * count (explainPermission's "which role could grant it"), and the answer would read allowed.
 */
function checkSubject(subject: unknown): PermissionSubject {
  const checked = readUserObject('options.subject', subject, SUBJECT_FIELDS, fail) as PermissionSubject;
  if (checked.roles === undefined) throw new ConfigError('options.subject.roles', "options.subject.roles must list the subject's security roles (strings): the local verdict evaluates exactly those");
  return checked;
}

/**
 * `answer` with the DLS/FLS valve's refusal applied (allowed false), when the request is of a kind the valve
 * refuses and the definitions can be had (`read`, or read now with `admin` / `roles`).
 */
async function withValve(
  answer: PermissionCheck, checks: readonly RequiredPrivilege[], body: string | undefined, client: CheckPermissionClient,
  options: CheckPermissionOptions, givenSubject: PermissionSubject | undefined, version: string | undefined, now: number, reader: SecurityReader, read?: LocalDefinitions,
): Promise<PermissionCheck> {
  // the valve runs right after the top-level action's check: a single _update whose later checks are undecided is refused by it all the same
  const updateGranted = checks[0]?.action === 'indices:data/write/update' && (answer.source === 'server' || answer.checks[0]?.granted === true);
  if (answer.allowed === false || (answer.allowed === null && !updateGranted) || !valveMayRefuse(checks, body)) return answer;
  if (read === undefined && options.admin === undefined && options.roles === undefined) return answer;
  let defs = read;
  if (defs === undefined) {
    const [{ roles, aliases }, subject] = await Promise.all([readDefinitions(options.admin, options, reader), subjectOf(client, givenSubject, options.admin, reader)]);
    defs = { roles, aliases, subject };
  }
  const refusal = dlsFlsRefusal(checks, body, defs.roles, defs.subject, {
    ...(defs.aliases !== undefined ? { aliases: defs.aliases } : {}),
    ...knownVersion(version),
    ...(options.dfmEmptyOverridesAll === true ? { dfmEmptyOverridesAll: true } : {}),
    ...(options.clusterIndices !== undefined ? { clusterIndices: options.clusterIndices } : {}),
    now,
  });
  return refusal === undefined ? answer : { ...answer, allowed: false, refusedUnderDlsFls: refusal };
}

/**
 * The dry-run judges the request's top-level action only (measured on 3.4: a role with `indices:data/write/index`
 * and no bulk privileges gets `accessAllowed: true` for `PUT /i/_doc/1`, whose real request is refused for
 * `indices:data/write/bulk`, then for `bulk[s]`). The other checks the plugin makes are judged locally when
 * definitions are at hand, else listed in `notJudgedByServer`.
 */
async function completeDryRun(
  answered: PermissionCheck, needed: RequestPrivileges, plan: RequestPlan, request: RequestDescription, body: string | undefined, client: CheckPermissionClient,
  options: CheckPermissionOptions, givenSubject: PermissionSubject | undefined, version: string | undefined, now: number, reader: SecurityReader,
): Promise<PermissionCheck> {
  if (!needed.known) return answered;
  const [top, ...rest] = needed.checks;
  const extra = rest.filter((c) => !(c.action === top?.action && String(c.indices) === String(top?.indices)));
  if (extra.length === 0) return withValve(answered, needed.checks, body, client, options, givenSubject, version, now, reader);
  if (options.admin === undefined && options.roles === undefined) {
    // a dry-run grant covers the top-level action only: the rest is not judged, so the answer is not known (a refusal stays false)
    if (answered.allowed !== true) return { ...answered, notJudgedByServer: extra };
    const unjudged = [...new Set(extra.map((c) => `${c.action}${opt(c, 'indices') !== undefined ? ` on ${(c.indices as string[]).join(', ')}` : ''}${c.itemLevel === true ? ' (per item)' : ''}`))];
    const why = `the server's dry-run granted the top-level action but does not judge ${unjudged.join('; ')} (listed in notJudgedByServer): pass options.admin or options.roles to judge them`;
    return { ...answered, allowed: null, reason: opt(answered, 'reason') === undefined ? why : `${answered.reason as string}; ${why}`, notJudgedByServer: extra };
  }
  const { verdicts: judged, read } = await judgePlan(plan, true, request.path, client, options, givenSubject, version, now, reader);
  const verdicts = await settleSharing(judged, options.admin);
  const missing = missingOf(verdicts);
  const conditional = conditionallyMissingOf(verdicts);
  const local = overall(verdicts, read.subject);
  return withValve({
    ...answered,
    ...(conditional.length > 0 ? { conditionallyMissing: conditional } : {}),
    allowed: answered.allowed === false || local.allowed === false ? false : answered.allowed === true && local.allowed === true ? true : null,
    missingPrivileges: [...new Set([...answered.missingPrivileges, ...missing])],
    checks: verdicts,
    ...(answered.allowed !== false && local.reason !== undefined ? { reason: local.reason } : {}),
  }, needed.checks, body, client, options, givenSubject, version, now, reader, read);
}

/**
 * May the caller of `client` make `request` (`{method, path, body?}` as for `client.transport.request`, or
 * `{action, index?}`)? On plugin 3.2+ the server's dry-run answers (`source: 'server'`, nothing is executed);
 * otherwise roles, action groups and aliases are read with `options.admin` and the caller's `authinfo` names
 * the subject (`source: 'local'`). A request outside the table of known requests gives `allowed: null`.
 */
export async function checkPermission(
  client: CheckPermissionClient,
  givenRequest: RequestDescription | ActionDescription,
  givenOptions: CheckPermissionOptions = {},
): Promise<PermissionCheck> {
  // read once: a getter or Proxy that throws is a ConfigError naming it (not what it threw), and cannot pass the checks with one value and be used with another
  const request = readOnce(givenRequest, 'request');
  if (givenOptions !== undefined && !isOptionsObject(givenOptions as unknown)) throw new ConfigError('options', `options must be an object { mode?, admin?, subject?, ... }, got ${typeName(givenOptions)}`);
  const options = readOnce(givenOptions, 'options', CLIENT_OPTIONS);
  keepStreamMarker(givenOptions, options);
  const { subject: givenSubject, body } = checkInput(client, request, options);
  const mode = options.mode ?? 'auto';
  // one instant for the request's date-math names (`<logs-{now/d}>`): its privileges and the DLS/FLS valve judge the same indices
  const now = Date.now();
  const isRest = hasField(request, 'path') && typeof request.path === 'string';
  // planned from the body as it is sent (its text): every part of it read once, and judged as the node would read it
  const sent: RequestDescription = isRest ? { method: request.method, path: request.path, ...(body !== undefined ? { body } : {}) } : { method: '', path: '' };
  // detected in every mode: the local verdict follows the plugin generation's rules too
  const version = options.pluginVersion ?? await detectVersion([options.admin, client]);
  // the security API's prefix, detected once for the call's reads (the distribution's first: security/prefix.ts)
  const reader = securityReaderFor(version);
  let fallbackReason: string | undefined;
  // An unknown version (a caller without cluster:monitor/main, no admin) may still prove the dry-run by the probe.
  const unknownVersion = version === undefined;
  if (mode !== 'local' && isRest && (hasPermissionDryRun(version) || unknownVersion)) {
    // HEAD answers carry no body, so the dry-run's verdict cannot come back: the local path answers it.
    const head = request.method.toUpperCase() === 'HEAD';
    const plugin = isPluginPath(request.path);
    const tasked = answersWithTask(request.path);
    const refused = refusedQuery(request.path);
    const proved = !head && !plugin && !tasked && !refused && (await honoursDryRun(client));
    if (proved) {
      const verdict = await serverCheck(client, request, body);
      if (verdict !== null) {
        const known = requiredPrivileges(sent);
        const planned = requestPlan(sent);
        const answered: PermissionCheck = {
          source: 'server', ...verdict, checks: [],
          itemLevel: known.known && known.checks.some((c) => c.itemLevel === true),
          ...(version !== undefined ? { pluginVersion: version } : {}),
        };
        return planned.known ? completeDryRun(answered, known, planned.plan, request, body, client, options, givenSubject, version, now, reader) : answered;
      }
      fallbackReason = `the server evaluated ${describe(request)} without executing it but could not return the verdict (500: this endpoint's REST handler does not carry the dry-run's answer)`;
    } else if (!unknownVersion || head || plugin || tasked || refused) {
      fallbackReason = head ? 'a HEAD answer carries no body for the verdict'
        : tasked ? 'with wait_for_completion=false the server answers a task before the dry-run\'s verdict (stored as the task\'s result), so it is never sent'
        : plugin ? "a plugin's REST endpoint (/_plugins, /_opendistro) may execute a request sent with the dry-run parameter (the security API does on 3.4), so it is never sent"
          : refused ? 'its query string holds a malformed percent-escape: the node answers 400 to anyone before any check, so it is never sent'
          : nodeCount(client) !== 1 ? 'the client sends to several nodes, and a dry-run proved on one does not speak for the others'
            : `the server did not answer a harmless dry-run (${PROBE.method} ${PROBE.path}?perform_permission_check=true) in its shape`;
    }
    if (mode === 'server' && fallbackReason !== undefined) {
      const reports = unknownVersion ? 'the plugin version could not be read' : `the server reports security ${version}`;
      throw new ConfigError('options.mode', `checkPermission: ${reports}, but ${fallbackReason}; ${answeredOrNot(fallbackReason)} (use mode 'auto' or 'local' for the local answer)`);
    }
  }
  if (mode === 'server' && fallbackReason === undefined) {
    throw new ConfigError('options.mode', `checkPermission: the server's dry-run needs security plugin 3.2 or later (${isRest ? `detected ${version ?? 'no version'}` : 'and a REST request'})`);
  }
  const needed = isRest ? requestPlan(sent) : { known: true as const, plan: { head: privilegesOfAction(request as ActionDescription), writes: [] } };
  const base = { source: 'local' as const, ...(version !== undefined ? { pluginVersion: version } : {}), ...(fallbackReason !== undefined ? { fallbackReason } : {}) };
  if (!needed.known) return { ...base, allowed: null, missingPrivileges: [], checks: [], itemLevel: false, reason: needed.reason };
  const { verdicts: judged, read } = await judgePlan(needed.plan, false, isRest ? request.path : undefined, client, options, givenSubject, version, now, reader);
  // bulk items sharing a shard request are judged together (bulk-shards.ts, bulk-shards-settle.ts)
  const verdicts = await settleSharing(judged, options.admin);
  const missing = missingOf(verdicts);
  const narrowed = verdicts.flatMap((v) => { const n = opt(v.explanation, 'narrowedTo'); return n === undefined ? [] : [n]; });
  const local = overall(verdicts, read.subject);
  const conditional = conditionallyMissingOf(verdicts);
  const reason = [opt(local, 'reason'), opt(needed.plan, 'note')].filter((x) => x !== undefined).join('; ');
  return withValve({
    ...base,
    allowed: local.allowed,
    ...(reason !== '' ? { reason } : {}),
    missingPrivileges: missing,
    ...(conditional.length > 0 ? { conditionallyMissing: conditional } : {}),
    checks: verdicts,
    itemLevel: verdicts.some((v) => opt(v, 'itemLevel') === true),
    ...(narrowed.length === 1 ? { narrowedTo: narrowed[0] } : {}),
  }, verdicts, body, client, options, givenSubject, version, now, reader, read);
}

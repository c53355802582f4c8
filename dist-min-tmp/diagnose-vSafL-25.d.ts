import { A as AuthMode } from './mode-names-DutUs5-9.js';
import { Client } from '@opensearch-project/opensearch';

/**
 * Who the client is, as the security plugin sees it: the identity built from an authinfo body, the kind
 * of principal its name shows (IAM role/user/session, Cognito user, internal or external user), and which
 * recommended configuration of the Amazon OpenSearch Service FGAC guide it fits. Pure: no requests.
 */

/** What kind of principal the plugin sees, from its name (and the account API / client auth mode). */
type PrincipalKind = 'iam-role' | 'iam-user' | 'iam-assumed-role' | 'cognito-user' | 'internal-user' | 'external-user';
/** Who the client is, as the security plugin sees it. */
interface DomainIdentity {
    /** `user_name`: an internal user, an IAM ARN, `Cognito/<pool>/<user>`, ... */
    user: string;
    backendRoles: string[];
    /** Mapped security roles (what FGAC evaluates). */
    roles: string[];
    /** Tenants and whether they are writable. */
    tenants: Record<string, boolean>;
    /** The `securitytenant` the request asked for, null when none. */
    requestedTenant: string | null;
    kind: PrincipalKind;
    /** From `<prefix>/api/account` `is_internal_user`; undefined when not read. */
    internalUser: boolean | undefined;
    /** Mapped to `all_access`. */
    master: boolean;
    /** Mapped to `security_manager` (Amazon OpenSearch Service) or `all_access`: may use the security REST API. */
    securityManager: boolean;
    /** The security plugin prefix that answered. */
    prefix: string;
}
/** A recommended configuration of the Amazon OpenSearch Service FGAC guide (fgac-reference.md §1). */
type RecommendedConfiguration = 'a' | 'b' | 'c' | 'd';
/** Which recommended configuration what the probe saw matches. */
interface ConfigurationMatch {
    /**
     * `iam-master`: an IAM principal with all_access (master user = IAM ARN); `iam-principal`: a limited IAM
     * principal; `cognito`: a Cognito identity; `internal-master` / `internal-user`: the internal user database;
     * `external`: SAML/JWT/LDAP/proxy; `unmapped`: authenticated but mapped to no role.
     */
    id: 'iam-master' | 'iam-principal' | 'cognito' | 'internal-master' | 'internal-user' | 'external' | 'unmapped';
    /** The guide's configurations (a) to (d) this is consistent with. */
    recommended: RecommendedConfiguration[];
    summary: string;
}

/** Stable identifiers of the problems checkDomain recognises. */
type DiagnosisCode = 'access_policy_unsigned' | 'access_policy_principal' | 'credentials_rejected' | 'no_credentials' | 'identity_not_accepted' | 'credentials_expired' | 'credentials_invalid' | 'signature_mismatch' | 'clock_skew' | 'credentials_unavailable' | 'config' | 'security_not_initialized' | 'unavailable' | 'throttled' | 'forbidden' | 'no_security_plugin' | 'no_roles' | 'tenant_not_available' | 'tls' | 'unreachable' | 'timeout' | 'unexpected';
/** One problem found, and what to do about it. */
interface Diagnosis {
    code: DiagnosisCode;
    /** `error`: the client cannot work as it is; `warning`: it works, but probably not as meant. */
    severity: 'error' | 'warning';
    problem: string;
    fix: string;
    /** The (typed, redacted) error behind it, when a request failed. */
    error?: Error;
}
/** The problem and fix for a failed authinfo request. Never throws. */
declare function diagnoseError(err: unknown, authMode?: AuthMode): Diagnosis;

/**
 * The requests checkDomain makes, with the client's own transport (`client.transport.request`) and no
 * retries by default: `GET <prefix>/authinfo` (`_plugins/_security`, falling back to `_opendistro/_security`
 * when the first is missing) and, optionally, `GET <prefix>/api/account`. Failures come back typed and
 * redacted (the error boundary, with the client's secrets), never thrown.
 */

/** The part of an opensearch-js `Client` checkDomain uses; any `Client` (or one made by createClient) fits. */
interface CheckDomainClient {
    transport: {
        request(params: {
            method: string;
            path: string;
        }, options?: {
            maxRetries?: number;
            requestTimeout?: number;
        }): Promise<{
            body: unknown;
            statusCode: number | null;
        }>;
    };
}
/** Options of {@link checkDomain}. */
interface CheckDomainOptions {
    /** Retries of each probe request (default 0: report the first failure instead of backing off; an expired token still gets one forced refresh). */
    retries?: number;
    /** Timeout of each probe request in ms (default: the client's). */
    requestTimeoutMs?: number;
    /** Also read `<prefix>/api/account` to learn whether the user is in the internal user database (default true; failures are ignored). */
    account?: boolean;
    /** Security plugin prefix; default `_plugins/_security`, then `_opendistro/_security` when the first is missing. */
    prefix?: '_plugins/_security' | '_opendistro/_security';
}

/**
 * `checkDomain(client)`: an online check of a domain with fine-grained access control. It probes the
 * security plugin for who the client is (probe.ts), tells which recommended configuration of the Amazon
 * OpenSearch Service guide that identity fits (identity.ts), and turns every way the probe can fail
 * (domain access policy, rejected, expired or mis-signed credentials, security not initialised, TLS,
 * network, no roles) into a problem and a fix instead of an exception (diagnosis.ts).
 */

/** What checkDomain found. */
interface DomainCheckReport {
    /** True when the plugin authenticated the client and mapped it to at least one role (no `error` diagnosis). */
    ok: boolean;
    /** The client's auth mode, when it was made by createClient. */
    authMode?: AuthMode;
    identity?: DomainIdentity;
    configuration?: ConfigurationMatch;
    diagnosis: Diagnosis[];
}

/** Types of bulk ingestion: what goes in (records), what comes out (one outcome per record). */
/** The bulk action of a record; `index` when absent. */
type IngestAction = 'index' | 'create' | 'update' | 'delete';
/** One record to ingest. */
interface IngestRecord<TDoc = Record<string, unknown>> {
    /** Target index (or alias / data stream). */
    index: string;
    /** Defaults to `index`. */
    action?: IngestAction;
    /** Document id. Absent for index/create: a client-side id is generated so retries never duplicate. */
    id?: string;
    /** The document (index, create) or the partial document (update). Not used by delete. */
    document?: TDoc;
    /** update only: create the document with this body when it does not exist. */
    upsert?: TDoc;
    routing?: string;
    pipeline?: string;
    /** The caller's own identifier (Firehose recordId, SQS messageId, Kinesis sequence number). */
    key?: string;
    /** `fifo` mode: the message group (SQS MessageGroupId). Records without one form a single group. */
    groupId?: string;
}
/** What `ingest` reads: an array, any iterable, or an async iterable (a stream) of records. */
type IngestSource<TDoc = Record<string, unknown>> = Iterable<IngestRecord<TDoc>> | AsyncIterable<IngestRecord<TDoc>>;
/** A record refused or failed, with the reason and whether trying again could help. */
interface IngestFailure {
    status: 'failed';
    /** Position of the record in the input. */
    position: number;
    key?: string;
    action: IngestAction;
    index: string;
    id?: string;
    /** The typed error (e.g. SecurityExceptionError for an item refused by FGAC). */
    error: Error;
    /** A coarse kind for switch statements (see IngestFailureKind). */
    kind: IngestFailureKind;
    /** True when the same record could succeed later (throttling, 5xx, transport, abort, deadline, mismatch). */
    retryable: boolean;
    attempts: number;
}
/**
 * Kinds of per-record failure: refusals by the cluster (security, mapping, validation, conflict,
 * not_found), transient ones (throttled, server, transport), `invalid_record` (the record cannot be
 * sent: bad fields, a document JSON cannot represent), `response_mismatch` (the bulk response did not
 * account for this record: missing, null, extra or other-id items; the record may or may not be
 * stored), `aborted` / `deadline` (the signal stopped ingestion before the record was acknowledged)
 * and `fifo_group_failed` (fifo mode: an earlier record of the same group failed).
 */
type IngestFailureKind = 'security' | 'mapping' | 'validation' | 'conflict' | 'not_found' | 'throttled' | 'server' | 'transport' | 'invalid_record' | 'response_mismatch' | 'aborted' | 'deadline' | 'fifo_group_failed';
/** A record the cluster acknowledged. */
interface IngestSuccess {
    status: 'indexed';
    position: number;
    key?: string;
    action: IngestAction;
    index: string;
    id: string;
    /** OpenSearch's item result: created, updated, deleted, noop, not_found (delete of a missing doc). */
    result: string;
    /** True when `id` was generated client-side. */
    generatedId: boolean;
    attempts: number;
    /**
     * Set on a `create` with the caller's id whose earlier attempt ended ambiguously (connection lost,
     * timeout, unreadable answer) and whose retry got 409 "already exists": the document exists, most
     * likely written by that earlier attempt, but another writer using the same id cannot be ruled out.
     */
    ambiguous?: true;
}
/** One outcome per input record, in input order. */
type IngestOutcome = IngestSuccess | IngestFailure;
/** Running totals, reported through `onProgress` and at the end. */
interface IngestStats {
    /** Records taken from the input so far. */
    total: number;
    indexed: number;
    failed: number;
    /** Records sent again after a transient failure (item or whole request). */
    retries: number;
    bulkRequests: number;
    failuresByKind: Partial<Record<IngestFailureKind, number>>;
    elapsedMs: number;
    recordsPerSecond: number;
}
/** Options of `ingest`. Every numeric option must be a non-negative integer; a bad value is a ConfigError naming it. */
interface IngestOptions {
    /** Largest bulk body in bytes (default 5 MiB; Amazon OpenSearch Service caps requests at 10-100 MiB by instance type). */
    maxBatchBytes?: number;
    /** Most records per bulk request (default 1000). */
    maxBatchCount?: number;
    /** Bulk requests in flight at once (default 2; fifo mode sends one at a time). */
    concurrency?: number;
    /** Attempts after the first for transiently failed items (default 5). */
    retries?: number;
    /** Backoff base and ceiling in ms (defaults 200 and 10_000); full jitter, at least minDelayMs / 2. */
    minDelayMs?: number;
    maxDelayMs?: number;
    /** `refresh` parameter of the bulk requests (default false). */
    refresh?: boolean | 'wait_for';
    /** Called after every bulk response with the running totals (errors it throws are ignored). */
    onProgress?: (stats: IngestStats) => void;
    /** Called once per record as soon as its outcome is final (errors it throws are ignored). */
    onOutcome?: (outcome: IngestOutcome) => void;
    /** Which outcomes the report keeps: all (default), only failures, or none (stats only; use onOutcome). */
    outcomes?: 'all' | 'failed' | 'none';
    /**
     * Stops ingestion and cancels the bulk requests in flight. Records not yet acknowledged fail with
     * kind `deadline` (when the reason is a TimeoutError, e.g. from deadlineSignal) or `aborted`, retryable.
     */
    signal?: AbortSignal;
    /** Id generator for records without an id (default crypto.randomUUID). */
    generateId?: () => string;
    /**
     * SQS FIFO mode: per `groupId`, once a record fails every later record of that group is reported
     * failed too (kind `fifo_group_failed`; not sent, or sent in the same request and reported), so the
     * queue redelivers them in order. Bulk requests are sent one at a time.
     */
    fifo?: boolean;
}
/** The result of `ingest`. */
interface IngestReport {
    /** One outcome per input record, in input order (only failures with `outcomes: 'failed'`, none with 'none'). */
    outcomes: IngestOutcome[];
    stats: IngestStats;
    /**
     * False when the signal stopped ingestion before a non-array input was read to its end: the records
     * not yet taken from the iterable have no outcome (an array input always gets one outcome per element).
     */
    complete: boolean;
}

/**
 * The async functions of the entries whose code loads on their first call (a literal `import()`,
 * which bundlers follow), so importing `opensearch-fgac` or a subpath does not load it. The root
 * and the subpath hand out these same functions.
 */

/**
 * Bulk-ingests `records` (an array, iterable or async iterable). Resolves with one outcome per
 * record taken, in input order; record-level problems never make it throw. Throws ConfigError for
 * bad options or arguments (before anything is sent), and IngestSourceError (carrying the report
 * of the records taken so far) when the input itself throws.
 */
declare function ingest<TDoc>(client: Client, records: IngestSource<TDoc> | Iterable<IngestRecord<TDoc>>, options?: IngestOptions): Promise<IngestReport>;
/**
 * Probes the domain with the client's own transport: who the client is (authinfo), which recommended
 * configuration that matches, and a problem + fix for each failure. Resolves for every failure it can
 * diagnose (access policy, 401, expired or invalid token, signature, 503, TLS, network, no roles); never
 * rejects for a failed request (a bad client or option is a ConfigError naming it).
 */
declare function checkDomain(client: CheckDomainClient, options?: CheckDomainOptions): Promise<DomainCheckReport>;

export { type CheckDomainClient as C, type Diagnosis as D, type IngestAction as I, type PrincipalKind as P, type RecommendedConfiguration as R, type CheckDomainOptions as a, type ConfigurationMatch as b, type DiagnosisCode as c, type DomainCheckReport as d, type DomainIdentity as e, type IngestFailure as f, type IngestFailureKind as g, type IngestOptions as h, type IngestOutcome as i, type IngestRecord as j, type IngestReport as k, type IngestSource as l, type IngestStats as m, type IngestSuccess as n, checkDomain as o, diagnoseError as p, ingest as q };

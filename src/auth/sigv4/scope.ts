/** The SigV4 scope of a client (region, service, signing host), worked out from the options, the node host and the environment. */
import { fail, optionalRegion, preview, REGION } from '../../client/options-check.js';
import { readVariable, type EnvReader } from '../../client/from-env-read.js';
import { ConfigError } from '../../errors/classes.js';
import { opt } from '../../errors/own.js';

/** SigV4 service: `es` for managed domains, `aoss` for OpenSearch Serverless. */
export type AwsService = 'es' | 'aoss';

/** The SigV4 scope of a client. */
export interface SigV4Scope {
  region: string;
  service: AwsService;
  /** Host to sign and send instead of the node's (tunnels, VPC endpoints). */
  signingHost?: string;
}

const BARE_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::\d{1,5})?$/;

/**
 * Region and service named by an Amazon OpenSearch Service / Serverless host, if it is one: `<region>.es|aoss.amazonaws.com`
 * (`.com.cn` and the European Sovereign Cloud's `.eu` too) at the end of the name, a dual-stack (IPv4 + IPv6) domain
 * endpoint `aos.<region>.on.aws` (`search-x.aos.us-east-1.on.aws`), or a Serverless NextGen endpoint
 * `<collection or account id>.aoss.<region>.on.aws`. Read label by label: the region pattern runs only on a host that
 * ends like one (every createClient reads its nodes' hosts; a regular expression over the whole name cost ~0.3 ms to compile).
 */
export function awsHostInfo(host: string): { region: string; service: AwsService } | undefined {
  // a trailing dot names the same host (the DNS root)
  const labels = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '').split('.');
  const last = labels.length - 1;
  if (last >= 3 && labels[last] === 'aws' && labels[last - 1] === 'on') {
    const kind = labels[last - 3];
    const region = labels[last - 2] as string;
    if ((kind === 'aos' || kind === 'aoss') && REGION.test(region)) return { region, service: kind === 'aos' ? 'es' : 'aoss' };
    return undefined;
  }
  const end = labels[last] === 'cn' ? last - 1 : last;
  const suffix = labels[end] === 'com' || (labels[end] === 'eu' && end === last);
  if (end < 3 || !suffix || labels[end - 1] !== 'amazonaws') return undefined;
  const service = labels[end - 2];
  const region = labels[end - 3] as string;
  return (service === 'es' || service === 'aoss') && REGION.test(region) ? { region, service } : undefined;
}

/** What a signed request exposes on a clear-text hop: anyone on the path can replay it for minutes, session token included. */
export const SIGNED_REQUESTS = 'signed requests (replayable by anyone on the path for minutes, with any session token)';

/** The region from AWS_REGION, else AWS_DEFAULT_REGION; a set but malformed value is refused naming the variable. */
export function envRegion(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const raw = readVariable(env, name);
    if (raw === undefined || raw === '') continue;
    if (typeof raw !== 'string' || !REGION.test(raw)) {
      throw new ConfigError(name, `${name}: ${typeof raw === 'string' ? preview(raw) : 'the value'} is not an AWS region name such as "us-east-1" (no spaces or line breaks)`);
    }
    return raw;
  }
  return undefined;
}

/** The region the host names, read as resolveScope reads it: the signing host's if one is given, else the first node's that names one. */
export function hostRegion(nodes: readonly string[], signingHost: string | undefined): string | undefined {
  const hosts = signingHost !== undefined ? [signingHost] : nodes.map((n) => new URL(n).hostname);
  return hosts.map(awsHostInfo).find((i) => i !== undefined)?.region;
}

/** fromEnv's region variables, each checked: `OPENSEARCH_REGION` (the domain's own, explicit) and `AWS_REGION`, else `AWS_DEFAULT_REGION` (the environment's, a fallback only). */
export function readEnvRegions(read: EnvReader): { domain: string | undefined; environment: string | undefined } {
  const domain = read.region('OPENSEARCH_REGION');
  return { domain, environment: read.region('AWS_REGION') ?? read.region('AWS_DEFAULT_REGION') };
}

/** The options a SigV4 scope is worked out from. */
export interface ScopeInput {
  /** An explicit signing region (iam's `auth.region`), trusted over the host and the environment. */
  region?: unknown;
  /** Used when neither the explicit region nor the host names one (cognito's user pool region). */
  fallbackRegion?: string;
  service?: unknown;
  signingHost?: unknown;
}

/** True for a bare host name (optionally `:port`): no scheme, path, user info or spaces. */
export function isBareHost(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && BARE_HOST.test(value);
}

/** Checks `auth.signingHost`: a bare host name (no scheme, path, user info or spaces). */
export function checkSigningHost(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!isBareHost(value)) {
    fail('auth.signingHost', 'must be a bare host name such as "search-x.us-east-1.es.amazonaws.com" (no scheme or path)');
  }
  return value;
}

/** The SigV4 scope; throws ConfigError when it cannot be worked out or contradicts the host. */
export function resolveScope(input: ScopeInput, nodes: readonly URL[], env: NodeJS.ProcessEnv): SigV4Scope {
  const signingHost = checkSigningHost(opt(input, 'signingHost'));
  const explicitRegion = optionalRegion('auth.region', opt(input, 'region'));
  const givenService = opt(input, 'service');
  if (givenService !== undefined && givenService !== 'es' && givenService !== 'aoss') fail('auth.service', 'must be "es" or "aoss"');
  const hosts = signingHost !== undefined ? [signingHost] : nodes.map((u) => u.hostname);
  const infos = hosts.map(awsHostInfo);
  const hostInfo = infos.find((i) => i !== undefined);
  // one scope signs every request of the client: nodes in two regions (or es and aoss) cannot all be signed for
  const other = infos.findIndex((i) => i !== undefined && hostInfo !== undefined && (i.region !== hostInfo.region || i.service !== hostInfo.service));
  if (other >= 0) {
    fail(nodes.length > 1 ? `node[${other}]` : 'node', `${hosts[other] ?? ''} names another region or service than ${hosts[infos.indexOf(hostInfo)] ?? ''}: one client signs for one scope; make a client per domain`);
  }
  // a node that is itself an AWS domain host checks the signature against its own region and service: a signing host
  // naming others cannot work there (a tunnel, VPC endpoint or custom domain names none, and is not compared)
  if (signingHost !== undefined && hostInfo !== undefined) {
    const index = nodes.findIndex((u) => {
      const own = awsHostInfo(u.hostname);
      return own !== undefined && (own.region !== hostInfo.region || own.service !== hostInfo.service);
    });
    const node = nodes[index];
    if (node !== undefined) {
      fail('auth.signingHost', `${signingHost} names another region or service than the ${nodes.length > 1 ? `node[${index}]` : 'node'} host ${node.hostname}, which checks signatures against its own: signatures would be rejected; sign the node's own host (or leave auth.signingHost unset)`);
    }
  }
  // Precedence: explicit region, then the region in the host, then the fallback / AWS_REGION (a
  // Lambda's own region may differ from the domain's, so the environment never overrides the host).
  const region = explicitRegion ?? hostInfo?.region ?? opt(input, 'fallbackRegion') ?? envRegion(env);
  if (region === undefined) fail('auth.region', 'IAM signing needs a region: set auth.region (e.g. "us-east-1") or AWS_REGION');
  if (hostInfo !== undefined && hostInfo.region !== region) {
    const where = signingHost !== undefined ? 'auth.signingHost' : 'node';
    fail('auth.region', `"${region}" does not match the region "${hostInfo.region}" of the ${where} host; signatures would be rejected`);
  }
  const service = (givenService as AwsService | undefined) ?? hostInfo?.service ?? 'es';
  if (hostInfo !== undefined && hostInfo.service !== service) {
    fail('auth.service', `"${service}" does not match the ${hostInfo.service === 'aoss' ? 'OpenSearch Serverless' : 'managed domain'} host (use "${hostInfo.service}")`);
  }
  return { region, service, ...(signingHost !== undefined ? { signingHost } : {}) };
}

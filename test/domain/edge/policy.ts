/**
 * IAM-style domain access policy (resource-based policy) evaluation, the way the
 * Amazon OpenSearch Service endpoint applies it before a request reaches the
 * security plugin. Pure functions, no I/O.
 *
 * Supported: Effect Allow/Deny; Principal / NotPrincipal ("*", {"AWS": "*" | arn | arn[] |
 * account id}); Action / NotAction with `*` and `?` wildcards (case-insensitive);
 * Resource / NotResource with `*` and `?` wildcards (case-sensitive); Condition
 * IpAddress / NotIpAddress on aws:SourceIp (IPv4 and IPv6 CIDRs). Anything else in a
 * Condition is rejected by validatePolicy rather than silently ignored.
 */
import { isIP } from 'node:net';

/** A value IAM accepts either as a single string or as a list. */
export type StringOrList = string | string[];

/** The principal element of a statement. */
export type PolicyPrincipal = '*' | { AWS?: StringOrList; Service?: StringOrList; Federated?: StringOrList; CanonicalUser?: StringOrList };

/** One policy statement. */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: PolicyPrincipal;
  NotPrincipal?: PolicyPrincipal;
  Action?: StringOrList;
  NotAction?: StringOrList;
  Resource?: StringOrList;
  NotResource?: StringOrList;
  Condition?: Record<string, Record<string, StringOrList>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/** What a request looks like to the policy. `principal` null = anonymous. */
export interface PolicyRequest {
  principal: string | null;
  action: string;
  resource: string | string[];
  sourceIp: string;
}

/** The outcome of evaluating a policy. */
export interface PolicyDecision {
  decision: 'allow' | 'deny' | 'implicit-deny';
  statementIndex?: number;
}

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_KEYS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const CONDITION_OPERATORS = new Set(['ipaddress', 'notipaddress']);

/** Lists a StringOrList. */
function list(value: StringOrList | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Returns the statements of a document as an array. */
export function statementsOf(doc: PolicyDocument): PolicyStatement[] {
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkStringOrList(value: unknown, where: string): void {
  const ok = (typeof value === 'string' && value.length > 0) ||
    (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.length > 0));
  if (!ok) throw new Error(`${where} must be a non-empty string or a non-empty array of strings`);
}

function checkPrincipal(value: unknown, where: string): void {
  if (value === '*') return;
  if (!isRecord(value) || Object.keys(value).length === 0) {
    throw new Error(`${where} must be "*" or an object like {"AWS": ...}`);
  }
  for (const [key, v] of Object.entries(value)) {
    if (!PRINCIPAL_KEYS.has(key)) throw new Error(`${where} has unknown principal type "${key}"`);
    checkStringOrList(v, `${where}.${key}`);
  }
}

function checkCidr(value: string, where: string): void {
  if (parseCidr(value) === null) throw new Error(`${where}: "${value}" is not an IP address or CIDR block`);
}

function checkCondition(value: unknown, where: string): void {
  if (!isRecord(value)) throw new Error(`${where} must be an object`);
  for (const [operator, block] of Object.entries(value)) {
    if (!CONDITION_OPERATORS.has(operator.toLowerCase())) {
      throw new Error(`${where}: unsupported condition operator "${operator}" (only IpAddress and NotIpAddress)`);
    }
    if (!isRecord(block) || Object.keys(block).length === 0) throw new Error(`${where}.${operator} must be a non-empty object`);
    for (const [key, v] of Object.entries(block)) {
      if (key.toLowerCase() !== 'aws:sourceip') {
        throw new Error(`${where}.${operator}: unsupported condition key "${key}" (only aws:SourceIp)`);
      }
      checkStringOrList(v, `${where}.${operator}.${key}`);
      for (const cidr of list(v as StringOrList)) checkCidr(cidr, `${where}.${operator}.${key}`);
    }
  }
}

function checkStatement(value: unknown, index: number): void {
  const where = `Statement[${index}]`;
  if (!isRecord(value)) throw new Error(`${where} must be an object`);
  for (const key of Object.keys(value)) {
    if (!STATEMENT_KEYS.has(key)) throw new Error(`${where} has unknown element "${key}"`);
  }
  if (value.Effect !== 'Allow' && value.Effect !== 'Deny') throw new Error(`${where}.Effect must be "Allow" or "Deny"`);
  const pairs: Array<[string, string]> = [['Principal', 'NotPrincipal'], ['Action', 'NotAction'], ['Resource', 'NotResource']];
  for (const [positive, negative] of pairs) {
    const hasPositive = value[positive] !== undefined;
    const hasNegative = value[negative] !== undefined;
    if (hasPositive === hasNegative) throw new Error(`${where} must have exactly one of ${positive} or ${negative}`);
  }
  if (value.Principal !== undefined) checkPrincipal(value.Principal, `${where}.Principal`);
  if (value.NotPrincipal !== undefined) checkPrincipal(value.NotPrincipal, `${where}.NotPrincipal`);
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    if (value[key] !== undefined) checkStringOrList(value[key], `${where}.${key}`);
  }
  if (value.Sid !== undefined && typeof value.Sid !== 'string') throw new Error(`${where}.Sid must be a string`);
  if (value.Condition !== undefined) checkCondition(value.Condition, `${where}.Condition`);
}

/** Throws an Error naming the offending element when `doc` is not a usable policy document. */
export function validatePolicy(doc: unknown): asserts doc is PolicyDocument {
  if (!isRecord(doc)) throw new Error('policy must be a JSON object');
  for (const key of Object.keys(doc)) {
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement') throw new Error(`policy has unknown element "${key}"`);
  }
  if (doc.Version !== undefined && doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') {
    throw new Error(`policy Version must be "2012-10-17" (got ${JSON.stringify(doc.Version)})`);
  }
  const statements = doc.Statement;
  if (statements === undefined) throw new Error('policy must have a Statement');
  const array = Array.isArray(statements) ? statements : [statements];
  if (array.length === 0) throw new Error('policy Statement must not be empty');
  array.forEach((s, i) => checkStatement(s, i));
}

/** Compiles an IAM wildcard pattern (`*` any run, `?` one character) to a RegExp. */
export function wildcardToRegExp(pattern: string, caseInsensitive = false): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`, caseInsensitive ? 'i' : '');
}

/** True when `value` matches the IAM wildcard `pattern`. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  return wildcardToRegExp(pattern, caseInsensitive).test(value);
}

interface ParsedArn {
  partition: string;
  service: string;
  account: string;
  resource: string;
}

function parseArn(arn: string): ParsedArn | null {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  return { partition: parts[1] ?? '', service: parts[2] ?? '', account: parts[4] ?? '', resource: parts.slice(5).join(':') };
}

/**
 * Normalises an STS assumed-role session ARN (`arn:aws:sts::ACC:assumed-role/NAME/SESSION`)
 * to its role ARN (`arn:aws:iam::ACC:role/NAME`); any other ARN is returned unchanged.
 */
export function normalizePrincipalArn(arn: string): string {
  const parsed = parseArn(arn);
  if (parsed?.service === 'sts' && parsed.resource.startsWith('assumed-role/')) {
    const name = parsed.resource.split('/')[1] ?? '';
    return `arn:${parsed.partition}:iam::${parsed.account}:role/${name}`;
  }
  return arn;
}

/** Role name of a role ARN (path stripped), or null when the ARN is not a role. */
function roleName(arn: string): string | null {
  const parsed = parseArn(arn);
  if (parsed?.service !== 'iam' || !parsed.resource.startsWith('role/')) return null;
  const segments = parsed.resource.split('/');
  return segments[segments.length - 1] ?? null;
}

/** True when the policy principal entry `entry` (from {"AWS": ...}) designates `principal`. */
function awsPrincipalMatches(entry: string, principal: string | null): boolean {
  if (entry === '*') return true;
  if (principal === null) return false;
  const caller = parseArn(principal);
  if (caller === null) return entry === principal;
  // An account id or the account root stands for every principal of that account.
  if (/^\d{12}$/.test(entry)) return caller.account === entry;
  const target = parseArn(entry);
  if (target === null) return false;
  if (target.service === 'iam' && target.resource === 'root') return target.account === caller.account;
  if (entry === principal) return true;
  // A role principal matches the role's sessions (assumed-role ARNs carry no role path).
  const normalized = normalizePrincipalArn(principal);
  if (entry === normalized) return true;
  const targetRole = roleName(entry);
  return targetRole !== null && target.account === caller.account && roleName(normalized) === targetRole;
}

function principalMatches(element: PolicyPrincipal, principal: string | null): boolean {
  if (element === '*') return true;
  return list(element.AWS).some((entry) => awsPrincipalMatches(entry, principal));
}

// ---------------------------------------------------------------- IP addresses

interface Cidr {
  family: 4 | 6;
  bits: bigint;
  prefix: number;
}

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two hextets.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const v4 = ipv4ToBigInt(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? 0 : 8 - headParts.length - tailParts.length;
  const parts = [...headParts, ...Array<string>(fill).fill('0'), ...tailParts];
  return parts.reduce((acc, part) => (acc << 16n) | BigInt(parseInt(part, 16)), 0n);
}

/** Parses an IPv4/IPv6 address; IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes IPv4. */
function parseIp(ip: string): { family: 4 | 6; bits: bigint } | null {
  const text = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(text);
  if (family === 4) return { family: 4, bits: ipv4ToBigInt(text) };
  if (family === 6) {
    const bits = ipv6ToBigInt(text);
    if (bits >> 32n === 0xffffn) return { family: 4, bits: bits & 0xffffffffn };
    return { family: 6, bits };
  }
  return null;
}

/** Parses `a.b.c.d/n`, `x::y/n` or a bare address (= /32 or /128). */
function parseCidr(value: string): Cidr | null {
  const [address = '', prefixText, extra] = value.trim().split('/');
  if (extra !== undefined) return null;
  const ip = parseIp(address);
  if (ip === null) return null;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const max = ip.family === 4 ? 32 : 128;
  // A mapped IPv6 network (::ffff:a.b.c.d/120) is expressed in IPv6 prefix length.
  const mappedOffset = ip.family === 4 && isIP(address) === 6 ? 96 : 0;
  const prefix = prefixText === undefined ? max : Number(prefixText) - mappedOffset;
  if (prefix < 0 || prefix > max) return null;
  return { family: ip.family, bits: ip.bits, prefix };
}

/** True when `ip` lies inside `cidr` (a CIDR block or a single address). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const address = parseIp(ip);
  const block = parseCidr(cidr);
  if (address === null || block === null || address.family !== block.family) return false;
  const width = BigInt(block.family === 4 ? 32 : 128);
  const shift = width - BigInt(block.prefix);
  return address.bits >> shift === block.bits >> shift;
}

function conditionMatches(condition: PolicyStatement['Condition'], sourceIp: string): boolean {
  if (condition === undefined) return true;
  return Object.entries(condition).every(([operator, block]) =>
    Object.values(block).every((value) => {
      const inside = list(value).some((cidr) => ipInCidr(sourceIp, cidr));
      return operator.toLowerCase() === 'ipaddress' ? inside : !inside;
    }),
  );
}

// ---------------------------------------------------------------- evaluation

function statementApplies(statement: PolicyStatement, request: PolicyRequest): boolean {
  const principalOk = statement.Principal !== undefined
    ? principalMatches(statement.Principal, request.principal)
    : statement.NotPrincipal !== undefined && !principalMatches(statement.NotPrincipal, request.principal);
  if (!principalOk) return false;

  const actionIn = (patterns: StringOrList | undefined): boolean =>
    list(patterns).some((p) => wildcardMatch(p, request.action, true));
  const actionOk = statement.Action !== undefined ? actionIn(statement.Action) : !actionIn(statement.NotAction);
  if (!actionOk) return false;

  const resources = list(request.resource);
  const resourceIn = (patterns: StringOrList | undefined): boolean =>
    list(patterns).some((p) => resources.some((r) => wildcardMatch(p, r)));
  const resourceOk = statement.Resource !== undefined ? resourceIn(statement.Resource) : !resourceIn(statement.NotResource);
  if (!resourceOk) return false;

  return conditionMatches(statement.Condition, request.sourceIp);
}

/**
 * Evaluates `policy` for one request: an applicable Deny wins, otherwise an applicable
 * Allow allows, otherwise the request is implicitly denied. `request.resource` may list
 * several equivalent resource strings (any match counts).
 */
export function evaluatePolicy(policy: PolicyDocument, request: PolicyRequest): PolicyDecision {
  const statements = statementsOf(policy);
  let allowIndex: number | undefined;
  for (const [index, statement] of statements.entries()) {
    if (!statementApplies(statement, request)) continue;
    if (statement.Effect === 'Deny') return { decision: 'deny', statementIndex: index };
    allowIndex ??= index;
  }
  return allowIndex === undefined ? { decision: 'implicit-deny' } : { decision: 'allow', statementIndex: allowIndex };
}

/** The es:ESHttp* action name for an HTTP method (GET -> es:ESHttpGet). */
export function actionForMethod(method: string): string {
  const lower = method.toLowerCase();
  return `es:ESHttp${lower.charAt(0).toUpperCase()}${lower.slice(1)}`;
}

/**
 * The resource strings a request path stands for: `<domainArn>/<decoded path without
 * leading slash>`; the root path stands for both `<domainArn>/` and `<domainArn>`.
 */
export function resourcesForPath(domainArn: string, rawPath: string): string[] {
  const pathOnly = rawPath.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathOnly);
  } catch {
    decoded = pathOnly;
  }
  const trimmed = decoded.replace(/^\/+/, '');
  return trimmed === '' ? [`${domainArn}/`, domainArn] : [`${domainArn}/${trimmed}`];
}

/** The AWS-shaped access-policy denial message (body field `Message`). */
export function denialMessage(principal: string | null, action: string, explicit: boolean): string {
  const who = principal ?? 'anonymous';
  return explicit
    ? `User: ${who} is not authorized to perform: ${action} with an explicit deny in a resource-based policy`
    : `User: ${who} is not authorized to perform: ${action} because no resource-based policy allows the ${action} action`;
}

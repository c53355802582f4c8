/**
 * The credentials fuzz's referee: a registry of what each credential source handed out (with the
 * README's verdict), the check of every request a loopback OpenSearch stub receives (signed only with
 * accepted, unexpired credentials, verified by test/domain/edge/sigv4.ts's independent verifier, never
 * by our signer), and the typed-error and secret checks of every failure.
 */
import { errors } from '@opensearch-project/opensearch';
import { verifySigV4, type ReceivedRequest } from '../domain/edge/sigv4.js';
import { CredentialsError, ExpiredCredentialsError, FgacResponseError } from '../../src/errors/classes.js';
import type { Canonical } from './credential-fuzz-values.js';
import { renderings } from './credential-fuzz-values.js';

/** One answer a source gave, as the client must treat it. */
export interface Registered {
  canonical: Canonical;
  /** True when the client may sign with it (accepted, not expired). */
  usable: boolean;
  /** The stub refuses it as an expired token (AWS's 403). */
  refusedByServer: boolean;
  /** Its generation (order among usable answers, from 1). */
  generation: number;
}

/** What the stub made of one request. */
export interface Judged {
  accessKeyId: string;
  entry: Registered | undefined;
  problems: string[];
}

/** Registry of one seed's answers, keyed by access key id. */
export class Registry {
  readonly byId = new Map<string, Registered>();
  #generation = 0;

  /** Records an answer; returns its entry. */
  add(canonical: Canonical, usable: boolean, refusedByServer: boolean): Registered {
    const entry = { canonical, usable, refusedByServer, generation: usable ? ++this.#generation : 0 };
    // a usable answer wins over a refused one of the same id (a provider that re-answers an id)
    const known = this.byId.get(canonical.accessKeyId);
    if (known === undefined || !known.usable || usable) this.byId.set(canonical.accessKeyId, entry);
    return entry;
  }
}

/** Checks a SigV4 request: its key id is a usable answer's, and the signature and token verify with that answer's values now. */
export async function judgeSigned(req: ReceivedRequest, registry: Registry): Promise<Judged> {
  const authorization = req.headers.authorization?.[0] ?? '';
  const accessKeyId = /^AWS4-HMAC-SHA256 Credential=([^/]*)\//.exec(authorization)?.[1] ?? '';
  const entry = registry.byId.get(accessKeyId);
  const problems: string[] = [];
  if (entry === undefined || !entry.usable) {
    problems.push(`a request was signed with credentials the client had to refuse or never got (${JSON.stringify(accessKeyId.slice(0, 40))})`);
    return { accessKeyId, entry, problems };
  }
  const c = entry.canonical;
  const verdict = await verifySigV4(req, {
    region: 'us-east-1', service: 'es', now: new Date(),
    findCredential: (id) => (id === c.accessKeyId ? {
      accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, arn: 'arn:aws:iam::123456789012:role/Fuzz',
      ...(c.sessionToken !== undefined ? { sessionToken: c.sessionToken } : {}),
      ...(c.expiresAt !== undefined ? { expiration: new Date(c.expiresAt).toISOString() } : {}),
    } : undefined),
  });
  if (!verdict.ok) problems.push(`request with ${accessKeyId} failed verification: ${verdict.reason}`);
  return { accessKeyId, entry, problems };
}

/** The classes a failed call may end with: typed response errors, the client's own, never a raw TypeError. */
export function typedProblem(e: unknown, source: RegExp): string | undefined {
  if (e instanceof CredentialsError) {
    if (!source.test(e.source)) return `CredentialsError with source ${e.source}`;
    if (!e.message.includes(e.source)) return `CredentialsError message does not name its source: ${e.message.slice(0, 120)}`;
    return undefined;
  }
  if (e instanceof FgacResponseError || e instanceof ExpiredCredentialsError) return undefined;
  if (e instanceof errors.RequestAbortedError || e instanceof errors.NoLivingConnectionsError || e instanceof errors.TimeoutError || e instanceof errors.ConnectionError) return undefined;
  if (e instanceof errors.ResponseError) return undefined;
  let name = 'unreadable';
  try {
    name = `${(e as Error)?.name}: ${String((e as Error)?.message).slice(0, 160)}`;
  } catch {
    // a hostile value the client let through
  }
  return `untyped failure ${name}`;
}

/** The secrets of `list` that any rendering of `e` shows. */
export function leaked(e: unknown, list: Iterable<string>): string[] {
  const text = renderings(e);
  return [...new Set(list)].filter((s) => s.length >= 8 && text.includes(s));
}


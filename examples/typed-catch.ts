/**
 * Catching permission problems by type: each class says what to do next (fix a role mapping,
 * fix the access policy, refresh credentials, back off), and still is an opensearch-js ResponseError.
 *
 * Run locally: `npx tsx examples/typed-catch.ts` (as new-user, the tutorial's limited user)
 */
import './local-domain.js';
import { errors } from '@opensearch-project/opensearch';
import {
  AccessPolicyDeniedError, createClient, ExpiredCredentialsError, fromEnv, IndexNotFoundError, SecurityExceptionError,
  ThrottledError, UnauthorizedError,
} from '../src/index.js';

const client = createClient(fromEnv());

/** Runs a request and says, in one line, what its failure means. */
async function attempt(label: string, run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return `${label}: ok`;
  } catch (e) {
    const generic = e instanceof errors.ResponseError ? ' (also an errors.ResponseError)' : '';
    if (e instanceof SecurityExceptionError) return `${label}: fix the role mapping: ${e.message}${generic}`;
    if (e instanceof UnauthorizedError) return `${label}: check the credentials: ${e.message}${generic}`;
    if (e instanceof AccessPolicyDeniedError) return `${label}: fix the domain access policy: ${e.message}${generic}`;
    if (e instanceof ExpiredCredentialsError) return `${label}: refresh credentials: ${e.message}${generic}`;
    if (e instanceof ThrottledError) return `${label}: back off ${e.retryAfterMs ?? '?'} ms${generic}`;
    if (e instanceof IndexNotFoundError) return `${label}: no such index ${e.index}${generic}`;
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await attempt('GET _search', () => client.search({ body: { query: { match_all: {} } } })));
  console.log(await attempt('GET flights/_search', () => client.search({ index: 'flights', size: 1 })));
  const wrong = createClient({ ...fromEnv(), auth: { mode: 'basic', username: 'new-user', password: 'wrong-password' } });
  console.log(await attempt('wrong password', () => wrong.info()));
  await Promise.all([client.close(), wrong.close()]);
}

/**
 * A Lambda search handler. The client is created once per container, outside the handler, so
 * connections and credentials are reused across invocations; the auth mode comes from the
 * environment (OPENSEARCH_AUTH=iam|basic|cognito), and permission errors are caught by type.
 * The event is checked before any request: an event that is not `{ index?: string, carrier?: string }`
 * (null, a carrier given as an object, an empty string, a key the handler does not know, an index that is
 * not one index name: `flights/_doc`, `a,b`, `f*`, `_all`, upper case) is a 400 naming the field, never an
 * untyped TypeError, a failed invocation or a query built from what the caller slipped in.
 *
 * Run locally: `EXAMPLE_AUTH=iam npx tsx examples/lambda-search.ts`
 */
import './local-domain.js';
import { createClient, fromEnv, SecurityExceptionError } from '../src/index.js';
import { startedAsScript } from './handler-support.js';

const client = createClient(fromEnv());

export interface SearchEvent { index?: string; carrier?: string }

type SearchResult = { statusCode: number; body: string };

const FIELDS = ['index', 'carrier'] as const;

/**
 * Why `name` is not one index (or alias) name, or undefined: OpenSearch's own rules for index names (what
 * `PUT <name>` refuses, measured on 2.19.4), and no control character or whitespace (the node would take
 * a tab or a line break, which an event's index never means). A list, a pattern, `_all` or a path
 * (`flights/_doc`) reaches other indices or another endpoint than the one index the event names.
 */
function indexNameProblem(name: string): string | undefined {
  if (/[\s\u0000-\u001f\u007f-\u009f]/u.test(name)) return 'contains whitespace or a control character';
  const bad = /[\\/*?"<>|,#:]/.exec(name);
  if (bad !== null) return `contains ${JSON.stringify(bad[0])} (an index name has none of \\ / * ? " < > | , # : or a space)`;
  if (/^[_\-+]/.test(name)) return `starts with ${JSON.stringify(name[0])} (an index name does not start with _, - or +)`;
  if (name === '.' || name === '..') return "is '.' or '..'";
  if (name.toLowerCase() !== name) return 'has upper-case letters (index names are lower case)';
  if (Buffer.byteLength(name, 'utf8') > 255) return 'is longer than 255 bytes';
  return undefined;
}

/** The event as a SearchEvent, or the 400 that says which field is wrong. */
function readEvent(event: unknown): SearchEvent | SearchResult {
  const bad = (field: string, message: string): SearchResult => ({ statusCode: 400, body: JSON.stringify({ error: `${field} ${message}`, field }) });
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    return bad('event', `must be an object, got ${event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event}`);
  }
  const unknownKey = Object.keys(event).find((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknownKey !== undefined) return bad('event', `has a field this handler does not know (${JSON.stringify(unknownKey.slice(0, 40))}); it takes ${FIELDS.join(', ')}`);
  const read: SearchEvent = {};
  for (const field of FIELDS) {
    const value: unknown = (event as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '') return bad(field, `must be a non-empty string when given, got ${value === '' ? 'an empty string' : value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
    const problem = field === 'index' ? indexNameProblem(value) : undefined;
    if (problem !== undefined) return bad(field, `must be one index name: it ${problem}`);
    read[field] = value;
  }
  return read;
}

/** Returns the flights of a carrier, a 400 for an event it cannot read, or a 403 that names what the caller lacks. */
export async function handler(event: unknown): Promise<SearchResult> {
  const read = readEvent(event);
  if ('statusCode' in read) return read;
  try {
    const res = await client.search({
      index: read.index ?? 'flights',
      body: { size: 5, query: read.carrier !== undefined ? { term: { Carrier: read.carrier } } : { match_all: {} } },
    });
    const hits = res.body.hits.hits.map((h) => ({ id: h._id, ...(h._source as object) }));
    return { statusCode: 200, body: JSON.stringify({ total: res.body.hits.total, hits }) };
  } catch (e) {
    if (e instanceof SecurityExceptionError) {
      return { statusCode: 403, body: JSON.stringify({ error: e.message, user: e.user?.name, actions: e.actions }) };
    }
    throw e;
  }
}

/** `npx tsx examples/lambda-search.ts`: two searches against the local domain. No top-level await, so the file bundles as CommonJS too. */
async function runLocally(): Promise<void> {
  const first = await handler({ carrier: 'JetBeats' });
  const second = await handler({ index: 'movies' });
  console.log(JSON.stringify({ first, second }, null, 2));
  await client.close();
}

if (startedAsScript('lambda-search.ts')) void runLocally();

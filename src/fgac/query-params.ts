/**
 * A request's query string as the node reads it (OpenSearch's RestUtils.decodeQueryString): parameters separated by
 * `&` or `;`, a name up to its first `=` (`a` alone: the empty value), each part percent-decoded as UTF-8 with `+` read
 * as a space, and a repeated name's LAST value wins (a map put). Measured on 2.19.4 (h191-by-query-targets,
 * h192-query-readers): `wait_for_completion=true&wait_for_completion=false` answers a task, the reverse waits, `a;b` is
 * split at `;`, `op_type=create+` is refused as `create ` and `routing=a+b` routes by `a b`. A malformed escape makes the
 * node answer 400 before any check: undefined here. Every question of what the node does with a query (checkPermission's
 * plan, its dry-run, the retry decision) reads it here. Redaction (client/query-secrets.ts) reads more widely on purpose
 * (a `?` separates too), and SigV4 signs the query as it is sent (auth/sigv4/wire-path.ts).
 */

/**
 * `s` percent-decoded as the node decodes a query part (UTF-8, `+` a space); undefined for a malformed escape. Also what
 * redaction registers as a query secret's decoded value (client/query-secrets.ts): an echo of what the node read.
 */
export function decodePart(s: string): string | undefined {
  if (!s.includes('%')) return s.includes('+') ? s.replace(/\+/g, ' ') : s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b) {
      bytes.push(0x20);
      continue;
    }
    if (c !== 0x25) {
      // the node keeps a character's low byte (the path is printable ASCII: checkPermission's input check)
      bytes.push(c & 0xff);
      continue;
    }
    if (s[i + 1] === '%') {
      bytes.push(0x25);
      i++;
      continue;
    }
    const hex = s.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
    bytes.push(Number.parseInt(hex, 16));
    i += 2;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The parameters of `query` (the part after the first `?`, without it) as the node reads them; undefined when it answers 400. */
export function nodeQuery(query: string | undefined): ReadonlyMap<string, string> | undefined {
  const params = new Map<string, string>();
  if (query === undefined) return params;
  const end = query.includes('#') ? query.indexOf('#') : query.length;
  let name: string | undefined;
  let pos = 0;
  const add = (key: string | undefined, raw: string): boolean => {
    const value = decodePart(raw);
    if (key === undefined || value === undefined) return false;
    params.set(key, value);
    return true;
  };
  for (let i = 0; i <= end; i++) {
    const c = i === end ? '' : query[i];
    if (c === '=' && name === undefined) {
      if (pos !== i && (name = decodePart(query.slice(pos, i))) === undefined) return undefined;
      pos = i + 1;
    } else if (c === '&' || c === ';' || i === end) {
      // `a&`: a name without `=` has the empty value; `=x&` names the parameter x (as the node's loop does)
      if (name === undefined && pos !== i && !add(decodePart(query.slice(pos, i)), '')) return undefined;
      if (name !== undefined && !add(name, query.slice(pos, i))) return undefined;
      name = undefined;
      pos = i + 1;
    }
  }
  return params;
}

/**
 * An `op_type` value as the node reads it on a single write (IndexRequest via OpType.fromString: case-insensitive;
 * measured on 2.19.4: `op_type=CREATE` creates). A bulk line's op_type is read differently (exactly `create`, in an
 * `index` action only): explain/write-validation.ts itemParameters.
 */
export function nodeOpType(value: string | undefined): string | undefined {
  return value?.toLowerCase();
}

/** A request target cut at its first `?`: the server reads a second `?` as part of the query. */
export function splitTarget(target: string): { path: string; query: string | undefined } {
  const cut = target.indexOf('?');
  return cut < 0 ? { path: target, query: undefined } : { path: target.slice(0, cut), query: target.slice(cut + 1) };
}

/** The parameters of a request target's query (after its first `?`; none without one) as the node reads them; undefined when it answers 400. */
export function targetQuery(target: string): ReadonlyMap<string, string> | undefined {
  return nodeQuery(splitTarget(target).query);
}

/**
 * A boolean parameter as the node reads it (RestRequest.paramAsBoolean): absent `dflt`, empty or `true` true, `false`
 * false; undefined for another value (the node answers 400 before any check).
 */
export function nodeFlag(params: ReadonlyMap<string, string>, name: string, dflt: boolean): boolean | undefined {
  const value = params.get(name);
  if (value === undefined) return dflt;
  return value === '' || value === 'true' ? true : value === 'false' ? false : undefined;
}

/**
 * Whether the node waits for the request to complete (`wait_for_completion` as it reads it: absent, empty or `true`)
 * or answers a task at once (`false`); undefined when the query makes it answer 400 before any check. The one reading
 * of this parameter: the plan (by-query.ts) and the dry-run's guard (dry-run.ts answersWithTask) both use it.
 */
export function waitsForCompletion(query: string | undefined): boolean | undefined {
  const params = nodeQuery(query);
  return params === undefined ? undefined : nodeFlag(params, 'wait_for_completion', true);
}

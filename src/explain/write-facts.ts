/**
 * The cluster facts a write's checks depend on, read with the admin client for checkPermission's local path:
 * `action.auto_create_index` (read when a write names a missing index), and, only for a check that the roles refuse
 * and that rests on them, the document an `_update` targets, the index's mapping and the index templates. A fact
 * that cannot be read leaves the check's `dependsOn` (the verdict undecided), never a guess.
 */
import { autoCreateFact, parseAutoCreate, simpleMatch, type AutoCreateSetting } from './auto-create.js';
import { addsToMapping, templateMayMap } from './mapping-update.js';
import { updateChanges } from './update-noop.js';
import { upsertOf, type PendingFact } from './write-plan.js';
import { adminGet } from './admin-read.js';
import type { CheckPermissionClient } from './dry-run.js';
import type { RequiredPrivilege } from './request-plan.js';
import type { PrivilegeVerdict } from './verdicts.js';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The reads of one settlement, each path once (a bulk of many items on one index reads its mapping once). */
type Reads = Map<string, Promise<{ status: number; body: unknown } | undefined>>;

/** GET `path` with `admin`: the body, or the error's body and status (undefined when nothing came back); once per `cache`. */
function read(admin: CheckPermissionClient, path: string, cache?: Reads): Promise<{ status: number; body: unknown } | undefined> {
  const known = cache?.get(path);
  if (known !== undefined) return known;
  const answer = adminGet(admin, path);
  cache?.set(path, answer);
  return answer;
}

/**
 * `action.auto_create_index` as the cluster applies it: `given` (options.autoCreateIndex), else read with `admin`
 * (transient over persistent over the nodes' value); undefined when neither.
 */
export async function readAutoCreate(admin: CheckPermissionClient | undefined, given: string | boolean | undefined): Promise<AutoCreateSetting | undefined> {
  if (given !== undefined) return parseAutoCreate(given);
  if (admin === undefined) return undefined;
  const r = await read(admin, '/_cluster/settings?include_defaults=true&flat_settings=true');
  if (r === undefined || r.status !== 200 || !isRecord(r.body)) return undefined;
  const b = r.body;
  for (const scope of ['transient', 'persistent', 'defaults']) {
    const v = isRecord(b[scope]) ? (b[scope] as Record<string, unknown>)['action.auto_create_index'] : undefined;
    if (typeof v === 'string' || typeof v === 'boolean') return parseAutoCreate(v);
  }
  return undefined;
}

export { autoCreateFact };

/** What a pending fact settled: its checks are made (certain) or not made at all; undefined: still unknown. */
type Settled = 'made' | 'not-made' | undefined;

/**
 * The index a write to `name` goes to: `name` itself when it is no alias, else the alias's write index (`is_write_index`,
 * or its only member); undefined when that is not known (no write index, a data stream, a failed read).
 */
async function writeIndexOf(admin: CheckPermissionClient, name: string, cache: Reads): Promise<string | undefined> {
  const r = await read(admin, `/_alias/${encodeURIComponent(name)}`, cache);
  if (r?.status === 404) return name;
  if (r === undefined || r.status !== 200 || !isRecord(r.body)) return undefined;
  const members = Object.entries(r.body).filter(([, v]) => isRecord(v) && isRecord(v.aliases) && isRecord(v.aliases[name]));
  const flagged = members.filter(([, v]) => ((v as { aliases: Record<string, Record<string, unknown>> }).aliases[name] as Record<string, unknown>).is_write_index === true);
  if (flagged.length === 1) return flagged[0]?.[0];
  return members.length === 1 && flagged.length === 0 ? members[0]?.[0] : undefined;
}

/** The mapping of the index a write to `index` goes to: whether `document` adds a field to it, or unknown. */
async function mappingFact(admin: CheckPermissionClient, index: string, document: unknown, fresh: boolean, cache: Reads): Promise<Settled> {
  if (fresh) {
    // a fresh index starts with its templates' mappings; without one any document (even {}) adds the root mapping
    const [composable, legacy] = await Promise.all([read(admin, '/_index_template', cache), read(admin, '/_template', cache)]);
    if (composable === undefined || legacy === undefined || ![200, 404].includes(composable.status) || legacy.status !== 200) return undefined;
    return templateMayMap(index, composable.status === 200 ? composable.body : {}, legacy.body, simpleMatch) ? undefined : 'made';
  }
  const target = await writeIndexOf(admin, index, cache);
  if (target === undefined) return undefined;
  const r = await read(admin, `/${encodeURIComponent(target)}/_mapping`, cache);
  if (r === undefined || r.status !== 200 || !isRecord(r.body)) return undefined;
  const answers = Object.values(r.body).map((m) => addsToMapping(isRecord(m) ? m.mappings : undefined, document));
  if (answers.length === 0 || answers.some((a) => a === undefined) || new Set(answers).size > 1) return undefined;
  return answers[0] === true ? 'made' : 'not-made';
}

/** Whether a single `_update` reaches the bulk actions (the document read with admin), and the document it then writes. */
async function updateFact(admin: CheckPermissionClient, f: Extract<PendingFact, { kind: 'update' }>, cache: Reads): Promise<{ settled: Settled; written?: unknown }> {
  if (f.id === undefined) return { settled: undefined };
  const target = await writeIndexOf(admin, f.index, cache);
  if (target === undefined) return { settled: undefined };
  const r = await read(admin, `/${encodeURIComponent(target)}/_doc/${encodeURIComponent(f.id)}`);
  if (r === undefined || !isRecord(r.body)) return { settled: undefined };
  const found = r.body.found;
  if (found === false && typeof r.body._index === 'string') {
    // compare-and-set on a missing document: a version conflict (409); a scripted upsert: its script decides
    if (f.cas !== undefined) return { settled: 'not-made' };
    const upsert = upsertOf(f.body);
    if (upsert?.scripted === true) return { settled: undefined };
    return upsert === undefined ? { settled: 'not-made' } : { settled: 'made', written: upsert.document };
  }
  if (r.status !== 200 || found !== true) return { settled: undefined };
  if (f.cas !== undefined) {
    const { _seq_no: seqNo, _primary_term: term } = r.body;
    if (typeof seqNo !== 'number' || typeof term !== 'number') return { settled: undefined };
    // another sequence number or primary term: a version conflict (409) before the bulk actions
    if (seqNo !== f.cas.seqNo || term !== f.cas.primaryTerm) return { settled: 'not-made' };
  }
  const changes = updateChanges(r.body._source, f.body);
  if (changes === undefined) return { settled: undefined };
  return changes ? { settled: 'made', written: isRecord(f.body) ? f.body.doc : undefined } : { settled: 'not-made' };
}

/**
 * `verdicts` (of `checks`, in order) with the pending facts read for the checks the roles refuse: a check whose fact
 * says it is made loses its `dependsOn`, one that is not made is dropped. Without `admin` nothing changes.
 */
export async function settlePending(
  verdicts: readonly PrivilegeVerdict[], checks: readonly RequiredPrivilege[], pending: readonly PendingFact[], admin: CheckPermissionClient | undefined,
): Promise<PrivilegeVerdict[]> {
  if (admin === undefined || pending.length === 0) return [...verdicts];
  const byCheck = new Map(checks.map((c, i) => [c, i]));
  const cache: Reads = new Map();
  const refused = (list: readonly RequiredPrivilege[]): boolean => list.some((c) => verdicts[byCheck.get(c) ?? -1]?.granted === false);
  const outcome = new Map<RequiredPrivilege, Settled>();
  const mark = (list: readonly RequiredPrivilege[], s: Settled): void => { for (const c of list) outcome.set(c, s); };
  const reason = new Map<RequiredPrivilege, string>();
  const mappings: Array<Extract<PendingFact, { kind: 'mapping' }>> = [];
  for (const f of pending) {
    if (f.kind === 'mapping') mappings.push(f);
    else if (refused([...f.checks, ...(f.mapping !== undefined ? [f.mapping] : [])])) {
      const { settled, written } = await updateFact(admin, f, cache);
      mark(f.checks, settled);
      if (f.mapping === undefined) continue;
      if (settled === 'not-made') mark([f.mapping], 'not-made');
      else if (settled === 'made') {
        // the bulk actions are made: the mapping check is then the document's to decide
        reason.set(f.mapping, `whether the written document adds a field to the mapping of ${f.index}`);
        mappings.push({ kind: 'mapping', index: f.index, document: written, fresh: false, checks: [f.mapping] });
      }
    }
  }
  for (const f of mappings) if (refused(f.checks)) mark(f.checks, await mappingFact(admin, f.index, f.document, f.fresh, cache));
  return verdicts.flatMap((v, i) => {
    const s = outcome.get(checks[i] as RequiredPrivilege);
    if (s === 'not-made') return [];
    const why = reason.get(checks[i] as RequiredPrivilege);
    if (s !== 'made') return [why === undefined ? v : { ...v, dependsOn: why }];
    const { dependsOn: _settled, ...certain } = v;
    return [certain];
  });
}

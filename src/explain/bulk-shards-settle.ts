/**
 * After judging: the doubt of bulk items' shared shard-request checks (bulk-shards.ts) made `dependsOn`, the primary
 * shard count read where a refusal depends on it.
 */
import type { CheckPermissionClient } from './dry-run.js';
import type { PrivilegeVerdict } from './verdicts.js';
import { opt } from '../errors/own.js';
import { SHARING, unique, type Sharing } from './bulk-shards.js';

/** Primary shard counts of `indices` (read with `admin`; a missing or unreadable one is left out). */
async function primaryShards(admin: CheckPermissionClient | undefined, indices: readonly string[]): Promise<ReadonlyMap<string, number>> {
  const out = new Map<string, number>();
  if (admin === undefined || indices.length === 0) return out;
  try {
    const path = `/${indices.map(encodeURIComponent).join(',')}/_settings/index.number_of_shards`;
    const res = await admin.transport.request({ method: 'GET', path, querystring: { ignore_unavailable: 'true', expand_wildcards: 'all', flat_settings: 'true' } });
    const body = res.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return out;
    for (const [index, entry] of Object.entries(body as Record<string, unknown>)) {
      const settings = typeof entry === 'object' && entry !== null ? (entry as { settings?: unknown }).settings : undefined;
      const n = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['index.number_of_shards'] : undefined;
      const count = typeof n === 'string' ? Number(n) : n;
      if (typeof count === 'number' && Number.isInteger(count) && count > 0 && indices.includes(index)) out.set(index, count);
    }
  } catch {
    // not read: the sharing stays in doubt
  }
  return out;
}

/**
 * `verdicts` with the doubt of their shared checks made `dependsOn`: the sharing's own, and for a refused one the
 * shard's unless the concrete index has one primary shard (read with `admin`; an index this request creates, or one that cannot be read,
 * is in doubt: the `_id` or routing decides the shard). A refused shared check is then certain only when the items
 * surely share the shard request; otherwise the item's answer is undecided, never a certain grant.
 */
export async function settleSharing(verdicts: readonly PrivilegeVerdict[], admin: CheckPermissionClient | undefined): Promise<PrivilegeVerdict[]> {
  const sharingOf = (v: PrivilegeVerdict): Sharing | undefined => (v as PrivilegeVerdict & { [SHARING]?: Sharing })[SHARING];
  const shared = verdicts.filter((v) => sharingOf(v) !== undefined);
  if (shared.length === 0) return [...verdicts];
  // a granted check's doubt decides nothing: the shard counts are read for the refused ones only
  const counts = await primaryShards(admin, unique(shared.flatMap((v) => { const i = sharingOf(v)?.index; return i === undefined || v.granted ? [] : [i]; })));
  return verdicts.map((v) => {
    const sharing = sharingOf(v);
    if (sharing === undefined) return v;
    const { [SHARING]: _, ...plain } = v as PrivilegeVerdict & { [SHARING]?: Sharing };
    const count = sharing.index === undefined ? undefined : counts.get(sharing.index);
    const shard = count === 1 || v.granted ? undefined
      : `whether bulk items ${[opt(v, 'item'), ...(opt(v, 'sharedWith') ?? [])].join(', ')} go to the same shard of ${sharing.index ?? 'their index'} (${count === undefined ? 'its number of primary shards is not known' : `it has ${count} primary shards`}: the _id or routing decides)`;
    const why = [opt(v, 'dependsOn'), sharing.doubt, shard].filter((w): w is string => w !== undefined);
    return why.length === 0 ? plain : { ...plain, dependsOn: why.join('; ') };
  });
}

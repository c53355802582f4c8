/** One GET with the admin client, for the facts checkPermission reads (settings, templates, pipelines, documents). */
import type { CheckPermissionClient } from './dry-run.js';

/** What an admin GET answered: the body and status (a thrown answer's too); undefined when nothing came back. */
export type AdminAnswer = { status: number; body: unknown } | undefined;

/** GET `path` with `admin`: status and body, also of a refusal; undefined when no answer came back. */
export async function adminGet(admin: CheckPermissionClient, path: string): Promise<AdminAnswer> {
  try {
    const res = await admin.transport.request({ method: 'GET', path });
    return { status: res.statusCode ?? 200, body: res.body };
  } catch (error) {
    const meta = (error as { meta?: { statusCode?: unknown; body?: unknown } } | null)?.meta;
    return typeof meta?.statusCode === 'number' ? { status: meta.statusCode, body: meta.body } : undefined;
  }
}

/** `explain --request "METHOD /path"`: may the caller send this request (the server's dry-run on 3.2+, else explained locally). */
import { checkPermission } from '../../index.js';
import { isOpenSearchRefusal } from '../../errors/body.js';
import { ConfigError } from '../../errors/classes.js';
import type { CliContext } from '../context.js';
import { EXIT, type Printer } from '../output.js';
import { UsageError } from '../usage-error.js';
import { readTextFile } from '../yaml-file.js';

/**
 * Runs the request check; exit code 0 when allowed, 1 when refused or unknown. `noPipelines`: the caller says no
 * index or template sets an ingest pipeline (checkPermission's `ingestPipelines: false`).
 */
export async function checkRequest(ctx: CliContext, out: Printer, request: string, bodyFile?: string, noPipelines = false): Promise<number> {
  const m = /^\s*(GET|HEAD|POST|PUT|DELETE|PATCH)\s+(\/\S*)\s*$/i.exec(request);
  if (m === null) throw new UsageError(`--request must be "METHOD /path", e.g. "GET /movies/_search"; got ${JSON.stringify(request)}`);
  const description = { method: m[1]!.toUpperCase(), path: m[2]! };
  const body = bodyFile !== undefined ? readTextFile('--body', bodyFile) : undefined;
  out.progress('checking the request...');
  // without admin variables ctx.admin() is the caller, as for explain --action: the caller reads the role definitions itself
  const check = await checkPermission(ctx.caller(), body !== undefined ? { ...description, body } : description, { admin: ctx.admin(), ...(noPipelines ? { ingestPipelines: false as const } : {}) })
    .catch((err: unknown) => {
      // the dry-run (3.2+) parses the request as the plugin would: a write without its body is refused before any privilege is looked at
      if (body === undefined && needsBody(err)) throw new UsageError(`${description.method} ${description.path} needs its body for the server's dry-run: pass --body <file>`);
      // the library names its own parameter (request.path, request.body): here that is the flag
      if (err instanceof ConfigError && /^request(?:\.|$)/.test(err.option)) {
        const flag = err.option === 'request.body' ? '--body' : '--request';
        throw new UsageError(`${flag}: ${err.message.replace(/^request\.(\w+) /, 'the $1 ')}`);
      }
      throw err;
    });
  // `ok` as verify's: true exactly when the command exits 0 (the request is allowed)
  out.result({ ok: check.allowed === true, request: description, ...check, checks: check.checks.map(({ action, indices, granted }) => ({ action, indices, granted })) });
  const verdict = check.allowed === null ? out.paint('yellow', 'UNKNOWN') : check.allowed ? out.paint('green', 'ALLOWED') : out.paint('red', 'REFUSED');
  out.line(`${verdict} ${description.method} ${description.path} (${check.source === 'server' ? "the server's dry-run" : 'explained locally from the role definitions'}${check.pluginVersion ? `, plugin ${check.pluginVersion}` : ''})`);
  for (const c of check.checks) out.line(`  ${c.granted ? 'has    ' : 'missing'} ${c.action}${c.indices ? ` on ${c.indices.join(', ')}` : ''}`);
  if (check.source === 'server') for (const p of check.missingPrivileges) out.line(`  missing ${p}`);
  if (check.reason) out.line(`  ${check.reason}`);
  if (check.fallbackReason) out.line(`  not the server's dry-run: ${check.fallbackReason}`);
  return check.allowed === true ? EXIT.ok : EXIT.finding;
}

/** A 400 parse_exception "request body is required": what 3.2+'s dry-run answers for a write sent without a body. */
function needsBody(err: unknown): boolean {
  return isOpenSearchRefusal(err, 400, 'parse_exception', /request body is required/i);
}

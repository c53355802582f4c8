/** `explain --request "METHOD /path"`: may the caller send this request (the server's dry-run on 3.2+, else explained locally). */
import { checkPermission } from '../../index.js';
import type { CliContext } from '../context.js';
import { EXIT, type Printer } from '../output.js';
import { UsageError } from '../usage-error.js';

/** Runs the request check; exit code 0 when allowed, 1 when refused or unknown. */
export async function checkRequest(ctx: CliContext, out: Printer, request: string): Promise<number> {
  const m = /^\s*(GET|HEAD|POST|PUT|DELETE|PATCH)\s+(\/\S*)\s*$/i.exec(request);
  if (m === null) throw new UsageError(`--request must be "METHOD /path", e.g. "GET /movies/_search"; got ${JSON.stringify(request)}`);
  const description = { method: m[1]!.toUpperCase(), path: m[2]! };
  out.progress('checking the request...');
  const check = await checkPermission(ctx.caller(), description, ctx.hasAdmin() ? { admin: ctx.admin() } : {});
  out.result({ request: description, ...check, checks: check.checks.map(({ action, indices, granted }) => ({ action, indices, granted })) });
  const verdict = check.allowed === null ? out.paint('yellow', 'UNKNOWN') : check.allowed ? out.paint('green', 'ALLOWED') : out.paint('red', 'REFUSED');
  out.line(`${verdict} ${description.method} ${description.path} (${check.source === 'server' ? "the server's dry-run" : 'explained locally from the role definitions'}${check.pluginVersion ? `, plugin ${check.pluginVersion}` : ''})`);
  for (const c of check.checks) out.line(`  ${c.granted ? 'has    ' : 'missing'} ${c.action}${c.indices ? ` on ${c.indices.join(', ')}` : ''}`);
  if (check.source === 'server') for (const p of check.missingPrivileges) out.line(`  missing ${p}`);
  if (check.reason) out.line(`  ${check.reason}`);
  if (check.fallbackReason) out.line(`  not the server's dry-run: ${check.fallbackReason}`);
  return check.allowed === true ? EXIT.ok : EXIT.finding;
}

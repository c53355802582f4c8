/** `whoami` / `check`: the domain's view of the caller, the recommended configuration it matches, and a diagnosis. */
import { checkDomain } from '../../index.js';
import type { CliContext } from '../context.js';
import { EXIT, type Printer } from '../output.js';

/** Runs whoami; returns the exit code. */
export async function whoami(ctx: CliContext, out: Printer): Promise<number> {
  out.progress('asking the domain who we are...');
  const report = await checkDomain(ctx.caller());
  out.result({
    ok: report.ok,
    authMode: report.authMode,
    identity: report.identity,
    configuration: report.configuration,
    diagnosis: report.diagnosis.map(({ code, severity, problem, fix }) => ({ code, severity, problem, fix })),
  });
  const id = report.identity;
  if (id !== undefined) {
    out.line(`${out.paint('bold', 'user')}           ${id.user}`);
    out.line(`${out.paint('bold', 'auth mode')}      ${report.authMode ?? 'unknown'}`);
    out.line(`${out.paint('bold', 'backend roles')}  ${id.backendRoles.join(', ') || '(none)'}`);
    out.line(`${out.paint('bold', 'roles')}          ${id.roles.join(', ') || '(none)'}`);
    out.line(`${out.paint('bold', 'tenants')}        ${Object.keys(id.tenants).join(', ') || '(none)'}`);
  }
  if (report.configuration !== undefined) {
    const c = report.configuration;
    out.line(`${out.paint('bold', 'configuration')}  ${c.id}${c.recommended.length > 0 ? ` (recommended ${c.recommended.join(', ')})` : ''}: ${c.summary}`);
  }
  for (const d of report.diagnosis) {
    out.line(`${out.paint(d.severity === 'error' ? 'red' : 'yellow', d.severity)} [${d.code}] ${d.problem}`);
    out.line(`  fix: ${d.fix}`);
  }
  out.line(report.ok ? out.paint('green', 'ok') : out.paint('red', 'not ok'));
  return report.ok ? EXIT.ok : EXIT.finding;
}

/** `compare`: the admin's view of an index against the caller's (missing documents, hidden and masked fields). */
import { compareAccess } from '../../index.js';
import type { CliContext } from '../context.js';
import { EXIT, type Printer } from '../output.js';
import { UsageError } from '../usage-error.js';
import { searchBody } from './search-body.js';

/** Options of compare. */
export interface CompareOptions {
  index: string;
  query?: string;
  /** `--size`; unset: the query file's own size, else DEFAULT_SIZE. */
  size?: number;
}

/** Runs compare; exit code 0 (a comparison is a report, not a verdict). */
export async function compare(ctx: CliContext, out: Printer, options: CompareOptions): Promise<number> {
  if (!ctx.hasAdmin()) throw new UsageError('compare needs an admin principal: set OPENSEARCH_ADMIN_* (or COGNITO_ADMIN_* / AWS_ADMIN_*) variables');
  out.progress(`searching ${options.index} as admin and as caller...`);
  const diff = await compareAccess(ctx.admin(), ctx.caller(), { index: options.index, body: searchBody(options.query, options.size) });
  out.result({ index: options.index, ...diff });
  const t = diff.totals;
  out.line(`${out.paint('bold', options.index)}: admin sees ${diff.reference.total}, caller sees ${diff.subject.total} document(s)${diff.complete ? '' : ' (pages incomplete: counts are estimates)'}`);
  out.line(`  missing for the caller: ${t.missing}`);
  out.line(`  extra for the caller:   ${t.extra}`);
  if (diff.pairingNote !== undefined) out.line(`  not paired:             ${diff.unpaired.length} (${diff.pairingNote})`);
  const fields = (m: Record<string, number>): string => Object.entries(m).map(([f, n]) => `${f} (${n})`).join(', ') || 'none';
  out.line(`  hidden fields:          ${fields(t.hiddenFields)}`);
  out.line(`  masked fields:          ${fields(t.maskedFields)}`);
  return EXIT.ok;
}

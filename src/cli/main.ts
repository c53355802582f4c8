/**
 * The `opensearch-fgac` command: who am I, why was I refused, what do I see, and roles as code.
 * Configured by the same environment variables as `fromEnv`, so it authenticates exactly as the
 * service does. Exit codes: 0 ok, 1 a finding or violation, 2 a usage or configuration error.
 */
import { Command, CommanderError, Option } from 'commander';
import { errors } from '@opensearch-project/opensearch';
import { answerOf } from '../diagnose/diagnosis.js';
import { ConfigError } from '../errors/classes.js';
import { isFgacError } from '../errors/guards.js';
import { SecretSet } from '../errors/secrets.js';
import type { PlanProgress } from '../security/apply.js';
import { compare } from './commands/compare.js';
import { checkRequest } from './commands/check-request.js';
import { explain } from './commands/explain.js';
import { apply, plan } from './commands/roles-as-code.js';
import { verify } from './commands/verify.js';
import { DEFAULT_SIZE } from './commands/search-body.js';
import { whoami } from './commands/whoami.js';
import { CliContext } from './context.js';
import { flagValue, indexListValue, nameValue, once, positiveIntValue } from './flags.js';
import { helpDocument } from './json-help.js';
import { EXIT, Printer, shownOnTerminal } from './output.js';
import { UsageError } from './usage-error.js';
import { field, setOwn } from '../errors/own.js';

type Action = (ctx: CliContext, out: Printer) => Promise<number>;

/** commander's option values as a null-prototype copy: a flag not given reads as absent, never as what a polluted Object.prototype holds. */
const flags = <T extends object>(given: T): T => Object.assign(Object.create(null) as T, given);

/** How the command line reads before commander parses it (readCommandLine). */
interface CommandLine {
  json: boolean;
  unknownCommand: string | undefined;
}

/**
 * Builds the program and reads `argv` once (readCommandLine); `run` receives each command's action; `secrets` are
 * removed from commander's own messages.
 */
export function buildProgram(run: (action: Action, json: boolean) => Promise<void>, secrets: SecretSet = new SecretSet(), argv: readonly string[] = []): { program: Command; line: CommandLine } {
  // the value-taking flags given so far: a second one is refused (commander kept the last, silently)
  const seen = new Set<string>();
  const program = new Command('opensearch-fgac')
    .description('Who am I, why was I refused, what do I see, and roles as code, for OpenSearch domains with fine-grained access control.\n' +
      'Configured by the same environment variables as fromEnv (OPENSEARCH_URL, OPENSEARCH_AUTH, ...); an admin principal by OPENSEARCH_ADMIN_* variables.')
    .showHelpAfterError()
    .exitOverride();
  // commander's own messages quote the arguments (a password pasted as an argument): same redaction.
  // and echo them whole (a 1 MB value) with their control characters: shortened, and shown as on a terminal
  const clean = new Printer({ json: false, secrets, echoes: argv });
  const shown = (text: string): string => shownOnTerminal(clean.short(clean.clean(text)));
  // (the help shown after an error is the program's own text, written as it is: cleaned, "--update-passwords  also
  // write passwords" read as a secret's key and value and came out "[REDACTED] write passwords")
  // under --json, commander writes nothing (its errors, the help after them, the help asked for): main prints the
  // one JSON document instead. Configured before the commands are added (they copy it); `json` is set after them,
  // since it is read by their own flags (readCommandLine)
  let json = false;
  program.configureOutput({
    writeOut: (text) => {
      if (!json) process.stdout.write(text);
    },
    writeErr: (text) => {
      if (!json) process.stderr.write(text);
    },
    outputError: (text, write) => write(shown(text)),
  });
  const jsonOption = new Option('--json', 'print one JSON document (for machines): the answer, an error or the help');
  const withJson = (c: Command): Command => c.addOption(jsonOption).exitOverride();

  withJson(program.command('whoami').alias('check').description("the domain's view of the caller, the recommended configuration it matches, and a diagnosis with the fix on failure"))
    .action(async (given: { json?: boolean }) => run((ctx, out) => whoami(ctx, out), flags(given).json === true));

  withJson(program.command('explain').description("which role grants an action on an index, or why none does; or, with --request, whether the caller may send a request (the server's dry-run on plugin 3.2+, else explained locally)"))
    .option('--action <action>', 'the action, e.g. indices:data/read/search', once(seen, '--action', nameValue))
    .option('--index <index>', 'the index (or comma-separated indices) the request targets', once(seen, '--index', indexListValue))
    .option('--user <name>', 'an internal user instead of the caller (needs the admin principal)', once(seen, '--user', nameValue))
    .option('--request <request>', 'a REST request instead of an action, e.g. "GET /movies/_search"', once(seen, '--request', flagValue))
    .option('--body <file>', "the request's body, sent as the file holds it (JSON, or NDJSON for _bulk / _msearch); with --request", once(seen, '--body', flagValue))
    .option('--no-ingest-pipelines', 'no index or template sets a default or final ingest pipeline: a write is judged without reading them (where the admin principal cannot); with --request')
    .action(async (given: { action?: string; index?: string; user?: string; request?: string; body?: string; ingestPipelines?: boolean; json?: boolean }) => {
      const o = flags(given);
      return run((ctx, out) => {
        const noPipelines = o.ingestPipelines === false;
        if (o.request !== undefined) {
          // the request's path names its indices: an --index beside it was ignored, silently
          if (o.action !== undefined || o.user !== undefined || o.index !== undefined) throw new UsageError('--request cannot be combined with --action, --user or --index (the path names the indices)');
          return checkRequest(ctx, out, o.request, o.body, noPipelines);
        }
        if (o.body !== undefined) throw new UsageError('--body goes with --request "METHOD /path"');
        if (noPipelines) throw new UsageError('--no-ingest-pipelines goes with --request "METHOD /path"');
        if (o.action === undefined) throw new UsageError('explain needs --action <action> (or --request "METHOD /path")');
        return explain(ctx, out, { action: o.action, ...(o.index !== undefined ? { index: o.index } : {}), ...(o.user !== undefined ? { user: o.user } : {}) });
      }, o.json === true);
    });

  withJson(program.command('verify').description("search as the caller and verify DLS, FLS and masks against the caller's roles (exit 1 on a violation)"))
    .requiredOption('--index <index>', 'the index to search', once(seen, '--index', indexListValue))
    .option('--query <file>', 'a JSON/YAML file with the query or the whole search body (default match_all)', once(seen, '--query', flagValue))
    .option('--size <n>', `hits to fetch (default ${DEFAULT_SIZE}; not with a --query file that sets its own size)`, once(seen, '--size', positiveIntValue))
    .option('--roles-file <file>', "role definitions to verify against instead of reading them with the admin principal (every role of the caller's)", once(seen, '--roles-file', flagValue))
    .action(async (given: { index: string; query?: string; size?: number; rolesFile?: string; json?: boolean }) => {
      const o = flags(given);
      return run((ctx, out) => verify(ctx, out, { index: o.index, ...(o.size !== undefined ? { size: o.size } : {}), ...(o.query !== undefined ? { query: o.query } : {}), ...(o.rolesFile !== undefined ? { rolesFile: o.rolesFile } : {}) }), o.json === true);
    });

  withJson(program.command('compare').description("the admin's view of an index against the caller's: missing documents, hidden and masked fields"))
    .requiredOption('--index <index>', 'the index to search', once(seen, '--index', indexListValue))
    .option('--query <file>', 'a JSON/YAML file with the query or the whole search body (default match_all)', once(seen, '--query', flagValue))
    .option('--size <n>', `hits to fetch (default ${DEFAULT_SIZE}; not with a --query file that sets its own size)`, once(seen, '--size', positiveIntValue))
    .action(async (given: { index: string; query?: string; size?: number; json?: boolean }) => {
      const o = flags(given);
      return run((ctx, out) => compare(ctx, out, { index: o.index, ...(o.size !== undefined ? { size: o.size } : {}), ...(o.query !== undefined ? { query: o.query } : {}) }), o.json === true);
    });

  for (const name of ['plan', 'apply'] as const) {
    const c = withJson(program.command(name).description(name === 'plan'
      ? 'what it would take to make the domain match a roles-as-code file (YAML or JSON)'
      : 'make the domain match a roles-as-code file (asks first unless --yes)'))
      .requiredOption('-f, --file <file>', 'roles, role_mappings, action_groups, internal_users, tenants (passwords via password_env)', once(seen, '--file', flagValue))
      .option('--prune', 'also delete entities of the file\'s sections that it does not name', false)
      .option('--update-passwords', 'also write passwords of existing users (hashes cannot be compared)', false);
    if (name === 'apply') c.option('-y, --yes', 'apply without asking');
    c.action(async (given: { file: string; prune: boolean; updatePasswords: boolean; yes?: boolean; json?: boolean }) => {
      const o = flags(given);
      return run((ctx, out) => (name === 'plan' ? plan : apply)(ctx, out, { file: o.file, prune: o.prune, updatePasswords: o.updatePasswords, yes: o.yes === true }), o.json === true);
    });
  }
  const line = readCommandLine(program, argv);
  json = line.json;
  return { program, line };
}

/** Whether `arg`, given to `command`, takes the next argument as its value (`--index x`, `-f x`, `-yf x`), as commander reads it. */
function takesNext(command: Command, arg: string, next: string | undefined): boolean {
  const wants = (flag: string): boolean | undefined => {
    const option = command.options.find((o) => o.long === flag || o.short === flag);
    if (option === undefined) return undefined;
    // an optional value is the next argument unless that looks like a flag (commander's rule)
    return option.required || (option.optional && next !== undefined && !(next.length > 1 && next.startsWith('-')));
  };
  if (arg.startsWith('--')) return !arg.includes('=') && wants(arg) === true;
  if (!arg.startsWith('-') || arg.length < 2) return false;
  // a group of short flags: the first one taking a value takes the rest of the group, or the next argument when last
  for (let k = 1; k < arg.length; k++) {
    const takes = wants(`-${arg[k]}`);
    if (takes === undefined) return false;
    if (takes) return k === arg.length - 1;
  }
  return false;
}

/**
 * How the command line reads before commander parses it: whether it asks for JSON, and the command word when that
 * names no command. Decided from the arguments, not from the parse (a usage error stops the parse before any option
 * is read), but read as the parser reads them: `--json` counts anywhere before the `--` that ends the options (after
 * it, `--json` is an operand: `whoami -- --json` answers in text), a value-taking flag's value is never that `--`
 * (`--action -- --json`: commander gives `--` to --action, which refuses it, and reads --json; `--action --json`:
 * the value --json is refused under --json, as flags.ts refuses every value shaped like a flag), and before the command word it counts
 * too (`--json nosuch`: the mistake is the unknown command, as in `nosuch --json`).
 */
function readCommandLine(program: Command, args: readonly string[]): CommandLine {
  let json = false;
  // (every index read within the list: none reaches a polluted Array.prototype)
  const at = (list: readonly string[], k: number): string | undefined => (k < list.length ? list[k] : undefined);
  const upToEnd = (rest: readonly string[]): boolean => {
    const end = rest.indexOf('--');
    return (end < 0 ? rest : rest.slice(0, end)).includes('--json');
  };
  let i = 0;
  // the program's own level: --json (a command's flag given early), -h / --help, then the command word
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      // everything after it is an operand, the first the command word
      const word = at(args, i + 1);
      const known = word === undefined || word === 'help' || program.commands.some((c) => c.name() === word || c.aliases().includes(word));
      return { json, unknownCommand: known ? undefined : word };
    }
    if (a === '--json') json = true;
    else if (a.length > 1 && a.startsWith('-')) {
      // an option the program does not know: commander reports it, whatever follows
      if (a !== '-h' && a !== '--help') return { json: json || upToEnd(args.slice(i + 1)), unknownCommand: undefined };
    } else break;
  }
  const word = at(args, i);
  if (word === undefined) return { json, unknownCommand: undefined };
  const rest = args.slice(i + 1);
  const command = program.commands.find((c) => c.name() === word || c.aliases().includes(word));
  if (command === undefined) return { json: json || upToEnd(rest), unknownCommand: word === 'help' ? undefined : word };
  for (let j = 0; j < rest.length; j++) {
    const a = rest[j]!;
    if (a === '--') break;
    if (a === '--json') json = true;
    // a flag's value `--json` counts (`--action --json`: the value is refused, as any shaped like a flag, under --json)
    else if (takesNext(command, a, at(rest, j + 1)) && at(rest, j + 1) !== '--json') j++;
  }
  return { json, unknownCommand: undefined };
}

/**
 * The message of a failed command. An answered error the SDK did not type names its HTTP status and reason: a
 * proxy's 431 or 413 without a JSON body would otherwise read only "Response Error" (opensearch-js' message).
 */
function errorText(e: unknown): string {
  if (e instanceof errors.ResponseError && !isFgacError(e)) return answerOf(e) ?? e.message;
  return e instanceof Error ? e.message : String(e);
}

/** The security REST API's own paths (a 403 there is about reading or writing the security configuration). */
const SECURITY_API_PATH = /^\/_(?:plugins|opendistro)\/_security\/api\//;

/**
 * The message of a failed command, naming the admin principal when its request failed (its wrong password read as
 * the caller's), and, when the caller was refused the security REST API for want of an admin principal, how to give one.
 */
function principalText(e: unknown, principal: 'caller' | 'admin' | undefined, hasAdmin: boolean): string {
  const text = errorText(e);
  if (principal === 'admin') return `admin principal (OPENSEARCH_ADMIN_*): ${text}`;
  const status = e !== null && typeof e === 'object' ? field(e, 'statusCode') : undefined;
  const path = e !== null && typeof e === 'object' ? field(e, 'path') : undefined;
  if (principal === 'caller' && !hasAdmin && status === 403 && typeof path === 'string' && SECURITY_API_PATH.test(path)) {
    return `${text} (reading roles, mappings and action groups needs a principal allowed the security REST API: set OPENSEARCH_ADMIN_* for one; verify can take --roles-file instead)`;
  }
  return text;
}

/** Why commander showed the program's help as an error: no command, or `help <name>` of a command that does not exist. */
function noCommand(args: readonly string[]): string {
  const [first, second] = args.filter((a) => !a.startsWith('-'));
  return first === 'help' && second !== undefined ? `unknown command '${second}'` : 'no command given (see --help)';
}

/** Runs the CLI with `argv` (node, script, ...args); resolves to the exit code. */
export async function main(argv: readonly string[], given: NodeJS.ProcessEnv = process.env): Promise<number> {
  // a null-prototype copy: a variable not set reads as unset, never as what a polluted Object.prototype holds
  const env = Object.assign(Object.create(null) as NodeJS.ProcessEnv, given);
  let code: number = EXIT.ok;
  const ctx = new CliContext(env);
  const args = argv.slice(2);
  const { program, line } = buildProgram(async (action, asJson) => {
    const out = new Printer({ json: asJson, secrets: ctx.secrets, clientSecrets: () => ctx.clientSecrets(), env, echoes: args });
    try {
      code = await action(ctx, out);
    } catch (e) {
      code = e instanceof ConfigError || e instanceof UsageError ? EXIT.usage : EXIT.finding;
      const extra: Record<string, unknown> = e instanceof ConfigError ? { option: e.option } : {};
      // whose request failed: an admin's wrong password read like the caller's
      const principal = ctx.principalOf(e);
      if (principal !== undefined) setOwn(extra, 'principal', principal);
      // apply stopped part-way: what was written, where it failed, what was not sent
      const progress = e !== null && typeof e === 'object' ? field(e, 'planProgress') as PlanProgress | undefined : undefined;
      if (progress !== undefined) {
        setOwn(extra, 'applied', progress.applied.map((a) => ({ kind: a.kind, operations: a.operations })));
        setOwn(extra, 'failedAt', progress.failed);
        setOwn(extra, 'outcome', progress.outcome);
        setOwn(extra, 'notSent', progress.pending);
        for (const a of progress.applied) out.line(`applied ${a.operations} operation(s) to ${a.kind}`);
        // a lost answer (connection, timeout, abort) is no refusal: the node may have applied that type
        const where = progress.outcome === 'unknown' ? `${progress.failed}: outcome unknown (the answer was lost; it may have been applied: plan again to see)` : `failed at ${progress.failed}`;
        out.line(`${where}${progress.pending.length > 0 ? `; not sent: ${progress.pending.join(', ')}` : ''}`);
      }
      out.error(principalText(e, principal, ctx.hasAdmin()), { kind: e instanceof ConfigError ? 'config' : e instanceof UsageError ? 'usage' : (e !== null && typeof e === 'object' ? field(e, 'kind') as string | undefined : undefined) ?? 'error', ...extra }, e instanceof ConfigError ? e.option : undefined);
    } finally {
      await ctx.close();
    }
  }, ctx.secrets, args);
  // the command whose help commander showed last, and whether as an error (no command given, or after an error)
  let help: { command: Command; error: boolean } | undefined;
  program.on('beforeAllHelp', (shown: { command: Command; error: boolean }) => {
    help = { command: shown.command, error: shown.error };
  });
  const json = line.json;
  try {
    // a command word that names no command is the mistake, whatever flags come with it (`nosuch --help` showed the
    // program's help and exited 0; `--json nosuch` said "unknown option '--json'"): commander reports it as it
    // reports `nosuch` alone (its text, its suggestion, the help after it; or, under --json, main's one document)
    await program.parseAsync(line.unknownCommand !== undefined ? [...argv.slice(0, 2), '--', line.unknownCommand] : [...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      const out = new Printer({ json: true, secrets: ctx.secrets, env, echoes: args });
      // help asked for (--help, `help [command]`) exits 0; `commander.help` with the error flag is the help shown
      // because no command was given: a usage error
      const asked = e.code === 'commander.helpDisplayed' || (e.code === 'commander.help' && help?.error === false);
      if (asked || e.code === 'commander.version') {
        if (json && help !== undefined) out.result({ ok: true, help: helpDocument(help.command) });
        return EXIT.ok;
      }
      // `opensearch-fgac --json` alone: the program has no --json of its own (its commands do), and commander said
      // "unknown option '--json'" where no command was given
      const bare = e.code === 'commander.unknownOption' && args.length > 0 && args.every((a) => a === '--json');
      if (json) out.error(e.code === 'commander.help' ? noCommand(program.args) : bare ? `unknown option '--json' without a command: ${noCommand(program.args)}` : e.message.replace(/^error: /, ''), { kind: 'usage' });
      // `help nosuch`: commander printed the program's help alone; the line saying why follows it, as --json says it
      else if (e.code === 'commander.help' && /^unknown command/.test(noCommand(program.args))) process.stderr.write(`error: ${shownOnTerminal(out.short(out.clean(noCommand(program.args))))}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  return code;
}

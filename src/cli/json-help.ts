/**
 * The help of a command as one JSON document, for `--help` / `help <command>` under --json: a script that parses the
 * CLI's output never meets commander's text. Built from commander's own Help, so it lists what the text lists.
 */
import type { Command } from 'commander';

/** One option as the help lists it. */
export interface HelpOption {
  flags: string;
  description: string;
  required?: true;
  default?: unknown;
}

/** The help of one command (the program's lists its commands). */
export interface HelpDocument {
  usage: string;
  description: string;
  options: HelpOption[];
  commands?: Array<{ command: string; description: string }>;
}

/** The help of `command` as data: usage, description, options (flags, description, required, default) and subcommands. */
export function helpDocument(command: Command): HelpDocument {
  const help = command.createHelp();
  const options = help.visibleOptions(command).map((o): HelpOption => ({
    flags: o.flags,
    description: o.description,
    ...(o.mandatory ? { required: true as const } : {}),
    ...(o.defaultValue !== undefined ? { default: o.defaultValue as unknown } : {}),
  }));
  const commands = help.visibleCommands(command).map((c) => ({ command: help.subcommandTerm(c), description: help.subcommandDescription(c) }));
  return { usage: help.commandUsage(command), description: help.commandDescription(command), options, ...(commands.length > 0 ? { commands } : {}) };
}

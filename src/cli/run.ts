/**
 * runCli: parses the command line (node:util parseArgs, two passes: global options find the
 * command, then global + command options are parsed strictly), runs the command, and maps errors to
 * exit codes. It never calls process.exit, so tests can call it with captured streams.
 */
import { parseArgs } from 'node:util';
import { openImage, parsePlatform, StowageError, type OpenOptions } from '../index.js';
import { defaultCacheDir } from '../source/cache/blob-cache.js';
import type { RegistryOptions } from '../source/registry/client.js';
import { terminalSafe } from '../report/format/escape.js';
import { createStyle } from '../report/format/style.js';
import type { Command, CommandContext, GlobalOptions } from './command.js';
import { COMMANDS } from './commands/index.js';
import { ExitCode } from './exit-codes.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { commandHelp, mainHelp } from './help.js';
import { colorEnabled, type CliIo } from './io.js';
import { toParseArgsOptions, type ParsedValues } from './options.js';
import { applyLimitSettings, timeoutSettings } from './limit-options.js';
import { createProgress, type Progress } from './progress.js';
import { reportError } from './report-error.js';
import { packageVersion } from './version.js';

function usageError(detail: string, hint: string, cause?: unknown): StowageError {
  return new StowageError('USAGE', detail, { hint, cause });
}

/** findCommand locates the command name: the first positional once global options are skipped. */
function findCommand(argv: string[]): { name: string | undefined; at: number; values: ParsedValues } {
  const { tokens, values } = parseArgs({
    args: argv,
    options: toParseArgsOptions(GLOBAL_OPTIONS),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const first = tokens.find((t) => t.kind === 'positional');
  return first?.kind === 'positional'
    ? { name: first.value, at: first.index, values }
    : { name: undefined, at: -1, values };
}

function parseCommandArgs(cmd: Command, argv: string[]): { values: ParsedValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: toParseArgsOptions([...GLOBAL_OPTIONS, ...(cmd.options ?? [])]),
      strict: true,
      allowPositionals: true,
    });
    return { values, positionals };
  } catch (e) {
    throw usageError((e as Error).message, `run 'stowage ${cmd.name} --help' for its options`, e);
  }
}

function globalOptions(cmd: Command, values: ParsedValues, io: CliIo): GlobalOptions {
  const format = typeof values.format === 'string' ? values.format : 'text';
  const formats = cmd.formats ?? ['text', 'json'];
  if (!formats.includes(format)) {
    throw usageError(
      `--format ${format} is not supported by ${cmd.name}`,
      `use one of: ${formats.join(', ')}`,
    );
  }
  applyLimitSettings(values, io.env);
  return {
    format,
    platform: typeof values.platform === 'string' ? parsePlatform(values.platform) : undefined,
    creds: typeof values.creds === 'string' ? values.creds : undefined,
    insecure: values.insecure === true,
    noCache: values['no-cache'] === true,
    debug: values.debug === true,
    color: colorEnabled(io, values['no-color'] === true),
    timeouts: timeoutSettings(values, io.env),
  };
}

/**
 * registryAccess turns --creds, --insecure, the timeouts and the CLI's environment into registry
 * options; what the client waits for shows on the progress line.
 */
function registryAccess(global: GlobalOptions, io: CliIo, progress: Progress): RegistryOptions {
  const opts: RegistryOptions = {
    insecure: global.insecure,
    env: io.env as NodeJS.ProcessEnv,
    timeouts: global.timeouts,
    onProgress: (message) => progress.update(message),
  };
  if (global.creds !== undefined) opts.creds = global.creds;
  return opts;
}

/** openOptions adds the platform and the blob cache to the registry options. */
function openOptions(global: GlobalOptions, io: CliIo, progress: Progress): OpenOptions {
  const opts: OpenOptions = {
    ...registryAccess(global, io, progress),
    noCache: global.noCache,
    cacheDir: defaultCacheDir(io.env as NodeJS.ProcessEnv),
  };
  if (global.platform !== undefined) opts.platform = global.platform;
  return opts;
}

async function runCommand(cmd: Command, argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(cmd, argv);
  if (values.help === true) {
    io.stdout.write(commandHelp(cmd));
    return ExitCode.ok;
  }
  if (positionals.length < cmd.args.min || positionals.length > cmd.args.max) {
    throw usageError(
      `${cmd.name} takes ${cmd.args.min === cmd.args.max ? cmd.args.min : `${cmd.args.min} to ${cmd.args.max}`} argument(s), got ${positionals.length}`,
      `usage: stowage ${cmd.name} [options] ${cmd.synopsis}`,
    );
  }
  const global = globalOptions(cmd, values, io);
  const progress = createProgress(io.stderr);
  const ctx: CommandContext = {
    args: positionals,
    values,
    global,
    io,
    style: createStyle(global.color),
    progress,
    out: (text) => {
      progress.clear();
      // text output goes to people: control characters from an image never reach the terminal raw
      io.stdout.write(global.format === 'text' ? terminalSafe(text) : text);
    },
    openImage: (reference) => openImage(reference, openOptions(global, io, progress)),
    registryAccess: registryAccess(global, io, progress),
  };
  try {
    return (await cmd.run(ctx)) ?? ExitCode.ok;
  } finally {
    progress.clear();
  }
}

/** runCli runs stowage with `argv` (without node and the script) and resolves to the exit code. */
export async function runCli(
  argv: string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const found = findCommand(argv);
  const debug = found.values.debug === true;
  try {
    if (found.values.version === true) {
      io.stdout.write(`stowage ${packageVersion()}\n`);
      return ExitCode.ok;
    }
    let name = found.name;
    let rest = argv.filter((_, i) => i !== found.at);
    if (name === 'help') {
      const next = findCommand(rest);
      name = next.name;
      rest = ['--help'];
    }
    if (name === undefined) {
      if (found.values.help === true || found.name === 'help') {
        io.stdout.write(mainHelp(commands));
        return ExitCode.ok;
      }
      io.stderr.write(mainHelp(commands));
      return ExitCode.usage;
    }
    const cmd = commands.find((c) => c.name === name);
    if (cmd === undefined) {
      throw usageError(`unknown command "${name}"`, `commands: ${commands.map((c) => c.name).join(', ')}`);
    }
    return await runCommand(cmd, rest, io);
  } catch (e) {
    return reportError(e, io.stderr, debug);
  }
}

/**
 * Command: what one subcommand declares (name, help, options, formats) and the context it runs in.
 * A new command is one file under commands/ plus one line in commands/index.ts.
 */
import type { Image, Platform } from '../index.js';
import type { Style } from '../report/format/style.js';
import type { CliIo } from './io.js';
import type { OptionDef, ParsedValues } from './options.js';
import type { Progress } from './progress.js';
import type { RegistryOptions } from '../source/registry/client.js';
import type { HttpTimeouts } from '../source/registry/http-fetch.js';

/** OutputFormat is a value of --format. */
export type OutputFormat = 'text' | 'json' | (string & {});

/** GlobalOptions are the options every command accepts. */
export interface GlobalOptions {
  format: OutputFormat;
  platform: Platform | undefined;
  /** registry access: --creds, --insecure, --no-cache */
  creds: string | undefined;
  insecure: boolean;
  noCache: boolean;
  debug: boolean;
  color: boolean;
  /** network timeouts from --*-timeout and STOWAGE_*_TIMEOUT (unset ones keep their defaults) */
  timeouts: Partial<HttpTimeouts>;
}

/** CommandContext is what a command's run() receives. */
export interface CommandContext {
  /** positional arguments after the command name */
  args: string[];
  /** the command's own options */
  values: ParsedValues;
  global: GlobalOptions;
  io: CliIo;
  style: Style;
  progress: Progress;
  /** out writes results to stdout (clearing any progress line first) */
  out(text: string): void;
  /** openImage opens a reference with the global --platform and registry options applied */
  openImage(reference: string): Promise<Image>;
  /** registryAccess is --creds, --insecure and the CLI's environment, for writing to a registry */
  registryAccess: RegistryOptions;
}

/** Command is one subcommand. */
export interface Command {
  name: string;
  /** one line for the command list */
  summary: string;
  /** the argument synopsis, e.g. `IMAGE` */
  synopsis: string;
  /** paragraphs shown by `stowage CMD --help` */
  description?: string;
  options?: readonly OptionDef[];
  /** accepted --format values; default text and json */
  formats?: readonly OutputFormat[];
  /** how many positional arguments are accepted */
  args: { min: number; max: number };
  /** run returns the exit code (undefined means 0) */
  run(ctx: CommandContext): Promise<number | void>;
}

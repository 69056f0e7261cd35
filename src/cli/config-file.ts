/**
 * The project configuration file: `stowage.yaml` (or `stowage.yml`) in the working directory, or
 * the file `--config` names. One loader finds and parses it for every command; each command then
 * validates its own section (`lint:`, `audit:`, …) of the returned mapping.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { StowageError } from '../model/errors.js';

/** PROJECT_CONFIG_NAMES are the file names looked for in the working directory, in this order. */
export const PROJECT_CONFIG_NAMES = ['stowage.yaml', 'stowage.yml'] as const;

/** ProjectConfigOptions says where to look: an explicit path (relative to `cwd`), or `cwd` itself. */
export interface ProjectConfigOptions {
  configPath?: string;
  cwd: string;
}

/** ProjectConfig is the parsed file (`file` is undefined when none was found) as a plain mapping. */
export interface ProjectConfig {
  file?: string;
  data: Record<string, unknown>;
}

/**
 * loadProjectConfig reads the configuration. An explicit path must exist (NOT_FOUND otherwise);
 * without one, a missing file means an empty configuration and having both names is a USAGE error.
 * Invalid YAML and a top level that is not a mapping are USAGE errors naming the file and line.
 */
export async function loadProjectConfig(opts: ProjectConfigOptions): Promise<ProjectConfig> {
  if (opts.configPath !== undefined) {
    const file = resolve(opts.cwd, opts.configPath);
    return { file, data: parseProjectConfig(await readConfig(file, true), file) };
  }
  const found: { file: string; text: string }[] = [];
  for (const name of PROJECT_CONFIG_NAMES) {
    const file = resolve(opts.cwd, name);
    const text = await readConfig(file, false);
    if (text !== undefined) found.push({ file, text });
  }
  const [first, second] = found;
  if (first === undefined) return { data: {} };
  if (second !== undefined) {
    throw new StowageError('USAGE', `both ${PROJECT_CONFIG_NAMES.join(' and ')} exist in ${opts.cwd}`, {
      hint: 'keep one of them, or name the one to use with --config',
    });
  }
  return { file: first.file, data: parseProjectConfig(first.text, first.file) };
}

/** parseProjectConfig parses a configuration text; `file` names it in errors. */
export function parseProjectConfig(text: string, file: string): Record<string, unknown> {
  const doc = parseDocument(text);
  const bad = doc.errors[0];
  if (bad !== undefined) {
    const at = bad.linePos?.[0];
    const place = at === undefined ? '' : ` at line ${at.line}, column ${at.col}`;
    throw new StowageError('USAGE', `configuration is not valid YAML${place}: ${firstLine(bad.message)}`, {
      where: { file },
      hint: 'fix the YAML syntax',
      cause: bad,
    });
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    const line = lineOf(text, doc.contents?.range[0] ?? 0);
    throw new StowageError('USAGE', `configuration must be a mapping (line ${line} starts a ${kind(data)})`, {
      where: { file },
      hint: 'put settings under their command: `lint:`, `audit:`, `check:`',
    });
  }
  return data as Record<string, unknown>;
}

async function readConfig(file: string, explicit: true): Promise<string>;
async function readConfig(file: string, explicit: false): Promise<string | undefined>;
async function readConfig(file: string, explicit: boolean): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') return undefined;
    throw new StowageError(code === 'ENOENT' ? 'NOT_FOUND' : 'USAGE', 'cannot read the configuration file', {
      where: { file },
      hint: explicit ? 'check the path given to --config' : 'make it a readable file, or remove it',
      cause: e,
    });
  }
}

/** firstLine drops yaml's " at line N, column M:" suffix and the source excerpt after it. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function kind(value: unknown): string {
  return Array.isArray(value) ? 'list' : typeof value === 'string' ? 'string' : 'scalar';
}

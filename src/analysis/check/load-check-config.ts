/**
 * loadCheckConfig: the gate's configuration — the `check:` section of the project configuration
 * (stowage.yaml, read by the CLI's one loader and passed in) and dive's `.dive-ci` (given, or
 * ./.dive-ci when present) — merged: stowage.yaml's settings win over `.dive-ci`'s.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StowageError } from '../../model/errors.js';
import { validateCheckConfig, type CheckConfig } from './check-config.js';
import { parseDiveCi } from './dive-ci.js';

/** LoadedCheckConfig is the merged configuration and the files it came from. */
export interface LoadedCheckConfig {
  config: CheckConfig;
  files: string[];
}

/**
 * CheckConfigSources: the parsed project configuration (its file, if one was found, and its
 * mapping) and an explicit `.dive-ci`; an absent `.dive-ci` is looked up in `cwd`.
 */
export interface CheckConfigSources {
  project?: { file?: string; data: Record<string, unknown> };
  diveCiFile?: string;
  cwd?: string;
}

async function readOptional(file: string, explicit: boolean): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if (!explicit && (e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StowageError('NOT_FOUND', 'cannot read the configuration file', {
      where: { file },
      hint: 'check the path',
      cause: e,
    });
  }
}

/** loadCheckConfig reads `.dive-ci` and merges it under the project configuration's `check:`. */
export async function loadCheckConfig(src: CheckConfigSources = {}): Promise<LoadedCheckConfig> {
  const at = (name: string) => (src.cwd === undefined ? name : join(src.cwd, name));
  const files: string[] = [];
  let config: CheckConfig = {};
  const diveFile = src.diveCiFile ?? at('.dive-ci');
  const diveText = await readOptional(diveFile, src.diveCiFile !== undefined);
  if (diveText !== undefined) {
    config = { dive: parseDiveCi(diveText, diveFile) };
    files.push(diveFile);
  }
  const project = src.project;
  if (project?.file !== undefined) {
    const own = validateCheckConfig(project.data.check, `${project.file}: check`);
    config = { ...config, ...own, dive: { ...config.dive, ...own.dive } };
    if (Object.keys(config.dive ?? {}).length === 0) delete config.dive;
    files.push(project.file);
  }
  return { config, files };
}

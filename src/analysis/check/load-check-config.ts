/**
 * loadCheckConfig: finds and reads the gate's configuration — the `check:` section of stowage.yaml
 * (given, or ./stowage.yaml when present) and dive's `.dive-ci` (given, or ./.dive-ci when present) —
 * and merges them: stowage.yaml's settings win over `.dive-ci`'s.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { StowageError } from '../../model/errors.js';
import { validateCheckConfig, type CheckConfig } from './check-config.js';
import { parseDiveCi } from './dive-ci.js';

/** LoadedCheckConfig is the merged configuration and the files it came from. */
export interface LoadedCheckConfig {
  config: CheckConfig;
  files: string[];
}

/** CheckConfigSources names explicit files; absent ones are looked up in `cwd` (default: the process's). */
export interface CheckConfigSources {
  configFile?: string;
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

/** parseStowageYaml reads the `check:` section of a stowage.yaml text. */
export function parseStowageYaml(text: string, file = 'stowage.yaml'): CheckConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new StowageError('USAGE', 'configuration is not valid YAML', {
      where: { file },
      hint: 'fix the YAML syntax',
      cause: e,
    });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new StowageError('USAGE', 'configuration must be a mapping', {
      where: { file },
      hint: 'put the gate’s settings under a `check:` key',
    });
  }
  return validateCheckConfig((doc as Record<string, unknown>).check, `${file}: check`);
}

/** loadCheckConfig reads and merges the configuration files. */
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
  const yamlFile = src.configFile ?? at('stowage.yaml');
  const yamlText = await readOptional(yamlFile, src.configFile !== undefined);
  if (yamlText !== undefined) {
    const own = parseStowageYaml(yamlText, yamlFile);
    config = { ...config, ...own, dive: { ...config.dive, ...own.dive } };
    if (Object.keys(config.dive ?? {}).length === 0) delete config.dive;
    files.push(yamlFile);
  }
  return { config, files };
}

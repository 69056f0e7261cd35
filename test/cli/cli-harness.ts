/**
 * Test harness for the CLI: runs runCli in-process with captured stdout/stderr, a chosen
 * environment and TTY flags; builds the sample image into a temp dir; reads an archive with
 * Python's tarfile as the independent oracle.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/run.js';
import { buildSampleImage } from '../../src/sample/sample-image.js';

/** CliResult is what one run printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as bytes, for commands that print raw bytes */
  bytes: Buffer;
}

/** RunOptions fake the terminal and environment. */
export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  commands?: readonly Command[];
}

/** run calls the CLI's main function with captured streams. */
export async function run(argv: string[], opts: RunOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const chunks: Buffer[] = [];
  const io = {
    stdout: {
      write: (s: string | Uint8Array) => {
        chunks.push(Buffer.from(s));
        stdout += Buffer.from(s).toString('utf8');
      },
      isTTY: opts.stdoutTTY ?? false,
    },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.stderrTTY ?? false },
    env: opts.env ?? {},
  };
  const code = await runCli(argv, io, opts.commands);
  return { code, stdout, stderr, bytes: Buffer.concat(chunks) };
}

/** writeSample writes the sample image into `dir` and returns its path. */
export async function writeSample(dir: string): Promise<string> {
  const path = join(dir, 'sample-image.tar');
  await writeFile(path, await buildSampleImage());
  return path;
}

/** OracleLayer is a layer as Python's tarfile sees it in a docker save archive. */
export interface OracleLayer {
  member: string;
  size: number;
  sha256: string;
  entries: number;
  /** byte offset of the layer's data inside the archive */
  offset: number;
}

/** Oracle is a docker save archive read by Python: manifest.json, the config, every layer. */
export interface Oracle {
  manifest: { Config: string; RepoTags: string[]; Layers: string[] }[];
  config: {
    architecture: string;
    os: string;
    created?: string;
    author?: string;
    config: Record<string, unknown>;
    rootfs: { diff_ids: string[] };
    history: { created_by?: string; empty_layer?: boolean }[];
  };
  configSha256: string;
  layers: OracleLayer[];
}

const ORACLE_PY = `
import hashlib, json, sys, tarfile
outer = tarfile.open(sys.argv[1])
def read(name):
    return outer.extractfile(outer.getmember(name)).read()
manifest = json.loads(read('manifest.json'))
cfg_bytes = read(manifest[0]['Config'])
layers = []
for name in manifest[0]['Layers']:
    m = outer.getmember(name)
    data = read(name)
    inner = tarfile.open(fileobj=outer.extractfile(m))
    layers.append({'member': name, 'size': len(data), 'sha256': hashlib.sha256(data).hexdigest(),
                   'entries': len(inner.getmembers()), 'offset': m.offset_data})
json.dump({'manifest': manifest, 'config': json.loads(cfg_bytes),
           'configSha256': hashlib.sha256(cfg_bytes).hexdigest(), 'layers': layers}, sys.stdout)
`;

/** readWithPython reads a docker save archive with Python's tarfile and json modules. */
export function readWithPython(archive: string): Oracle {
  return JSON.parse(execFileSync('python3', ['-c', ORACLE_PY, archive], { encoding: 'utf8' })) as Oracle;
}

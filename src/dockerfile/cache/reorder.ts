/**
 * suggestReorder: the classic fix for a dependency install that reruns on every source change —
 * copy the package manifests and lockfiles first, run the install, then `COPY . .`. Returns the
 * rewritten Dockerfile text, or null when no stage has an install after a broad COPY.
 */
import type { Instruction, ParsedDockerfile } from '../model.js';
import { splitWords, unquote } from '../words.js';
import type { ContextFilter } from './ignore.js';
import type { ContextSnapshot } from './model.js';
import { cleanSource } from './select.js';

/** MANIFEST_FILES are dependency manifests and lockfiles an install step reads. */
export const MANIFEST_FILES = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  '.npmrc',
  '.yarnrc.yml',
  'requirements.txt',
  'Pipfile',
  'Pipfile.lock',
  'poetry.lock',
  'pyproject.toml',
  'uv.lock',
  'go.mod',
  'go.sum',
  'Cargo.toml',
  'Cargo.lock',
  'Gemfile',
  'Gemfile.lock',
  'composer.json',
  'composer.lock',
  'pom.xml',
  'mix.exs',
  'mix.lock',
];

const INSTALLERS: Record<string, RegExp> = {
  npm: /^(ci|install|i)$/,
  yarn: /^(install)?$/,
  pnpm: /^(install|i|fetch)$/,
  pip: /^install$/,
  pip3: /^install$/,
  poetry: /^install$/,
  pipenv: /^(install|sync)$/,
  uv: /^(sync|pip)$/,
  go: /^mod$/,
  cargo: /^fetch$/,
  bundle: /^install$/,
  composer: /^install$/,
  mix: /^deps\.get$/,
};

/** isInstallRun is true when a RUN runs a package manager's install. */
export function isInstallRun(ins: Instruction): boolean {
  for (const script of ins.shell ?? []) {
    for (const cmd of script.commands) {
      const re = INSTALLERS[cmd.name];
      const sub = cmd.args.find((a) => !a.startsWith('-')) ?? '';
      if (re?.test(sub) === true) return true;
    }
  }
  return false;
}

/** Reorder is a suggested rewrite. */
export interface Reorder {
  /** text is the whole rewritten Dockerfile. */
  text: string;
  /** description says what moved, in one sentence. */
  description: string;
  /** files are the manifests/lockfiles copied first. */
  files: string[];
  /** stage is the stage rewritten. */
  stage: number;
}

function copySources(ins: Instruction): { sources: string[]; dest: string } {
  const words =
    ins.form === 'exec' && ins.exec !== undefined
      ? ins.exec
      : splitWords(ins.args).map((w) => unquote(w.text));
  return { sources: words.slice(0, -1), dest: words[words.length - 1] ?? '.' };
}

function lines(ins: Instruction): [number, number] {
  return [ins.span.start.line - 1, ins.span.end.line - 1];
}

/** suggestReorder finds the first stage with an install RUN after a broad COPY and rewrites it. */
export function suggestReorder(
  df: ParsedDockerfile,
  ctx: ContextSnapshot,
  filter: ContextFilter,
): Reorder | null {
  for (const stage of df.stages) {
    const at = stage.instructions.findIndex(
      (ins) =>
        (ins.kind === 'COPY' || ins.kind === 'ADD') &&
        !ins.flags.some((f) => f.name === 'from') &&
        copySources(ins).sources.some((s) => cleanSource(s) === ''),
    );
    if (at === -1) continue;
    const broad = stage.instructions[at]!;
    const earlier = new Set(
      stage.instructions
        .slice(0, at)
        .flatMap((i) =>
          i.kind === 'COPY' || i.kind === 'ADD' ? copySources(i).sources.map(cleanSource) : [],
        ),
    );
    const files = MANIFEST_FILES.filter(
      (f) => ctx.entries.get(f)?.type === 'file' && filter.includes(f) && !earlier.has(f),
    );
    const installs = stage.instructions.slice(at + 1).filter((i) => i.kind === 'RUN' && isInstallRun(i));
    if (files.length === 0 || installs.length === 0) continue;
    const dest = copySources(broad).dest;
    const destDir = dest.endsWith('/') ? dest : `${dest}/`;
    const src = df.text.split('\n');
    const moved = installs.map((i) => src.slice(lines(i)[0], lines(i)[1] + 1).join('\n'));
    const drop = new Set(
      installs.flatMap((i) => {
        const [a, b] = lines(i);
        return Array.from({ length: b - a + 1 }, (_, k) => a + k);
      }),
    );
    const out: string[] = [];
    for (const [n, line] of src.entries()) {
      if (n === broad.span.start.line - 1) out.push(`COPY ${files.join(' ')} ${destDir}`, ...moved);
      if (!drop.has(n)) out.push(line);
    }
    return {
      text: out.join('\n'),
      description: `copy ${files.join(', ')} and run the install (${installs.map((i) => `line ${i.span.start.line}`).join(', ')}) before \`${broad.raw.trim()}\` (line ${broad.span.start.line})`,
      files,
      stage: stage.index,
    };
  }
  return null;
}

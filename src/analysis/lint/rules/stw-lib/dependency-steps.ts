/**
 * Recognises the commands that fetch or build a project's dependencies from its manifests
 * (`npm ci`, `pip install -r`, `go mod download`, `mvn package`…), with the manifest files that
 * should be copied before them and the cache directory a `--mount=type=cache` would keep.
 */
import type { SimpleCommand } from '../../../../dockerfile/shell/model.js';
import { hasFlag, invocation, operands } from './command-line.js';

/**
 * DependencyStep says what a command does with dependencies: `fetch` needs only the manifests;
 * `build` compiles the project (needs the source) and fetches whatever was not fetched before.
 */
export interface DependencyStep {
  /** ecosystem groups tools that read the same manifests: npm, pip, go, cargo, maven… */
  ecosystem: string;
  kind: 'fetch' | 'build';
  /** label is the command as a user would name it: `npm ci`. */
  label: string;
}

/** MANIFESTS names, per ecosystem, the files to copy before the fetch step. */
export const MANIFESTS: Readonly<Record<string, string>> = {
  npm: 'package.json and package-lock.json',
  yarn: 'package.json and yarn.lock',
  pnpm: 'package.json and pnpm-lock.yaml',
  pip: 'requirements*.txt',
  poetry: 'pyproject.toml and poetry.lock',
  pipenv: 'Pipfile and Pipfile.lock',
  uv: 'pyproject.toml and uv.lock',
  go: 'go.mod and go.sum',
  bundler: 'Gemfile and Gemfile.lock',
  cargo: 'Cargo.toml and Cargo.lock',
  maven: 'pom.xml',
  gradle: 'build.gradle(.kts), settings.gradle(.kts) and gradle/',
  composer: 'composer.json and composer.lock',
};

/** namesPackages is true when an install names packages (`npm install lodash`), not the manifest. */
function namesPackages(args: readonly string[]): boolean {
  return operands(args.slice(1)).length > 0;
}

/** dependencyStep classifies `cmd`, or returns null when it is not a dependency step. */
export function dependencyStep(cmd: SimpleCommand): DependencyStep | null {
  const { name, args } = invocation(cmd);
  const sub = args[0];
  const step = (ecosystem: string, kind: DependencyStep['kind'], label: string): DependencyStep => ({
    ecosystem,
    kind,
    label,
  });
  switch (name) {
    case 'npm':
      if (sub === 'ci' || sub === 'clean-install') return step('npm', 'fetch', `npm ${sub}`);
      if ((sub === 'install' || sub === 'i') && !namesPackages(args))
        return step('npm', 'fetch', `npm ${sub}`);
      return null;
    case 'yarn':
      if (sub === undefined || sub.startsWith('-') || (sub === 'install' && !namesPackages(args))) {
        return step('yarn', 'fetch', 'yarn install');
      }
      return null;
    case 'pnpm':
      if ((sub === 'install' || sub === 'i' || sub === 'fetch') && !namesPackages(args)) {
        return step('pnpm', 'fetch', `pnpm ${sub}`);
      }
      return null;
    case 'pip':
    case 'pip3':
      if (sub === 'install' && hasFlag(args, '-r', '--requirement'))
        return step('pip', 'fetch', `${name} install -r`);
      return null;
    case 'poetry':
      return sub === 'install' ? step('poetry', 'fetch', 'poetry install') : null;
    case 'pipenv':
      return sub === 'install' || sub === 'sync' ? step('pipenv', 'fetch', `pipenv ${sub}`) : null;
    case 'uv':
      if (sub === 'sync') return step('uv', 'fetch', 'uv sync');
      if (sub === 'pip' && args[1] === 'install' && hasFlag(args, '-r', '--requirement')) {
        return step('pip', 'fetch', 'uv pip install -r');
      }
      return null;
    case 'go':
      if (sub === 'mod' && args[1] === 'download') return step('go', 'fetch', 'go mod download');
      if (sub === 'build' || sub === 'install') return step('go', 'build', `go ${sub}`);
      return null;
    case 'bundle':
    case 'bundler':
      return sub === 'install' ? step('bundler', 'fetch', 'bundle install') : null;
    case 'cargo':
      if (sub === 'fetch') return step('cargo', 'fetch', 'cargo fetch');
      if (sub === 'build' || sub === 'install') return step('cargo', 'build', `cargo ${sub}`);
      return null;
    case 'mvn':
    case 'mvnw':
      return mavenStep(name, args);
    case 'gradle':
    case 'gradlew': {
      const tasks = operands(args);
      const fetchOnly = tasks.length > 0 && tasks.every((t) => t === 'dependencies' || t === 'help');
      return step('gradle', fetchOnly ? 'fetch' : 'build', `${name} ${tasks.join(' ')}`.trim());
    }
    case 'composer':
      return sub === 'install' ? step('composer', 'fetch', 'composer install') : null;
    default:
      return null;
  }
}

function mavenStep(name: string, args: readonly string[]): DependencyStep | null {
  const goals = operands(args, ['-f', '-s', '-P', '-pl', '-rf', '-T', '-Dmaven.repo.local']);
  if (goals.length === 0) return null;
  const fetchOnly = goals.every((g) => g.startsWith('dependency:') || g === 'validate');
  return { ecosystem: 'maven', kind: fetchOnly ? 'fetch' : 'build', label: `${name} ${goals.join(' ')}` };
}

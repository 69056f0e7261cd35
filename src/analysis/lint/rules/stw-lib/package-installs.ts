/**
 * Reads OS package-manager commands (apt-get, apt, apk, dnf, yum, microdnf, zypper): which packages
 * an install adds, which a removal takes away, and which names are build toolchains.
 */
import type { SimpleCommand } from '../../../../dockerfile/shell/model.js';
import { invocation, operands } from './command-line.js';

/** PackageChange is an OS package install or removal. */
export interface PackageChange {
  manager: string;
  action: 'install' | 'remove';
  /** packages are the names as written, versions and architectures stripped. */
  packages: string[];
  /** virtualName is apk's `--virtual NAME` / `-t NAME` group, if any. */
  virtualName?: string;
}

const INSTALL_VERBS: Readonly<Record<string, readonly string[]>> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  dnf: ['install'],
  yum: ['install'],
  microdnf: ['install'],
  zypper: ['install', 'in'],
};

const REMOVE_VERBS: Readonly<Record<string, readonly string[]>> = {
  'apt-get': ['remove', 'purge'],
  apt: ['remove', 'purge'],
  apk: ['del'],
  dnf: ['remove', 'erase'],
  yum: ['remove', 'erase'],
  microdnf: ['remove'],
  zypper: ['remove', 'rm'],
};

/** Options of these managers that take a separate value word. */
const VALUED = [
  '-o',
  '-t',
  '-c',
  '--virtual',
  '--repository',
  '-X',
  '--root',
  '--setopt',
  '--enablerepo',
  '--disablerepo',
];

/** stripVersion removes `=1.2`, `>=1.2`, `:amd64` and similar suffixes from a package spec. */
function stripVersion(spec: string): string {
  return spec.replace(/[<>=~].*$/, '').replace(/:[a-z0-9]+$/, '');
}

/** packageChange reads an install or removal, or returns null for any other command. */
export function packageChange(cmd: SimpleCommand): PackageChange | null {
  const { name, args } = invocation(cmd);
  const verbAt = args.findIndex((a) => !a.startsWith('-'));
  const verb = args[verbAt];
  if (verb === undefined) return null;
  const action = INSTALL_VERBS[name]?.includes(verb)
    ? 'install'
    : REMOVE_VERBS[name]?.includes(verb)
      ? 'remove'
      : null;
  if (action === null) return null;
  const rest = [...args.slice(0, verbAt), ...args.slice(verbAt + 1)];
  const change: PackageChange = {
    manager: name === 'apt' ? 'apt-get' : name,
    action,
    packages: operands(rest, VALUED)
      .map(stripVersion)
      .filter((p) => p !== '' && !p.includes('$')),
  };
  const v = rest.findIndex((a) => a === '--virtual' || a === '-t');
  const inline = rest.find((a) => a.startsWith('--virtual='));
  if (name === 'apk' && v >= 0 && rest[v + 1] !== undefined) change.virtualName = rest[v + 1];
  else if (name === 'apk' && inline !== undefined) change.virtualName = inline.slice('--virtual='.length);
  return change;
}

const TOOLCHAIN_NAMES = new Set([
  'gcc',
  'g++',
  'cpp',
  'clang',
  'llvm',
  'make',
  'cmake',
  'ninja-build',
  'build-essential',
  'build-base',
  'autoconf',
  'automake',
  'libtool',
  'gfortran',
  'golang',
  'golang-go',
  'go',
  'rust',
  'rustc',
  'cargo',
  'linux-headers',
  'kernel-headers',
  'kernel-devel',
]);

/** isToolchainPackage is true for compilers, build tools and development headers (`*-dev`, `*-devel`). */
export function isToolchainPackage(pkg: string): boolean {
  if (TOOLCHAIN_NAMES.has(pkg)) return true;
  if (/^(gcc|g\+\+|clang|llvm|golang)-[0-9.]+$/.test(pkg)) return true;
  return /-(dev|devel)$/.test(pkg);
}

/**
 * Platforms (`os/arch[/variant]`): parsing, formatting, the host default, and matching with the
 * usual normalisations (amd64/x86_64, arm64/aarch64, arm64 variant v8).
 */
import { StowageError } from './errors.js';

/** Platform is the OCI platform object. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', x86: '386', aarch64: 'arm64', armhf: 'arm' };

/** normalizeArch maps kernel and Go names to OCI's. */
export function normalizeArch(a: string): string {
  return ARCH_ALIASES[a] ?? a;
}

/** parsePlatform reads `os/arch[/variant]`. */
export function parsePlatform(s: string): Platform {
  const parts = s.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new StowageError('USAGE', `platform "${s}" must be os/arch or os/arch/variant`, {
      hint: 'for example linux/amd64 or linux/arm/v7',
    });
  }
  const p: Platform = { os: parts[0] as string, architecture: normalizeArch(parts[1] as string) };
  if (parts[2] !== undefined) p.variant = parts[2];
  return p;
}

/** formatPlatform writes `os/arch[/variant]`. */
export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter((x) => x !== undefined && x !== '').join('/');
}

/** hostPlatform is linux/<host arch>, the default when an index is read. */
export function hostPlatform(): Platform {
  const map: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: '386',
    s390x: 's390x',
    ppc64: 'ppc64le',
  };
  return { os: 'linux', architecture: map[process.arch] ?? process.arch };
}

function variantOf(p: Platform): string | undefined {
  if (p.architecture === 'arm64' && (p.variant === undefined || p.variant === '')) return 'v8';
  return p.variant === '' ? undefined : p.variant;
}

/** platformMatches reports whether `have` satisfies `want`; a want without variant accepts any. */
export function platformMatches(want: Platform, have: Platform): boolean {
  if (want.os !== have.os) return false;
  if (normalizeArch(want.architecture) !== normalizeArch(have.architecture)) return false;
  if (want.variant === undefined) return true;
  return variantOf(want) === variantOf(have);
}

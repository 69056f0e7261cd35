/**
 * The package version, read from package.json (two levels up from both src/cli and dist/cli).
 */
import { readFileSync } from 'node:fs';

/** packageVersion returns the `version` field of stowage's package.json. */
export function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

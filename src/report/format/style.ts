/**
 * Terminal styling: ANSI SGR codes when enabled, identity functions when not. Renderers take a
 * Style so they never decide about terminals themselves; the CLI decides whether colour is on.
 */

/** Style wraps text in ANSI attributes, or returns it unchanged when colour is off. */
export interface Style {
  enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

function sgr(enabled: boolean, open: number, close: number): (s: string) => string {
  return enabled ? (s) => (s === '' ? s : `\x1b[${open}m${s}\x1b[${close}m`) : (s) => s;
}

/** createStyle returns a Style; with `enabled` false every function is the identity. */
export function createStyle(enabled: boolean): Style {
  return {
    enabled,
    bold: sgr(enabled, 1, 22),
    dim: sgr(enabled, 2, 22),
    red: sgr(enabled, 31, 39),
    green: sgr(enabled, 32, 39),
    yellow: sgr(enabled, 33, 39),
    cyan: sgr(enabled, 36, 39),
  };
}

/** plainStyle is the Style with colour off. */
export const plainStyle: Style = createStyle(false);

// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[0-9;]*m/g;

/** stripAnsi removes ANSI SGR codes. */
export function stripAnsi(s: string): string {
  return s.replace(ANSI_RE, '');
}

/** visibleWidth is the length of a string as shown: ANSI codes removed, one column per code point. */
export function visibleWidth(s: string): number {
  return [...stripAnsi(s)].length;
}

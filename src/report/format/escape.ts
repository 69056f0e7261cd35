/**
 * Terminal safety for text output: every string that comes from an image (file names, link
 * targets, config fields, history, engine and registry messages) is shown with its control
 * characters spelled out (`\x1b`, `\n`, `\u202e`), so an image can neither drive the terminal
 * (clear the screen, set the title, hide text) nor forge report lines. JSON output is never escaped.
 */

// C0 controls, DEL, C1 controls, line/paragraph separators and the bidi embedding/override/isolate
// characters (which can reorder what a line appears to say).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

// Our own styling (SGR), the layout's newlines and tabs, or any other control character.
// eslint-disable-next-line no-control-regex
const OUTPUT = /(\x1b\[[0-9;]*m|[\n\t])|[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function spell(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
}

/**
 * escapeControls returns `s` with every control character written out as a backslash escape. It
 * is idempotent (a backslash itself is left alone), so data escaped twice reads the same.
 */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, spell);
}

/**
 * escapeStrings returns a copy of a plain JSON-like value (a report document) in which every
 * string, object keys included, went through escapeControls. It walks without recursion, so a
 * deeply nested or very long document cannot overflow the stack, and keeps shared sub-objects
 * shared. Values that are not plain objects or arrays are returned as they are.
 */
export function escapeStrings<T>(value: T): T {
  const copies = new Map<object, object>();
  const pending: [source: object, copy: Record<string, unknown> | unknown[]][] = [];
  const convert = (v: unknown): unknown => {
    if (typeof v === 'string') return escapeControls(v);
    if (typeof v !== 'object' || v === null) return v;
    const known = copies.get(v);
    if (known !== undefined) return known;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return v;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(v) ? [] : {};
    copies.set(v, copy);
    pending.push([v, copy]);
    return copy;
  };
  const root = convert(value);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, copy] = next;
    if (Array.isArray(source)) {
      const out = copy as unknown[];
      for (const item of source as unknown[]) out.push(convert(item));
    } else {
      const out = copy as Record<string, unknown>;
      for (const [k, v] of Object.entries(source)) out[escapeControls(k)] = convert(v);
    }
  }
  return root as T;
}

/**
 * terminalSafe makes finished text output safe for a terminal: the layout's newlines and tabs and
 * stowage's own colour codes stay, every other control character is written out. It is the last
 * guard before stdout and stderr; renderers escape image strings themselves (escapeStrings), which
 * also keeps a newline inside a file name from starting a forged line.
 */
export function terminalSafe(text: string): string {
  return text.replace(OUTPUT, (m: string, keep: string | undefined) => (keep !== undefined ? m : spell(m)));
}

/**
 * Small helpers to parse JSON documents and check field types with errors that name the document.
 */
import { StowageError, type ErrorWhere } from './errors.js';
import { limitHint, limits } from './limits.js';

/**
 * nestingDepth is the deepest nesting of arrays and objects in JSON text (brackets inside strings
 * not counted), found in one pass without recursion.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * parseJson parses text or bytes as JSON, failing with MALFORMED_JSON that names `what`. A
 * document nested deeper than the jsonDepth limit is refused before parsing: whatever walks it
 * later (JSON.stringify included) recurses.
 */
export function parseJson(data: Uint8Array | string, what: string, where: ErrorWhere = {}): unknown {
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
  const depth = nestingDepth(text);
  if (depth > limits().jsonDepth) {
    throw new StowageError('MALFORMED_JSON', `${what} nests arrays and objects ${depth} deep`, {
      where,
      hint: limitHint('jsonDepth'),
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new StowageError('MALFORMED_JSON', `${what} is not valid JSON: ${(e as Error).message}`, {
      where,
      cause: e,
    });
  }
}

/** JsonObject is a parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** isObject narrows to a plain JSON object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Field readers that throw INVALID_MANIFEST naming the document and the field. */
export class FieldReader {
  constructor(
    private readonly what: string,
    private readonly where: ErrorWhere = {},
  ) {}

  fail(detail: string): never {
    throw new StowageError('INVALID_MANIFEST', `${this.what}: ${detail}`, { where: this.where });
  }

  object(v: unknown, field: string): JsonObject {
    if (!isObject(v)) this.fail(`${field} must be an object`);
    return v;
  }

  optObject(v: unknown, field: string): JsonObject | undefined {
    return v === undefined || v === null ? undefined : this.object(v, field);
  }

  array(v: unknown, field: string): unknown[] {
    if (!Array.isArray(v)) this.fail(`${field} must be an array`);
    return v;
  }

  optArray(v: unknown, field: string): unknown[] | undefined {
    return v === undefined || v === null ? undefined : this.array(v, field);
  }

  string(v: unknown, field: string): string {
    if (typeof v !== 'string') this.fail(`${field} must be a string`);
    return v;
  }

  optString(v: unknown, field: string): string | undefined {
    return v === undefined || v === null ? undefined : this.string(v, field);
  }

  integer(v: unknown, field: string): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      this.fail(`${field} must be a non-negative integer`);
    }
    return v;
  }

  stringMap(v: unknown, field: string): Record<string, string> | undefined {
    if (v === undefined || v === null) return undefined;
    const o = this.object(v, field);
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(o)) out[k] = this.string(val, `${field}.${k}`);
    return out;
  }

  stringArray(v: unknown, field: string): string[] | undefined {
    if (v === undefined || v === null) return undefined;
    return this.array(v, field).map((x, i) => this.string(x, `${field}[${i}]`));
  }
}

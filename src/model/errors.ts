/**
 * Typed errors. Every failure stowage reports carries a stable `code`, a message that says what went
 * wrong, where (file, layer, path, byte offset) and what to do, and the underlying `cause`.
 */

/** ErrorCode lists every stable error code; scripts may match on these. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'NOT_AN_IMAGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'DIGEST_MISMATCH'
  | 'DIFF_ID_MISMATCH'
  | 'SIZE_MISMATCH'
  | 'TRUNCATED'
  | 'CORRUPT_GZIP'
  | 'CORRUPT_ZSTD'
  | 'CORRUPT_TAR'
  | 'LIMIT_EXCEEDED'
  | 'MALFORMED_JSON'
  | 'INVALID_MANIFEST'
  | 'INVALID_DIGEST'
  | 'INVALID_REFERENCE'
  | 'PLATFORM_NOT_FOUND'
  | 'TAG_NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'NETWORK'
  | 'DESTINATION'
  | 'USAGE'
  | 'INTERNAL';

/** ErrorWhere says where a problem was found; every field is optional. */
export interface ErrorWhere {
  file?: string;
  layer?: string;
  layerIndex?: number;
  path?: string;
  offset?: number;
}

/** StowageError is the one error class the library throws on bad input. */
export class StowageError extends Error {
  readonly code: ErrorCode;
  readonly where: ErrorWhere;
  readonly hint: string | undefined;
  /** detail is the message without the location and hint appended. */
  readonly detail: string;

  constructor(
    code: ErrorCode,
    detail: string,
    opts: { where?: ErrorWhere; hint?: string; cause?: unknown } = {},
  ) {
    super(composeMessage(detail, opts.where ?? {}, opts.hint), { cause: opts.cause });
    this.name = 'StowageError';
    this.code = code;
    this.detail = detail;
    this.where = opts.where ?? {};
    this.hint = opts.hint;
  }
}

function composeMessage(detail: string, where: ErrorWhere, hint: string | undefined): string {
  const parts: string[] = [];
  if (where.file !== undefined) parts.push(`file ${where.file}`);
  if (where.layerIndex !== undefined) parts.push(`layer ${where.layerIndex}`);
  if (where.layer !== undefined) parts.push(where.layer);
  if (where.path !== undefined) parts.push(`path ${where.path}`);
  if (where.offset !== undefined) parts.push(`byte offset ${where.offset}`);
  let out = detail;
  if (parts.length > 0) out += ` (${parts.join(', ')})`;
  if (hint !== undefined) out += `; ${hint}`;
  return out;
}

/** isStowageError narrows an unknown thrown value. */
export function isStowageError(e: unknown): e is StowageError {
  return e instanceof StowageError;
}

/**
 * withWhere returns the error with more location facts filled in (facts already present win), so a
 * low level (tar, gzip) can throw and a higher one (the source) can add the file and layer.
 * Anything that is not a StowageError is returned unchanged.
 */
export function withWhere(e: unknown, where: ErrorWhere): unknown {
  if (!(e instanceof StowageError)) return e;
  return new StowageError(e.code, e.detail, {
    where: { ...where, ...e.where },
    hint: e.hint,
    cause: e.cause,
  });
}

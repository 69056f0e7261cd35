/**
 * validApiPath: what the file endpoint accepts as a path — an image path as the model names it,
 * relative, with no empty, `.` or `..` segment and no NUL, so no request can name anything but a
 * path inside a layer.
 */

/** validApiPath reports whether `path` is a well-formed image path. */
export function validApiPath(path: string): boolean {
  if (path === '' || path.includes('\0')) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

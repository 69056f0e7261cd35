// Minimal ustar writer for benchmark fixtures: headers only; callers write the content and padding.
import { Buffer } from 'node:buffer';

/** ustarHeader returns the 512-byte header of a regular file ('0') or directory ('5'). */
export function ustarHeader(name, size, type = '0') {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(type === '5' ? '0000755\0' : '0000644\0', 100);
  h.write('0000000\0', 108); // uid
  h.write('0000000\0', 116); // gid
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('14712345670\0', 136); // mtime
  h.write('        ', 148); // checksum placeholder
  h.write(type, 156);
  h.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** padding returns the zero bytes that round `size` up to a 512-byte block. */
export function padding(size) {
  return Buffer.alloc((512 - (size % 512)) % 512);
}

/** END_OF_ARCHIVE is the two zero blocks that close a tar. */
export const END_OF_ARCHIVE = Buffer.alloc(1024);

/**
 * Byte helpers for the file viewer: which raster image format a body starts with (SVG is shown as
 * text, never as a picture), and a hex dump like `xxd`.
 */

const SIGNATURES: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
  [[0xff, 0xd8, 0xff], 'image/jpeg'],
  [[0x47, 0x49, 0x46, 0x38], 'image/gif'],
];

/** sniffImage names the raster format of `bytes`, or undefined. */
export function sniffImage(bytes: Uint8Array): string | undefined {
  for (const [sig, type] of SIGNATURES) if (sig.every((b, i) => bytes[i] === b)) return type;
  const riff = [0x52, 0x49, 0x46, 0x46].every((b, i) => bytes[i] === b);
  const webp = [0x57, 0x45, 0x42, 0x50].every((b, i) => bytes[8 + i] === b);
  return riff && webp ? 'image/webp' : undefined;
}

/** hexDump prints 16 bytes a line: offset, hex, printable ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const chunk = bytes.subarray(off, off + 16);
    const hex = Array.from(chunk, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

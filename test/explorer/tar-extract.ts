/**
 * GNU tar as the oracle for file contents: the bytes of one path inside one layer of a `docker save`
 * archive (`tar -xO` of the layer member, then of the path).
 */
import { execFileSync } from 'node:child_process';

/** layerFileBytes returns `path` from layer member `member` of `archive`, as GNU tar extracts it. */
export function layerFileBytes(archive: string, member: string, path: string): Buffer {
  return execFileSync('sh', ['-c', 'tar -xOf "$1" "$2" | tar -xOf - "$3"', 'sh', archive, member, path], {
    maxBuffer: 256 << 20,
  });
}

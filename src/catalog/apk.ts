/**
 * The apk cataloger: `/lib/apk/db/installed` — records separated by blank lines, one `X:value`
 * per line: `P` name, `V` version, `A` architecture, `I` installed size in bytes, `F` a directory
 * (relative to `/`) and `R` a file in the last `F`; other letters (checksums, modes, origin…) are
 * not needed here.
 */
import type { Cataloger, PackageRecord } from './model.js';

const INSTALLED = 'lib/apk/db/installed';

/** apkCataloger reads Alpine's installed database. */
export const apkCataloger: Cataloger = {
  type: 'apk',
  wants: (p) => p === INSTALLED,
  read(files) {
    const body = files.get(INSTALLED);
    if (body === undefined) return [];
    const out: PackageRecord[] = [];
    for (const block of body.toString('utf8').split(/\n\s*\n/)) {
      const r = parseRecord(block);
      if (r !== undefined) out.push(r);
    }
    return out;
  },
};

function parseRecord(block: string): PackageRecord | undefined {
  const r: PackageRecord = { type: 'apk', name: '', version: '', files: [], database: INSTALLED };
  let dir = '';
  for (const line of block.split('\n')) {
    if (line.length < 2 || line[1] !== ':') continue;
    const value = line.slice(2);
    switch (line[0]) {
      case 'P':
        r.name = value;
        break;
      case 'V':
        r.version = value;
        break;
      case 'A':
        r.arch = value;
        break;
      case 'I':
        if (/^\d+$/.test(value)) r.installedSize = Number(value);
        break;
      case 'F':
        dir = value;
        break;
      case 'R':
        r.files.push(`/${dir === '' ? '' : `${dir}/`}${value}`);
        break;
    }
  }
  return r.name === '' ? undefined : r;
}

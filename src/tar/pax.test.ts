/** PAX records: byte-level parsing (binary values, newlines), deletion by empty values, malformed input. */
import { describe, expect, it } from 'vitest';
import { StowageError } from '../model/errors.js';
import { encodePaxRecords, parsePaxRecords, resolvePax } from './pax.js';
import { tarLimits } from './limits.js';

const LIMITS = tarLimits({});

const rec = (key: string, value: string): Buffer => encodePaxRecords([{ key, value: Buffer.from(value) }]);

describe('PAX records', () => {
  it('round-trip binary values and values holding newlines and `=`', () => {
    const records = [
      { key: 'path', value: Buffer.from('a\nb=c') },
      { key: 'SCHILY.xattr.security.capability', value: Buffer.from([0, 0x0a, 0xff, 0x20, 0x3d]) },
    ];
    const parsed = parsePaxRecords(Buffer.concat([encodePaxRecords(records), Buffer.alloc(100)]), {});
    expect(parsed).toEqual(records);
    const pax = resolvePax(parsed, {}, LIMITS);
    expect(pax.path).toBe('a\nb=c');
    expect(pax.xattrs?.['security.capability']).toEqual(records[1]!.value);
  });

  it('sets nothing for an empty value', () => {
    expect(resolvePax(parsePaxRecords(rec('uname', ''), {}), {}, LIMITS).uname).toBeUndefined();
  });

  it.each(['16 uname=alice\n', '15 uname=alice!', 'x uname=alice\n', '0 \n', '9 =alice\n'])(
    'rejects %j',
    (text) => {
      expect(() => parsePaxRecords(Buffer.from(text), {})).toThrow(StowageError);
    },
  );

  it('rejects bad numbers', () => {
    expect(() => resolvePax(parsePaxRecords(rec('uid', '-5'), {}), {}, LIMITS)).toThrow(/uid/);
    expect(() => resolvePax(parsePaxRecords(rec('mtime', '1e10'), {}), {}, LIMITS)).toThrow(/mtime/);
  });
});

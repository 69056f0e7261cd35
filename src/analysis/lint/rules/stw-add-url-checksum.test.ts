import { describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { addUrlChecksumRule as rule } from './stw-add-url-checksum.js';

describe('STW011 ADD URL without --checksum', () => {
  it('catches ADD of http(s) URLs in shell and exec form and in ONBUILD', async () => {
    expect(await lintLines(rule, 'FROM a\nADD https://e.com/x.tgz /tmp/\n')).toEqual([2]);
    expect(
      await lintLines(rule, 'FROM a\nADD ["http://e.com/y", "/y"]\nONBUILD ADD https://e.com/z /z\n'),
    ).toEqual([2, 3]);
  });
  it('accepts --checksum, local sources and COPY', async () => {
    expect(await lintLines(rule, 'FROM a\nADD --checksum=sha256:abc https://e.com/x.tgz /tmp/\n')).toEqual(
      [],
    );
    expect(await lintLines(rule, 'FROM a\nADD app.tgz /opt/\nCOPY https.txt /\n')).toEqual([]);
  });
});

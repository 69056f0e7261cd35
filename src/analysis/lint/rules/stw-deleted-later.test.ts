import { describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { deletedLaterRule as rule } from './stw-deleted-later.js';

describe('STW006 added in one step, deleted in a later one', () => {
  it('catches COPY then rm, ADD URL then rm, and curl -o then rm in another RUN', async () => {
    expect(
      await lintLines(
        rule,
        'FROM debian\nCOPY big.tar /tmp/big.tar\nRUN tar -xf /tmp/big.tar -C /opt\nRUN rm /tmp/big.tar\n',
      ),
    ).toEqual([4]);
    expect(await lintLines(rule, 'FROM debian\nADD https://e.com/a.tgz /tmp/\nRUN rm -rf /tmp/*\n')).toEqual([
      3,
    ]);
    expect(
      await lintLines(
        rule,
        'FROM debian\nWORKDIR /w\nRUN curl -fsSL -o x.zip https://e.com/x.zip\nRUN rm x.zip\n',
      ),
    ).toEqual([4]);
  });
  it('catches it inside a heredoc RUN and in ONBUILD', async () => {
    expect(
      await lintLines(rule, 'FROM debian\nCOPY pkg.deb /\nRUN <<EOF\ndpkg -i /pkg.deb\nrm /pkg.deb\nEOF\n'),
    ).toEqual([5]);
    expect(await lintLines(rule, 'FROM debian\nONBUILD COPY x.bin /x.bin\nONBUILD RUN rm /x.bin\n')).toEqual([
      3,
    ]);
  });
  it('accepts download and delete in one RUN, removing something else, and secrets (STW007)', async () => {
    expect(await lintLines(rule, 'FROM debian\nRUN curl -o /tmp/x https://e.com/x && rm /tmp/x\n')).toEqual(
      [],
    );
    expect(await lintLines(rule, 'FROM debian\nCOPY a /opt/a\nRUN rm -rf /opt/b /opt/a/cache\n')).toEqual([]);
    expect(
      await lintLines(rule, 'FROM debian\nCOPY id_rsa /root/.ssh/id_rsa\nRUN rm /root/.ssh/id_rsa\n'),
    ).toEqual([]);
  });
});

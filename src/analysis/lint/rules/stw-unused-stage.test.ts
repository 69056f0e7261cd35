import { describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { unusedStageRule as rule } from './stw-unused-stage.js';

describe('STW010 unused stages', () => {
  it('catches a stage nothing reaches, and one reached only from an unused stage', async () => {
    expect(await lintLines(rule, 'FROM node AS test\nRUN npm test\nFROM node\nCMD ["x"]\n')).toEqual([1]);
    const chain = 'FROM a AS one\nFROM one AS two\nFROM b AS final\nCOPY --from=final2 /x /x\n';
    expect(await lintLines(rule, chain)).toEqual([1, 2]);
  });
  it('accepts stages used by FROM, COPY --from (name, case, index), RUN --mount from= and ONBUILD', async () => {
    expect(await lintLines(rule, 'FROM a AS build\nFROM build\n')).toEqual([]);
    expect(await lintLines(rule, 'FROM a AS Build\nFROM b\nCOPY --from=BUILD /o /o\n')).toEqual([]);
    expect(await lintLines(rule, 'FROM a\nFROM b\nCOPY --from=0 /o /o\n')).toEqual([]);
    expect(
      await lintLines(
        rule,
        'FROM a AS deps\nFROM b\nRUN --mount=type=bind,from=deps,target=/d cp -r /d /e\n',
      ),
    ).toEqual([]);
    expect(await lintLines(rule, 'FROM a AS assets\nFROM b\nONBUILD COPY --from=assets /x /x\n')).toEqual([]);
  });
});

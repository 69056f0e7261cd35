import { describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { recursiveChownRule as rule } from './stw-recursive-chown.js';

describe('STW004 recursive chown/chmod after COPY', () => {
  it('catches chown -R of the copied directory, relative to WORKDIR and after cd', async () => {
    expect(await lintLines(rule, 'FROM node\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node .\n')).toEqual([
      4,
    ]);
    expect(
      await lintLines(rule, 'FROM node\nCOPY src /srv/app/src\nRUN cd /srv && \\\n    chmod -Rf g+w app\n'),
    ).toEqual([4]);
    expect(
      await lintLines(rule, 'FROM node\nCOPY ["a.sh", "/opt/"]\nRUN chown --recursive 1000 /opt/a.sh\n'),
    ).toEqual([3]);
  });
  it('catches it in ONBUILD triggers', async () => {
    expect(await lintLines(rule, 'FROM node\nONBUILD COPY . /app\nONBUILD RUN chown -R node /app\n')).toEqual(
      [3],
    );
  });
  it('accepts non-recursive chown, unrelated paths, and other stages', async () => {
    expect(await lintLines(rule, 'FROM node\nCOPY . /app\nRUN chown node /app\n')).toEqual([]);
    expect(await lintLines(rule, 'FROM node\nCOPY . /app\nRUN mkdir /data && chown -R node /data\n')).toEqual(
      [],
    );
    expect(await lintLines(rule, 'FROM node AS a\nCOPY . /app\nFROM node\nRUN chown -R node /app\n')).toEqual(
      [],
    );
    expect(
      await lintLines(rule, 'FROM node\nCOPY --chown=node . /app\nRUN echo chown -R node /app\n'),
    ).toEqual([]);
  });
});

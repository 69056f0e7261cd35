import { describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { isVolatile, volatileArgRule as rule } from './stw-volatile-arg.js';

describe('STW002 volatile ARG/ENV before expensive RUN', () => {
  it('classifies names', () => {
    expect(isVolatile('GIT_COMMIT', 'abc')).toBe(true);
    expect(isVolatile('BUILD_DATE', undefined)).toBe(true);
    expect(isVolatile('BUILD_NUMBER', '0')).toBe(true);
    expect(isVolatile('VERSION', undefined)).toBe(true);
    expect(isVolatile('APP_VERSION', 'dev')).toBe(true);
    expect(isVolatile('NODE_VERSION', '20.11.1')).toBe(false);
    expect(isVolatile('TIMEOUT', undefined)).toBe(false);
    expect(isVolatile('DEBIAN_FRONTEND', 'noninteractive')).toBe(false);
  });
  it('catches a commit ARG before apt-get install that does not use it', async () => {
    const df =
      'FROM debian\nARG GIT_COMMIT\nRUN apt-get update && \\\n    apt-get install -y curl\nLABEL rev=$GIT_COMMIT\n';
    expect(await lintLines(rule, df)).toEqual([2]);
  });
  it('catches an ENV fed from a version ARG, and a heredoc RUN', async () => {
    const df = 'FROM node\nENV APP_VERSION=${VERSION}\nRUN <<EOF\nnpm ci\nEOF\n';
    expect(await lintLines(rule, df)).toEqual([2]);
  });
  it('accepts the ARG after the expensive steps, or used by them, or in another stage', async () => {
    expect(
      await lintLines(
        rule,
        'FROM debian\nRUN apt-get install -y curl\nARG GIT_COMMIT\nLABEL c=$GIT_COMMIT\n',
      ),
    ).toEqual([]);
    expect(
      await lintLines(rule, 'FROM debian\nARG BUILD_DATE\nRUN curl -o /x https://e.com/?d=${BUILD_DATE}\n'),
    ).toEqual([]);
    expect(
      await lintLines(rule, 'FROM debian\nENV NODE_VERSION=20.1.0\nRUN apt-get install -y gcc\n'),
    ).toEqual([]);
    expect(
      await lintLines(rule, 'FROM debian AS a\nARG GIT_SHA\nFROM debian\nRUN apt-get install -y gcc\n'),
    ).toEqual([]);
    expect(await lintLines(rule, 'FROM debian\nARG GIT_SHA\nRUN ["make"]\n'.replace('make', 'echo'))).toEqual(
      [],
    );
  });
});

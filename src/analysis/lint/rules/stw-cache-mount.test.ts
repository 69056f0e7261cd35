import { describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { cacheMountRule as rule } from './stw-cache-mount.js';

describe('STW008 downloads without a cache mount', () => {
  it('catches apt-get install, pip install and npm ci without --mount=type=cache', async () => {
    expect(
      await lintLines(rule, 'FROM debian\nRUN apt-get update && \\\n    apt-get install -y curl\n'),
    ).toEqual([2]);
    expect(
      await lintLines(rule, 'FROM python\nRUN pip install flask\nRUN --mount=type=bind,target=/x npm ci\n'),
    ).toEqual([2, 3]);
    expect(await lintLines(rule, 'FROM node\nRUN <<EOF\nset -e\nyarn install\nEOF\n')).toEqual([2]);
  });
  it('accepts RUNs with a cache mount and RUNs that download nothing', async () => {
    expect(await lintLines(rule, 'FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci\n')).toEqual([]);
    expect(await lintLines(rule, 'FROM node\nRUN npm run build && echo pip install x\n')).toEqual([]);
    expect(await lintLines(rule, 'FROM node\nRUN ["npm", "ci"]\n')).toEqual([]);
  });
});

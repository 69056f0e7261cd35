import { describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { secretCopiedRule as rule } from './stw-secret-copied.js';

describe('STW007 secret file copied then removed', () => {
  it('catches .npmrc, id_rsa and *.pem copied and removed later', async () => {
    const npm = 'FROM node\nWORKDIR /app\nCOPY .npmrc package.json ./\nRUN npm ci && rm -f .npmrc\n';
    expect(await lintLines(rule, npm)).toEqual([3]);
    const ssh =
      'FROM debian\nCOPY id_rsa /root/.ssh/\nRUN git clone git@h:r.git && \\\n    rm -rf /root/.ssh\n';
    expect(await lintLines(rule, ssh)).toEqual([2]);
    expect(
      await lintLines(rule, 'FROM debian\nCOPY ["certs/client.pem", "/c.pem"]\nRUN rm /c.pem\n'),
    ).toEqual([2]);
  });
  it('catches it in ONBUILD triggers', async () => {
    expect(
      await lintLines(rule, 'FROM node\nONBUILD COPY .npmrc /root/\nONBUILD RUN rm /root/.npmrc\n'),
    ).toEqual([2]);
  });
  it('accepts secret mounts, files never removed, and non-secret files', async () => {
    expect(
      await lintLines(rule, 'FROM node\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n'),
    ).toEqual([]);
    expect(await lintLines(rule, 'FROM nginx\nCOPY server.pem /etc/nginx/\n')).toEqual([]);
    expect(await lintLines(rule, 'FROM debian\nCOPY app.tar /tmp/\nRUN rm /tmp/app.tar\n')).toEqual([]);
  });
});

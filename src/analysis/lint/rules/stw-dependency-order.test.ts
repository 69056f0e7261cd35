import { describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { dependencyOrderRule as rule } from './stw-dependency-order.js';

describe('STW001 dependency manifests before source', () => {
  it('catches COPY . . before npm ci, pip install -r, go mod download, mvn package', async () => {
    expect(await lintLines(rule, 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n')).toEqual([3]);
    expect(
      await lintLines(rule, 'FROM python:3\nCOPY . /app\nRUN pip install \\\n    -r /app/requirements.txt\n'),
    ).toEqual([2]);
    expect(
      await lintLines(rule, 'FROM golang\nCOPY [".", "/src"]\nRUN cd /src && go mod download\n'),
    ).toEqual([2]);
    expect(await lintLines(rule, 'FROM maven\nADD . .\nRUN mvn -B package\n')).toEqual([2]);
    expect(await lintLines(rule, 'FROM ruby\nCOPY . .\nRUN bundle install\nRUN yarn\n')).toEqual([2, 2]);
  });
  it('catches the same in ONBUILD triggers', async () => {
    expect(await lintLines(rule, 'FROM node\nONBUILD COPY . .\nONBUILD RUN npm install\n')).toEqual([2]);
  });
  it('accepts manifests copied and installed first', async () => {
    const ok =
      'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n';
    expect(await lintLines(rule, ok)).toEqual([]);
    expect(
      await lintLines(
        rule,
        'FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build ./...\n',
      ),
    ).toEqual([]);
  });
  it('ignores installs of named packages, COPY --from and other stages', async () => {
    expect(await lintLines(rule, 'FROM node\nCOPY . .\nRUN npm install -g typescript\n')).toEqual([]);
    expect(
      await lintLines(rule, 'FROM node AS b\nRUN true\nFROM node\nCOPY --from=b . .\nRUN npm ci\n'),
    ).toEqual([]);
    expect(await lintLines(rule, 'FROM node\nCOPY . .\nFROM node\nRUN npm ci\n')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { finalToolchainRule as rule } from './stw-final-toolchain.js';

describe('STW005 build toolchain in the final stage', () => {
  it('catches compilers and -dev packages in a single-stage build', async () => {
    expect(
      await lintLines(
        rule,
        'FROM debian\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends gcc libpq-dev\n',
      ),
    ).toEqual([3]);
    expect(await lintLines(rule, 'FROM alpine\nRUN apk add --no-cache build-base go\n')).toEqual([2]);
    expect(await lintLines(rule, 'FROM fedora\nRUN dnf install -y openssl-devel && dnf clean all\n')).toEqual(
      [2],
    );
  });
  it('catches a toolchain base image and one inherited through FROM stage', async () => {
    expect(await lintLines(rule, 'FROM golang:1.22\nRUN go build -o /app .\nCMD ["/app"]\n')).toEqual([1]);
    expect(
      await lintLines(rule, 'FROM debian AS base\nRUN apt-get install -y make\nFROM base\nCMD ["x"]\n'),
    ).toEqual([2]);
  });
  it('catches a removal in a later RUN (the bytes stay), in a heredoc too', async () => {
    expect(await lintLines(rule, 'FROM alpine\nRUN <<EOF\napk add gcc\nEOF\nRUN apk del gcc\n')).toEqual([3]);
  });
  it('accepts toolchains in build stages and removals in the same RUN', async () => {
    expect(
      await lintLines(
        rule,
        'FROM debian AS build\nRUN apt-get install -y gcc\nFROM debian\nRUN apt-get install -y curl\n',
      ),
    ).toEqual([]);
    expect(
      await lintLines(
        rule,
        'FROM alpine\nRUN apk add --virtual .deps gcc musl-dev && make && apk del .deps\n',
      ),
    ).toEqual([]);
    expect(
      await lintLines(rule, 'FROM debian\nRUN apt-get install -y gcc && make && apt-get purge -y gcc\n'),
    ).toEqual([]);
  });
});

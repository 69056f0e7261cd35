import { describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { heredocErrexitRule as rule } from './stw-heredoc-errexit.js';

describe('STW009 heredoc RUN without set -e', () => {
  it('catches a multi-command heredoc without set -e, also with set -e too late and in ONBUILD', async () => {
    expect(
      await lintLines(rule, 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n'),
    ).toEqual([2]);
    expect(await lintLines(rule, 'FROM debian\nRUN <<EOF\nfalse\nset -e\ntrue\nEOF\n')).toEqual([2]);
    expect(await lintLines(rule, 'FROM debian\nONBUILD RUN <<EOF\na\nb\nEOF\n')).toEqual([2]);
    expect(await lintLines(rule, 'FROM debian\nRUN <<EOF\n#!/bin/bash\na\nb\nEOF\n')).toEqual([2]);
  });
  it('accepts set -e / set -eux / set -o errexit first, -e in the shebang or SHELL, one statement', async () => {
    expect(await lintLines(rule, 'FROM debian\nRUN <<EOF\nset -eux\na\nb\nEOF\n')).toEqual([]);
    expect(await lintLines(rule, 'FROM debian\nRUN <<EOF\nset -o errexit\na\nb\nEOF\n')).toEqual([]);
    expect(await lintLines(rule, 'FROM debian\nRUN <<EOF\n#!/bin/sh -e\na\nb\nEOF\n')).toEqual([]);
    expect(
      await lintLines(
        rule,
        'FROM debian\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN <<EOF\na\nb\nEOF\n',
      ),
    ).toEqual([]);
    expect(await lintLines(rule, 'FROM debian\nRUN <<EOF\na && \\\n  b\nEOF\n')).toEqual([]);
    expect(
      await lintLines(rule, 'FROM debian\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nprint(1)\nEOF\n'),
    ).toEqual([]);
    expect(await lintLines(rule, 'FROM debian\nRUN a && \\\n    b\n')).toEqual([]);
  });
});

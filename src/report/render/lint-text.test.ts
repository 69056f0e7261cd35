import { describe, expect, it } from 'vitest';
import { lintRunOf } from '../../../test/helpers/lint-run.js';
import { createStyle, plainStyle, visibleWidth } from '../format/style.js';
import { renderLintText } from './lint-text.js';

describe('renderLintText', () => {
  it('shows each finding with its source line and a caret under the reported column', async () => {
    const text = 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n';
    const run = await lintRunOf({ 'x/Dockerfile': text });
    const out = renderLintText(run, plainStyle);
    const dl3015 = run.files[0]!.findings.find((f) => f.ruleId === 'DL3015')!;
    const lines = out.split('\n');
    const head = lines.findIndex((l) =>
      l.startsWith(`x/Dockerfile:${dl3015.line}:${dl3015.column} info DL3015 `),
    );
    expect(head).toBeGreaterThanOrEqual(0);
    expect(lines[head + 1]).toBe(`    3 | ${text.split('\n')[2]}`);
    const caretAt = lines[head + 2]!.indexOf('^');
    expect(caretAt - '      | '.length).toBe(dl3015.column - 1);
    expect(out.trimEnd().split('\n').pop()).toMatch(/^\d+ findings in 1 file: .*warning/);
  });

  it('colours severities only when the style is enabled, and says so when clean', async () => {
    const run = await lintRunOf({
      Dockerfile: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n',
    });
    const coloured = renderLintText(run, createStyle(true));
    expect(coloured).toContain('\x1b[33mwarning\x1b[39m');
    expect(renderLintText(run, plainStyle)).not.toContain('\x1b[');
    expect(visibleWidth(coloured)).toBe(visibleWidth(renderLintText(run, plainStyle)));
    const clean = await lintRunOf({ Dockerfile: 'FROM scratch\nCOPY a /a\n' });
    expect(renderLintText(clean, plainStyle)).toBe('✓ no findings in 1 file\n');
  });
});

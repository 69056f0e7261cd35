import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lintRunOf } from '../../../test/helpers/lint-run.js';
import { renderLintCheckstyle } from './lint-checkstyle.js';

/** Python's XML parser is the oracle: it rejects malformed XML and gives back the attributes. */
function parseWithPython(
  xml: string,
): { file: string; line: string; column: string; severity: string; source: string; message: string }[] {
  const script =
    'import sys,json,xml.etree.ElementTree as E\n' +
    'r=E.fromstring(sys.stdin.read())\n' +
    'print(json.dumps([dict(file=f.get("name"),**e.attrib) for f in r.iter("file") for e in f.iter("error")]))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: xml, encoding: 'utf8' })) as ReturnType<
    typeof parseWithPython
  >;
}

describe('renderLintCheckstyle', () => {
  it('is well-formed XML carrying every finding, with escaped names and messages', async () => {
    const run = await lintRunOf({
      'a&<b>"c\'.Dockerfile': 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    });
    const parsed = parseWithPython(renderLintCheckstyle(run));
    const findings = run.files[0]!.findings;
    expect(parsed).toHaveLength(findings.length);
    expect(parsed.map((p) => p.source)).toEqual(findings.map((f) => f.ruleId));
    expect(parsed.map((p) => p.message)).toEqual(findings.map((f) => f.message));
    expect(parsed.map((p) => Number(p.line))).toEqual(findings.map((f) => f.line));
    expect(parsed.every((p) => p.file === 'a&<b>"c\'.Dockerfile')).toBe(true);
    expect(new Set(parsed.map((p) => p.severity))).toEqual(new Set(['warning', 'info']));
  });
});

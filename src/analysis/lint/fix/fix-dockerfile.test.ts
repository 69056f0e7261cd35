import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../dockerfile/parse.js';
import { lintDockerfile } from '../engine.js';
import { fixDockerfile } from './fix-dockerfile.js';
import { FIXABLE_RULES, fixFor } from './fixers.js';
import { unifiedDiff } from './unified-diff.js';

const REALISTIC = path.join(import.meta.dirname, '../../../../test/lint/realistic');

async function fixedIds(text: string): Promise<string[]> {
  return (await fixDockerfile(text)).applied.map((a) => a.ruleId).sort();
}

describe('fixDockerfile', () => {
  it('fixes apt-heavy.Dockerfile: parses, lints clean of the fixed rules, and the diff applies with patch', async () => {
    const text = await readFile(path.join(REALISTIC, 'apt-heavy.Dockerfile'), 'utf8');
    const before = await lintDockerfile(text);
    const outcome = await fixDockerfile(text);
    expect(outcome.changed).toBe(true);
    const fixedRules = new Set(
      before.findings.map((f) => f.ruleId).filter((id) => FIXABLE_RULES.includes(id)),
    );
    expect([...new Set(outcome.applied.map((a) => a.ruleId))].sort()).toEqual([...fixedRules].sort());
    expect((await parseDockerfile(outcome.text)).problems).toEqual([]);
    const after = await lintDockerfile(outcome.text);
    expect(after.findings.filter((f) => fixedRules.has(f.ruleId))).toEqual([]);
    expect(outcome.text).toContain('apt-get install --no-install-recommends -y curl');
    expect(
      outcome.text
        .trimEnd()
        .split('\n')
        .filter((l) => l.startsWith('RUN')),
    ).toHaveLength(3);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'stw-fix-'));
    try {
      await writeFile(path.join(dir, 'Dockerfile'), text);
      const diff = unifiedDiff(text, outcome.text, 'a/Dockerfile', 'b/Dockerfile');
      execFileSync('patch', ['-s', '-p1', '-i', '-'], { cwd: dir, input: diff });
      expect(await readFile(path.join(dir, 'Dockerfile'), 'utf8')).toBe(outcome.text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves only unfixable findings of the fixable rules in every realistic file', async () => {
    for (const name of ['node', 'python', 'go', 'java', 'apt-heavy']) {
      const text = await readFile(path.join(REALISTIC, `${name}.Dockerfile`), 'utf8');
      const outcome = await fixDockerfile(text);
      const after = await lintDockerfile(outcome.text);
      for (const f of after.findings.filter((x) => FIXABLE_RULES.includes(x.ruleId))) {
        expect(fixFor(after.dockerfile, f), `${name}: ${f.ruleId}:${f.line}`).toBeNull();
      }
    }
  });

  it('adds pip --no-cache-dir, apk --no-cache and the apt lists cleanup', async () => {
    const out = await fixDockerfile('FROM python:3\nRUN pip3 install flask && apk add git\n');
    expect(out.text).toBe('FROM python:3\nRUN pip3 install --no-cache-dir flask && apk add --no-cache git\n');
    const apt = await fixDockerfile(
      'FROM debian\nRUN apt-get update && \\\n    apt-get install --no-install-recommends -y curl\n',
    );
    expect(apt.text).toBe(
      'FROM debian\nRUN apt-get update && \\\n    apt-get install --no-install-recommends -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    );
  });

  it('does not merge RUNs where the merge could change behaviour', async () => {
    const unsafe = [
      'FROM a\nRUN cd /src\nRUN make\n',
      'FROM a\nRUN export X=1\nRUN make\n',
      'FROM a\nRUN --mount=type=cache,target=/c make\nRUN make install\n',
      'FROM a\nRUN make\n# install it\nRUN make install\n',
      'FROM a\nRUN <<EOF\nmake\nEOF\nRUN make install\n',
      'FROM a\nSHELL ["pwsh", "-c"]\nRUN make\nRUN make install\n',
      'FROM a\nRUN ["make"]\nRUN make install\n',
    ];
    for (const text of unsafe) expect(await fixedIds(text), text).not.toContain('DL3059');
    expect((await fixDockerfile('FROM a\nRUN make\n\nRUN make install\n')).text).toBe(
      'FROM a\nRUN make \\\n    && make install\n',
    );
  });
});

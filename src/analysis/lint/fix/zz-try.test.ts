import { test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { fixDockerfile } from './fix-dockerfile.js';
import { unifiedDiff } from './unified-diff.js';
test('try', async () => {
  const text = readFileSync('/tmp/stw/Dockerfile2', 'utf8');
  const r = await fixDockerfile(text);
  console.log(r.applied);
  const d = unifiedDiff(text, r.text, 'a/Dockerfile', 'b/Dockerfile');
  writeFileSync('/tmp/stw/d.patch', d);
  console.log(d);
  console.log(r.remaining.map(f => `${f.ruleId}:${f.line}`).join(' '));
});

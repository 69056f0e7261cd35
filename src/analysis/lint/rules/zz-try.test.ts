import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { lintDockerfile } from '../engine.js';
import { stwRules } from './stw-index.js';
test('try', async () => {
  const text = readFileSync('/tmp/stw/Dockerfile', 'utf8');
  const r = await lintDockerfile(text, { rules: process.env.ALLRULES ? undefined : stwRules });
  for (const f of r.findings) console.log(f.ruleId, f.line, f.column, f.message);
});

// Lint benchmark: lints 1,000 Dockerfiles (deterministic variations of test/lint/realistic/*) through
// the built library (dist/, run `npm run build` first) with every rule, and prints Dockerfiles per
// second. Usage: node bench/lint-bench.mjs [count]
import { readdirSync, readFileSync } from 'node:fs';
import console from 'node:console';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { lintParsed } from '../dist/analysis/lint/engine.js';
import { parseDockerfile } from '../dist/dockerfile/parse.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.join(root, 'test/lint/realistic');
const bases = readdirSync(dir)
  .filter((f) => f.endsWith('.Dockerfile'))
  .sort()
  .map((f) => readFileSync(path.join(dir, f), 'utf8'));
const count = Number(process.argv[2] ?? 1000);

/** rng is a small deterministic PRNG (mulberry32) so every run lints the same files. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTRAS = [
  'RUN apt-get update && apt-get install -y jq\n',
  'RUN pip install requests\n',
  'ENV APP_VERSION=${VERSION}\n',
  'RUN curl -fsSL -o /tmp/t.tgz https://example.com/t.tgz && tar -xzf /tmp/t.tgz -C /opt\n',
  'RUN <<EOF\necho one\necho two\nEOF\n',
  'COPY config/ /etc/app/\n',
  'RUN chown -R 1000:1000 /etc/app\n',
  'LABEL build=$BUILD_NUMBER\n',
];

/** variant inserts 0–5 extra instructions after random FROM-stage lines and renames tags. */
function variant(i) {
  const rand = rng(i + 1);
  const lines = bases[i % bases.length].split('\n');
  const out = [];
  for (const line of lines) {
    out.push(line.replace(/:(\d+)([.\w-]*)/, (_, v, rest) => `:${Number(v) + (i % 3)}${rest}`));
    if (line.startsWith('RUN') && !line.endsWith('\\') && rand() < 0.3)
      out.push(EXTRAS[Math.floor(rand() * EXTRAS.length)].trimEnd());
  }
  return out.join('\n');
}

const files = Array.from({ length: count }, (_, i) => variant(i));
await parseDockerfile(files[0]); // warm-up: sh-syntax's WASM initialisation is paid once
let findings = 0;
let parseNs = 0n;
const start = process.hrtime.bigint();
for (const text of files) {
  const t0 = process.hrtime.bigint();
  const df = await parseDockerfile(text);
  parseNs += process.hrtime.bigint() - t0;
  findings += lintParsed(df).findings.length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const parseSeconds = Number(parseNs) / 1e9;
console.log(
  `lint: ${count} Dockerfiles (${findings} findings) in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(0)} Dockerfiles/s` +
    ` (parsing ${parseSeconds.toFixed(2)} s, rules ${(seconds - parseSeconds).toFixed(2)} s)`,
);

/**
 * `node dist/sample/build-sample.js OUT.tar`: writes the deterministic sample image (a docker save
 * archive) that `npm start` inspects.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildSampleImage, SAMPLE_REPO_TAG } from './sample-image.js';

const out = process.argv[2];
if (out === undefined) {
  process.stderr.write('usage: build-sample OUT.tar\n');
  process.exitCode = 2;
} else {
  const bytes = await buildSampleImage();
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, bytes);
  process.stdout.write(`wrote ${out} (${SAMPLE_REPO_TAG}, ${bytes.length} bytes)\n`);
}

// Child process of analyze-bench.mjs: the reading part of the analysis alone — every layer's entries
// with both digests checked and every file body hashed (Layer.entries with hashContents, two layers
// at a time, as the analysis reads them), and nothing else: no tables, no stacking, no waste.
// Prints the wall time as JSON. The full analysis does this and more, so its time is a floor.
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [dist, reference] = process.argv.slice(2);
const lib = await import(pathToFileURL(`${dist}/index.js`).href);
const start = process.hrtime.bigint();
const layers = await (await lib.openImage(reference)).layers();
let next = 0;
let entries = 0;
const lane = async () => {
  while (next < layers.length) {
    for await (const _entry of layers[next++].entries({ hashContents: true })) entries++;
  }
};
await Promise.all([lane(), lane()]);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ seconds, entries }));

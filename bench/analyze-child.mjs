// Child process of analyze-bench.mjs: reads, hashes and stacks every layer of one image and runs the
// waste analyses, then prints the wall time, peak RSS and a few figures as JSON.
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [dist, reference] = process.argv.slice(2);
const lib = await import(pathToFileURL(`${dist}/index.js`).href);
const { analyzeImageWaste } = await import(pathToFileURL(`${dist}/analysis/waste/analyze-waste.js`).href);
const start = process.hrtime.bigint();
const image = await lib.openImage(reference);
const r = await analyzeImageWaste(image, { concurrency: Number(process.env.CONCURRENCY ?? 2) });
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(
  JSON.stringify({
    seconds,
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    files: r.stack.tree.stats().files,
    layerFileBytes: r.waste.layerFileBytes,
    reclaimableBytes: r.waste.totalBytes,
  }),
);

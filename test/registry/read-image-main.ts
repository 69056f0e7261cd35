/**
 * A stand-alone reader for the two-process cache test: reads every layer of a registry image
 * through a given cache directory and prints the image summary as JSON.
 * Usage: node read-image-main.js REFERENCE CACHE_DIR
 */
import { blobImage } from '../../src/source/blob-image.js';
import { openRegistry } from '../../src/source/registry/index.js';
import { summarize } from './image-summary.js';

const [reference, cacheDir] = process.argv.slice(2);
if (reference === undefined || cacheDir === undefined)
  throw new Error('usage: read-image-main REFERENCE CACHE_DIR');
const summary = await summarize(blobImage(await openRegistry(reference, { env: {}, cacheDir })));
process.stdout.write(JSON.stringify(summary));

/** DL4004: more than one ENTRYPOINT in a stage. */
import { onlyLastCounts } from './dl4003.js';

/** dl4004 flags repeated ENTRYPOINT in a stage. */
export const dl4004 = onlyLastCounts(
  'DL4004',
  'ENTRYPOINT',
  'error',
  'Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect',
);

/** Compression sniffing, streaming decompression and streaming digest verification. */
export { sniffCompression, SNIFF_BYTES, type Compression } from './sniff.js';
export { decompress, type DecompressOptions } from './decompress.js';
export { gunzip } from './gzip.js';
export { unzstd } from './zstd.js';
export { verifyDigest, type VerifyOptions } from './verify.js';
export { decompressVerified, type LayerDigests } from './verified.js';

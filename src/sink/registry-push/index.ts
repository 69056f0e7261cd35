/** Registry push: blobs (skip, mount, monolithic or chunked upload) and the manifest PUT. */
export { pushImage, type PushOptions, type PushResult } from './push-image.js';
export { uploadBlob, DEFAULT_CHUNK_SIZE, type BlobOutcome, type UploadOptions } from './blob-upload.js';

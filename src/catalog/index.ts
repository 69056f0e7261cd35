/**
 * Package catalogs: dpkg and apk databases read out of an image's layers, each package with the
 * layer that added, upgraded or removed it, its files and bytes in the final image, and its purl.
 */
export * from './catalog-image.js';
export { apkCataloger } from './apk.js';
export { dpkgCataloger } from './dpkg.js';
export { packageKey, type Cataloger, type PackageRecord, type PackageType } from './model.js';
export { purlOf, parseOsRelease, type OsRelease } from './purl.js';

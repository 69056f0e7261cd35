/**
 * Package URLs (purl spec): `pkg:TYPE/NAMESPACE/NAME@VERSION?arch=…&distro=…`, each part
 * percent-encoded (an epoch's `:` and a Debian `+` included).
 */
import type { PackageRecord } from './model.js';

/** OsRelease is what /etc/os-release says about the distribution. */
export interface OsRelease {
  id?: string;
  versionId?: string;
}

/** parseOsRelease reads ID and VERSION_ID (quotes removed). */
export function parseOsRelease(text: string): OsRelease {
  const out: OsRelease = {};
  for (const line of text.split('\n')) {
    const m = /^(ID|VERSION_ID)=(.*)$/.exec(line.trim());
    if (m === null) continue;
    const value = (m[2] as string).replace(/^["']|["']$/g, '');
    if (m[1] === 'ID') out.id = value;
    else out.versionId = value;
  }
  return out;
}

/** purlOf builds the package URL of a record on a distribution. */
export function purlOf(r: PackageRecord, os: OsRelease): string {
  const namespace = os.id ?? (r.type === 'deb' ? 'debian' : 'alpine');
  const qualifiers: string[] = [];
  if (r.arch !== undefined) qualifiers.push(`arch=${encodeURIComponent(r.arch)}`);
  if (os.id !== undefined && os.versionId !== undefined) {
    qualifiers.push(`distro=${encodeURIComponent(`${os.id}-${os.versionId}`)}`);
  }
  const q = qualifiers.length > 0 ? `?${qualifiers.join('&')}` : '';
  return `pkg:${r.type}/${encodeURIComponent(namespace)}/${encodeURIComponent(r.name)}@${encodeURIComponent(r.version)}${q}`;
}

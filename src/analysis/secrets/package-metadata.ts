/**
 * Distribution package metadata: the directories where package managers keep their indexes and
 * databases (apt, dpkg, rpm, dnf/yum, zypper, apk, pacman, portage) and where packages install
 * upstream documentation and licence texts. Their contents are written by the distribution, not by
 * the image's author, and quote upstream text full of `api_key = …` examples and hash-like values,
 * so the generic rules (see SecretRule.generic) do not read them. Rules for a specific key format
 * (PEM blocks, AKIA…, ghp_…) still do: a real key in such a file is as much a leak as anywhere.
 */

/** PACKAGE_METADATA_DIRS lists the directories (image paths, no leading slash) holding such files. */
export const PACKAGE_METADATA_DIRS: readonly string[] = [
  // Debian, Ubuntu
  'var/lib/apt',
  'var/cache/apt',
  'var/lib/dpkg',
  'usr/share/common-licenses',
  // RPM distributions (rpmdb moved to /usr/lib/sysimage/rpm on newer Fedora and openSUSE)
  'var/lib/rpm',
  'usr/lib/sysimage/rpm',
  'var/lib/dnf',
  'var/cache/dnf',
  'var/lib/yum',
  'var/cache/yum',
  'var/lib/zypp',
  'var/cache/zypp',
  // Alpine
  'lib/apk/db',
  'var/cache/apk',
  // Arch
  'var/lib/pacman',
  'var/cache/pacman',
  // Gentoo
  'var/db/pkg',
  // documentation and licences that packages install
  'usr/share/doc',
  'usr/share/licenses',
  'usr/share/man',
  'usr/share/info',
];

/** isPackageMetadata reports whether `path` (no leading slash) lies in one of PACKAGE_METADATA_DIRS. */
export function isPackageMetadata(path: string): boolean {
  return PACKAGE_METADATA_DIRS.some((d) => path.startsWith(d) && path.charAt(d.length) === '/');
}

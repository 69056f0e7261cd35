#!/usr/bin/env bash
# Installs the Debian packages the integration tests use as oracles. Idempotent: installs only what is missing.
set -euo pipefail
pkgs=(skopeo umoci buildah docker-registry apache2-utils busybox-static debootstrap docker.io python3 tar gzip zstd git chromium strace util-linux iproute2 gcc binutils libc-bin)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test tools: all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test tools missing (${missing[*]}) and not root: install them with apt-get" >&2
  exit 1
fi
echo "test tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "${missing[@]}"

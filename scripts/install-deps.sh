#!/bin/sh
# Install the Debian packages tlbprobe needs, if any are missing: as root
# directly, through sudo otherwise, or print the exact command to run.
set -e
PKGS="qemu-system-x86 grub-pc-bin grub-efi-amd64-bin grub-common xorriso mtools \
nasm ovmf ipxe-qemu libcmocka-dev libjansson-dev gcc make jq perl clang libclang-rt-14-dev \
lava-common python3-pexpect python3-yaml util-linux python3 python3-junitparser \
bochs bochsbios vgabios bochs-term"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "tlbprobe: installing missing packages:$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "tlbprobe: please run: sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q $missing

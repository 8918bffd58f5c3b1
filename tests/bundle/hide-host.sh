#!/bin/bash
# hide-host.sh COMMAND...: run COMMAND with the host's QEMU, its firmware
# and modules, the libraries only QEMU needs, and the given extra paths
# ($HIDE_EXTRA, blank-separated: the source tree) out of reach.  Meant to
# run as root inside `unshare -m --propagation private`, so that the mounts
# vanish with the namespace.  A hidden file becomes /dev/null (exec fails,
# reads are empty); a hidden directory becomes an empty tmpfs.
set -eu
hide() {
	local p
	p=$(readlink -f "$1") || return 0
	if [ -d "$p" ]; then
		mount -t tmpfs -o size=1M,mode=755 tlbprobe-hidden "$p"
	elif [ -e "$p" ]; then
		mount --bind /dev/null "$p"
	else
		return 0
	fi
	echo "hidden: $p"
}
# Which libraries the host's QEMU loads, before QEMU is hidden.
qlibs=""
if [ -x /usr/bin/qemu-system-x86_64 ]; then
	qlibs=$(ldd /usr/bin/qemu-system-x86_64 | sed -n 's/^.*=> \(\/[^ ]*\) .*$/\1/p' |
		xargs -r readlink -f | sort -u)
fi
for p in /usr/bin/qemu-system-x86_64 /usr/bin/qemu-system-i386 /usr/bin/kvm \
	/usr/share/qemu /usr/share/seabios /usr/share/OVMF /usr/share/ovmf \
	/usr/lib/x86_64-linux-gnu/qemu /usr/lib/ipxe /usr/local/share/tlbprobe \
	${HIDE_EXTRA:-}; do
	hide "$p"
done
# Libraries the host's QEMU loads that the shell tools this test and ./run
# use do not: hiding them makes any mixing of host libraries fail loudly.
tools="bash tar gzip grep sed date uname tr tee timeout mktemp cp stat id sleep tail head
	cat mkdir sha256sum ls find env setpriv mount awk"
keep=$(for t in $tools; do ldd "$(command -v "$t")" 2>/dev/null; done |
	sed -n 's/^.*=> \(\/[^ ]*\) .*$/\1/p' | xargs -r readlink -f | sort -u)
n=0
for l in $qlibs; do
	grep -qxF "$l" <<<"$keep" && continue
	hide "$l" >/dev/null
	n=$((n + 1))
done
echo "hidden: $n of the $(wc -w <<<"$qlibs") libraries the host's QEMU loads (the rest are the shell tools' too)"
exec "$@"

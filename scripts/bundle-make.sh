#!/bin/bash
# Build the self-contained bundle: build/tlbprobe-bundle-VERSION.tar.gz.
#
#   scripts/bundle-make.sh BUILD VERSION
#
# The tarball holds one directory, tlbprobe-bundle-VERSION/:
#   run                      the one script a user runs (scripts/bundle-run.sh)
#   README.txt               what it does and what to send back
#   tlbprobe.elf, tlbprobe.iso
#   bin/qemu-system-x86_64, bin/tlbprobe-check
#   lib/                     the glibc dynamic loader and the shared-library
#                            closure of both programs and of the QEMU modules
#   lib/qemu/                the QEMU modules a run loads (TCG is one)
#   share/qemu/              SeaBIOS and the option ROMs QEMU loads for q35
#   share/ovmf/              OVMF for --boot uefi
#   share/tlbprobe/profiles/ the checker's profiles
#   MANIFEST                 sha256 of every file
#
# The programs are started through lib/ld-linux-x86-64.so.2 with
# --library-path lib, so no host library is ever mixed in (the loader's own
# search path, /etc/ld.so.cache and the default directories are not used
# for anything the bundled directory provides: --library-path comes first
# and every needed object is there; tests/bundle/ checks that).
#
# Variables: QEMU (the qemu-system-x86_64 to bundle), QEMU_MODULE_SRC,
# QEMU_FIRMWARE_DIRS (where to look for the firmware), OVMF_DIR.
set -euo pipefail

BUILD=${1:?usage: bundle-make.sh BUILD VERSION}
VERSION=${2:?usage: bundle-make.sh BUILD VERSION}
QEMU=${QEMU:-$(command -v qemu-system-x86_64 || true)}
QEMU_MODULE_SRC=${QEMU_MODULE_SRC:-/usr/lib/x86_64-linux-gnu/qemu}
QEMU_FIRMWARE_DIRS=${QEMU_FIRMWARE_DIRS:-/usr/share/qemu /usr/share/seabios}
OVMF_DIR=${OVMF_DIR:-/usr/share/OVMF}
# What QEMU 7.2 opens for `-machine q35 -nodefaults` under TCG and KVM
# (found with strace on the ISO and -kernel boots): SeaBIOS, the vapic ROM,
# and the multiboot/linuxboot DMA ROMs for -kernel.  bios.bin and
# vgabios-stdvga.bin are small and cover `-machine pc` and `-vga std`.
FIRMWARE="bios-256k.bin bios.bin kvmvapic.bin multiboot_dma.bin
	linuxboot_dma.bin vgabios-stdvga.bin"
# TCG is a module in Debian's QEMU; KVM is built in.
MODULES="accel-tcg-x86_64.so"
MAX_BYTES=${BUNDLE_MAX_BYTES:-41943040}

die() { echo "bundle: $*" >&2; exit 1; }

[ -n "$QEMU" ] && [ -x "$QEMU" ] || die "qemu-system-x86_64 not found (apt-get install qemu-system-x86)"
for f in "$BUILD/tlbprobe.elf" "$BUILD/tlbprobe.iso" "$BUILD/tlbprobe-check"; do
	[ -r "$f" ] || die "$f missing (make all)"
done

name=tlbprobe-bundle-$VERSION
stage=$BUILD/bundle/$name
rm -rf "$BUILD/bundle"
mkdir -p "$stage"/{bin,lib/qemu,share/qemu,share/ovmf,share/tlbprobe/profiles}

install -m 755 scripts/bundle-run.sh "$stage/run"
install -m 644 scripts/bundle-readme.txt "$stage/README.txt"
install -m 644 "$BUILD/tlbprobe.elf" "$BUILD/tlbprobe.iso" "$stage/"
install -m 755 "$QEMU" "$stage/bin/qemu-system-x86_64"
install -m 755 "$BUILD/tlbprobe-check" "$stage/bin/tlbprobe-check"
install -m 644 profiles/*.profile "$stage/share/tlbprobe/profiles/"

for m in $MODULES; do
	[ -r "$QEMU_MODULE_SRC/$m" ] || die "QEMU module $QEMU_MODULE_SRC/$m missing"
	install -m 644 "$QEMU_MODULE_SRC/$m" "$stage/lib/qemu/"
done

for f in $FIRMWARE; do
	src=""
	for d in $QEMU_FIRMWARE_DIRS; do
		[ -r "$d/$f" ] && { src=$(readlink -f "$d/$f"); break; }
	done
	[ -n "$src" ] || die "firmware $f not found in $QEMU_FIRMWARE_DIRS"
	install -m 644 "$src" "$stage/share/qemu/$f"
done
for f in OVMF_CODE_4M.fd OVMF_VARS_4M.fd; do
	[ -r "$OVMF_DIR/$f" ] || die "$OVMF_DIR/$f missing (apt-get install ovmf)"
	install -m 644 "$(readlink -f "$OVMF_DIR/$f")" "$stage/share/ovmf/$f"
done

# The shared-library closure, as the host's loader resolves it (ldd).  The
# loader itself is copied too and named by its soname, so that the bundled
# programs run on the glibc they were built against.
closure() {
	ldd "$@" | sed -n 's/^.*=> \(\/[^ ]*\) (0x.*$/\1/p; s/^[[:space:]]*\(\/[^ ]*ld-linux[^ ]*\) (0x.*$/\1/p'
}
objs=("$stage/bin/qemu-system-x86_64" "$stage/bin/tlbprobe-check")
for m in $MODULES; do objs+=("$stage/lib/qemu/$m"); done
closure "${objs[@]}" | sort -u | while read -r lib; do
	base=$(basename "$lib")
	[ -e "$stage/lib/$base" ] || install -m 755 "$(readlink -f "$lib")" "$stage/lib/$base"
done
[ -x "$stage/lib/ld-linux-x86-64.so.2" ] || die "the dynamic loader was not in the ldd closure"
# ldd names every library a program needs, directly or not; check that each
# is now in lib/ with the bundled loader's own view of the closure.
missing=$("$stage/lib/ld-linux-x86-64.so.2" --library-path "$stage/lib" --list \
	"$stage/bin/qemu-system-x86_64" | grep -v "=> $stage/lib/" | grep -v 'linux-vdso\|ld-linux' || true)
[ -z "$missing" ] || die "libraries resolved outside the bundle: $missing"

# The version the bundle was made from, for the log's header line.
{
	echo "version=$VERSION"
	echo "qemu=$("$QEMU" --version | head -1)"
	echo "glibc=$(basename "$(readlink -f "$stage/lib/libc.so.6")")"
	echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$stage/VERSION"
(cd "$stage" && find . -type f ! -name MANIFEST -print0 | sort -z |
	xargs -0 sha256sum >MANIFEST)

out=$BUILD/$name.tar.gz
tar -C "$BUILD/bundle" --owner=0 --group=0 --numeric-owner -cf - "$name" |
	gzip -9 >"$out.tmp"
mv "$out.tmp" "$out"
size=$(stat -c %s "$out")
echo "bundle: $out ($((size / 1024)) KiB, $(find "$stage" -type f | wc -l) files)"
[ "$size" -le "$MAX_BYTES" ] || die "$out is $size bytes, over the limit of $MAX_BYTES"

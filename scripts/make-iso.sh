#!/bin/bash
# make-iso.sh ELF ISO: build the boot ISO for ELF with the environment's
# CMDLINE baked into its grub.cfg (scripts/grub-cfg.sh quotes it).  The ISO
# boots under BIOS (El Torito) and UEFI (its EFI system partition image);
# both GRUBs get only what iso/boot/grub/grub.cfg uses, the file systems,
# and the partition maps (normal.mod loads every one it knows and complains
# about each missing file).  No locales, fonts or themes: the console is
# serial.  xz compresses the rest: 4.6 MB instead of 20.6 MB (make bench
# reports the size; tests/boot/integrity-test.sh keeps it under 5 MB).
# The staging tree is private (next to ISO, removed after), and the ISO
# appears by rename: two builds at once never mix their files.
set -u
elf=$1 iso=$2
src=$(dirname "$0")/..
GRUB_MODULES=${GRUB_MODULES:-normal configfile multiboot2 multiboot boot serial \
terminal echo test iso9660 all_video part_msdos part_gpt part_apple part_acorn \
part_amiga part_bsd part_dfly part_dvh part_plan part_sun part_sunpc}
stage=$(mktemp -d "$iso.stage.XXXXXX") || exit 2
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/tree/boot/grub" || exit 2
"$src/scripts/grub-cfg.sh" "$src/iso/boot/grub/grub.cfg" \
	"$stage/tree/boot/grub/grub.cfg" || exit 2
# The ISO's copy without its debug sections (two thirds of the file; the
# debugger reads $elf itself).
"${OBJCOPY:-objcopy}" --strip-debug "$elf" "$stage/tree/boot/tlbprobe.elf" || exit 2
if ! grub-mkrescue -o "$stage/out.iso" --install-modules="$GRUB_MODULES" \
	--locales= --fonts= --themes= --compress=xz \
	"$stage/tree" 2> "$stage/log"; then
	cat "$stage/log" >&2
	exit 1
fi
mv -f "$stage/out.iso" "$iso"

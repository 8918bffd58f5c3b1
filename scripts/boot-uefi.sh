# shellcheck shell=bash disable=SC2054  # QEMU options are comma lists
# BOOT=uefi: the GRUB ISO under OVMF (UEFI firmware, package ovmf).
# Sourced by scripts/run-qemu.sh, which calls boot_args_uefi to append QEMU
# arguments to the array `args`.  grub-mkrescue makes the ISO hybrid
# (El Torito BIOS image plus an EFI system partition image, efi.img) when
# grub-efi-amd64-bin is installed; without it the ISO boots only under BIOS.
#
# OVMF_CODE (read-only) and OVMF_VARS (a fresh writable copy per run, in a
# mktemp directory removed when run-qemu exits) become the two pflash drives.
# Variables: OVMF_CODE, OVMF_VARS to use other firmware files.

OVMF_CODE=${OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}
OVMF_VARS=${OVMF_VARS:-/usr/share/OVMF/OVMF_VARS_4M.fd}

# ovmf_args: the firmware drives; shared with BOOT=pxe-uefi (boot-pxe.sh).
ovmf_args() {
	local f dir
	for f in "$OVMF_CODE" "$OVMF_VARS"; do
		if [ ! -r "$f" ]; then
			echo "run-qemu: $f missing (apt-get install ovmf)" >&2
			return 1
		fi
	done
	dir=$(mktemp -d "${TMPDIR:-/tmp}/tlbprobe-ovmf.XXXXXX") || return 1
	# Chain onto any EXIT trap already set; $dir is expanded now on purpose.
	# shellcheck disable=SC2064
	trap "rm -rf '$dir'; $(trap -p EXIT | sed "s/^trap -- '\(.*\)' EXIT\$/\1/")" EXIT
	cp "$OVMF_VARS" "$dir/vars.fd" || return 1
	args+=(-drive if=pflash,format=raw,unit=0,readonly=on,file="$OVMF_CODE"
		-drive if=pflash,format=raw,unit=1,file="$dir/vars.fd")
}

boot_args_uefi() {
	if [ ! -r "${RC_ISO:-$BUILD/tlbprobe.iso}" ]; then
		echo "run-qemu: ${RC_ISO:-$BUILD/tlbprobe.iso} missing (make iso)" >&2
		return 1
	fi
	ovmf_args || return 1
	args+=(-drive file="${RC_ISO:-$BUILD/tlbprobe.iso}",format=raw,media=cdrom -boot d)
}

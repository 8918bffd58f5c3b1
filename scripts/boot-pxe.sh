# shellcheck shell=bash disable=SC2054  # QEMU options are comma lists
# Network boot from the TFTP tree of `make netboot` ($BUILD/netboot), served
# by QEMU's user-mode network (its built-in DHCP and TFTP server):
#   BOOT=pxe       BIOS: the NIC's iPXE ROM (package ipxe-qemu) fetches GRUB's
#                  PXE image boot/grub/i386-pc/core.0, which loads
#                  boot/grub/grub.cfg and multiboot2 /tlbprobe.elf
#   BOOT=ipxe      BIOS: iPXE runs the script tlbprobe.ipxe, which loads
#                  tlbprobe.elf itself through multiboot1 (no GRUB)
#   BOOT=pxe-uefi  OVMF and the NIC's UEFI iPXE ROM fetch
#                  boot/grub/x86_64-efi/core.efi, then as BOOT=pxe (UEFI iPXE
#                  cannot load multiboot images itself)
# Sourced by scripts/run-qemu.sh, which calls boot_args_$BOOT.  The kernel
# command line is the one baked into the tree (make netboot
# NETBOOT_CMDLINE=...); CMDLINE is not used here.
# Variables: NETBOOT (the TFTP root), NIC (QEMU NIC model, default
# virtio-net-pci; e1000 and e1000e work too).

NETBOOT=${NETBOOT:-$BUILD/netboot}
NIC=${NIC:-virtio-net-pci}

# netboot_args BOOTFILE: a NIC on QEMU's user network whose DHCP server
# offers BOOTFILE from the TFTP root $NETBOOT; network boot first.
netboot_args() {
	local root
	root=$(realpath -e "$NETBOOT" 2>/dev/null)
	if [ -z "$root" ] || [ ! -r "$root/$1" ]; then
		echo "run-qemu: $NETBOOT/$1 missing (make netboot)" >&2
		return 1
	fi
	if [[ "$root" == *,* ]]; then
		echo "run-qemu: the TFTP root '$root' must not contain a comma" >&2
		return 1
	fi
	args+=(-netdev user,id=n0,tftp="$root",bootfile="$1"
		-device "$NIC",netdev=n0 -boot n)
}

boot_args_pxe() {
	netboot_args boot/grub/i386-pc/core.0
}

boot_args_ipxe() {
	netboot_args tlbprobe.ipxe
}

# ovmf_args comes from scripts/boot-uefi.sh (run-qemu sources every boot-*.sh).
boot_args_pxe_uefi() {
	ovmf_args || return 1
	netboot_args boot/grub/x86_64-efi/core.efi
}
# BOOT=pxe-uefi as documented; bash allows '-' in function names.
boot_args_pxe-uefi() {
	boot_args_pxe_uefi
}

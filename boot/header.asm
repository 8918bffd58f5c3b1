; SPDX-License-Identifier: MIT
; Multiboot 1 and 2 headers.  Both must lie early in the file (8 KiB and
; 32 KiB), so the linker puts .multiboot first.
;
; Multiboot 1 uses the a.out-kludge load fields (flag 16): QEMU's -kernel and
; iPXE refuse an ELF64 otherwise, and with them they load the file image at
; load_addr no matter what the ELF headers say.  The linker script keeps the
; file layout equal to the memory layout so that this works.

extern __load_start, __load_end, __bss_end, _start32

MB1_MAGIC	equ 0x1BADB002
MB1_FLAGS	equ (1 << 1) | (1 << 16)	; memory info, load fields
MB2_MAGIC	equ 0xE85250D6
MB2_ARCH_I386	equ 0

section .multiboot progbits alloc noexec nowrite align=8
global mb1_header
mb1_header:
	dd MB1_MAGIC
	dd MB1_FLAGS
	dd -(MB1_MAGIC + MB1_FLAGS)
	dd mb1_header		; header_addr
	dd __load_start		; load_addr
	dd __load_end		; load_end_addr
	dd __bss_end		; bss_end_addr
	dd _start32		; entry_addr

align 8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	; information request: command line, loader name, modules, memory map
	align 8
	dw 1, 0
	dd 8 + 4 * 4
	dd 1, 2, 3, 6
	; and, if the loader can, the framebuffer (type 8) and the ACPI RSDP
	; (types 14, 15): optional
	align 8
	dw 1, 1
	dd 8 + 3 * 4
	dd 8, 14, 15
	; console flags: EGA text is supported (not required).  No framebuffer
	; header tag: with one GRUB switches to a graphics mode; without, it
	; stays in text mode and reports the EGA text screen in tag 8
	align 8
	dw 4, 0
	dd 12
	dd 2
	; end tag
	align 8
	dw 0, 0
	dd 8
mb2_header_end:

; SPDX-License-Identifier: MIT
; The secondary CPUs' way in (SDM vol. 3A 9.4, 10.8.5).  A startup IPI
; starts a CPU in real mode at CS = page << 8, IP = 0, so this code is
; copied to a free page below 1 MiB (kernel/smp_boot.c) and the fields at
; its end are filled in there.  It goes from real mode straight to long
; mode (PE and PG set together, SDM 10.8.5) on the kernel's own page
; tables, which identity-map this page, then jumps to the kernel.
; Position-independent: 16-bit code addresses the page through CS/DS, the
; 64-bit code RIP-relative.

section .rodata
align 16
global trampoline_start, trampoline_end
global trampoline_gdtr, trampoline_far, trampoline_cr3, trampoline_efer
global trampoline_stack, trampoline_entry, trampoline_arg, trampoline_stage

%define OFF(x) ((x) - trampoline_start)

bits 16
trampoline_start:
	cli
	cld
	mov ax, cs
	mov ds, ax
	mov byte [OFF(trampoline_stage)], 1	; the CPU is alive
	o32 lgdt [OFF(trampoline_gdtr)]
	mov eax, 1 << 5				; CR4: PAE only
	mov cr4, eax
	mov eax, [OFF(trampoline_cr3)]
	mov cr3, eax
	mov ecx, 0xC0000080			; EFER: LME (and NXE as the BSP has)
	mov eax, [OFF(trampoline_efer)]
	xor edx, edx
	wrmsr
	mov eax, 0x80010001			; PG | WP | PE, as boot/entry.asm
	mov cr0, eax
	jmp far dword [OFF(trampoline_far)]

bits 64
trampoline_long:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov byte [rel trampoline_stage], 2	; in long mode
	mov rsp, [rel trampoline_stack]
	mov rdi, [rel trampoline_arg]
	mov rax, [rel trampoline_entry]
	xor ebp, ebp
	push rbp				; a null return address
	jmp rax

align 8
trampoline_gdt:
	dq 0
	dq 0x00AF9A000000FFFF		; 0x08: 64-bit code
	dq 0x00CF92000000FFFF		; 0x10: data
trampoline_gdtr:
	dw 23
	dd 0				; linear address of trampoline_gdt
	dw 0
trampoline_far:
	dd 0				; linear address of trampoline_long
	dw 0x08
	dw 0
trampoline_cr3:		dd 0
trampoline_efer:	dd 0
align 8
trampoline_stack:	dq 0
trampoline_entry:	dq 0
trampoline_arg:		dq 0
trampoline_stage:	db 0
align 16
trampoline_end:

global trampoline_gdt_off, trampoline_long_off
trampoline_gdt_off:	dq OFF(trampoline_gdt)
trampoline_long_off:	dq OFF(trampoline_long)

; SPDX-License-Identifier: MIT
; The secondary CPUs' way in.  A startup IPI starts a CPU in real mode at
; CS = page << 8, IP = 0 (SDM vol. 3A 9.4.4), so this code is copied to a
; free page below 1 MiB (kernel/smp_boot.c), which the kernel's own page
; tables identity-map, and the fields at its end are filled in there.  It
; takes the path SDM vol. 3A 10.8.5 prescribes: protected mode first, then
; PAE, CR3 and EFER.LME with paging off, then paging on, then a far jump
; to a 64-bit code segment; and from there into the kernel.
; Position-independent: real-mode code addresses the page through CS/DS,
; 32-bit code through EBX (the page's linear address), 64-bit code
; RIP-relative.

section .rodata
align 16
global trampoline_start, trampoline_end
global trampoline_gdtr, trampoline_far32, trampoline_far64, trampoline_cr3
global trampoline_efer, trampoline_stack, trampoline_entry, trampoline_arg
global trampoline_stage

%define OFF(x) ((x) - trampoline_start)

bits 16
trampoline_start:
	cli
	cld
	mov ax, cs
	mov ds, ax
	movzx ebx, ax
	shl ebx, 4				; the page's linear address
	mov byte [OFF(trampoline_stage)], 1	; the CPU is alive
	o32 lgdt [OFF(trampoline_gdtr)]
	mov eax, 0x00000001			; PE: protected mode
	mov cr0, eax
	jmp far dword [OFF(trampoline_far32)]

bits 32
trampoline_prot:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov byte [ebx + OFF(trampoline_stage)], 2	; protected mode
	mov eax, 1 << 5				; CR4: PAE only
	mov cr4, eax
	mov eax, [ebx + OFF(trampoline_cr3)]
	mov cr3, eax
	mov ecx, 0xC0000080			; EFER: LME (and NXE as the BSP has)
	mov eax, [ebx + OFF(trampoline_efer)]
	xor edx, edx
	wrmsr
	mov eax, 0x80010001			; PG | WP | PE, as boot/entry.asm
	mov cr0, eax
	jmp far dword [ebx + OFF(trampoline_far64)]

bits 64
trampoline_long:
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov byte [rel trampoline_stage], 3	; long mode
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
	dq 0x00CF9A000000FFFF		; 0x18: 32-bit code
trampoline_gdtr:
	dw 31
	dd 0				; linear address of trampoline_gdt
	dw 0
trampoline_far32:
	dd 0				; linear address of trampoline_prot
	dw 0x18
	dw 0
trampoline_far64:
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

global trampoline_gdt_off, trampoline_prot_off, trampoline_long_off
trampoline_gdt_off:	dq OFF(trampoline_gdt)
trampoline_prot_off:	dq OFF(trampoline_prot)
trampoline_long_off:	dq OFF(trampoline_long)

; SPDX-License-Identifier: MIT
; 32-bit entry for both multiboot protocols, then the switch to long mode.
;
; The loader leaves us in flat 32-bit protected mode with paging off, but
; GRUB on EFI may leave other CR0/CR4 bits set: every control register is
; written whole here rather than patched.  The early tables identity-map the
; first 4 GiB with 2 MiB pages only so that the C code can run; the C code
; replaces them with its own tables at once.

extern kmain

section .text.boot progbits alloc exec nowrite align=16
bits 32
global _start32
_start32:
	cli
	cld
	mov esp, boot_stack_top
	mov [boot_magic], eax
	mov [boot_info], ebx

	; CPUID must exist (ID flag toggles) and report long mode.
	pushfd
	pop eax
	mov ecx, eax
	xor eax, 1 << 21
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	xor eax, ecx
	jz .no_long_mode
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	jz .no_long_mode
	mov [boot_ext_edx], edx

	call build_early_tables

	mov eax, 1 << 5			; CR4: PAE only
	mov cr4, eax
	mov eax, early_pml4
	mov cr3, eax
	mov ecx, 0xC0000080		; EFER
	rdmsr
	or eax, 1 << 8			; LME
	test dword [boot_ext_edx], 1 << 20
	jz .no_nx
	or eax, 1 << 11			; NXE
.no_nx:
	wrmsr
	mov eax, 0x80010001		; PG | WP | PE, caches enabled
	mov cr0, eax
	lgdt [gdt64_ptr]
	jmp 0x08:long_entry

.no_long_mode:
	mov esi, msg_no_lm
	call early_puts
.halt:
	hlt
	jmp .halt

; Fill PML4[0] -> PDPT, PDPT[0..3] -> PD0..3, 2 MiB pages over 0..4 GiB.
build_early_tables:
	mov edi, early_pml4
	mov ecx, (4096 * 6) / 4
	xor eax, eax
	rep stosd
	mov dword [early_pml4], early_pdpt + 3
	xor ecx, ecx
.pdpt:
	mov eax, ecx
	shl eax, 12
	add eax, early_pd + 3
	mov [early_pdpt + ecx * 8], eax
	inc ecx
	cmp ecx, 4
	jb .pdpt
	xor ecx, ecx
.pd:
	mov eax, ecx
	shl eax, 21
	or eax, 0x83			; P | RW | PS
	mov [early_pd + ecx * 8], eax
	mov eax, ecx
	shr eax, 11			; bits 32+ of the address
	mov [early_pd + ecx * 8 + 4], eax
	inc ecx
	cmp ecx, 2048
	jb .pd
	ret

; Without long mode nothing else can run: say so on COM1 and the VGA screen.
early_puts:
	mov edi, 0xB8000
.next:
	lodsb
	test al, al
	jz .done
	mov ah, 0x4F
	mov [edi], ax
	add edi, 2
	mov dx, 0x3FD
	mov bl, al
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov dx, 0x3F8
	mov al, bl
	out dx, al
	jmp .next
.done:
	ret

bits 64
long_entry:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov rsp, boot_stack_top
	mov edi, [boot_magic]
	mov esi, [boot_info]
	call kmain
.hang:
	cli
	hlt
	jmp .hang

section .rodata
msg_no_lm: db "tlbprobe: this CPU has no long mode (x86-64); stopping", 13, 10, 0

align 16
gdt64:
	dq 0
	dq 0x00AF9A000000FFFF		; 0x08: 64-bit code
	dq 0x00CF92000000FFFF		; 0x10: data
gdt64_end:
gdt64_ptr:
	dw gdt64_end - gdt64 - 1
	dd gdt64

section .bss
align 4096
early_pml4:	resb 4096
early_pdpt:	resb 4096
early_pd:	resb 4096 * 4
boot_stack:	resb 16384
global boot_stack_top
boot_stack_top:
boot_magic:	resd 1
boot_info:	resd 1
boot_ext_edx:	resd 1

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

	; CPUID must exist (ID flag toggles) and report everything the switch
	; to long mode uses; otherwise say which is missing and end the run.
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
	mov esi, msg_no_cpuid
	jz early_fail
	mov byte [have_cpuid], 1
	xor eax, eax
	cpuid
	cmp eax, 1
	mov esi, msg_no_leaf1
	jb early_fail
	mov eax, 1
	cpuid
	test edx, 1 << 6
	mov esi, msg_no_pae
	jz early_fail
	test edx, 1 << 5
	mov esi, msg_no_msr
	jz early_fail
	test edx, 1 << 4
	mov esi, msg_no_tsc
	jz early_fail
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	mov esi, msg_no_lm
	jb early_fail
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	mov esi, msg_no_lm
	jz early_fail
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

; The CPU cannot run the kernel: end the run as the kernel ends a fatal one
; (kernel/report.c report_fatal), so that a log reader, the checker and the
; runner all see a verdict: a KTAP header, "# error:" with the reason (esi),
; totals and the done marker, whose digest and crc are those of these exact
; lines (docs/log-format.md, "Integrity").  Then the QEMU exit device, as
; platform_finish() uses it, else halt.
early_fail:
	push esi
	call vga_known
	mov [vga_cursor], eax
	test eax, eax
	jz .no_vga
	mov edi, eax			; clear the firmware's text first
	mov ecx, 80 * 25
	mov ax, 0x0720
	rep stosw
.no_vga:
	mov esi, msg_fail_head
	call early_puts
	pop esi
	call early_puts
	mov esi, msg_fail_tail
	call early_puts
	call is_qemu
	test eax, eax
	jz .halt
	mov dx, 0xF4
	mov al, 1			; QEMU exits with status 3: verdict fail
	out dx, al
.halt:
	cli
	hlt
	jmp .halt

; eax = 1 under QEMU: a hypervisor (CPUID.1:ECX bit 31) whose fw_cfg says
; "QEMU", as kernel/platform.c asks; the port is touched only under one.
is_qemu:
	xor eax, eax
	cmp byte [have_cpuid], 0
	je .no
	mov eax, 1
	cpuid
	xor eax, eax
	test ecx, 1 << 31
	jz .no
	mov dx, 0x510
	xor eax, eax
	out dx, ax			; FW_CFG_SIGNATURE
	mov dx, 0x511
	mov ecx, sig_qemu
.sig:
	in al, dx
	cmp al, [ecx]
	jne .not
	inc ecx
	cmp byte [ecx], 0
	jne .sig
	mov eax, 1
	ret
.not:
	xor eax, eax
.no:
	ret

; eax = the VGA text buffer where the loader says there is one (as
; kernel/bootinfo.c decides: an EGA text framebuffer, or a loader that
; boots only from a BIOS), else 0: under UEFI 0xB8000 may be anything.
vga_known:
	mov ebx, [boot_info]
	cmp dword [boot_magic], 0x2BADB002
	je .mb1
	cmp dword [boot_magic], 0x36D76289
	jne .none
	lea ecx, [ebx + 8]		; multiboot2: walk the tags
.tag:
	mov eax, [ecx]
	test eax, eax
	jz .none
	cmp eax, 8			; framebuffer
	jne .next_tag
	cmp byte [ecx + 29], 2		; EGA text
	je .yes
.next_tag:
	mov eax, [ecx + 4]
	cmp eax, 8
	jb .none
	add eax, 7
	and eax, ~7
	add ecx, eax
	jmp .tag
.mb1:
	mov eax, [ebx]
	test eax, 1 << 12
	jz .name
	cmp byte [ebx + 109], 2
	je .yes
.name:
	test dword [ebx], 1 << 9	; boot_loader_name
	jz .none
	mov ecx, [ebx + 64]
	cmp dword [ecx], 'qemu'
	je .yes
	cmp dword [ecx], 'iPXE'
	je .yes
.none:
	xor eax, eax
	ret
.yes:
	mov eax, 0xB8000
	ret

; esi: a NUL-terminated string for COM1 (polled, 115200 as the loader or
; firmware left it) and, when vga_cursor is set, the VGA text screen.
early_puts:
.next:
	lodsb
	test al, al
	jz .done
	mov bl, al
	mov edi, [vga_cursor]
	test edi, edi
	jz .serial
	cmp bl, 13
	je .serial
	cmp bl, 10
	jne .cell
	sub edi, 0xB8000		; next row
	mov eax, edi
	xor edx, edx
	mov ecx, 160
	div ecx
	sub edi, edx
	add edi, 0xB8000 + 160
	jmp .store
.cell:
	mov al, bl
	mov ah, 0x4F
	mov [edi], ax
	add edi, 2
.store:
	mov [vga_cursor], edi
.serial:
	mov dx, 0x3FD
	mov ecx, 100000			; a missing UART must not hang us
.wait:
	in al, dx
	test al, 0x20
	jnz .send
	loop .wait
.send:
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
; What each missing feature is, and why it is needed.
msg_no_cpuid:	db "this CPU has no CPUID instruction, so no long mode (x86-64): tlbprobe needs a 64-bit CPU", 0
msg_no_leaf1:	db "this CPU's CPUID has no leaf 1, so no long mode (x86-64): tlbprobe needs a 64-bit CPU", 0
msg_no_pae:	db "this CPU has no PAE (CPUID.1:EDX bit 6), which long mode (x86-64) needs: tlbprobe needs a 64-bit CPU", 0
msg_no_msr:	db "this CPU has no RDMSR/WRMSR (CPUID.1:EDX bit 5), which turning on long mode (EFER.LME) needs", 0
msg_no_tsc:	db "this CPU has no time-stamp counter (CPUID.1:EDX bit 4), which tlbprobe's timer needs", 0
msg_no_lm:	db "this CPU has no long mode (x86-64; CPUID.80000001h:EDX bit 29): tlbprobe needs a 64-bit CPU", 0
sig_qemu:	db "QEMU", 0
msg_fail_head:	db "KTAP version 1", 13, 10, "# error: ", 0
; The digest and crc below are the CRC-32s of these lines (docs/log-format.md).
msg_fail_tail:	db 13, 10, "# totals: pass=0 fail=1 skip=0 observation=0", 13, 10
		db "# TLBPROBE-DONE verdict=fail reason=fatal digest_lines=1 digest=fe386d16 crc=069c0b0f", 13, 10, 0

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
vga_cursor:	resd 1
have_cpuid:	resb 1

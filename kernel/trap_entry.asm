; SPDX-License-Identifier: MIT
; Exception entry stubs for vectors 0-31.  Each pushes a dummy error code
; where the CPU pushes none, then the vector, so that trap_dispatch() sees
; one frame layout (struct trap_frame in kernel/traps.h).

extern trap_dispatch

section .text
bits 64

%macro STUB_NOERR 1
trap_stub_%1:
	push qword 0
	push qword %1
	jmp trap_common
%endmacro

%macro STUB_ERR 1
trap_stub_%1:
	push qword %1
	jmp trap_common
%endmacro

%assign v 0
%rep 32
%if v == 8 || v == 10 || v == 11 || v == 12 || v == 13 || v == 14 || v == 17 || v == 21 || v == 29 || v == 30
	STUB_ERR v
%else
	STUB_NOERR v
%endif
%assign v v + 1
%endrep

; The interrupts tlbprobe sends itself (vectors in kernel/traps.h): the
; same frame, so that trap_dispatch() hands them to irq_handle().
global irq_stub_call, irq_stub_shootdown, irq_stub_spurious
irq_stub_call:
	push qword 0
	push qword 0xF1
	jmp trap_common
irq_stub_shootdown:
	push qword 0
	push qword 0xF0
	jmp trap_common
; A spurious interrupt needs no EOI and no work.
irq_stub_spurious:
	iretq

trap_common:
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
	mov rdi, rsp
	cld
	call trap_dispatch
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
	add rsp, 16
	iretq

section .rodata
align 8
global trap_stubs
trap_stubs:
%assign v 0
%rep 32
	dq trap_stub_ %+ v
%assign v v + 1
%endrep

; Reload CS after the C code loads its own GDT: a far return to the next line.
section .text
global gdt_reload_segments
gdt_reload_segments:
	; rdi = code selector, rsi = data selector
	mov ds, si
	mov es, si
	mov ss, si
	pop rax
	push rdi
	push rax
	retfq

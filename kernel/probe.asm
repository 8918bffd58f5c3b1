; SPDX-License-Identifier: MIT
; Memory accesses that are allowed to fault.  Each faulting instruction has
; an exception-table entry (instruction address, fixup address); the trap
; handler records the fault and resumes at the fixup, which returns the
; sentinel in rax.  The C side learns of the fault from the recorded data,
; not from the sentinel, since any value can be read from memory.

section .text
bits 64

; u64 probe_read64_raw(u64 va)
global probe_read64_raw
probe_read64_raw:
.insn:
	mov rax, [rdi]
	ret
.fixup:
	mov rax, -1
	ret

; void probe_write64_raw(u64 va, u64 value)
global probe_write64_raw
probe_write64_raw:
.insn:
	mov [rdi], rsi
	ret
.fixup:
	ret

; void probe_wrmsr_raw(u32 msr, u64 value): a #GP for a refused write is
; recovered like a probe fault
global probe_wrmsr_raw
probe_wrmsr_raw:
	mov ecx, edi
	mov eax, esi
	mov rdx, rsi
	shr rdx, 32
.insn:
	wrmsr
	ret
.fixup:
	ret

; u64 probe_rdmsr_raw(u32 msr): a #GP for an absent MSR is recovered alike
global probe_rdmsr_raw
probe_rdmsr_raw:
	mov ecx, edi
.insn:
	rdmsr
	shl rdx, 32
	or rax, rdx
	ret
.fixup:
	mov rax, -1
	ret

section .extable
	dq probe_read64_raw.insn, probe_read64_raw.fixup
	dq probe_write64_raw.insn, probe_write64_raw.fixup
	dq probe_wrmsr_raw.insn, probe_wrmsr_raw.fixup
	dq probe_rdmsr_raw.insn, probe_rdmsr_raw.fixup

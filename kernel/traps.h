/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_TRAPS_H
#define TLBPROBE_TRAPS_H

#include "kernel/types.h"
#include "kernel/hw.h"

struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error;
	u64 rip, cs, rflags, rsp, ss;
};

#define VEC_DE	0
#define VEC_UD	6
#define VEC_DF	8
#define VEC_GP	13
#define VEC_PF	14
#define VEC_MC	18

/* #PF error code bits (SDM 4.7). */
#define PF_P	(1U << 0)
#define PF_W	(1U << 1)
#define PF_U	(1U << 2)
#define PF_RSVD	(1U << 3)
#define PF_I	(1U << 4)

/*
 * What an unexpected exception calls: it must report and end the run.
 * The owner of the run (kernel/main.c) hands it to traps_init(), so that
 * the trap code does not depend on it.
 */
typedef void trap_abort_fn(const struct trap_frame *tf);
void traps_init(trap_abort_fn *on_abort);
const char *trap_name(u64 vector);
/* Fill buf with "P W RSVD ..." for a #PF error code. */
void pf_error_decode(u64 error, char *buf, size_t len);

/*
 * Probed accesses: 0 and the value on success, -1 and the fault on a
 * fault that the exception table covers.
 */
int probe_read64(u64 va, u64 *value, struct fault_info *fi);
int probe_write64(u64 va, u64 value, struct fault_info *fi);
/* WRMSR/RDMSR that may #GP (a CPU refusing): -1 and the fault then. */
int probe_wrmsr(u32 msr, u64 value, struct fault_info *fi);
int probe_rdmsr(u32 msr, u64 *value, struct fault_info *fi);

/* Set while a scenario runs, so that an unexpected trap names it. */
void traps_set_context(const char *scenario);
const char *traps_context(void);


/* Machine checks are handled by the MCE module if one is linked in. */
bool mce_handle(struct trap_frame *tf);

#endif

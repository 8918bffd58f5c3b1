// SPDX-License-Identifier: MIT
#include "kernel/percpu.h"
#include "kernel/io.h"

#define MSR_GS_BASE	0xC0000101

struct percpu percpu[MAX_CPUS];
int nr_cpus = 1;

void percpu_attach(struct percpu *p)
{
	p->self = p;
	p->index = (int)(p - percpu);
	wrmsr(MSR_GS_BASE, (u64)(uintptr_t)p);
}

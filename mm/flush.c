// SPDX-License-Identifier: MIT
/* The flush instructions themselves (kernel only). */
#include "mm/flush.h"
#include "kernel/cpu.h"
#include "kernel/io.h"

static void invlpg(u64 va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static void invpcid(unsigned long type, u16 pcid, u64 va)
{
	struct {
		u64 pcid;
		u64 va;
	} desc = { pcid, va };

	__asm__ volatile("invpcid %0, %1" : : "m"(desc), "r"(type) : "memory");
}

static void toggle_pge(void)
{
	u64 cr4 = read_cr4();

	/* Any write that changes CR4.PGE drops every entry of every PCID. */
	if (cr4 & CR4_PGE) {
		write_cr4(cr4 & ~CR4_PGE);
		write_cr4(cr4);
	} else if (cpu_info.pge) {
		write_cr4(cr4 | CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
}

void flush_cpu(const struct flush_req *req)
{
	switch (req->kind) {
	case FLUSH_NONE:
		break;
	case FLUSH_INVLPG:
		invlpg(req->va);
		break;
	case FLUSH_CR3:
		write_cr3(read_cr3());
		break;
	case FLUSH_PGE:
	case FLUSH_FULL:
		toggle_pge();
		break;
	case FLUSH_INVPCID_ADDR:
		invpcid(0, req->pcid, req->va);
		break;
	case FLUSH_INVPCID_CTX:
		invpcid(1, req->pcid, 0);
		break;
	case FLUSH_INVPCID_ALL_G:
		invpcid(2, 0, 0);
		break;
	case FLUSH_INVPCID_ALL:
		invpcid(3, 0, 0);
		break;
	default:
		break;
	}
}

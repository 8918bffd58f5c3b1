/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_LINUX_SEQ_H
#define TLBPROBE_LINUX_SEQ_H

/*
 * The Linux sequences, written once for the collapse engine and the bench
 * (arch/x86/mm/pgtable.c, mm/vmalloc.c):
 *   collapse: pmd_free_pte_page()/pud_free_pmd_page() (clear the upper
 *             entry, flush as told, free the table pages), the freed
 *             pages taken straight back (LIFO) and handed to a reuse
 *             callback, then pmd_set_huge()/pud_set_huge();
 *   revert:   no collapse: the new mapping written as 4 KiB entries into
 *             the PTE page that is already there.
 */
#include "kernel/types.h"
#include "mm/pgtable.h"

#define LINUX_SEQ_TABLES_MAX	8

struct linux_collapse {
	enum pt_level level;	/* PT_LEVEL_PMD or PT_LEVEL_PUD */
	u64 va;			/* the region, aligned to its size */
	u64 huge_pa;
	u64 leaf_flags;
	struct flush_req req;
	/* The table pages that will be freed; the ones taken back must be these. */
	const u64 *tables;
	int nr_tables;
	/* Called on each page taken back; upper: it was the PMD page. */
	void (*reuse)(void *arg, u64 table, bool upper);
	void *arg;
	u64 freed;		/* out: the page the free returned */
};

/* NULL on success, else which step failed. */
const char *linux_collapse(struct pgt *p, struct linux_collapse *lc);
/* Write 512 PTEs into pte_page: pa, pa + 4 KiB, ... with flags (and P). */
void linux_revert_pte_page(u64 pte_page, u64 pa, u64 flags);

#endif

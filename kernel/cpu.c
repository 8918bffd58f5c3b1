// SPDX-License-Identifier: MIT
/* CPU identification: what the report needs and what gates scenarios. */
#include "kernel/cpu.h"
#include "kernel/strutil.h"

struct cpu_info cpu_info;

void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ volatile("cpuid"
			 : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			 : "a"(leaf), "c"(sub));
}

static void put_reg(char *dst, u32 r)
{
	dst[0] = (char)(r & 0xff);
	dst[1] = (char)((r >> 8) & 0xff);
	dst[2] = (char)((r >> 16) & 0xff);
	dst[3] = (char)(r >> 24);
}

static void trim(char *s)
{
	int start = 0, i = 0, end;

	while (s[start] == ' ')
		start++;
	while (s[start + i]) {
		s[i] = s[start + i];
		i++;
	}
	s[i] = '\0';
	for (end = i; end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\0'); end--)
		s[end - 1] = '\0';
}

static void identify_basic(struct cpu_info *ci)
{
	u32 a, b, c, d, base_fam, base_model;

	cpuid(0, 0, &ci->max_leaf, &b, &c, &d);
	put_reg(ci->vendor, b);
	put_reg(ci->vendor + 4, d);
	put_reg(ci->vendor + 8, c);
	ci->vendor[12] = '\0';

	cpuid(1, 0, &a, &b, &c, &d);
	base_fam = (a >> 8) & 0xf;
	base_model = (a >> 4) & 0xf;
	ci->stepping = a & 0xf;
	ci->family = base_fam == 0xf ? base_fam + ((a >> 20) & 0xff) : base_fam;
	ci->model = (base_fam == 0x6 || base_fam == 0xf) ?
		    (((a >> 16) & 0xf) << 4) | base_model : base_model;
	ci->pge = d & (1U << 13);
	ci->mce = d & (1U << 7);
	ci->mca = d & (1U << 14);
	ci->tsc = d & (1U << 4);
	ci->pcid = c & (1U << 17);
	ci->hypervisor_bit = c & (1U << 31);

	if (ci->max_leaf >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		ci->invpcid = b & (1U << 10);
		ci->smep = b & (1U << 7);
		ci->smap = b & (1U << 20);
		ci->la57 = c & (1U << 16);
	}
	if (ci->max_leaf >= 0x15) {
		cpuid(0x15, 0, &a, &b, &c, &d);
		if (a && b && c)
			ci->tsc_khz_cpuid = (u32)((u64)c * b / a / 1000);
	}
	if (!ci->tsc_khz_cpuid && ci->max_leaf >= 0x16) {
		cpuid(0x16, 0, &a, &b, &c, &d);
		ci->tsc_khz_cpuid = (a & 0xffff) * 1000;
	}
}

static void identify_ext(struct cpu_info *ci)
{
	u32 a, b, c, d, i;

	cpuid(0x80000000, 0, &ci->max_ext_leaf, &b, &c, &d);
	if (ci->max_ext_leaf >= 0x80000001) {
		cpuid(0x80000001, 0, &a, &b, &c, &d);
		ci->nx = d & (1U << 20);
		ci->pdpe1gb = d & (1U << 26);
		ci->rdtscp = d & (1U << 27);
		ci->tce = c & (1U << 17);
	}
	if (ci->max_ext_leaf >= 0x80000004) {
		for (i = 0; i < 3; i++) {
			cpuid(0x80000002 + i, 0, &a, &b, &c, &d);
			put_reg(ci->brand + i * 16, a);
			put_reg(ci->brand + i * 16 + 4, b);
			put_reg(ci->brand + i * 16 + 8, c);
			put_reg(ci->brand + i * 16 + 12, d);
		}
		ci->brand[48] = '\0';
		trim(ci->brand);
	}
	if (ci->max_ext_leaf >= 0x80000007) {
		cpuid(0x80000007, 0, &a, &b, &c, &d);
		ci->invtsc = d & (1U << 8);
	}
	ci->maxphyaddr = 36;
	ci->maxlinaddr = 48;
	if (ci->max_ext_leaf >= 0x80000008) {
		cpuid(0x80000008, 0, &a, &b, &c, &d);
		ci->maxphyaddr = a & 0xff;
		ci->maxlinaddr = (a >> 8) & 0xff;
	}
}

static void identify_hypervisor(struct cpu_info *ci)
{
	u32 a, b, c, d;

	ci->hypervisor[0] = '\0';
	if (!ci->hypervisor_bit)
		return;
	cpuid(0x40000000, 0, &a, &b, &c, &d);
	put_reg(ci->hypervisor, b);
	put_reg(ci->hypervisor + 4, c);
	put_reg(ci->hypervisor + 8, d);
	ci->hypervisor[12] = '\0';
}

void cpu_identify(struct cpu_info *ci)
{
	*ci = (struct cpu_info){ 0 };
	identify_basic(ci);
	identify_ext(ci);
	identify_hypervisor(ci);
}

const char *cpu_accel_name(const struct cpu_info *ci)
{
	if (!ci->hypervisor_bit)
		return "none";
	if (str_starts_with(ci->hypervisor, "TCGTCGTCGTCG"))
		return "tcg";
	if (str_starts_with(ci->hypervisor, "KVMKVMKVM"))
		return "kvm";
	return "other";
}

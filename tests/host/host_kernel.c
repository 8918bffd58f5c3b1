// SPDX-License-Identifier: MIT
/*
 * What the experiment code needs from the kernel beyond the hardware seam,
 * on the host (host_hw.h): the console as a text buffer, a CPU description
 * the tests may change, a clock that never advances, the MCA bank model
 * behind the machine-check counters, and the trap context name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/host/host_test.h"
#include "tests/host/host_hw.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/mce.h"
#include "kernel/timer.h"
#include "kernel/traps.h"

/* Like QEMU's TCG -cpu max: no PCID, no INVPCID, 1 GiB pages. */
struct cpu_info cpu_info = {
	.vendor = "HostTest",
	.pge = true, .pdpe1gb = true, .nx = true, .mca = true, .mce = true,
	.tsc = true, .maxphyaddr = 40, .maxlinaddr = 48,
};

static char *text;
static size_t text_len, text_cap;

void host_console_reset(void)
{
	text_len = 0;
	if (text)
		text[0] = '\0';
}

const char *host_console_text(void)
{
	return text ? text : "";
}

void kputs(const char *s)
{
	size_t n = strlen(s);

	if (text_len + n + 1 > text_cap) {
		text_cap = (text_len + n + 1) * 2;
		text = realloc(text, text_cap);
		assert_non_null(text);
	}
	memcpy(text + text_len, s, n + 1);
	text_len += n;
	if (getenv("HOST_TEST_CONSOLE"))
		fputs(s, stderr);
}

int kvprintf(const char *fmt, va_list ap)
{
	char buf[1024];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	kputs(buf);
	return n;
}

/* "host", unless a test dresses the host CPU up as QEMU's TCG. */
const char *cpu_accel_name(const struct cpu_info *ci)
{
	return ci->hypervisor_bit && !strncmp(ci->hypervisor, "TCGTCGTCGTCG", 12) ?
	       "tcg" : "host";
}

u64 tsc_hz(void)
{
	return 1000000000ULL;
}

const char *tsc_source(void)
{
	return "host";
}

/* The host's clock stands still unless a test moves it. */
u64 host_now_ms;

u64 time_ms(void)
{
	return host_now_ms;
}

static u64 mce_logged;

/* The kernel's #MC handler counts a raised one; here hw_raise_mc() does. */
u64 mce_count(void)
{
	return host_hw.mc_raised + mce_logged;
}

int mce_scan_banks(const char *scenario)
{
	(void)scenario;
	if (!(host_hw.mc0_status & MCI_VAL))
		return 0;
	host_hw.mc0_status = 0;
	mce_logged++;
	return 1;
}

static const char *context = "host";

void traps_set_context(const char *scenario)
{
	context = scenario;
}

const char *traps_context(void)
{
	return context;
}

// SPDX-License-Identifier: MIT
/* Names for exception vectors and page-fault error codes. */
#include "kernel/traps.h"
#include "kernel/format.h"

static const char *const names[32] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
	"#DF", "CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "RSV15",
	"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "RSV22", "RSV23",
	"RSV24", "RSV25", "RSV26", "RSV27", "#HV", "#VC", "#SX", "RSV31",
};

const char *trap_name(u64 vector)
{
	return vector < 32 ? names[vector] : "IRQ";
}

void pf_error_decode(u64 error, char *buf, size_t len)
{
	fmt_snprintf(buf, len, "%s%s%s%s%s",
		     error & PF_P ? "P" : "NP",
		     error & PF_W ? "+W" : "+R",
		     error & PF_U ? "+U" : "+S",
		     error & PF_RSVD ? "+RSVD" : "",
		     error & PF_I ? "+I" : "");
}

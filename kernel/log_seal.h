/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_LOG_SEAL_H
#define TLBPROBE_LOG_SEAL_H

#include "kernel/types.h"

/*
 * Checksums that let a reader tell a damaged serial log from a good one
 * (docs/log-format.md, "Integrity"): every "# result:" line and the done
 * marker end with " crc=XXXXXXXX", and the done marker also carries
 * "digest_lines=N digest=XXXXXXXX" over the run's result, plan, subtest and
 * totals lines.  It works on the character stream, so no report code has
 * to know: the console passes every character through here.
 *
 * log_seal_putc(c, emit): emit c, preceded at a line end by the fields
 * the line needs.  '\n' ends a line; the caller adds any '\r'.
 */
void log_seal_putc(char c, void (*emit)(char));

#endif

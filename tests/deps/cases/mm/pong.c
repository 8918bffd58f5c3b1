// SPDX-License-Identifier: MIT
/* Positive control: the core including an experiment's header. */
#include "mm/pong.h"
#include "tests/kernel/probe_me.h"

int pong(int n)
{
	return n ? ping(n - 1) : PROBE_ME;
}

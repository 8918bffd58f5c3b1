// SPDX-License-Identifier: MIT
/* Positive control for scripts/check-deps.pl: ping and pong need each other. */
#include "kernel/ping.h"
#include "mm/pong.h"

int ping(int n)
{
	return n ? pong(n - 1) : 0;
}

/* SPDX-License-Identifier: MIT */
/* Positive control: an include circle (ping.h <-> pong.h). */
#ifndef PING_H
#define PING_H
#include "mm/pong.h"
int ping(int n);
#endif

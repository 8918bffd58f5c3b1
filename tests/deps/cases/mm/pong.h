/* SPDX-License-Identifier: MIT */
#ifndef PONG_H
#define PONG_H
#include "kernel/ping.h"
int pong(int n);
#endif

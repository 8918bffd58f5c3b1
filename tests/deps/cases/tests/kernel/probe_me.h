/* SPDX-License-Identifier: MIT */
#define PROBE_ME 1

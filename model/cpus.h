/* SPDX-License-Identifier: MIT */
/* The modelled CPUs (model/cpus.c). */
#ifndef MODEL_CPUS_H
#define MODEL_CPUS_H

#include "kernel/types.h"

/* Between rows: CPU 1 stops following the tables until a full flush. */
void cpus_park(void);
/* Table words CPU 1's model saw change without the seam. */
u64 cpus_remote_bypassed(void);

#endif

// SPDX-License-Identifier: MIT
#include "mm/phys.h"

/* 0 in the kernel (RAM is identity-mapped); the host tests move it. */
uintptr_t phys_map_offset;

/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_TYPES_H
#define TLBPROBE_TYPES_H

/*
 * Only the compiler's freestanding headers: the same files build the kernel
 * and the host unit tests, so nothing here may depend on a libc.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define KIB(x) ((u64)(x) << 10)
#define MIB(x) ((u64)(x) << 20)
#define GIB(x) ((u64)(x) << 30)
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((u64)(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((u64)(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((u64)(a) - 1)) == 0)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#endif

/* SPDX-License-Identifier: MIT */
#ifndef TLBPROBE_VGA_H
#define TLBPROBE_VGA_H

#define VGA_TEXT_PA	0xB8000ULL

void vga_init(void);
void vga_putc(char c);

#endif

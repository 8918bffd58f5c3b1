// SPDX-License-Identifier: MIT
/*
 * A mirror of the report on the 80x25 VGA text screen, for a person at a
 * BIOS machine's console.  It scrolls; the serial log is the record.
 */
#include "kernel/vga.h"
#include "kernel/types.h"
#include "mm/phys.h"

#define COLS 80
#define ROWS 25
#define ATTR 0x07

static int col, row;

static volatile u16 *cell(int r, int c)
{
	return (volatile u16 *)phys_to_virt(VGA_TEXT_PA) + r * COLS + c;
}

static void clear_row(int r)
{
	int c;

	for (c = 0; c < COLS; c++)
		*cell(r, c) = (ATTR << 8) | ' ';
}

void vga_init(void)
{
	int r;

	for (r = 0; r < ROWS; r++)
		clear_row(r);
	col = 0;
	row = 0;
}

static void newline(void)
{
	int r, c;

	col = 0;
	if (++row < ROWS)
		return;
	for (r = 1; r < ROWS; r++)
		for (c = 0; c < COLS; c++)
			*cell(r - 1, c) = *cell(r, c);
	clear_row(ROWS - 1);
	row = ROWS - 1;
}

void vga_putc(char ch)
{
	if (ch == '\n') {
		newline();
		return;
	}
	if (ch == '\r')
		return;
	if (col == COLS)
		newline();
	*cell(row, col++) = (u16)((ATTR << 8) | (u8)ch);
}

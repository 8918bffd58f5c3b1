// SPDX-License-Identifier: MIT
/* Where the report goes: one serial port, optionally the VGA text screen. */
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/log_seal.h"
#include "kernel/vga.h"

static struct console_cfg cfg = {
	/* Before console_init(): try COM1 blindly, the only way to be heard. */
	.serial = { .io_base = 0x3F8, .baud = 115200, .present = true },
};

void console_init(const struct console_cfg *c)
{
	cfg = *c;
	serial_init(&cfg.serial);
	if (cfg.vga_mirror)
		vga_init();
}

const struct console_cfg *console_config(void)
{
	return &cfg;
}

static void console_emit(char c)
{
	/* Serial terminals and log parsers both want CR LF. */
	if (c == '\n')
		serial_putc(&cfg.serial, '\r');
	serial_putc(&cfg.serial, c);
	if (cfg.vga_mirror)
		vga_putc(c);
}

/* Every line passes the sealer, which checksums the lines that matter. */
static void console_putc(char c)
{
	log_seal_putc(c, console_emit);
}

void kputs(const char *s)
{
	while (*s)
		console_putc(*s++);
}

int kvprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	size_t flen = 0;

	/*
	 * Cut to the buffer, a line must still end where the format ends it:
	 * else the next line is glued to this one and a reader loses it.
	 */
	while (fmt[flen])
		flen++;
	if (n >= (int)sizeof(buf) && flen && fmt[flen - 1] == '\n')
		buf[sizeof(buf) - 2] = '\n';
	kputs(buf);
	return n;
}

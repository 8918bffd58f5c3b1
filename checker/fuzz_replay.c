// SPDX-License-Identifier: MIT
/*
 * Replays files through the fuzz entry point without libFuzzer, so the
 * corpus runs under gcc's ASan/UBSan in every test run.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		size_t len;
		char *data = read_file(argv[i], &len);

		if (!data) {
			fprintf(stderr, "fuzz-replay: %s: %s\n", argv[i], strerror(errno));
			bad = 1;
			continue;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
	}
	printf("fuzz-replay: %d inputs\n", argc - 1);
	return bad;
}

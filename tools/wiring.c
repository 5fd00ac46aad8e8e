/* SPDX-License-Identifier: MIT */
/* wiring: writes the setup guide's wiring pictures and tables from the code's own pin table.
 *   wiring header-svg|table [CONFIG]   the header and its wires (the defaults, or CONFIG's)
 *   wiring buttons-svg|buttons-table   where the buttons go under the captions, per panel
 * make update-doc writes them into doc/ and README.md; make check fails when they differ. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "wiring.h"

int main(int argc, char **argv)
{
	struct config config;
	struct inkref_error err = {0};
	int rc = 0;

	config_defaults(&config);
	if (argc < 2 || argc > 3) {
		fprintf(stderr,
			"usage: wiring header-svg|table [CONFIG] | buttons-svg|buttons-table\n");
		return EXIT_USAGE;
	}
	if (argc == 3 && config_load(argv[2], &config, &err) < 0) {
		err_print(&err);
		return err.code;
	}
	if (!strcmp(argv[1], "header-svg"))
		rc = wiring_write_header_svg(stdout, &config, &err);
	else if (!strcmp(argv[1], "table"))
		rc = wiring_write_table(stdout, &config, &err);
	else if (!strcmp(argv[1], "buttons-svg"))
		wiring_write_buttons_svg(stdout);
	else if (!strcmp(argv[1], "buttons-table"))
		wiring_write_buttons_table(stdout);
	else {
		fprintf(stderr, "wiring: unknown output '%s'\n", argv[1]);
		return EXIT_USAGE;
	}
	if (rc < 0) {
		err_print(&err);
		return err.code;
	}
	return fflush(stdout) ? EXIT_IOERR : 0;
}

/* SPDX-License-Identifier: MIT */
/* test_panel: the panel spec parser takes every documented form and nothing else; each model's
 * description is whole (its RAM holds the reader's view, it has a driver and an emulator). */
#include <stdlib.h>

#include "../test.h"
#include "epd.h"
#include "panel.h"

static void every_spec_form_parses(void)
{
	struct panel_spec spec;

	CHECK_INT(panel_spec_parse("waveshare-4in2-v2", &spec), 0);
	CHECK_INT(spec.output, PANEL_HARDWARE);
	CHECK_STR(spec.model.name, "waveshare-4in2-v2");
	CHECK_INT(spec.model.width, 400);

	CHECK_INT(panel_spec_parse("sim:waveshare-2in7-v2", &spec), 0);
	CHECK_INT(spec.output, PANEL_EMULATED);
	CHECK_STR(spec.model.controller, "SSD1680");

	CHECK_INT(panel_spec_parse("png", &spec), 0);
	CHECK_INT(spec.output, PANEL_PNG);
	CHECK_STR(spec.model.name, "png");
	CHECK_INT(spec.model.width, 800);
	CHECK_INT(spec.model.height, 480);
	CHECK_INT(spec.model.body_px, 36); /* the 7.5" type at the 7.5" size */
	CHECK(spec.model.ops == NULL);

	CHECK_INT(panel_spec_parse("png:400x240", &spec), 0);
	CHECK_INT(spec.output, PANEL_PNG);
	CHECK_INT(spec.model.width, 400);
	CHECK_INT(spec.model.body_px, 18); /* half the size, half the type */

	/* png:MODEL: that model's size and type scale, but PNG files only. */
	CHECK_INT(panel_spec_parse("png:waveshare-2in7-v2", &spec), 0);
	CHECK_INT(spec.output, PANEL_PNG);
	CHECK_STR(spec.model.name, "waveshare-2in7-v2");
	CHECK_INT(spec.model.body_px, 15);
}

static void anything_else_is_refused(void)
{
	static const char *const bad[] = {
	    "",
	    "waveshare",
	    "sim:",
	    "sim:png",
	    "sim:png:800x480",
	    "png:",
	    "png:800",
	    "png:800x",
	    "png:159x120",
	    "png:160x119",
	    "png:4097x480",
	    "png:800x480x",
	    "png:800x480 ",
	    "PNG",
	    "png:sim:waveshare-7in5-v2",
	};
	struct panel_spec spec;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (panel_spec_parse(bad[i], &spec) != -1) {
			fprintf(stderr, "accepted '%s'\n", bad[i]);
			CHECK(0);
		}
}

static void each_description_is_whole(void)
{
	int i;

	for (i = 0; i < panel_model_count; i++) {
		const struct panel_model *m = &panel_models[i];
		CHECK(panel_model_find(m->name) == m);
		CHECK(m->ops != NULL);
		CHECK(m->emulator != EMULATOR_NONE);
		CHECK(m->controller[0] != '\0');
		CHECK(m->busy_level == 0 || m->busy_level == 1);
		CHECK(m->timings.full > m->timings.fast && m->timings.fast > m->timings.partial);
		/* The RAM holds the reader's view, turned or not, in whole bytes per row. */
		CHECK_INT(m->rotated ? m->ram_width : m->ram_height, m->height);
		CHECK_INT(m->rotated ? m->ram_height : m->ram_width, m->width);
		CHECK_INT(m->ram_width % 8, 0);
		CHECK(m->large_body_px > m->body_px && m->body_px > m->chrome_px);
		/* Square pixels: the same dot pitch across and down, within a micrometre. */
		CHECK(m->glass_width_um > 0 && m->glass_height_um > 0);
		CHECK(abs(m->glass_width_um / m->width - m->glass_height_um / m->height) <= 1);
	}
	CHECK(panel_model_find("png") == NULL);
}

const struct test_case panel_tests[] = {
    TEST_CASE(panel, every_spec_form_parses),
    TEST_CASE(panel, anything_else_is_refused),
    TEST_CASE(panel, each_description_is_whole),
    {NULL, NULL, NULL},
};

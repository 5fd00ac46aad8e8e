/* SPDX-License-Identifier: MIT */
/* panel: the model table, and the panel spec parser.
 *
 * Type sizes are set by reading distance (doc/rendering.md has the table): capital letters
 * subtend at least 20 minutes of arc (ISO 9241-3's preferred 20-22) at the distance each
 * panel is read from, and large text at least the standard's minimum of 16 at the counter,
 * 650 mm, on every panel. On the 7.5" (0.204 mm pixels) 36 px DejaVu Sans has a 4.1 mm
 * x-height; its large text, 48 px (a 5.3 mm x-height, 28 minutes of arc at 650 mm), is
 * 18-point large print read at 40 cm, the large-print guidelines' minimum, seen from the
 * counter. 54 px (20-point print) left one table row per screen, and a table is read by
 * comparing its rows. 48 px is also the largest size whose 1.2 line height puts six whole
 * lines in the large-text body. The smaller glass gets the largest size that still fits a
 * useful line. A free PNG size keeps the 7.5"'s distance and proportions.
 *
 * Timings are GxEPD2's constants (facts section 3); the UC8179's full refresh is Waveshare's
 * 5 s. The SSD1683's full refresh time is not published: 4 s is an estimate between its fast
 * 1.2 s and the 2.7"'s 6 s. BUSY means busy when low on the UC8179, when high on the
 * SSD168x. The active areas are the vendor's specifications (0.204, 0.212 and 0.217 mm dot
 * pitch). */
#include "panel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epd.h"

const struct panel_model panel_models[] = {
    {
	.name = "waveshare-7in5-v2",
	.controller = "UC8179",
	.width = 800,
	.height = 480,
	.glass_width_um = 163200,
	.glass_height_um = 97920,
	.body_px = 36,
	.chrome_px = 24,
	.large_body_px = 48,
	.large_chrome_px = 30,
	.margin = 28,
	.reading_distance_mm = 650,
	.ram_width = 800,
	.ram_height = 480,
	.rotated = false,
	.busy_level = 0,
	.timings = {.power_on = 140, .power_off = 42, .full = 5000, .fast = 1200, .partial = 450},
	.ops = &epd_uc8179_ops,
	.emulator = EMULATOR_UC8179,
    },
    {
	.name = "waveshare-4in2-v2",
	.controller = "SSD1683",
	.width = 400,
	.height = 300,
	.glass_width_um = 84800,
	.glass_height_um = 63600,
	.body_px = 22,
	.chrome_px = 16,
	.large_body_px = 32,
	.large_chrome_px = 20,
	.margin = 14,
	.reading_distance_mm = 500,
	.ram_width = 400,
	.ram_height = 300,
	.rotated = false,
	.busy_level = 1,
	.timings = {.power_on = 100, .power_off = 300, .full = 4000, .fast = 1200, .partial = 400},
	/* 110 °C, the vendor's 4.2" V2 "1.5 s" fast mode and GxEPD2's for current panels; 100 °C
	 * picks the fast waveform only on the 2023 panel revision (doc/panels.md). */
	.fast_celsius = 0x6E,
	.ops = &epd_ssd168x_ops,
	.emulator = EMULATOR_SSD168X,
    },
    {
	/* The 2.7" HAT is read in landscape, with its four keys along the bottom edge; its
	 * RAM is portrait. */
	.name = "waveshare-2in7-v2",
	.controller = "SSD1680",
	.width = 264,
	.height = 176,
	.glass_width_um = 57288,
	.glass_height_um = 38192,
	.body_px = 15,
	.chrome_px = 12,
	.large_body_px = 21,
	.large_chrome_px = 12,
	.margin = 8,
	.reading_distance_mm = 330,
	.ram_width = 176,
	.ram_height = 264,
	.rotated = true,
	.busy_level = 1,
	.timings = {.power_on = 100, .power_off = 150, .full = 6000, .fast = 1700, .partial = 500},
	.fast_celsius = 0x64, /* the vendor's 2.7" V2 and GxEPD2's GDEY027T91 */
	.ops = &epd_ssd168x_ops,
	.emulator = EMULATOR_SSD168X,
    },
};
const int panel_model_count = (int)(sizeof(panel_models) / sizeof(panel_models[0]));

int panel_line_height(int px)
{
	return (px * 5 + 2) / 4; /* 1.25: open enough for e-ink, tight enough for 8 lines */
}

const struct panel_model *panel_model_find(const char *name)
{
	int i;

	for (i = 0; i < panel_model_count; i++)
		if (strcmp(name, panel_models[i].name) == 0)
			return &panel_models[i];
	return NULL;
}

/* A free PNG size scales the 7.5" type by the shorter of the two ratios. */
static int png_of_size(const char *size, struct panel_model *out)
{
	int w, h, body;
	char tail;
	double scale;

	if (sscanf(size, "%dx%d%c", &w, &h, &tail) != 2 || w < 160 || h < 120 || w > 4096 ||
	    h > 4096)
		return -1;
	scale = (double)w / 800.0 < (double)h / 480.0 ? (double)w / 800.0 : (double)h / 480.0;
	body = (int)(36 * scale + 0.5);
	if (body < 14)
		body = 14;
	*out = (struct panel_model){
	    .name = "png",
	    .controller = "",
	    .width = w,
	    .height = h,
	    .body_px = body,
	    .chrome_px = body * 2 / 3,
	    .large_body_px = body * 4 / 3,
	    .large_chrome_px = body * 5 / 6,
	    .margin = body * 7 / 9,
	    .reading_distance_mm = 650,
	};
	return 0;
}

int panel_spec_parse(const char *text, struct panel_spec *spec)
{
	const struct panel_model *model;

	memset(spec, 0, sizeof(*spec));
	if (strcmp(text, "png") == 0)
		text = "png:800x480";
	if (strncmp(text, "png:", 4) == 0) {
		spec->output = PANEL_PNG;
		model = panel_model_find(text + 4);
		if (model) {
			spec->model = *model;
			return 0;
		}
		return png_of_size(text + 4, &spec->model);
	}
	spec->output = PANEL_HARDWARE;
	if (strncmp(text, "sim:", 4) == 0) {
		spec->output = PANEL_EMULATED;
		text += 4;
	}
	model = panel_model_find(text);
	if (!model)
		return -1;
	spec->model = *model;
	return 0;
}

/* SPDX-License-Identifier: MIT */
/* panel: the model table. Type sizes were chosen by rendering every screen and reading it:
 * on the 7.5" panel (about 125 dpi) 36 px DejaVu Sans has a 20 px x-height, about 4 mm,
 * readable from a counter at arm's length; the smaller glass gets the largest size that
 * still fits a useful line (about 30 characters). */
#include "panel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct panel_model panel_models[] = {
    {"waveshare-7in5-v2", "UC8179", 800, 480, 36, 24, 54, 30, 28},
    {"waveshare-4in2-v2", "SSD1683", 400, 300, 22, 16, 32, 20, 14},
    /* The 2.7" HAT is read in landscape, with its four keys along the bottom edge. */
    {"waveshare-2in7-v2", "SSD1680", 264, 176, 15, 12, 21, 14, 8},
};
const int panel_model_count = (int)(sizeof(panel_models) / sizeof(panel_models[0]));

const struct panel_model *panel_find(const char *name, struct panel_model *custom)
{
	int i, w, h;
	char tail;

	for (i = 0; i < panel_model_count; i++)
		if (strcmp(name, panel_models[i].name) == 0)
			return &panel_models[i];
	if (strcmp(name, "png") == 0)
		name = "png:800x480";
	if (sscanf(name, "png:%dx%d%c", &w, &h, &tail) != 2 || w < 160 || h < 120 || w > 4096 ||
	    h > 4096)
		return NULL;
	/* A free size scales the 7.5" type by the shorter of the two ratios. */
	{
		double scale =
		    (double)w / 800.0 < (double)h / 480.0 ? (double)w / 800.0 : (double)h / 480.0;
		int body = (int)(36 * scale + 0.5);
		if (body < 14)
			body = 14;
		*custom = (struct panel_model){
		    "png", "", w, h, body, body * 2 / 3, body * 3 / 2, body * 5 / 6, body * 7 / 9,
		};
	}
	return custom;
}

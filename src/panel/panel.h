/* SPDX-License-Identifier: MIT */
/* panel: the panel models inkref knows (size, controller) and the type scale that makes
 * text legible on each at arm's length. */
#ifndef INKREF_PANEL_H
#define INKREF_PANEL_H

struct panel_model {
	const char *name;
	const char *controller; /* "" for the headless PNG panel */
	int width, height;	/* as the reader sees it */
	/* Pixel sizes for body text and for the header and footer, normal and large. */
	int body_px, chrome_px;
	int large_body_px, large_chrome_px;
	int margin; /* left and right margin of the body, pixels */
};

/* Looks up a model by name: "waveshare-7in5-v2", "waveshare-4in2-v2", "waveshare-2in7-v2",
 * "png" (800x480) or "png:WxH". The returned model is static or in *custom. NULL if unknown. */
const struct panel_model *panel_find(const char *name, struct panel_model *custom);

/* The real panels, for "render --all" without --panel. */
extern const struct panel_model panel_models[];
extern const int panel_model_count;

#endif

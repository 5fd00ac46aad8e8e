/* SPDX-License-Identifier: MIT */
/* panel: every fact about each panel model inkref knows, in one description per model: its
 * size and how the reader holds it, the type scale that makes text legible on it at arm's
 * length, its controller (RAM, BUSY level, timings, driver), and which emulator speaks its
 * controller's language. And the one parser of the panel spec the command line and the
 * configuration name a panel with. */
#ifndef INKREF_PANEL_H
#define INKREF_PANEL_H

#include <stdbool.h>

struct epd_ops;

/* The command language an emulator interprets for a controller. */
enum panel_emulator {
	EMULATOR_NONE,	  /* the headless PNG panel has no controller */
	EMULATOR_UC8179,  /* UC8179 (7.5" V2) */
	EMULATOR_SSD168X, /* SSD1683 (4.2" V2) and SSD1680 (2.7" V2) */
};

/* Milliseconds the controller holds BUSY for each operation (what the emulator charges). */
struct panel_timings {
	double power_on, power_off, full, fast, partial;
};

struct panel_model {
	const char *name;		     /* as on the command line and in the configuration */
	const char *controller;		     /* "" for the headless PNG panel */
	int width, height;		     /* as the reader sees it */
	int glass_width_um, glass_height_um; /* the active area, as the reader sees it */
	/* Pixel sizes for body text and for the header and footer, normal and large. */
	int body_px, chrome_px;
	int large_body_px, large_chrome_px;
	int margin; /* left and right margin of the body, pixels */
	/* How far from the eye the normal text is set for (doc/rendering.md): the 7.5" on a
	 * counter, the 4.2" on a desk or shelf, the 2.7" in the hand. Large text is set for the
	 * counter, 650 mm, on every panel. */
	int reading_distance_mm;
	/* The controller; zero for the headless PNG panel. */
	int ram_width, ram_height; /* RAM, as the controller addresses it */
	bool rotated;	/* the reader's view is the RAM turned a quarter (2.7" landscape) */
	int busy_level; /* the level of the BUSY line while the controller is busy */
	struct panel_timings timings;
	/* SSD168x: the temperature (°C, 0x1A) forced to select the panel's fast OTP waveform. */
	int fast_celsius;
	const struct epd_ops *ops; /* the driver; NULL for the PNG panel */
	enum panel_emulator emulator;
};

/* The panel models with a controller, for "render --all" without --panel. */
extern const struct panel_model panel_models[];
extern const int panel_model_count;

/* The type scale's leading: the distance between lines of text of px pixels. */
int panel_line_height(int px);

/* A model with a controller by its name ("waveshare-7in5-v2", ...), or NULL. */
const struct panel_model *panel_model_find(const char *name);

/* Where frames go. */
enum panel_output {
	PANEL_PNG,	/* PNG files only */
	PANEL_EMULATED, /* the emulated controller of a model */
	PANEL_HARDWARE, /* the real panel over SPI */
};

/* A parsed panel spec. A copy is as good as the original: the model is held by value. */
struct panel_spec {
	enum panel_output output;
	struct panel_model model;
};

/* Parses a panel spec: MODEL (the real panel), sim:MODEL (its emulated controller), png
 * (800x480), png:WxH (160x120 to 4096x4096) or png:MODEL (that model's size and type, PNG
 * only). Returns 0, or -1 when the spec names nothing known. */
int panel_spec_parse(const char *text, struct panel_spec *spec);

/* The forms panel_spec_parse takes, for error messages and help. */
#define PANEL_SPEC_FORMS "MODEL, sim:MODEL, png, png:WxH or png:MODEL"
/* The models, for error messages and help. */
#define PANEL_MODEL_NAMES "waveshare-7in5-v2, waveshare-4in2-v2 or waveshare-2in7-v2"

#endif

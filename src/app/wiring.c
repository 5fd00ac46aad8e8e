/* SPDX-License-Identifier: MIT */
/* wiring: the header's pin table, the wires a configuration asks for, and the setup guide's
 * pictures. The SVG is written by hand: a few dozen shapes, no library needed. */
#include "wiring.h"

#include <stdlib.h>
#include <string.h>

#include "menu.h"
#include "panel.h"
#include "view.h"

/* The BCM GPIO on each of the 40 header pins (the same on every Pi since the B+): -1 is
 * 3.3 V, -2 is 5 V, -3 is ground. */
#define PIN_3V3 -1
#define PIN_5V	-2
#define PIN_GND -3
static const int header[41] = {
    0,	     PIN_3V3, PIN_5V,  2,	PIN_5V, 3,  PIN_GND, 4,	 14, PIN_GND, 15, 17,	   18, 27,
    PIN_GND, 22,      23,      PIN_3V3, 24,	10, PIN_GND, 9,	 25, 11,      8,  PIN_GND, 7,  0,
    1,	     5,	      PIN_GND, 6,	12,	13, PIN_GND, 19, 16, 26,      20, PIN_GND, 21,
};

/* The panels the guide shows, as it names them; their glass is in their description. */
static const struct {
	const char *model;
	const char *label;
} glass[] = {
    {"waveshare-7in5-v2", "7.5\" V2"},
    {"waveshare-4in2-v2", "4.2\" V2"},
    {"waveshare-2in7-v2", "2.7\" V2 (its HAT has the keys)"},
};

static const char *const button_names[] = {"", "Up", "Down", "OK", "Back"};

int wiring_header_pin(int bcm)
{
	int pin;

	for (pin = 1; pin <= 40; pin++)
		if (header[pin] == bcm && bcm >= 0)
			return pin;
	return 0;
}

const char *wiring_pin_name(int pin, char *buf, size_t size)
{
	if (pin < 1 || pin > 40)
		return "";
	switch (header[pin]) {
	case PIN_3V3: return "3.3 V";
	case PIN_5V: return "5 V";
	case PIN_GND: return "GND";
	default: snprintf(buf, size, "GPIO %d", header[pin]); return buf;
	}
}

/* The ground pin nearest to pin, for a button's second leg. */
static int nearest_ground(int pin)
{
	int best = 0, p;

	for (p = 1; p <= 40; p++)
		if (header[p] == PIN_GND && (!best || abs(p - pin) < abs(best - pin)))
			best = p;
	return best;
}

static int add(struct wire *w, int *n, int max, struct wire wire, int bcm, struct inkref_error *err)
{
	int i;

	if (bcm >= 0) {
		wire.pin = wiring_header_pin(bcm);
		if (!wire.pin) {
			err_set(err, EXIT_CONFIG, "", 0,
				"%s %s: GPIO %d is not on the 40-pin header", wire.part, wire.name,
				bcm);
			return -1;
		}
	}
	for (i = 0; i < *n; i++)
		if (w[i].pin == wire.pin && header[wire.pin] >= 0) {
			err_set(err, EXIT_CONFIG, "", 0, "%s %s and %s %s both use header pin %d",
				w[i].part, w[i].name, wire.part, wire.name, wire.pin);
			return -1;
		}
	if (*n >= max) {
		err_set(err, EXIT_SOFTWARE, "", 0, "more than %d wires", max);
		return -1;
	}
	w[(*n)++] = wire;
	return 0;
}

int wiring_list(const struct config *c, struct wire *w, int max, struct inkref_error *err)
{
	static const char *const roles[] = {"", "moves up", "moves down", "opens, or the next page",
					    "goes back"};
	int n = 0, i, ce = 8;
	unsigned bus = 0, cs = 0;
	char tail;

	/* Chip select stays with the SPI driver: CE0 or CE1 of the first bus. */
	if (sscanf(c->spi_device, "/dev/spidev%u.%u%c", &bus, &cs, &tail) != 2 || bus != 0 ||
	    cs > 1) {
		err_set(err, EXIT_CONFIG, "", 0,
			"%s: only /dev/spidev0.0 and /dev/spidev0.1 are on the header's SPI pins",
			c->spi_device);
		return -1;
	}
	if (cs == 1)
		ce = 7;
	if (add(w, &n, max, (struct wire){"Panel", "VCC", "3.3 V power", 1}, -1, err) < 0 ||
	    add(w, &n, max, (struct wire){"Panel", "GND", "ground", 6}, -1, err) < 0 ||
	    add(w, &n, max, (struct wire){"Panel", "DIN", "SPI data (MOSI)", 0}, 10, err) < 0 ||
	    add(w, &n, max, (struct wire){"Panel", "CLK", "SPI clock (SCLK)", 0}, 11, err) < 0 ||
	    add(w, &n, max,
		(struct wire){"Panel", "CS", cs ? "SPI chip select (CE1)" : "SPI chip select (CE0)",
			      0},
		ce, err) < 0 ||
	    add(w, &n, max, (struct wire){"Panel", "DC", "data or command", 0}, (int)c->pin_dc,
		err) < 0 ||
	    add(w, &n, max, (struct wire){"Panel", "RST", "reset", 0}, (int)c->pin_rst, err) < 0 ||
	    add(w, &n, max, (struct wire){"Panel", "BUSY", "busy, from the panel", 0},
		(int)c->pin_busy, err) < 0)
		return -1;
	if (c->has_pwr && add(w, &n, max, (struct wire){"Panel", "PWR", "panel power switch", 0},
			      (int)c->pin_pwr, err) < 0)
		return -1;
	for (i = 0; i < 4; i++) {
		int key = KEY_UP + i; /* key_pins[] is up, down, ok, back */
		int first = n;
		if (add(w, &n, max, (struct wire){"Button", button_names[key], roles[key], 0},
			(int)c->key_pins[i], err) < 0)
			return -1;
		if (add(w, &n, max,
			(struct wire){"Button", button_names[key], "its other leg, to ground",
				      nearest_ground(w[first].pin)},
			-1, err) < 0)
			return -1;
	}
	return n;
}

int wiring_write_table(FILE *out, const struct config *c, struct inkref_error *err)
{
	struct wire w[WIRING_MAX_WIRES];
	int n = wiring_list(c, w, WIRING_MAX_WIRES, err), i;
	char buf[16];

	if (n < 0)
		return -1;
	fprintf(out, "| wire | carries | header pin | pin's name |\n|---|---|---|---|\n");
	for (i = 0; i < n; i++)
		fprintf(out, "| %s %s | %s | %d | %s |\n", w[i].part, w[i].name, w[i].role,
			w[i].pin, wiring_pin_name(w[i].pin, buf, sizeof(buf)));
	return 0;
}

static const char *pin_colour(int pin, const struct wire *w, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (w[i].pin == pin && header[pin] >= 0)
			return strcmp(w[i].part, "Panel") ? "#2e7d32" : "#1f5fbf";
	switch (header[pin]) {
	case PIN_3V3: return "#e08a00";
	case PIN_5V: return "#c62828";
	case PIN_GND: return "#000000";
	default: return "#bdbdbd";
	}
}

int wiring_write_header_svg(FILE *out, const struct config *c, struct inkref_error *err)
{
	enum { ROW = 30, TOP = 96, LEFT_X = 430, RIGHT_X = 470 };
	struct wire w[WIRING_MAX_WIRES];
	int n = wiring_list(c, w, WIRING_MAX_WIRES, err), pin, i;
	const int height = TOP + 20 * ROW + 70;
	char buf[16];

	if (n < 0)
		return -1;
	fprintf(out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"%d\" "
		"viewBox=\"0 0 900 %d\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"14\">\n"
		"<rect width=\"900\" height=\"%d\" fill=\"#ffffff\"/>\n"
		"<text x=\"450\" y=\"30\" text-anchor=\"middle\" font-size=\"20\" "
		"font-weight=\"bold\">inkref: the Raspberry Pi's 40-pin header, seen from "
		"above</text>\n"
		"<text x=\"450\" y=\"56\" text-anchor=\"middle\">Pin 1 is at the end nearest the "
		"microSD card; odd pins in the row towards the middle of the board, even pins at "
		"its edge.</text>\n",
		height, height, height);
	fprintf(out,
		"<rect x=\"%d\" y=\"%d\" width=\"80\" height=\"%d\" rx=\"6\" fill=\"#333\"/>\n",
		LEFT_X - 20, TOP - 20, 20 * ROW + 10);
	for (pin = 1; pin <= 40; pin++) {
		int right = pin % 2 == 0, row = (pin - 1) / 2;
		int x = right ? RIGHT_X : LEFT_X, y = TOP + row * ROW;
		const char *colour = pin_colour(pin, w, n);
		char label[160] = "";
		size_t len = 0;
		bool used = false;
		for (i = 0; i < n; i++)
			if (w[i].pin == pin) {
				len += (size_t)snprintf(label + len, sizeof(label) - len, "%s%s %s",
							len ? ", " : "", w[i].part, w[i].name);
				used = true;
				if (len >= sizeof(label))
					break;
			}
		if (pin == 1)
			fprintf(
			    out,
			    "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"22\" fill=\"%s\"/>\n",
			    x - 11, y - 11, colour);
		else
			fprintf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"11\" fill=\"%s\"/>\n", x, y,
				colour);
		/* Dark figures on the light pads, light ones on the dark. */
		fprintf(out,
			"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\" "
			"fill=\"%s\">%d</text>\n",
			x, y + 4,
			!strcmp(colour, "#bdbdbd") || !strcmp(colour, "#e08a00") ? "#000000"
										 : "#ffffff",
			pin);
		fprintf(out,
			"<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" fill=\"%s\"%s>%s%s%s</text>\n",
			right ? x + 22 : x - 22, y + 5, right ? "start" : "end",
			used ? "#000000" : "#757575", used ? " font-weight=\"bold\"" : "",
			right ? wiring_pin_name(pin, buf, sizeof(buf)) : label,
			used ? " \xe2\x80\x94 " : "",
			right ? label : wiring_pin_name(pin, buf, sizeof(buf)));
	}
	fprintf(out,
		"<g font-size=\"13\">\n"
		"<circle cx=\"40\" cy=\"%d\" r=\"7\" fill=\"#1f5fbf\"/>"
		"<text x=\"54\" y=\"%d\">the panel HAT's cable</text>\n"
		"<circle cx=\"230\" cy=\"%d\" r=\"7\" fill=\"#2e7d32\"/>"
		"<text x=\"244\" y=\"%d\">a button (its other leg to the GND named)</text>\n"
		"<circle cx=\"560\" cy=\"%d\" r=\"7\" fill=\"#000000\"/>"
		"<text x=\"574\" y=\"%d\">ground</text>\n"
		"<circle cx=\"650\" cy=\"%d\" r=\"7\" fill=\"#e08a00\"/>"
		"<text x=\"664\" y=\"%d\">3.3 V</text>\n"
		"<circle cx=\"730\" cy=\"%d\" r=\"7\" fill=\"#c62828\"/>"
		"<text x=\"744\" y=\"%d\">5 V: never to the panel</text>\n"
		"</g>\n</svg>\n",
		height - 30, height - 25, height - 30, height - 25, height - 30, height - 25,
		height - 30, height - 25, height - 30, height - 25);
	return 0;
}

/* Where a slot's centre lies, in tenths of a millimetre from the glass's left edge. */
static int slot_centre_dmm(int g, int slot)
{
	const struct panel_model *p = panel_model_find(glass[g].model);
	struct rect s = view_caption_slot(p->width, slot);
	/* centre in pixels * width in um / pixels, rounded to 0.1 mm */
	long um = ((long)s.x * 2 + s.w) * p->glass_width_um / (2L * p->width);
	return (int)((um + 50) / 100);
}

void wiring_write_buttons_table(FILE *out)
{
	size_t g;
	int s;

	fprintf(out, "| panel | glass (active area) |");
	for (s = 0; s < 4; s++)
		fprintf(out, " %s |", button_names[view_footer_order[s]]);
	fprintf(out, "\n|---|---|---|---|---|---|\n");
	for (g = 0; g < sizeof(glass) / sizeof(glass[0]); g++) {
		const struct panel_model *p = panel_model_find(glass[g].model);
		fprintf(out, "| %s | %d.%d × %d.%d mm |", glass[g].label,
			(p->glass_width_um + 50) / 1000, (p->glass_width_um + 50) / 100 % 10,
			(p->glass_height_um + 50) / 1000, (p->glass_height_um + 50) / 100 % 10);
		for (s = 0; s < 4; s++) {
			int d = slot_centre_dmm((int)g, s);
			fprintf(out, " %d.%d mm |", d / 10, d % 10);
		}
		fprintf(out, "\n");
	}
}

void wiring_write_buttons_svg(FILE *out)
{
	enum { SCALE = 3, LEFT = 40, GAP = 110 }; /* SCALE: picture pixels per millimetre */
	int y = 60, s, height = 80;
	size_t g;

	for (g = 0; g < sizeof(glass) / sizeof(glass[0]); g++)
		height += panel_model_find(glass[g].model)->glass_height_um * SCALE / 1000 + GAP;

	fprintf(out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"580\" height=\"%d\" "
		"viewBox=\"0 0 580 %d\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"13\">\n"
		"<rect width=\"580\" height=\"%d\" fill=\"#ffffff\"/>\n"
		"<text x=\"290\" y=\"30\" text-anchor=\"middle\" font-size=\"18\" "
		"font-weight=\"bold\">inkref: the buttons under the captions, to scale</text>\n",
		height, height, height);
	for (g = 0; g < sizeof(glass) / sizeof(glass[0]); g++) {
		const struct panel_model *p = panel_model_find(glass[g].model);
		int w = p->glass_width_um * SCALE / 1000, h = p->glass_height_um * SCALE / 1000;
		/* A strip along the bottom for the captions (not to the view's scale). */
		int footer = h / 7;
		fprintf(
		    out,
		    "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s: %d\xc3\x97%d pixels</text>\n"
		    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f4f4f4\" "
		    "stroke=\"#000\" stroke-width=\"2\"/>\n"
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" "
		    "stroke-width=\"2\"/>\n",
		    LEFT, y, glass[g].label, p->width, p->height, LEFT, y + 10, w, h, LEFT,
		    y + 10 + h - footer, LEFT + w, y + 10 + h - footer);
		for (s = 0; s < 4; s++) {
			int d = slot_centre_dmm((int)g, s);
			int cx = LEFT + d * SCALE / 10;
			fprintf(
			    out,
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n"
			    "<circle cx=\"%d\" cy=\"%d\" r=\"10\" fill=\"#2e7d32\"/>\n"
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%d.%d "
			    "mm</text>\n",
			    cx, y + 10 + h - footer / 2 + 5, button_names[view_footer_order[s]], cx,
			    y + 10 + h + 22, cx, y + 10 + h + 48 + s % 2 * 14, d / 10, d % 10);
		}
		y += h + GAP;
	}
	fprintf(out,
		"<text x=\"%d\" y=\"%d\">Each button's centre, measured from the left edge of the "
		"glass that shows the picture.</text>\n</svg>\n",
		LEFT, y - 10);
}

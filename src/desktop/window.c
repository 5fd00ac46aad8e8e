/* SPDX-License-Identifier: MIT */
/* window: every frame on screen is what the emulated glass holds, turned to the reader's
 * orientation: the preview cannot show a screen the kiosk would not. The refresh is played
 * back in real time from the emulator's own account of how long the panel was busy. */
#include "window.h"

#include <SDL.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "breaks.h"
#include "display.h"
#include "emulator.h"
#include "kiosk.h"
#include "fb.h"
#include "paths.h"
#include "place.h"
#include "rebuild.h"
#include "render.h"
#include "session.h"
#include "watch.h"
#include "wrap.h"

#define MARGIN	      24
#define BEZEL	      10
#define BUTTON_H      40
#define BUTTON_GAP    18
#define STATUS_H      24
#define LONG_PRESS_MS 1000
#define KEY_QUEUE     16

static const enum key button_keys[4] = {KEY_UP, KEY_DOWN, KEY_OK, KEY_BACK};
static const char *const button_names[4] = {"Up", "Down", "OK", "Back"};

/* Grey for a pixel in the middle of its change: what a partial waveform looks like. */
#define PAPER 0xffffffffu
#define INK   0xff000000u
#define MID   0xff909090u

struct animation {
	bool active;
	enum refresh_mode mode;
	Uint32 start;
	double ms;
	int phase; /* the phase last painted */
};

struct preview {
	const struct window_options *o;
	SDL_Window *window;
	SDL_Renderer *renderer;
	SDL_Texture *panel_texture;
	Uint32 *pixels; /* the panel as painted, reader's orientation */
	struct font_file *font_file;
	struct font *font;
	bool kiosk_open;
	struct kiosk k; /* the kiosk's own path: menu, view, frame, planner, driver, controller */
	struct kiosk_options ko;
	struct fb *before, *after; /* the glass before and after the refresh, reader's way */
	struct animation anim;
	struct display_step last;
	enum key last_key;
	long shown; /* refreshes played to the end */
	enum key queue[KEY_QUEUE];
	int queued;
	bool instant;
	enum window_zoom zoom;
	double dpi;
	SDL_Rect panel_rect, buttons[4];
	int pressed;	    /* the button held with the mouse, or -1 */
	Uint32 pressed_at;  /* when */
	Uint32 idle_at;	    /* when the idle key fires, 0: not armed */
	char db_path[4096]; /* watch: the database rebuilt from the content sources */
	int watch_fd;
	SDL_Thread *watcher;
	int watch_stop[2]; /* a pipe that ends the watcher thread */
	Uint32 watch_event;
	char report[4096];  /* a build or lint problem shown over the panel; "" none */
	bool report_blocks; /* the content did not build: nothing else to show */
};

/* --- the glass ---------------------------------------------------------------------------- */

/* The emulated glass, turned back to the reader's orientation (see epd_to_native). */
static void glass_to_reader(const struct panel_model *m, const struct fb *native, struct fb *out)
{
	int x, y;

	if (!m->rotated) {
		memcpy(out->bits, native->bits, (size_t)out->stride * (size_t)out->height);
		return;
	}
	fb_clear(out);
	for (y = 0; y < out->height; y++)
		for (x = 0; x < out->width; x++)
			if (fb_pixel(native, native->width - 1 - y, x))
				out->bits[y * out->stride + (x >> 3)] |= (uint8_t)(0x80 >> (x & 7));
}

/* Phases of a whole refresh: the old image inverted, black, white, the new image inverted,
 * then the new image, in equal parts of the time the panel was busy. */
#define FLASH_PHASES 5

static int phase_at(const struct preview *p, Uint32 now)
{
	double t = now - p->anim.start;

	if (!p->anim.active || p->anim.ms <= 0 || t >= p->anim.ms)
		return -1; /* done */
	if (p->anim.mode == REFRESH_PARTIAL)
		return 0;
	return (int)(t * FLASH_PHASES / p->anim.ms);
}

static Uint32 next_boundary(const struct preview *p)
{
	int phase = phase_at(p, SDL_GetTicks());
	double at =
	    p->anim.mode == REFRESH_PARTIAL ? p->anim.ms : (phase + 1) * p->anim.ms / FLASH_PHASES;

	return p->anim.start + (Uint32)(at + 0.5);
}

static void paint(struct preview *p, int phase)
{
	const struct fb *a = p->before, *b = p->after;
	int x, y, w = a->width;

	for (y = 0; y < a->height; y++)
		for (x = 0; x < w; x++) {
			bool old_ink = fb_pixel(a, x, y), new_ink = fb_pixel(b, x, y);
			Uint32 c;
			switch (phase) {
			case -1: c = new_ink ? INK : PAPER; break;
			case 0:
				if (p->anim.mode == REFRESH_PARTIAL)
					c = old_ink != new_ink ? MID : (new_ink ? INK : PAPER);
				else
					c = old_ink ? PAPER : INK;
				break;
			case 1: c = INK; break;
			case 2: c = PAPER; break;
			case 3: c = new_ink ? PAPER : INK; break;
			default: c = new_ink ? INK : PAPER; break;
			}
			p->pixels[y * w + x] = c;
		}
	SDL_UpdateTexture(p->panel_texture, NULL, p->pixels, w * (int)sizeof(Uint32));
	p->anim.phase = phase;
}

/* --- the kiosk ---------------------------------------------------------------------------- */

/* The kiosk on the emulated controller of the panel, checking the glass after every refresh
 * as sim does; without the screen PNG (the window is the screen). */
static int open_kiosk(struct preview *p, const char *db, struct inkref_error *err)
{
	struct panel_spec spec = {.output = PANEL_EMULATED, .model = *p->o->panel};

	p->ko = (struct kiosk_options){
	    .session = {.db_path = db,
			.glyph_mode = p->o->glyph_mode,
			.large_text = p->o->large_text,
			.today = p->o->today},
	    .display = {10000000, 20, p->o->full_every, NULL, false, true},
	    .power_hold_ms = -1,
	    .content_must_open = true,
	};
	if (kiosk_open(&p->k, &spec, &p->ko, err) < 0) {
		kiosk_close(&p->k);
		return -1;
	}
	p->kiosk_open = true;
	return 0;
}

static const struct fb *glass(struct preview *p)
{
	struct display *d = kiosk_display(&p->k);

	return d && d->emulator ? emulator_glass(d->emulator) : NULL;
}

/* One key through the kiosk's step; the refresh it made is then played in the window. */
static void step(struct preview *p, enum key key)
{
	struct kiosk_step st;
	const struct fb *g = glass(p);

	if (g)
		glass_to_reader(p->o->panel, g, p->before);
	kiosk_step(&p->k, key, &st);
	if (st.display.result < 0)
		fprintf(stderr, "inkref: the emulated panel failed at key %s\n", key_name(key));
	if ((g = glass(p)) != NULL)
		glass_to_reader(p->o->panel, g, p->after);
	p->last = st.drawn ? st.display : (struct display_step){.mode_used = REFRESH_NONE};
	p->last_key = key;
	p->anim = (struct animation){
	    .active = true,
	    .mode = p->last.mode_used,
	    .start = SDL_GetTicks(),
	    .ms = p->instant || p->last.mode_used == REFRESH_NONE ? 0 : p->last.panel_ms,
	    .phase = -2};
	if (p->o->idle_seconds > 0 && key != KEY_IDLE)
		p->idle_at = SDL_GetTicks() + (Uint32)p->o->idle_seconds * 1000u;
	else if (key == KEY_IDLE)
		p->idle_at = 0;
}

static void press(struct preview *p, enum key key)
{
	if (p->report[0] && !p->report_blocks) {
		p->report[0] = '\0'; /* a key puts the linter's findings away */
		return;
	}
	if (p->report_blocks)
		return;
	if (p->anim.active) {
		if (p->queued < KEY_QUEUE)
			p->queue[p->queued++] = key;
		return;
	}
	step(p, key);
}

/* --- what is drawn around the panel ------------------------------------------------------ */

static SDL_Texture *text_texture(struct preview *p, const char *text, Uint32 colour, int *w, int *h)
{
	int width = font_text_width(p->font, text, strlen(text));
	int height = font_ascent(p->font) + font_descent(p->font);
	struct fb *fb;
	Uint32 *argb;
	SDL_Texture *t = NULL;
	int x, y;

	if (width <= 0)
		return NULL;
	fb = fb_new(width, height);
	argb = malloc((size_t)width * (size_t)height * sizeof(Uint32));
	if (fb && argb) {
		fb_clear(fb);
		render_text(fb, p->font, text, strlen(text), 0, font_ascent(p->font), true,
			    (struct rect){0, 0, width, height});
		for (y = 0; y < height; y++)
			for (x = 0; x < width; x++)
				argb[y * width + x] = fb_pixel(fb, x, y) ? colour : 0;
		t = SDL_CreateTexture(p->renderer, SDL_PIXELFORMAT_ARGB8888,
				      SDL_TEXTUREACCESS_STATIC, width, height);
		if (t) {
			SDL_UpdateTexture(t, NULL, argb, width * (int)sizeof(Uint32));
			SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
		}
	}
	free(argb);
	fb_free(fb);
	*w = width;
	*h = height;
	return t;
}

static void draw_text(struct preview *p, const char *text, int x, int y, Uint32 colour,
		      bool centred)
{
	int w = 0, h = 0;
	SDL_Texture *t = text_texture(p, text, colour, &w, &h);
	SDL_Rect at = {x, y, w, h};

	if (!t)
		return;
	if (centred)
		at.x -= w / 2;
	SDL_RenderCopy(p->renderer, t, NULL, &at);
	SDL_DestroyTexture(t);
}

/* The report over the panel, in red: it is the preview's, not the kiosk's. Each of its lines
 * is broken as the kiosk breaks its text. */
static void draw_report(struct preview *p)
{
	SDL_Rect box = p->panel_rect;
	const int line_h = font_ascent(p->font) + font_descent(p->font) + 3;
	int y = box.y + 8, max_w = box.w - 16;
	char line[512], breaks[sizeof(line)];
	const char *at = p->report;

	SDL_SetRenderDrawBlendMode(p->renderer, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(p->renderer, 255, 245, 240, 235);
	SDL_RenderFillRect(p->renderer, &box);
	draw_text(p,
		  p->report_blocks ? "The content does not build:"
				   : "The linter found problems (any key: the content):",
		  box.x + 8, y, 0xff000000u, false);
	y += line_h + 4;
	while (*at && y + line_h < box.y + box.h) {
		/* Up to the report's next newline (a longer line goes on as the next). */
		size_t len = strcspn(at, "\n"), start = 0;
		if (len > sizeof(line) - 1)
			len = sizeof(line) - 1;
		breaks_find(at, len, breaks);
		while (start < len && y + line_h < box.y + box.h) {
			size_t next, n = wrap_line(p->font, at, len, breaks, start, max_w, &next);
			memcpy(line, at + start, n);
			line[n] = '\0';
			draw_text(p, line, box.x + 8, y, 0xffb00000u, false);
			y += line_h;
			start = next;
		}
		at += len;
		if (*at == '\n')
			at++;
	}
}

static void redraw(struct preview *p)
{
	SDL_Rect bezel = {p->panel_rect.x - BEZEL, p->panel_rect.y - BEZEL,
			  p->panel_rect.w + 2 * BEZEL, p->panel_rect.h + 2 * BEZEL};
	char status[256];
	int i, ww, wh;
	static const char *const zoom_names[ZOOM_COUNT] = {"real size", "1:1", "2:1"};

	SDL_GetWindowSize(p->window, &ww, &wh);
	SDL_SetRenderDrawColor(p->renderer, 0x50, 0x50, 0x50, 255);
	SDL_RenderClear(p->renderer);
	SDL_SetRenderDrawColor(p->renderer, 0x22, 0x22, 0x22, 255);
	SDL_RenderFillRect(p->renderer, &bezel);
	SDL_RenderCopy(p->renderer, p->panel_texture, NULL, &p->panel_rect);
	if (p->report[0])
		draw_report(p);
	for (i = 0; i < 4; i++) {
		bool down = p->pressed == i;
		SDL_SetRenderDrawColor(p->renderer, down ? 0x99 : 0xdd, down ? 0x99 : 0xdd,
				       down ? 0x99 : 0xdd, 255);
		SDL_RenderFillRect(p->renderer, &p->buttons[i]);
		draw_text(p, button_names[i], p->buttons[i].x + p->buttons[i].w / 2,
			  p->buttons[i].y + (BUTTON_H - font_pixel_size(p->font)) / 2 - 2,
			  0xff000000u, true);
	}
	snprintf(status, sizeof(status), "%s %.0f ms%s · instant %s (i) · %s (z)",
		 p->anim.mode == REFRESH_NONE	   ? "no refresh"
		 : p->anim.mode == REFRESH_PARTIAL ? "partial"
		 : p->anim.mode == REFRESH_FAST	   ? "fast full"
						   : "full",
		 p->last.panel_ms, p->anim.active ? "…" : "", p->instant ? "on" : "off",
		 zoom_names[p->zoom]);
	draw_text(p, status, MARGIN / 2, wh - STATUS_H, 0xffeeeeeeu, false);
	SDL_RenderPresent(p->renderer);
}

/* Sizes the panel for the zoom, and the window and the buttons around it. */
static void lay_out(struct preview *p)
{
	const struct panel_model *m = p->o->panel;
	double scale = p->zoom == ZOOM_1   ? 1.0
		       : p->zoom == ZOOM_2 ? 2.0
					   : m->glass_width_um / 25400.0 * p->dpi / m->width;
	int w = (int)(m->width * scale + 0.5), h = (int)(m->height * scale + 0.5);
	int ww = (w > 560 ? w : 560) + 2 * MARGIN;
	int wh = h + 2 * MARGIN + BUTTON_GAP + BUTTON_H + STATUS_H + 8;
	int i, bw = w / 4 - 12 < 100 ? w / 4 - 12 : 100;

	p->panel_rect = (SDL_Rect){(ww - w) / 2, MARGIN, w, h};
	for (i = 0; i < 4; i++)
		p->buttons[i] = (SDL_Rect){p->panel_rect.x + (2 * i + 1) * w / 8 - bw / 2,
					   MARGIN + h + BEZEL + BUTTON_GAP, bw, BUTTON_H};
	SDL_SetWindowSize(p->window, ww, wh);
	SDL_SetTextureScaleMode(p->panel_texture,
				p->zoom == ZOOM_REAL ? SDL_ScaleModeLinear : SDL_ScaleModeNearest);
	printf("window: panel %d,%d %dx%d (%s, %.0f dpi); buttons", p->panel_rect.x,
	       p->panel_rect.y, w, h, p->zoom == ZOOM_REAL ? "real size" : "pixels", p->dpi);
	for (i = 0; i < 4; i++)
		printf(" %s %d,%d", key_name(button_keys[i]), p->buttons[i].x + bw / 2,
		       p->buttons[i].y + BUTTON_H / 2);
	printf("\n");
	fflush(stdout);
}

/* --- watching the content ------------------------------------------------------------------ */

static int watcher(void *context)
{
	struct preview *p = context;
	struct pollfd fds[2] = {{p->watch_fd, POLLIN, 0}, {p->watch_stop[0], POLLIN, 0}};

	for (;;) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			return 0;
		if (fds[1].revents)
			return 0;
		if (fds[0].revents && watch_wait(p->watch_fd, 0) > 0) {
			SDL_Event ev = {.type = p->watch_event};
			SDL_PushEvent(&ev);
		}
	}
}

/* Rebuilds the content; on success reopens the kiosk on it, at the reader's place. */
static void reload(struct preview *p, bool first)
{
	struct rebuild r;
	struct inkref_error err;
	int rc = rebuild_content(p->o->content_dir, p->db_path, &r);

	if (r.problems)
		fprintf(stderr, "inkref: %s: %d problem%s:\n%s", p->o->content_dir, r.problems,
			r.problems == 1 ? "" : "s", r.report);
	snprintf(p->report, sizeof(p->report), "%s", r.report);
	p->report_blocks = rc < 0;
	if (rc < 0) {
		if (first || !p->kiosk_open)
			fprintf(stderr, "inkref: waiting for the content to build\n");
		redraw(p);
		return;
	}
	err_clear(&err);
	if (!p->kiosk_open) {
		if (open_kiosk(p, p->db_path, &err) < 0) {
			snprintf(p->report, sizeof(p->report), "%s: %s", err.file, err.message);
			p->report_blocks = true;
			redraw(p);
			return;
		}
	} else {
		/* The content replaced under the kiosk, as SIGHUP does, but the reader put back
		 * where they were before the one refresh that shows it. */
		struct session *s = kiosk_session(&p->k), fresh;
		struct reader_place place;
		struct menu_state st;
		bool found;
		if (session_open(&fresh, p->o->panel, &p->ko.session, &err) < 0) {
			snprintf(p->report, sizeof(p->report), "%s: %s", err.file, err.message);
			p->report_blocks = true;
			redraw(p);
			return;
		}
		place_remember(session_state(s), session_content(s), &place);
		session_close(s);
		*s = fresh;
		st = *session_state(s);
		found = place_restore(&place, &st, session_content(s));
		if (st.page >= 0) {
			int screens = session_screen_count(s, st.page, st.large_text);
			if (st.screen >= screens)
				st.screen = screens > 0 ? screens - 1 : 0;
		}
		session_set_state(s, &st);
		fprintf(stderr, "inkref: content rebuilt%s\n",
			found ? "" : "; that page is gone, so the nearest menu");
	}
	p->queued = 0;
	p->anim.active = false;
	step(p, KEY_NONE);
}

/* --- the loop ------------------------------------------------------------------------------ */

static enum key key_for(const SDL_KeyboardEvent *k)
{
	switch (k->keysym.sym) {
	case SDLK_UP: return KEY_UP;
	case SDLK_DOWN: return KEY_DOWN;
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
	case SDLK_RIGHT: return KEY_OK;
	case SDLK_BACKSPACE:
	case SDLK_LEFT: return KEY_BACK;
	case SDLK_l: return KEY_LONG_OK;
	case SDLK_h: return KEY_LONG_BACK;
	default: return KEY_NONE;
	}
}

static int button_at(const struct preview *p, int x, int y)
{
	int i;

	for (i = 0; i < 4; i++)
		if (SDL_PointInRect(&(SDL_Point){x, y}, &p->buttons[i]))
			return i;
	return -1;
}

/* Returns false when the preview should end. */
static bool handle(struct preview *p, const SDL_Event *ev)
{
	if (ev->type == SDL_QUIT)
		return false;
	if (ev->type == p->watch_event) {
		reload(p, false);
		return true;
	}
	switch (ev->type) {
	case SDL_KEYDOWN: {
		enum key key = key_for(&ev->key);
		SDL_Keycode sym = ev->key.keysym.sym;
		if (sym == SDLK_q || sym == SDLK_ESCAPE)
			return false;
		if (sym == SDLK_i) {
			p->instant = !p->instant;
		} else if (sym == SDLK_z) {
			p->zoom = (enum window_zoom)((p->zoom + 1) % ZOOM_COUNT);
			lay_out(p);
		} else if (key != KEY_NONE && !ev->key.repeat) {
			press(p, key);
		}
		break;
	}
	case SDL_MOUSEBUTTONDOWN:
		if (ev->button.button == SDL_BUTTON_LEFT) {
			p->pressed = button_at(p, ev->button.x, ev->button.y);
			p->pressed_at = SDL_GetTicks();
		}
		break;
	case SDL_MOUSEBUTTONUP:
		if (ev->button.button == SDL_BUTTON_LEFT && p->pressed >= 0) {
			enum key key = button_keys[p->pressed];
			if (SDL_GetTicks() - p->pressed_at >= LONG_PRESS_MS)
				key = key == KEY_OK	? KEY_LONG_OK
				      : key == KEY_BACK ? KEY_LONG_BACK
							: key;
			p->pressed = -1;
			press(p, key);
		}
		break;
	default: break;
	}
	return true;
}

/* Moves the animation on. Returns true when a refresh has just played to its end. */
static bool tick(struct preview *p)
{
	Uint32 now = SDL_GetTicks();
	int phase;

	if (p->idle_at && !p->anim.active && (Sint32)(now - p->idle_at) >= 0) {
		p->idle_at = 0;
		press(p, KEY_IDLE);
	}
	if (!p->anim.active)
		return false;
	phase = phase_at(p, now);
	if (phase != p->anim.phase)
		paint(p, phase);
	if (phase >= 0)
		return false;
	p->anim.active = false;
	return true;
}

/* Once the end of a refresh is on the screen: says so, and takes the next key waiting. */
static void finished(struct preview *p)
{
	const struct session *s = kiosk_session(&p->k);
	const struct menu_state *st = session_state(s);
	const struct content *c = session_content(s);

	/* Where the reader is, and for a page where its text is written. */
	printf("shown %ld key=%s mode=%s panel_ms=%.0f windows=%d", p->shown++,
	       p->last_key == KEY_NONE ? "start" : key_name(p->last_key),
	       refresh_mode_name(p->last.mode_used), p->last.panel_ms, p->last.plan.window_count);
	if (st->page >= 0)
		printf(" page=%d screen=%d source=%s:%d\n", c->pages[st->page].id, st->screen + 1,
		       c->pages[st->page].source_file, c->pages[st->page].source_line);
	else
		printf(" menu=%d\n", c->items[menu_current(st)].id);
	fflush(stdout);
	if (p->queued) {
		enum key key = p->queue[0];
		memmove(p->queue, p->queue + 1, (size_t)--p->queued * sizeof(p->queue[0]));
		step(p, key);
	}
}

static int wait_ms(const struct preview *p)
{
	Uint32 now = SDL_GetTicks(), at = 0;

	if (p->anim.active)
		at = next_boundary(p);
	else if (p->idle_at)
		at = p->idle_at;
	else
		return -1;
	return (Sint32)(at - now) > 0 ? (int)(at - now) : 0;
}

static int open_window(struct preview *p, struct inkref_error *err)
{
	const struct panel_model *m = p->o->panel;
	char title[128], font_path[4096];
	float ddpi = 0;

	/* Without a desktop SDL would take the console's framebuffer or draw off screen. */
	if (!getenv("SDL_VIDEODRIVER") && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) {
		err_set(err, EXIT_USAGE, "", 0,
			"cannot open a window: no display (DISPLAY and WAYLAND_DISPLAY are unset); "
			"'inkref run --input tty' is the kiosk in this terminal");
		return -1;
	}
	if (SDL_Init(SDL_INIT_VIDEO) < 0) {
		err_set(err, EXIT_IOERR, "", 0, "cannot open a window: %s", SDL_GetError());
		return -1;
	}
	snprintf(title, sizeof(title), "inkref preview: %s", m->name);
	p->window =
	    SDL_CreateWindow(title, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, 640, 480, 0);
	if (p->window)
		p->renderer = SDL_CreateRenderer(p->window, -1, 0);
	if (!p->renderer) {
		err_set(err, EXIT_IOERR, "", 0, "cannot open a window: %s", SDL_GetError());
		return -1;
	}
	p->panel_texture = SDL_CreateTexture(p->renderer, SDL_PIXELFORMAT_ARGB8888,
					     SDL_TEXTUREACCESS_STREAMING, m->width, m->height);
	p->pixels = calloc((size_t)m->width * (size_t)m->height, sizeof(Uint32));
	if (!p->panel_texture || !p->pixels) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		return -1;
	}
	p->dpi = p->o->dpi;
	if (p->dpi <= 0 && SDL_GetDisplayDPI(0, &ddpi, NULL, NULL) == 0 && ddpi > 40 && ddpi < 1000)
		p->dpi = ddpi;
	if (p->dpi <= 0)
		p->dpi = 96; /* what X and most desktops assume when the monitor does not say */
	paths_data_file("fonts/DejaVuSans.ttf", font_path, sizeof(font_path));
	p->font_file = font_file_open(font_path, err);
	if (!p->font_file || !(p->font = font_open(p->font_file, 15, GLYPH_THRESHOLD, err)))
		return -1;
	lay_out(p);
	fprintf(stderr,
		"inkref: %s in a window; arrows or the buttons move, Enter opens, "
		"Backspace goes back, l large text, h home, i instant updates, z zoom, "
		"q quits\n",
		m->name);
	return 0;
}

static void close_all(struct preview *p)
{
	if (p->watcher) {
		if (write(p->watch_stop[1], "x", 1) < 0) {
			/* the thread ends with the process anyway */
		}
		SDL_WaitThread(p->watcher, NULL);
	}
	if (p->watch_stop[0] > 0) {
		close(p->watch_stop[0]);
		close(p->watch_stop[1]);
	}
	watch_close(p->watch_fd);
	if (p->db_path[0])
		unlink(p->db_path);
	if (p->kiosk_open)
		kiosk_close(&p->k);
	fb_free(p->before);
	fb_free(p->after);
	font_close(p->font);
	font_file_close(p->font_file);
	free(p->pixels);
	if (p->panel_texture)
		SDL_DestroyTexture(p->panel_texture);
	if (p->renderer)
		SDL_DestroyRenderer(p->renderer);
	if (p->window)
		SDL_DestroyWindow(p->window);
	SDL_Quit();
}

static int start_watch(struct preview *p, struct inkref_error *err)
{
	const char *dir = getenv("XDG_RUNTIME_DIR");
	int fd;

	snprintf(p->db_path, sizeof(p->db_path), "%s/inkref-preview-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	fd = mkstemp(p->db_path);
	if (fd < 0) {
		err_set(err, EXIT_IOERR, p->db_path, 0, "cannot create: %s", strerror(errno));
		p->db_path[0] = '\0';
		return -1;
	}
	close(fd);
	p->watch_fd = watch_open(p->o->content_dir, err);
	if (p->watch_fd < 0 || pipe(p->watch_stop) < 0)
		return -1;
	p->watch_event = SDL_RegisterEvents(1);
	p->watcher = SDL_CreateThread(watcher, "watch", p);
	if (!p->watcher) {
		err_set(err, EXIT_SOFTWARE, "", 0, "cannot start watching: %s", SDL_GetError());
		return -1;
	}
	fprintf(stderr, "inkref: watching %s: a saved change rebuilds the content\n",
		p->o->content_dir);
	return 0;
}

int window_run(const struct window_options *o)
{
	struct preview p = {.o = o,
			    .pressed = -1,
			    .watch_fd = -1,
			    .instant = o->instant,
			    .zoom = o->zoom,
			    .watch_event = (Uint32)-1};
	const struct panel_model *m = o->panel;
	struct inkref_error err;
	SDL_Event ev;
	bool running = true;

	err_clear(&err);
	p.before = fb_new(m->width, m->height);
	p.after = fb_new(m->width, m->height);
	if (!p.before || !p.after) {
		err_set(&err, EXIT_SOFTWARE, "", 0, "out of memory");
		goto fail;
	}
	if (open_window(&p, &err) < 0)
		goto fail;
	if (o->watch) {
		if (start_watch(&p, &err) < 0)
			goto fail;
		reload(&p, true);
	} else {
		if (open_kiosk(&p, o->db_path, &err) < 0)
			goto fail;
		step(&p, KEY_NONE);
	}
	while (running) {
		int timeout = wait_ms(&p);
		int got = timeout < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, timeout);
		if (got) {
			running = handle(&p, &ev);
			while (running && SDL_PollEvent(&ev))
				running = handle(&p, &ev);
		}
		bool done = tick(&p);
		redraw(&p);
		if (done)
			finished(&p);
	}
	close_all(&p);
	return 0;
fail:
	err_print(&err);
	close_all(&p);
	return err.code ? err.code : EXIT_SOFTWARE;
}

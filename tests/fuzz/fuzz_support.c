/* SPDX-License-Identifier: MIT */
/* fuzz_support: input files in a memory-backed folder, one view per panel kept for the whole
 * process (opening fonts for every input would make fuzzing a hundred times slower; glyph caches
 * only change speed), the screen walk, the content and layout checks, and the emulator's operation
 * stream. */
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout.h"
#include "lint.h"
#include "menu.h"
#include "paths.h"
#include "render.h"
#include "screens.h"
#include "session.h"
#include "view.h"

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
	abort();
}

static char tmpdir[256];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_tmpdir(void)
{
	if (tmpdir[0])
		nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_tmpdir(void)
{
	if (!tmpdir[0]) {
		/* In memory when it can be: the compiler target writes a database per run. */
		const char *base = getenv("TMPDIR");
		if (!base)
			base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(tmpdir, sizeof(tmpdir), "%s/inkref-fuzz-XXXXXX", base);
		FUZZ_CHECK(mkdtemp(tmpdir) != NULL);
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

#define FILE_SLOTS 4

const char *fuzz_file(int slot, const uint8_t *data, size_t size)
{
	static int fds[FILE_SLOTS] = {-1, -1, -1, -1};
	static char paths[FILE_SLOTS][300];
	size_t done = 0;

	FUZZ_CHECK(slot >= 0 && slot < FILE_SLOTS);
	if (fds[slot] < 0) {
		snprintf(paths[slot], sizeof(paths[slot]), "%s/input-%d", fuzz_tmpdir(), slot);
		fds[slot] = open(paths[slot], O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		FUZZ_CHECK(fds[slot] >= 0);
	}
	FUZZ_CHECK(ftruncate(fds[slot], 0) == 0);
	while (done < size) {
		ssize_t n = pwrite(fds[slot], data + done, size - done, (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		FUZZ_CHECK(n > 0);
		done += (size_t)n;
	}
	return paths[slot];
}

const struct panel_model *fuzz_panel(int index)
{
	static struct panel_spec smallest;

	FUZZ_CHECK(index >= 0 && index < FUZZ_PANEL_COUNT);
	if (index < panel_model_count)
		return &panel_models[index];
	/* The smallest glass "png:WxH" accepts: the tightest layout there is. */
	FUZZ_CHECK(panel_spec_parse("png:160x120", &smallest) == 0);
	return &smallest.model;
}

/* ---- one view per panel, opened on first use ---- */

struct kiosk {
	struct view view; /* each walk's session shares its fonts and logo */
};

static struct kiosk kiosks[FUZZ_PANEL_COUNT];
static bool kiosks_registered;

static void close_kiosks(void)
{
	int i;

	for (i = 0; i < FUZZ_PANEL_COUNT; i++) {
		if (kiosks[i].view.panel)
			view_close(&kiosks[i].view);
	}
	memset(kiosks, 0, sizeof(kiosks));
}

static struct kiosk *kiosk(int panel)
{
	/* view_open sizes its layout cache by the content; each walk brings its own cache. */
	static const struct content no_content = {.root = -1};
	struct kiosk *k = &kiosks[panel];
	char regular[4096], bold[4096], logo[4096];
	struct view_paths paths = {regular, bold, logo, GLYPH_MONO, false};
	struct inkref_error err;

	if (k->view.panel)
		return k;
	if (!kiosks_registered) {
		atexit(close_kiosks);
		kiosks_registered = true;
	}
	paths_data_file("fonts/DejaVuSans.ttf", regular, sizeof(regular));
	paths_data_file("fonts/DejaVuSans-Bold.ttf", bold, sizeof(bold));
	paths_data_file("assets/logo.png", logo, sizeof(logo));
	err_clear(&err);
	if (view_open(&k->view, fuzz_panel(panel), &no_content, &paths, &err) < 0) {
		err_print(&err);
		fuzz_fail(__FILE__, __LINE__, "the fonts and the logo open");
	}
	free(k->view.layouts);
	k->view.layouts = NULL;
	return k;
}

/* ---- checks ---- */

static void check_string(const char *s)
{
	FUZZ_CHECK(s != NULL);
}

static void check_doc(const struct doc *doc)
{
	int i, c;

	FUZZ_CHECK(doc->count >= 0 && (doc->count == 0 || doc->blocks));
	for (i = 0; i < doc->count; i++) {
		const struct block *b = &doc->blocks[i];
		FUZZ_CHECK(b->kind >= BLOCK_HEADING && b->kind <= BLOCK_WARNING);
		if (b->kind != BLOCK_TABLE) {
			check_string(b->text);
			continue;
		}
		FUZZ_CHECK(b->rows >= 1 && b->cols >= 1 && b->cols <= 64);
		FUZZ_CHECK(b->cells && b->numeric_column);
		for (c = 0; c < b->rows * b->cols; c++)
			check_string(b->cells[c]);
	}
}

void fuzz_check_content(const struct content *c)
{
	int i, j;

	check_string(c->content_version);
	check_string(c->language);
	check_string(c->reviewed_on);
	check_string(c->review_by);
	FUZZ_CHECK(c->item_count >= 1 && c->root >= 0 && c->root < c->item_count);
	FUZZ_CHECK(c->items[c->root].page < 0 && c->items[c->root].parent < 0);
	for (i = 0; i < c->source_count; i++) {
		const struct source *s = &c->sources[i];
		FUZZ_CHECK(s->number == i + 1);
		check_string(s->key);
		check_string(s->title);
		check_string(s->author);
		check_string(s->published_in);
		check_string(s->year);
		check_string(s->url);
	}
	for (i = 0; i < c->page_count; i++) {
		const struct page *p = &c->pages[i];
		check_string(p->title);
		check_string(p->language);
		check_string(p->source_file);
		check_doc(&p->doc);
		for (j = 0; j < p->source_count; j++) {
			FUZZ_CHECK(p->source_numbers[j] >= 1 &&
				   p->source_numbers[j] <= c->source_count);
			FUZZ_CHECK(j == 0 || p->source_numbers[j] > p->source_numbers[j - 1]);
		}
	}
	for (i = 0; i < c->item_count; i++) {
		const struct menu_item *m = &c->items[i];
		int depth = 0, at;
		check_string(m->title);
		check_string(m->language);
		FUZZ_CHECK(m->page >= -1 && m->page < c->page_count);
		/* A menu has entries, a page has none. */
		FUZZ_CHECK(m->page >= 0 ? m->child_count == 0 : m->child_count >= 1);
		FUZZ_CHECK(m->parent >= -1 && m->parent < c->item_count);
		for (j = 0; j < m->child_count; j++) {
			FUZZ_CHECK(m->children[j] >= 0 && m->children[j] < c->item_count);
			FUZZ_CHECK(c->items[m->children[j]].parent == i);
		}
		/* The menu state keeps a path of at most MENU_DEPTH_LIMIT menus from home: a menu
		 * further down could never be opened. */
		for (at = i; at != c->root; at = c->items[at].parent) {
			FUZZ_CHECK(at >= 0 && depth <= c->item_count);
			depth++;
		}
		FUZZ_CHECK(m->page >= 0 || depth < MENU_DEPTH_LIMIT);
	}
}

/* What the view relies on in a page's layout: at least one screen, screens that cover every
 * unit once and in order, and items that exist. */
static void check_layout(const struct page_layout *l)
{
	int s, u, i, next = 0;

	FUZZ_CHECK(l != NULL);
	FUZZ_CHECK(l->screen_count >= 1 && l->screens);
	for (s = 0; s < l->screen_count; s++) {
		const struct screen_span *span = &l->screens[s];
		/* Only an empty page has an empty screen, its only one. */
		FUZZ_CHECK(span->first_unit == next &&
			   (span->unit_count >= 1 || (l->unit_count == 0 && l->screen_count == 1)));
		FUZZ_CHECK(span->repeat_header >= -1 && span->repeat_header < l->unit_count);
		next += span->unit_count;
	}
	FUZZ_CHECK(next == l->unit_count);
	for (u = 0; u < l->unit_count; u++) {
		const struct flow_unit *unit = &l->units[u];
		FUZZ_CHECK(unit->first_item >= 0 && unit->item_count >= 0 &&
			   unit->first_item + unit->item_count <= l->item_count);
		for (i = unit->first_item; i < unit->first_item + unit->item_count; i++) {
			const struct flow_item *it = &l->items[i];
			FUZZ_CHECK(it->kind <= ITEM_QR && it->font < FONT_ROLE_COUNT);
			FUZZ_CHECK(it->kind != ITEM_TEXT || it->text != NULL);
			FUZZ_CHECK(it->kind != ITEM_QR || l->qr.bits != NULL);
		}
	}
}

/* ---- walking screens ---- */

struct walk {
	int budget; /* screens left to draw */
};

static void draw(struct session *s)
{
	const struct menu_state *st = session_state(s);

	if (st->page >= 0)
		check_layout(view_page_layout(session_view(s), st->page, st->large_text));
	/* A screen that cannot be built leaves the kiosk blank; only running out of memory
	 * excuses it. */
	FUZZ_CHECK(session_draw(s) == 0);
	FUZZ_CHECK(session_display_list(s)->count >= 0 &&
		   session_display_list(s)->count <= DISPLAY_MAX_OPS);
}

static int visit(struct session *s, const char *name, void *context)
{
	struct walk *w = context;

	(void)name;
	if (w->budget <= 0)
		return -1;
	w->budget--;
	draw(s);
	return 0;
}

/* Every screen screens_each reaches, up to max_screens; with_keys adds the key script and the
 * linter, which only a content of many pages makes worth their time. */
static void walk(const struct content *content, int panel, int max_screens, bool with_keys)
{
	/* Opens a menu, reads on, changes text size, goes back and home: the paths a reader
	 * takes, including past the ends of lists and pages. */
	static const enum key script[] = {
	    KEY_DOWN, KEY_OK,	KEY_DOWN,    KEY_OK,   KEY_OK, KEY_LONG_OK,   KEY_DOWN,
	    KEY_DOWN, KEY_BACK, KEY_UP,	     KEY_OK,   KEY_OK, KEY_LONG_BACK, KEY_DOWN,
	    KEY_DOWN, KEY_DOWN, KEY_OK,	     KEY_OK,   KEY_OK, KEY_DOWN,      KEY_OK,
	    KEY_OK,   KEY_OK,	KEY_LONG_OK, KEY_IDLE, KEY_UP, KEY_DOWN,      KEY_OK,
	};
	static FILE *devnull;
	struct kiosk *k = kiosk(panel);
	struct walk w = {max_screens};
	struct inkref_error err;
	struct menu_state home;
	struct session s;
	size_t i;

	err_clear(&err);
	FUZZ_CHECK(session_open_shared(&s, &k->view, content, &err) == 0);
	home = *session_state(&s);
	screens_each(&s, visit, &w);
	session_set_state(&s, &home);
	for (i = 0; with_keys && i < sizeof(script) / sizeof(script[0]) && w.budget > 0;
	     i++, w.budget--) {
		session_press(&s, script[i]);
		draw(&s);
	}
	/* The gate before a kiosk: it lays out every page too. Its report is not for us. */
	if (with_keys) {
		if (!devnull)
			devnull = fopen("/dev/null", "w");
		FUZZ_CHECK(devnull != NULL);
		int *screens = session_screen_counts(&s, false);
		FUZZ_CHECK(screens != NULL);
		lint_content(content, screens, devnull);
		free(screens);
	}
	session_close(&s);
}

void fuzz_walk_content(const struct content *content, int panel, int max_screens)
{
	walk(content, panel, max_screens, true);
}

void fuzz_walk_page(const struct page *page, int max_screens)
{
	struct page copy = *page;
	int home_children[] = {1};
	struct menu_item items[2] = {
	    {.id = 1,
	     .title = "Home",
	     .language = "en",
	     .page = -1,
	     .children = home_children,
	     .child_count = 1,
	     .parent = -1},
	    {.id = 2, .title = page->title, .language = "en", .page = 0, .parent = 0},
	};
	struct content content = {
	    .path = "page.db",
	    .content_version = "fuzz",
	    .language = "en",
	    .reviewed_on = "2026-01-01",
	    .review_by = "2026-07-01",
	    .items = items,
	    .item_count = 2,
	    .root = 0,
	    .pages = &copy,
	    .page_count = 1,
	};
	int panel;

	for (panel = 0; panel < FUZZ_PANEL_COUNT; panel++)
		walk(&content, panel, max_screens, false);
}

/* ---- the emulator's operation stream ---- */

/* One operation per byte (its low 3 bits), then its arguments. Decoding never fails: a
 * stream that ends early ends the run, so every byte string is a valid input. */
enum stream_op {
	STREAM_RESET,
	STREAM_COMMAND,	    /* command byte */
	STREAM_DATA,	    /* length byte n, then n bytes */
	STREAM_DATA_FILL,   /* count byte n, value byte v: (n + 1) * 64 bytes of v (RAM fills) */
	STREAM_WAIT_BUSY,   /* timeout byte t: t * 100 ms */
	STREAM_TEMPERATURE, /* reads the temperature */
	STREAM_FAULTS,	    /* fault byte: bit 0 BUSY stuck, bit 1 cured by reset, bits 2-3 fail the
			       Nth data call, bits 4-7 transfers longer than 16 * value fail */
	STREAM_INSPECT,	    /* reads glass, error, sleep, refresh count and panel time */
};

struct stream {
	const uint8_t *at, *end;
};

static bool take(struct stream *s, uint8_t *byte)
{
	if (s->at == s->end)
		return false;
	*byte = *s->at++;
	return true;
}

void fuzz_emulator(const char *model, const uint8_t *data, size_t size)
{
	struct emulator *emu = emulator_new(panel_model_find(model), 10000000, 21);
	struct stream in = {data, data + size};
	static uint8_t fill[256 * 64];
	struct transport t;
	uint64_t expected_bytes = 0;
	const char *first_error = NULL;
	uint8_t op;

	FUZZ_CHECK(emu != NULL);
	emulator_transport(emu, &t);
	while (take(&in, &op)) {
		uint8_t a = 0, b = 0;
		int r = 0, waited = -1, celsius;
		switch ((enum stream_op)(op & 7)) {
		case STREAM_RESET: r = t.ops->reset(t.context); break;
		case STREAM_COMMAND:
			if (!take(&in, &a))
				goto out;
			r = t.ops->command(t.context, a);
			expected_bytes++;
			break;
		case STREAM_DATA: {
			size_t n;
			if (!take(&in, &a))
				goto out;
			n = (size_t)(in.end - in.at) < a ? (size_t)(in.end - in.at) : a;
			r = t.ops->data(t.context, in.at, n);
			in.at += n;
			if (r != -EIO && r != -EMSGSIZE)
				expected_bytes += n;
			break;
		}
		case STREAM_DATA_FILL: {
			size_t n;
			if (!take(&in, &a) || !take(&in, &b))
				goto out;
			n = ((size_t)a + 1) * 64;
			memset(fill, b, n);
			r = t.ops->data(t.context, fill, n);
			if (r != -EIO && r != -EMSGSIZE)
				expected_bytes += n;
			break;
		}
		case STREAM_WAIT_BUSY:
			if (!take(&in, &a))
				goto out;
			r = t.ops->wait_busy(t.context, a * 100, &waited);
			FUZZ_CHECK(waited >= 0 && waited <= a * 100);
			FUZZ_CHECK(r == 0 || r == -ETIMEDOUT);
			break;
		case STREAM_TEMPERATURE:
			r = t.ops->temperature(t.context, &celsius);
			FUZZ_CHECK(r == 0 && celsius == 21);
			break;
		case STREAM_FAULTS: {
			struct emulator_faults *f = emulator_faults(emu);
			if (!take(&in, &a))
				goto out;
			f->busy_stuck = a & 1;
			f->clear_on_reset = a & 2;
			f->fail_data_after = (a >> 2) & 3;
			f->max_transfer = (size_t)(a >> 4) * 16;
			break;
		}
		case STREAM_INSPECT: {
			const struct fb *glass = emulator_glass(emu);
			FUZZ_CHECK(glass && glass->bits && glass->width > 0 && glass->height > 0);
			FUZZ_CHECK(emulator_panel_ms(emu) >= 0);
			(void)emulator_asleep(emu);
			(void)emulator_refresh_count(emu);
			break;
		}
		}
		/* Errors are negative errno values; the first protocol violation is the one
		 * reported, and it stays. */
		FUZZ_CHECK(r <= 0);
		if (first_error)
			FUZZ_CHECK(emulator_error(emu) == first_error);
		first_error = emulator_error(emu);
		if (r == -EPROTO)
			FUZZ_CHECK(first_error != NULL);
		/* Every byte that went on the wire is counted, and only those. */
		FUZZ_CHECK(t.bytes == expected_bytes);
	}
out:
	t.ops->close(t.context);
	emulator_free(emu);
}

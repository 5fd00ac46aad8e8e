/* SPDX-License-Identifier: MIT */
/* review: the sheet is plain HTML and CSS, no script: the panel and text-size switches are
 * radio buttons that CSS reads, so the choice also holds when the sheet is printed. */
#include "review.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "lint_edition.h"
#include "panel.h"
#include "pngio.h"
#include "screens.h"
#include "session.h"

#define SIZES 2 /* normal and large text */

struct review {
	const char *dir;
	const struct review_options *options;
	struct inkref_error *err;
	struct session s; /* the first panel's: the content's structure, and the screen counts the
			     linter judges */
	int panels;
	int chosen_panel, chosen_size;
	int *page_screens; /* [panel][size][page]: how many screens each page takes */
	int *menu_screens; /* [panel][size][item]: how many screens each menu's list takes */
	char *findings;	   /* the linter's report, one line per problem */
	size_t findings_len;
};

static int *count_slot(int *table, int panel, int size, int index, int per_panel)
{
	return &table[(panel * SIZES + size) * per_panel + index];
}

static void html(FILE *out, const char *text)
{
	for (; *text; text++) {
		switch (*text) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(*text, out);
		}
	}
}

static const char *size_name(int size)
{
	return size ? "large" : "normal";
}

/* --- the screens ------------------------------------------------------------------------ */

struct shot_context {
	struct review *r;
	int panel;
};

static int write_shot(struct session *s, const char *name, void *context)
{
	struct shot_context *ctx = context;
	struct review *r = ctx->r;
	const struct menu_state *st = session_state(s);
	const struct content *c = session_content(s);
	const char *panel_name = session_panel(s)->name;
	int size = st->large_text ? 1 : 0, screen;
	char path[4096];

	(void)name;
	if (st->page >= 0) {
		screen = st->screen;
		*count_slot(r->page_screens, ctx->panel, size, st->page, c->page_count) =
		    session_screen_count(s, st->page, st->large_text);
		snprintf(path, sizeof(path), "%s/img/%s/%s/page-%d-%d.png", r->dir, panel_name,
			 size_name(size), c->pages[st->page].id, screen + 1);
	} else {
		int menu = menu_current(st);
		screen = view_menu_screen(session_view(s), st).number;
		*count_slot(r->menu_screens, ctx->panel, size, menu, c->item_count) = screen + 1;
		snprintf(path, sizeof(path), "%s/img/%s/%s/menu-%d-%d.png", r->dir, panel_name,
			 size_name(size), c->items[menu].id, screen + 1);
	}
	if (session_draw(s) < 0) {
		err_set(r->err, EXIT_SOFTWARE, "", 0, "out of memory while drawing %s", path);
		return -1;
	}
	return png_write_fb(path, session_frame(s), r->err);
}

static int render_panel(struct review *r, int panel, struct session *s)
{
	struct shot_context ctx = {r, panel};
	char dir[4096];
	int size;

	for (size = 0; size < SIZES; size++) {
		snprintf(dir, sizeof(dir), "%s/img/%s/%s", r->dir, panel_models[panel].name,
			 size_name(size));
		if (screens_make_dir(dir, r->err) < 0)
			return -1;
	}
	return screens_each_distinct(s, write_shot, &ctx) < 0 ? -1 : 0;
}

/* The screens of a page (or a menu) on every panel at both sizes; CSS shows the chosen one. */
static void write_shots(const struct review *r, FILE *out, const char *kind, int id, int index,
			int *table, int per_panel)
{
	int panel, size, screen;

	for (panel = 0; panel < r->panels; panel++)
		for (size = 0; size < SIZES; size++) {
			int screens = *count_slot(table, panel, size, index, per_panel);
			const struct panel_model *m = &panel_models[panel];
			fprintf(out, "<div class=\"shots p%d z%d\">", panel, size);
			for (screen = 1; screen <= screens; screen++)
				fprintf(out,
					"<a href=\"img/%s/%s/%s-%d-%d.png\"><img "
					"src=\"img/%s/%s/%s-%d-%d.png\" width=%d height=%d "
					"alt=\"screen %d of %d\"></a>",
					m->name, size_name(size), kind, id, screen, m->name,
					size_name(size), kind, id, screen, m->width, m->height,
					screen, screens);
			fputs("</div>\n", out);
		}
}

/* --- what the sheet says about each page -------------------------------------------------- */

/* The page's lines in its content file: from its @page (or its [source] block) to the next. */
static void write_source_text(const struct review *r, FILE *out, const struct page *p)
{
	char path[4096], line[1024];
	FILE *in;
	long n = 0, blank_run = 0;
	bool block = false;

	snprintf(path, sizeof(path), "%s/%s", r->options->content_dir, p->source_file);
	fputs("<div class=where>", out);
	html(out, p->source_file);
	fprintf(out, ":%d</div>\n", p->source_line);
	in = fopen(path, "r");
	if (!in) {
		fputs("<p class=missing>The content file was not found: ", out);
		html(out, path);
		fputs(" (give the content folder with --content DIR).</p>\n", out);
		return;
	}
	fputs("<pre class=source>", out);
	while (fgets(line, sizeof(line), in)) {
		size_t len = strlen(line);
		n++;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (n < p->source_line)
			continue;
		if (n > p->source_line &&
		    (strncmp(line, "@page", 5) == 0 || strncmp(line, "@topic", 6) == 0 ||
		     (line[0] == '[' && block)))
			break;
		if (n == p->source_line)
			block = line[0] == '[';
		if (len == 0) {
			blank_run++; /* held back: a page's trailing blank lines are not shown */
			continue;
		}
		for (; blank_run > 0; blank_run--)
			fprintf(out, "<span class=l><span class=ln>%ld</span></span>",
				n - blank_run);
		fprintf(out, "<span class=l><span class=ln>%ld</span>", n);
		html(out, line);
		fputs("</span>", out); /* no newline: each line is a block of its own */
	}
	fclose(in);
	fputs("</pre>\n", out);
}

static const struct source *source_numbered(const struct content *c, int number)
{
	int i;

	for (i = 0; i < c->source_count; i++)
		if (c->sources[i].number == number)
			return &c->sources[i];
	return NULL;
}

static void write_sources(const struct review *r, FILE *out, const struct page *p)
{
	int i;

	fputs("<ol class=sources>", out);
	for (i = 0; i < p->source_count; i++) {
		const struct source *src =
		    source_numbered(session_content(&r->s), p->source_numbers[i]);
		if (!src)
			continue;
		fprintf(out, "<li value=%d>", src->number);
		html(out, src->author);
		/* "Allen RP et al." ends its own sentence. */
		fputs(src->author[0] && src->author[strlen(src->author) - 1] == '.' ? " <i>"
										    : ". <i>",
		      out);
		html(out, src->title);
		fputs("</i>", out);
		if (src->published_in[0]) {
			fputs(". ", out);
			html(out, src->published_in);
		}
		if (src->year[0]) {
			fputs(", ", out);
			html(out, src->year);
		}
		fputs(". [", out);
		html(out, src->key);
		fputs("]", out);
		if (src->url[0]) {
			fputs(" <a href=\"", out);
			html(out, src->url);
			fputs("\">", out);
			html(out, src->url);
			fputs("</a>", out);
		}
		fputs("</li>\n", out);
	}
	fputs("</ol>\n", out);
}

/* The page a line of the linter's report is about, by the "page ID 'TITLE'" it names; -1 for
 * a finding about the whole content (a source nobody cites, a menu entry). */
static int finding_page(const char *line)
{
	const char *at = strstr(line, ": page ");
	int id;

	if (!at || sscanf(at, ": page %d '", &id) != 1)
		return -1;
	return id;
}

/* The findings about page id (or, for id -1, about no page): the text after the location. */
static int write_findings(const struct review *r, FILE *out, int id)
{
	const char *line = r->findings, *end = r->findings + r->findings_len;
	int count = 0;

	while (line && line < end) {
		const char *next = memchr(line, '\n', (size_t)(end - line));
		char text[2048];
		size_t len = (size_t)((next ? next : end) - line);
		if (len >= sizeof(text))
			len = sizeof(text) - 1;
		memcpy(text, line, len);
		text[len] = '\0';
		if (len && finding_page(text) == id) {
			const char *what = id >= 0 ? strstr(text, "): ") : NULL;
			fputs(count ? "<li>" : "<ul class=findings><li>", out);
			html(out, what ? what + 3 : text);
			fputs("</li>\n", out);
			count++;
		}
		line = next ? next + 1 : NULL;
	}
	if (count)
		fputs("</ul>\n", out);
	else
		fputs("<p class=clean>The linter found nothing here.</p>\n", out);
	return count;
}

/* --- topics ----------------------------------------------------------------------------- */

/* The menus and pages under a topic's menu item, in menu order. */
struct topic {
	int item;
	int menus[64], menu_count;
	int pages[256], page_count;
};

static void collect(const struct content *c, int item, struct topic *t)
{
	const struct menu_item *it = &c->items[item];
	int k;

	if (it->page >= 0) {
		if (t->page_count < (int)(sizeof(t->pages) / sizeof(t->pages[0])))
			t->pages[t->page_count++] = it->page;
		return;
	}
	if (t->menu_count < (int)(sizeof(t->menus) / sizeof(t->menus[0])))
		t->menus[t->menu_count++] = item;
	for (k = 0; k < it->child_count; k++)
		collect(c, it->children[k], t);
}

static void topic_file(int number, char *out, size_t size)
{
	snprintf(out, size, "topic-%02d.html", number);
}

/* A menu once: its screens, then its entries as a list. */
static void write_menu(const struct review *r, FILE *out, int item, bool link_topics)
{
	const struct content *c = session_content(&r->s);
	const struct menu_item *menu = &c->items[item];
	int k;

	fputs("<section class=menu><h3>Menu: ", out);
	html(out, menu->title);
	fputs("</h3>\n<div class=row><div class=screens>", out);
	write_shots(r, out, "menu", menu->id, item, r->menu_screens, c->item_count);
	fputs("</div><ol class=entries>", out);
	for (k = 0; k < menu->child_count; k++) {
		const struct menu_item *child = &c->items[menu->children[k]];
		char file[64];
		if (link_topics) {
			topic_file(k + 1, file, sizeof(file));
			fprintf(out, "<li><a href=\"%s\">", file);
		} else if (child->page >= 0) {
			fprintf(out, "<li><a href=\"#page-%d\">", c->pages[child->page].id);
		} else {
			fputs("<li><a>", out);
		}
		html(out, child->title);
		fputs(child->page < 0 ? " ›</a></li>" : "</a></li>", out);
	}
	fputs("</ol></div></section>\n", out);
}

static void write_topic(const struct review *r, FILE *out, int number, int count,
			const struct topic *t)
{
	const struct content *c = session_content(&r->s);
	int i;

	fprintf(out, "<section class=topic id=topic-%d>\n<p class=kicker>Topic %d of %d</p><h1>",
		number, number, count);
	html(out, c->items[t->item].title);
	fputs("</h1>\n<p class=meta>Content ", out);
	html(out, c->content_version);
	fputs(", reviewed on ", out);
	html(out, c->reviewed_on);
	fputs(", due for review by ", out);
	html(out, c->review_by);
	fprintf(out, ". %d page%s.</p>\n", t->page_count, t->page_count == 1 ? "" : "s");
	for (i = 0; i < t->menu_count; i++)
		write_menu(r, out, t->menus[i], false);
	for (i = 0; i < t->page_count; i++) {
		const struct page *p = &c->pages[t->pages[i]];
		fprintf(out, "<section class=page id=page-%d><h2>", p->id);
		html(out, p->title);
		fputs("</h2>\n<div class=row><div class=screens>", out);
		write_shots(r, out, "page", p->id, t->pages[i], r->page_screens, c->page_count);
		fputs("</div><div class=facts><div class=text><h4>As written</h4>\n", out);
		write_source_text(r, out, p);
		fputs("</div><div class=cites><h4>Sources</h4>\n", out);
		write_sources(r, out, p);
		fputs("<h4>Linter</h4>\n", out);
		write_findings(r, out, p->id);
		fputs("</div></div></div></section>\n", out);
	}
	fputs("<div class=sign><p>I have read the text, the screens and the sources of this "
	      "topic, and they are fit to show.</p>\n<p><span>Name</span><span>Signature</span>"
	      "<span>Date</span></p></div>\n</section>\n",
	      out);
}

/* --- the files -------------------------------------------------------------------------- */

static const char style_sheet[] =
    "body{font:15px/1.4 sans-serif;margin:0;color:#111;background:#eee}"
    "main{max-width:1300px;margin:0 auto;padding:0 16px 32px}"
    "input.switch{position:absolute;opacity:0}"
    "nav{position:sticky;top:0;background:#222;color:#fff;padding:6px 16px;z-index:1}"
    "nav a{color:#fff;margin-right:1em}"
    "nav label{display:inline-block;padding:2px 8px;margin:0 2px;border:1px solid #888;"
    "border-radius:3px;cursor:pointer}"
    "nav .group{margin-left:1.5em}"
    "section.topic{background:#fff;margin:16px 0;padding:8px 20px 16px;"
    "box-shadow:0 1px 3px #999}"
    ".kicker{margin:8px 0 0;color:#555;font-size:13px;text-transform:uppercase}"
    "h1{margin:0 0 4px}h2{margin:20px 0 6px;border-top:1px solid #ccc;padding-top:10px}"
    "h3{margin:12px 0 4px}h4{margin:8px 0 4px;font-size:13px;text-transform:uppercase;"
    "color:#555}.meta{margin:0;color:#444}"
    ".shots{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0}"
    ".shots img{display:block;border:1px solid #777;height:auto}"
    ".p0 img{width:400px}.p1 img{width:400px}.p2 img{width:264px}"
    ".facts{display:flex;gap:24px;flex-wrap:wrap}.facts .text{flex:3 1 480px}"
    ".facts .cites{flex:2 1 320px}"
    "pre.source{background:#f6f6f0;border:1px solid #ddd;padding:6px;white-space:pre-wrap;"
    "line-height:1.2;"
    "font-size:13px;margin:0}"
    /* A long line wraps under its own text, clear of the line numbers. */
    ".l{display:block;padding-left:3.5em;text-indent:-3.5em;min-height:1.2em}"
    ".ln{display:inline-block;width:3.5em;text-indent:0;color:#888;user-select:none}"
    ".where{font-family:monospace;color:#333}"
    "ol.sources{margin:0;padding-left:1.8em;font-size:13px}ol.sources a{word-break:break-all}"
    "ul.findings{color:#a00;font-weight:bold}.clean{color:#060;margin:0}"
    ".missing{color:#a00}"
    "ol.entries{columns:2;margin:6px 0}"
    ".sign{margin-top:24px;border-top:2px solid #111;padding-top:8px}"
    ".sign span{display:inline-block;width:30%;margin-right:3%;padding-top:28px;"
    "border-bottom:1px solid #111;color:#555;font-size:12px}"
    "table.topics{border-collapse:collapse}table.topics td,table.topics th{padding:3px 10px;"
    "border-bottom:1px solid #ccc;text-align:left}"
    /* On paper: each topic from a new sheet, and each page's screens beside its text, small
     * enough that a sheet holds a few pages, and a page is never cut across two sheets. */
    "@media print{"
    "body{background:#fff;font-size:9pt;line-height:1.3}nav{display:none}"
    "main{max-width:none;padding:0}"
    "section.topic{box-shadow:none;margin:0;padding:0;break-before:page}"
    "section.page,section.menu{break-inside:avoid}"
    "h1{font-size:15pt}h2{font-size:11pt;margin:6pt 0 3pt;padding-top:4pt}"
    "h3{font-size:10pt;margin:6pt 0 3pt}h4{font-size:7pt;margin:3pt 0 1pt}"
    ".row{display:flex;gap:4mm;align-items:flex-start}.screens{flex:0 0 108mm}"
    ".shots{gap:2mm;margin:0}.shots img{border-width:0.5pt}"
    ".p0 img{width:52mm}.p1 img{width:52mm}.p2 img{width:52mm}"
    ".facts{display:block;flex:1 1 auto;min-width:0}"
    "pre.source{font-size:6.5pt;padding:1mm 2mm}.l{padding-left:2.5em;text-indent:-2.5em}"
    ".ln{width:2.5em}.where{font-size:7pt}"
    "ol.sources{font-size:6.5pt}ul.findings,.clean{font-size:7pt}"
    "ol.entries{font-size:8pt;margin:0}"
    ".sign{break-inside:avoid;margin-top:8mm}a{color:inherit;text-decoration:none}}"
    "@page{margin:12mm}";

/* The switches: radio buttons first (CSS selects on them), then the bar of their labels. */
static void write_head(const struct review *r, FILE *out, const char *title)
{
	int panel, size;

	fputs("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>", out);
	html(out, title);
	fprintf(out, "</title>\n<style>%s", style_sheet);
	for (panel = 0; panel < r->panels; panel++) {
		fprintf(out, "#p%d:checked~main .shots:not(.p%d){display:none}", panel, panel);
		fprintf(out, "#p%d:checked~nav label[for=p%d]{background:#fff;color:#000}", panel,
			panel);
	}
	for (size = 0; size < SIZES; size++) {
		fprintf(out, "#z%d:checked~main .shots:not(.z%d){display:none}", size, size);
		fprintf(out, "#z%d:checked~nav label[for=z%d]{background:#fff;color:#000}", size,
			size);
	}
	fputs("</style></head><body>\n", out);
	for (panel = 0; panel < r->panels; panel++)
		fprintf(out, "<input class=switch type=radio name=panel id=p%d%s>", panel,
			panel == r->chosen_panel ? " checked" : "");
	for (size = 0; size < SIZES; size++)
		fprintf(out, "<input class=switch type=radio name=size id=z%d%s>", size,
			size == r->chosen_size ? " checked" : "");
	fputs("\n<nav><a href=\"index.html\">Contents</a><a href=\"print.html\">Print every "
	      "topic</a><span class=group>Panel:",
	      out);
	for (panel = 0; panel < r->panels; panel++) {
		const struct panel_model *m = &panel_models[panel];
		fprintf(out, "<label for=p%d>%s (%dx%d)</label>", panel, m->name, m->width,
			m->height);
	}
	fputs("</span><span class=group>Text:<label for=z0>normal</label><label for=z1>large"
	      "</label></span></nav>\n<main>\n",
	      out);
}

static void write_tail(FILE *out)
{
	fputs("</main></body></html>\n", out);
}

static void write_contents(const struct review *r, FILE *out, const struct topic *topics, int count)
{
	const struct content *c = session_content(&r->s);
	int i, general;

	fputs("<section class=topic id=contents><p class=kicker>Review sheet</p>"
	      "<h1>Restless legs and magnesium: the kiosk's content</h1>\n<p class=meta>",
	      out);
	html(out, c->path);
	fputs(": content ", out);
	html(out, c->content_version);
	fputs(", reviewed on ", out);
	html(out, c->reviewed_on);
	fputs(", due for review by ", out);
	html(out, c->review_by);
	fprintf(out, ". %d topics, %d pages, %d sources.</p>\n", count, c->page_count,
		c->source_count);
	fputs("<p>Each topic has its own sheet: every page's screens as the kiosk draws them "
	      "(choose the panel and the text size above; the print shows the one chosen), the "
	      "text as written with its file and line, its sources, and what the linter found. "
	      "Sign and date each topic at its end.</p>\n",
	      out);
	fputs("<table class=topics><tr><th>Topic</th><th>Pages</th><th>Content file</th>"
	      "</tr>\n",
	      out);
	for (i = 0; i < count; i++) {
		char file[64];
		const struct topic *t = &topics[i];
		topic_file(i + 1, file, sizeof(file));
		fprintf(out, "<tr><td><a href=\"%s\">%d. ", file, i + 1);
		html(out, c->items[t->item].title);
		fprintf(out, "</a></td><td>%d</td><td>", t->page_count);
		if (t->page_count)
			html(out, c->pages[t->pages[0]].source_file);
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n<h4>Linter, on the whole content</h4>\n", out);
	general = write_findings(r, out, -1);
	(void)general;
	write_menu(r, out, c->root, true);
	fputs("</section>\n", out);
}

static FILE *open_out(const struct review *r, const char *name, char *path, size_t size)
{
	FILE *out;

	snprintf(path, size, "%s/%s", r->dir, name);
	out = fopen(path, "w");
	if (!out)
		err_set(r->err, EXIT_IOERR, path, 0, "cannot write: %s", strerror(errno));
	return out;
}

static int close_out(const struct review *r, FILE *out, const char *path)
{
	if (fclose(out) != 0) {
		err_set(r->err, EXIT_IOERR, path, 0, "cannot write: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int write_files(struct review *r, const struct topic *topics, int count)
{
	const struct content *c = session_content(&r->s);
	char path[4200], file[64];
	FILE *out, *all;
	int i;

	if (!(out = open_out(r, "index.html", path, sizeof(path))))
		return -1;
	write_head(r, out, "inkref review sheet: contents");
	write_contents(r, out, topics, count);
	write_tail(out);
	if (close_out(r, out, path) < 0)
		return -1;
	if (!(all = open_out(r, "print.html", path, sizeof(path))))
		return -1;
	write_head(r, all, "inkref review sheet: every topic");
	write_contents(r, all, topics, count);
	for (i = 0; i < count; i++) {
		char topic_path[4200];
		topic_file(i + 1, file, sizeof(file));
		if (!(out = open_out(r, file, topic_path, sizeof(topic_path)))) {
			fclose(all);
			return -1;
		}
		write_head(r, out, c->items[topics[i].item].title);
		write_topic(r, out, i + 1, count, &topics[i]);
		write_tail(out);
		write_topic(r, all, i + 1, count, &topics[i]);
		if (close_out(r, out, topic_path) < 0) {
			fclose(all);
			return -1;
		}
	}
	write_tail(all);
	return close_out(r, all, path);
}

/* The linter's report on the content, kept to place each finding beside its page. */
static int run_linter(struct review *r)
{
	int *screens = session_screen_counts(&r->s, false);
	FILE *report = screens ? open_memstream(&r->findings, &r->findings_len) : NULL;

	if (!report) {
		free(screens);
		err_set(r->err, EXIT_SOFTWARE, "", 0, "out of memory");
		return -1;
	}
	lint_content(session_content(&r->s), screens, report);
	lint_edition(session_content(&r->s), report);
	free(screens);
	if (fclose(report) != 0) {
		err_set(r->err, EXIT_SOFTWARE, "", 0, "out of memory");
		return -1;
	}
	return 0;
}

int review_write(const char *dir, const struct review_options *o, struct inkref_error *err)
{
	struct review r = {.dir = dir, .options = o, .err = err};
	struct session_options so = {
	    .db_path = o->db_path, .glyph_mode = o->glyph_mode, .today = o->today};
	struct topic *topics = NULL;
	int count = 0, panel, i, rc = -1;

	r.panels = panel_model_count;
	r.chosen_size = o->large_text ? 1 : 0;
	for (panel = 0; panel < r.panels; panel++)
		if (o->panel && strcmp(o->panel, panel_models[panel].name) == 0)
			r.chosen_panel = panel;
	if (screens_make_dir(dir, err) < 0 || session_open(&r.s, &panel_models[0], &so, err) < 0)
		return -1;
	r.page_screens =
	    calloc((size_t)(r.panels * SIZES * session_content(&r.s)->page_count) + 1, sizeof(int));
	r.menu_screens =
	    calloc((size_t)(r.panels * SIZES * session_content(&r.s)->item_count) + 1, sizeof(int));
	topics = calloc(
	    (size_t)session_content(&r.s)->items[session_content(&r.s)->root].child_count + 1,
	    sizeof(*topics));
	if (!r.page_screens || !r.menu_screens || !topics) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		goto done;
	}
	for (panel = 0; panel < r.panels; panel++) {
		struct session other;
		int drawn;
		if (panel == 0) {
			drawn = render_panel(&r, panel, &r.s);
		} else {
			if (session_open(&other, &panel_models[panel], &so, err) < 0)
				goto done;
			drawn = render_panel(&r, panel, &other);
			session_close(&other);
		}
		if (drawn < 0)
			goto done;
	}
	if (run_linter(&r) < 0)
		goto done;
	for (i = 0; i < session_content(&r.s)->items[session_content(&r.s)->root].child_count;
	     i++) {
		topics[count].item =
		    session_content(&r.s)->items[session_content(&r.s)->root].children[i];
		collect(session_content(&r.s), topics[count].item, &topics[count]);
		count++;
	}
	if (write_files(&r, topics, count) == 0)
		rc = count;
done:
	free(topics);
	free(r.page_screens);
	free(r.menu_screens);
	free(r.findings);
	session_close(&r.s);
	return rc;
}

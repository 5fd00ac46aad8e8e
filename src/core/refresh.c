/* SPDX-License-Identifier: MIT */
/* refresh: changed byte spans per row grow into rectangles down the rows; a finished one
 * joins a short list, merging into its cheapest partner when the list is full, so the work is
 * linear in the changed rows; at the end the pair whose union wastes the fewest bytes merges
 * first, while that saves bytes and until the windows fit. */
#include "refresh.h"

#include <stdlib.h>
#include <string.h>

/* Spans of changed bytes closer than this merge: a window costs about 20 command bytes,
 * so sending a few unchanged bytes is cheaper than opening another window. */
#define GAP_BYTES 4
#define MAX_OPEN  64
/* Finished rectangles kept apart: twice the windows a plan holds, so the final merging has
 * choices, and few enough that it costs a bounded amount whatever the frame. */
#define MAX_DONE (REFRESH_MAX_WINDOWS * 2)

static long area_bytes(struct rect r)
{
	return (long)(r.w / 8) * r.h;
}

static struct rect unite(struct rect a, struct rect b)
{
	int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
	int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
	int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;

	return (struct rect){x0, y0, x1 - x0, y1 - y0};
}

/* Command bytes one more window costs: 0x90 and its 9 bytes and 0x13 on the UC8179; the four
 * window and counter commands with 9 bytes, for each of three planes, on the SSD168x. */
#define WINDOW_COST 24

static long waste_of(struct rect a, struct rect b)
{
	return area_bytes(unite(a, b)) - area_bytes(a) - area_bytes(b);
}

/* The pair of rectangles whose union adds the fewest bytes: its waste, *bi < *bj. */
static long cheapest_pair(const struct rect *r, int count, int *bi, int *bj)
{
	long best = -1;
	int i, j;

	for (i = 0; i < count; i++)
		for (j = i + 1; j < count; j++) {
			long waste = waste_of(r[i], r[j]);
			if (best < 0 || waste < best) {
				best = waste;
				*bi = i;
				*bj = j;
			}
		}
	return best;
}

/* Adds a finished rectangle; on a full list it merges into the one it wastes least with. */
static int add_done(struct rect *done, int count, struct rect r)
{
	long best = -1;
	int i, at = 0;

	if (count < MAX_DONE) {
		done[count] = r;
		return count + 1;
	}
	for (i = 0; i < count; i++) {
		long waste = waste_of(done[i], r);
		if (best < 0 || waste < best) {
			best = waste;
			at = i;
		}
	}
	done[at] = unite(done[at], r);
	return count;
}

int refresh_diff(const struct fb *glass, const struct fb *next, struct rect *windows, int max)
{
	struct rect open[MAX_OPEN], done[MAX_DONE];
	int open_count = 0, done_count = 0, y, i;

	for (y = 0; y <= next->height; y++) {
		struct rect spans[MAX_OPEN];
		int span_count = 0, x = 0;
		bool extended[MAX_OPEN] = {false};
		const uint8_t *a = y < next->height ? glass->bits + y * glass->stride : NULL;
		const uint8_t *b = y < next->height ? next->bits + y * next->stride : NULL;

		/* This row's changed byte spans. */
		while (a && x < next->stride) {
			int start, end;
			if (a[x] == b[x]) {
				x++;
				continue;
			}
			start = end = x;
			for (x++; x < next->stride; x++) {
				if (a[x] != b[x])
					end = x;
				else if (x - end > GAP_BYTES)
					break;
			}
			if (span_count == MAX_OPEN)
				spans[span_count - 1].w = (end + 1) * 8 - spans[span_count - 1].x;
			else
				spans[span_count++] =
				    (struct rect){start * 8, y, (end - start + 1) * 8, 1};
		}
		/* Grow the open rectangles that a span touches; start new ones for the rest. */
		for (i = 0; i < span_count; i++) {
			int k, hit = -1;
			/* A rectangle grows down only with spans of about its own extent: a frame's
			 * top edge and its two sides stay three thin windows, not one full box. */
			for (k = 0; k < open_count; k++)
				if (abs(spans[i].x - open[k].x) <= GAP_BYTES * 8 &&
				    abs(spans[i].x + spans[i].w - open[k].x - open[k].w) <=
					GAP_BYTES * 8 &&
				    !extended[k]) {
					hit = k;
					break;
				}
			if (hit >= 0) {
				open[hit] = unite(open[hit], spans[i]);
				extended[hit] = true;
			} else if (open_count < MAX_OPEN) {
				open[open_count] = spans[i];
				extended[open_count++] = true;
			} else {
				open[open_count - 1] = unite(open[open_count - 1], spans[i]);
			}
		}
		/* Rectangles no span touched this row are finished. */
		for (i = 0; i < open_count;) {
			if (extended[i]) {
				i++;
				continue;
			}
			done_count = add_done(done, done_count, open[i]);
			open[i] = open[open_count - 1];
			extended[i] = extended[open_count - 1];
			open_count--;
		}
	}
	/* Overlapping results (two spans that met lower down) merge, then the cheapest pairs
	 * until they fit. */
	for (i = 0; i < done_count; i++) {
		int j;
		for (j = i + 1; j < done_count; j++) {
			struct rect meet = rect_intersect(done[i], done[j]);
			if (meet.w > 0 && meet.h > 0) {
				done[i] = unite(done[i], done[j]);
				done[j] = done[--done_count];
				j = i;
			}
		}
	}
	/* Then merge while it saves bytes (a window costs about WINDOW_COST bytes of commands),
	 * and until they fit. */
	while (done_count > 1) {
		int bi = 0, bj = 1;
		long waste = cheapest_pair(done, done_count, &bi, &bj);
		if (done_count <= max && waste >= WINDOW_COST)
			break;
		done[bi] = unite(done[bi], done[bj]);
		done[bj] = done[--done_count];
	}
	memcpy(windows, done, (size_t)done_count * sizeof(*windows));
	return done_count;
}

void refresh_plan(struct refresh_state *state, const struct refresh_policy *policy,
		  const struct fb *glass, const struct fb *next, bool home,
		  struct refresh_plan *plan)
{
	int i;

	memset(plan, 0, sizeof(*plan));
	if (!state->glass_known) {
		/* Nobody knows what the glass shows after power-up: clear it properly. */
		plan->mode = REFRESH_FULL;
	} else {
		plan->window_count = refresh_diff(glass, next, plan->windows, REFRESH_MAX_WINDOWS);
		if (plan->window_count == 0)
			plan->mode = REFRESH_NONE;
		else if (home || (policy->full_every > 0 && state->partials >= policy->full_every))
			plan->mode = REFRESH_FAST; /* home, or ghosting to clear */
		else
			plan->mode = REFRESH_PARTIAL;
	}
	switch (plan->mode) {
	case REFRESH_NONE: return;
	case REFRESH_PARTIAL:
		state->partials++;
		plan->bounds = plan->windows[0];
		for (i = 0; i < plan->window_count; i++) {
			plan->bounds = unite(plan->bounds, plan->windows[i]);
			plan->window_bytes += area_bytes(plan->windows[i]);
		}
		return;
	default: refresh_plan_whole(state, plan, plan->mode, next); return;
	}
}

void refresh_plan_whole(struct refresh_state *state, struct refresh_plan *plan,
			enum refresh_mode mode, const struct fb *next)
{
	state->partials = 0;
	state->glass_known = true;
	plan->mode = mode;
	plan->window_count = 1;
	plan->windows[0] = plan->bounds = (struct rect){0, 0, next->width, next->height};
	plan->window_bytes = (long)next->stride * next->height;
}

const char *refresh_mode_name(enum refresh_mode mode)
{
	static const char *const names[] = {"none", "partial", "fast", "full"};
	return mode >= REFRESH_NONE && mode <= REFRESH_FULL ? names[mode] : "none";
}

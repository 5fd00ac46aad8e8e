/* SPDX-License-Identifier: MIT */
/* test_refresh: the planner: windows cover every changed pixel, are byte aligned and few;
 * the policy picks none, partial, fast and full as documented. */
#include <stdlib.h>

#include "../test.h"
#include "refresh.h"

static void scribble(struct fb *fb, unsigned *seed, int count)
{
	int i;

	for (i = 0; i < count; i++) {
		int w = (int)(rand_r(seed) % 60) + 1, h = (int)(rand_r(seed) % 40) + 1;
		struct rect r = {(int)(rand_r(seed) % (unsigned)fb->width),
				 (int)(rand_r(seed) % (unsigned)fb->height), w, h};
		fb_fill(fb, r, rand_r(seed) % 2);
	}
}

static void windows_cover_every_change(void)
{
	struct fb *a = fb_new(800, 480), *b = fb_new(800, 480);
	unsigned seed = 7;
	int round;

	for (round = 0; round < 200; round++) {
		struct rect windows[REFRESH_MAX_WINDOWS];
		int n, i, x, y, uncovered = 0;
		memcpy(b->bits, a->bits, (size_t)a->stride * (size_t)a->height);
		scribble(b, &seed, 1 + round % 12);
		n = refresh_diff(a, b, windows, REFRESH_MAX_WINDOWS);
		CHECK(n <= REFRESH_MAX_WINDOWS);
		for (i = 0; i < n; i++) {
			CHECK_INT(windows[i].x % 8, 0);
			CHECK_INT(windows[i].w % 8, 0);
			CHECK(rect_contains((struct rect){0, 0, 800, 480}, windows[i]));
		}
		for (y = 0; y < 480; y++)
			for (x = 0; x < 800; x++) {
				bool covered = false;
				if (fb_pixel(a, x, y) == fb_pixel(b, x, y))
					continue;
				for (i = 0; i < n && !covered; i++)
					covered =
					    rect_contains(windows[i], (struct rect){x, y, 1, 1});
				uncovered += !covered;
			}
		CHECK_INT(uncovered, 0);
		memcpy(a->bits, b->bits, (size_t)a->stride * (size_t)a->height);
	}
	fb_free(a);
	fb_free(b);
}

static void a_frame_moving_is_a_few_thin_windows(void)
{
	struct fb *a = fb_new(800, 480), *b = fb_new(800, 480);
	struct rect windows[REFRESH_MAX_WINDOWS];
	long bytes = 0;
	int n, i;

	/* A 5-px frame around one row, then around the next. */
	fb_fill(a, (struct rect){14, 52, 772, 5}, true);
	fb_fill(a, (struct rect){14, 101, 772, 5}, true);
	fb_fill(a, (struct rect){14, 52, 5, 54}, true);
	fb_fill(a, (struct rect){781, 52, 5, 54}, true);
	fb_fill(b, (struct rect){14, 106, 772, 5}, true);
	fb_fill(b, (struct rect){14, 155, 772, 5}, true);
	fb_fill(b, (struct rect){14, 106, 5, 54}, true);
	fb_fill(b, (struct rect){781, 106, 5, 54}, true);
	n = refresh_diff(a, b, windows, REFRESH_MAX_WINDOWS);
	for (i = 0; i < n; i++)
		bytes += (long)(windows[i].w / 8) * windows[i].h;
	CHECK(n >= 3);
	CHECK(bytes < 48000 / 10); /* far less than the two rows' bounding box */
	fb_free(a);
	fb_free(b);
}

static void policy_picks_the_mode(void)
{
	struct fb *a = fb_new(400, 300), *b = fb_new(400, 300);
	struct refresh_policy policy = {3};
	struct refresh_state state = {0, false};
	struct refresh_plan plan;
	int i;

	refresh_plan(&state, &policy, a, b, false, &plan);
	CHECK_INT(plan.mode, REFRESH_FULL); /* first frame: the glass is unknown */
	CHECK_INT(plan.bounds.w, 400);
	refresh_plan(&state, &policy, a, b, false, &plan);
	CHECK_INT(plan.mode, REFRESH_NONE); /* nothing changed */
	for (i = 0; i < 3; i++) {
		fb_fill(b, (struct rect){10 * i, 10, 5, 5}, true);
		refresh_plan(&state, &policy, a, b, false, &plan);
		CHECK_INT(plan.mode, REFRESH_PARTIAL);
		CHECK(plan.window_count >= 1);
		memcpy(a->bits, b->bits, (size_t)a->stride * (size_t)a->height);
	}
	fb_fill(b, (struct rect){100, 100, 5, 5}, true);
	refresh_plan(&state, &policy, a, b, false, &plan);
	CHECK_INT(plan.mode, REFRESH_FAST); /* every 4th after 3 partials: clear the ghosting */
	memcpy(a->bits, b->bits, (size_t)a->stride * (size_t)a->height);
	fb_fill(b, (struct rect){200, 100, 5, 5}, true);
	refresh_plan(&state, &policy, a, b, true, &plan);
	CHECK_INT(plan.mode, REFRESH_FAST); /* home always gets a clean screen */
	fb_free(a);
	fb_free(b);
}

const struct test_case refresh_tests[] = {
    TEST_CASE(refresh, windows_cover_every_change),
    TEST_CASE(refresh, a_frame_moving_is_a_few_thin_windows),
    TEST_CASE(refresh, policy_picks_the_mode),
    {NULL, NULL, NULL},
};

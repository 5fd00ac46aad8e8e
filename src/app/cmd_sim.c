/* SPDX-License-Identifier: MIT */
/* sim: the kiosk on an emulated controller, key by key (a list, or seeded random keys),
 * through the same step as the daemon's; with --stats the plan and the bytes of each step.
 * Or --replay: SPI logs fed back into an emulated controller. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "kiosk.h"
#include "paths.h"
#include "replay.h"
#include "screens.h"

enum {
	OPT_KEYS = COMMAND_OWN_OPTIONS,
	OPT_RANDOM,
	OPT_SEED,
	OPT_STATS,
	OPT_SPI_LOG,
	OPT_FULL_EVERY,
	OPT_TEMPERATURE,
	OPT_SPI_HZ,
	OPT_NAIVE,
	OPT_REPLAY,
	OPT_OUT,
};

static const struct option options[] = {
    {"keys", required_argument, NULL, OPT_KEYS},
    {"random", required_argument, NULL, OPT_RANDOM},
    {"seed", required_argument, NULL, OPT_SEED},
    {"stats", no_argument, NULL, OPT_STATS},
    {"spi-log", required_argument, NULL, OPT_SPI_LOG},
    {"full-every", required_argument, NULL, OPT_FULL_EVERY},
    {"temperature", required_argument, NULL, OPT_TEMPERATURE},
    {"spi-hz", required_argument, NULL, OPT_SPI_HZ},
    {"naive", no_argument, NULL, OPT_NAIVE},
    {"replay", required_argument, NULL, OPT_REPLAY},
    {"out", required_argument, NULL, OPT_OUT},
    COMMAND_SHARED_OPTIONS,
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct options {
	struct shared_options shared;
	const char *keys, *spi_log, *replay, *out;
	bool stats, naive;
	long long random_keys, seed, full_every, temperature, spi_hz;
};

static int take(void *context, int code, const char *arg)
{
	const struct command *c = &command_sim;
	struct options *o = context;

	switch (code) {
	case OPT_KEYS: o->keys = arg; break;
	case OPT_STATS: o->stats = true; break;
	case OPT_SPI_LOG: o->spi_log = arg; break;
	case OPT_NAIVE: o->naive = true; break;
	case OPT_REPLAY: o->replay = arg; break;
	case OPT_OUT: o->out = arg; break;
	case OPT_RANDOM: return command_number(c, arg, 0, 10000000, &o->random_keys);
	case OPT_SEED: return command_number(c, arg, INT64_MIN, INT64_MAX, &o->seed);
	case OPT_FULL_EVERY: return command_number(c, arg, 0, 1000, &o->full_every);
	case OPT_TEMPERATURE: return command_number(c, arg, -40, 85, &o->temperature);
	case OPT_SPI_HZ: return command_number(c, arg, 100000, 100000000, &o->spi_hz);
	default: return command_take_shared(&command_sim, code, arg, &o->shared);
	}
	return 0;
}

/* A small, fixed-seed generator: the same seed gives the same keys on every machine, so its
 * state is 64 bits wide everywhere (a long has 32 on armhf). */
static uint32_t next_random(uint64_t *state)
{
	*state = *state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return (uint32_t)(*state >> 33);
}

struct sim_totals {
	long keys, bytes, full, partial, none;
	double spi_ms, panel_ms, render_us, diff_us;
};

static void print_step(const char *key, const struct display_step *st, double render_us)
{
	const struct rect *b = &st->plan.bounds;
	enum refresh_mode m = st->mode_used;

	printf("key=%s mode=%s waveform=%s x=%d y=%d w=%d h=%d windows=%d spi_bytes=%ld "
	       "spi_ms=%.2f panel_ms=%.0f render_us=%.0f diff_us=%.0f%s\n",
	       key,
	       m == REFRESH_NONE      ? "none"
	       : m == REFRESH_PARTIAL ? "partial"
				      : "full",
	       refresh_mode_name(m), b->x, b->y, b->w, b->h, st->plan.window_count, st->spi_bytes,
	       st->spi_ms, st->panel_ms, render_us, st->diff_us, st->result ? " fault=1" : "");
}

static void add_step(struct sim_totals *t, const struct kiosk_step *step, bool is_key)
{
	const struct display_step *st = &step->display;

	t->keys += is_key;
	t->bytes += st->spi_bytes;
	t->spi_ms += st->spi_ms;
	t->panel_ms += st->panel_ms;
	t->diff_us += st->diff_us;
	t->render_us += step->render_us;
	t->full += st->mode_used == REFRESH_FULL || st->mode_used == REFRESH_FAST;
	t->partial += st->mode_used == REFRESH_PARTIAL;
	t->none += st->mode_used == REFRESH_NONE;
}

/* What the step says about the panel and the controller: 0, or the exit code. */
static int check_step(struct kiosk *k, const struct kiosk_step *step, long n, const char *label)
{
	const struct display_step *st = &step->display;

	if (!step->drawn)
		return EXIT_SOFTWARE; /* out of memory, logged */
	if (st->result < 0) {
		fprintf(stderr, "inkref: %s\n", display_fault(kiosk_display(k)));
		return EXIT_IOERR;
	}
	if (st->refused) {
		fprintf(stderr,
			"inkref: sim: the %s rejected the command stream after key %ld (%s): %s\n",
			kiosk_panel_model(k)->controller, n, label, st->refused);
		return EXIT_SOFTWARE;
	}
	if (st->glass_differs) {
		fprintf(stderr,
			"inkref: sim: after key %ld (%s) the emulated glass differs from the "
			"framebuffer in %ld pixels\n",
			n, label, st->glass_differs);
		return EXIT_SOFTWARE;
	}
	return 0;
}

/* The keys, one step each after the start screen, until the list or the count ends. */
static int run_keys(struct kiosk *k, const struct options *o)
{
	static const enum key random_keys[] = {KEY_UP,	 KEY_DOWN,	KEY_OK,	  KEY_BACK,
					       KEY_DOWN, KEY_OK,	KEY_DOWN, KEY_LONG_OK,
					       KEY_UP,	 KEY_LONG_BACK, KEY_IDLE, KEY_BACK};
	struct sim_totals total = {0};
	struct key_list list;
	uint64_t rng = (uint64_t)o->seed;
	int status = 0;
	long n;

	key_list_begin(&list, o->keys);
	for (n = 0;; n++) {
		struct kiosk_step step;
		enum key key = KEY_NONE;
		if (n > 0 && o->keys) {
			int got = key_list_next(&list, &key);
			if (got == 0)
				break;
			if (got < 0) {
				fprintf(stderr, "inkref: unknown key '%.*s' in --keys\n",
					list.name_len, list.name);
				status = EXIT_USAGE;
				break;
			}
		} else if (n > 0) {
			if (n > o->random_keys)
				break;
			key = random_keys[next_random(&rng) %
					  (sizeof(random_keys) / sizeof(random_keys[0]))];
		}
		kiosk_step(k, key, &step);
		if (step.drawn && o->stats)
			print_step(n > 0 ? key_name(key) : "start", &step.display, step.render_us);
		add_step(&total, &step, n > 0);
		status = check_step(k, &step, n, n > 0 ? key_name(key) : "start");
		if (status)
			break;
	}
	if (o->stats)
		printf("total keys=%ld full=%ld partial=%ld none=%ld spi_bytes=%ld spi_ms=%.1f "
		       "panel_ms=%.0f render_us=%.0f diff_us=%.0f\n",
		       total.keys, total.full, total.partial, total.none, total.bytes, total.spi_ms,
		       total.panel_ms, total.render_us, total.diff_us);
	return status;
}

/* sim --replay: the logs, in order, into one emulated controller of the panel's kind. */
static int sim_replay(const struct options *o, int argc, char **argv)
{
	struct panel_spec spec;
	struct inkref_error err;
	struct replay r;
	int i, status = 0;

	if (panel_spec_parse(o->shared.panel, &spec) < 0 || spec.output == PANEL_PNG)
		return command_usage_error(&command_sim,
					   "--replay needs --panel " PANEL_MODEL_NAMES ", not '%s'",
					   o->shared.panel);
	if (o->keys || o->random_keys)
		return command_usage_error(&command_sim, "%s",
					   "takes --replay or --keys/--random, not both");
	err_clear(&err);
	if (o->out && screens_make_dir(o->out, &err) < 0)
		return command_fail(&err);
	if (replay_open(&r, &spec.model, stdout, o->out, &err) < 0)
		return command_fail(&err);
	for (i = optind - 1; i < argc; i++) {
		const char *path = i == optind - 1 ? o->replay : argv[i];
		int rc = replay_file(&r, path, &err);
		if (rc < 0) {
			replay_close(&r);
			return command_fail(&err);
		}
		if (rc > 0)
			status = EXIT_DATAERR;
	}
	printf("total refreshes=%u refused=%u panel_ms=%.0f\n", r.refreshes, r.refused,
	       emulator_panel_ms(r.emu));
	replay_close(&r);
	return status;
}

static int run(int argc, char **argv)
{
	struct options o = {.shared.glyphs = GLYPH_MONO,
			    .seed = 1,
			    .full_every = 6,
			    .temperature = 20,
			    .spi_hz = 10000000};
	struct inkref_error err;
	struct kiosk_options ko;
	struct panel_spec spec;
	struct kiosk k;
	FILE *spi_log = NULL;
	int rc = command_parse(&command_sim, argc, argv, options, take, &o), status;

	if (rc)
		return rc;
	if (!o.shared.panel)
		return command_usage_error(&command_sim, "%s", "needs --panel MODEL");
	if (o.replay)
		return sim_replay(&o, argc, argv);
	if (optind != argc)
		return command_usage_error(&command_sim, "unexpected argument '%s'", argv[optind]);
	if (!o.keys == !o.random_keys)
		return command_usage_error(&command_sim, "%s", "needs --keys LIST or --random N");
	if (panel_spec_parse(o.shared.panel, &spec) < 0 || spec.output == PANEL_PNG)
		return command_usage_error(&command_sim,
					   "drives an emulated controller: use " PANEL_MODEL_NAMES
					   ", not '%s'",
					   o.shared.panel);
	spec.output = PANEL_EMULATED; /* MODEL and sim:MODEL alike */
	err_clear(&err);
	if (o.spi_log && !(spi_log = fopen(o.spi_log, "w"))) {
		err_set(&err, EXIT_IOERR, o.spi_log, 0, "cannot write the SPI log: %s",
			strerror(errno));
		return command_fail(&err);
	}
	ko = (struct kiosk_options){
	    .session = {.db_path = o.shared.db,
			.glyph_mode = o.shared.glyphs,
			.large_text = o.shared.large,
			.today = o.shared.today},
	    .display = {(unsigned)o.spi_hz, (int)o.temperature, (int)o.full_every, spi_log, o.naive,
			true},
	    .power_hold_ms = -1,
	    .content_must_open = true,
	    .show_unchanged = true,
	};
	if (kiosk_open(&k, &spec, &ko, &err) < 0) {
		kiosk_close(&k);
		if (spi_log)
			fclose(spi_log);
		return command_fail(&err);
	}
	status = run_keys(&k, &o);
	kiosk_close(&k);
	if (spi_log && fclose(spi_log) != 0 && !status) {
		fprintf(stderr, "inkref: %s: cannot finish the SPI log\n", o.spi_log);
		status = EXIT_IOERR;
	}
	return status;
}

const struct command command_sim = {
    "sim",
    "inkref sim --panel MODEL (--keys LIST | --random N [--seed N]) [--stats]\n"
    "              [--spi-log FILE] [--full-every N] [--temperature C] [--spi-hz HZ]\n"
    "              [--naive] [--db FILE] [--data DIR] [--large] [--today YYYY-MM-DD]\n"
    "       inkref sim --panel MODEL --replay LOG [LOG...] [--out DIR]\n",
    run,
};

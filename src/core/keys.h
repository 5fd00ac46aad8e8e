/* SPDX-License-Identifier: MIT */
/* keys: the kiosk's keys, what every input produces and the menu consumes, with their names
 * in the command-line contract (up, down, ok, back, long-ok, long-back, idle) and the one
 * reader of a comma-separated key list. */
#ifndef INKREF_KEYS_H
#define INKREF_KEYS_H

#include <stddef.h>

enum key {
	KEY_NONE,
	KEY_UP,
	KEY_DOWN,
	KEY_OK,
	KEY_BACK,
	KEY_LONG_OK,   /* toggles large text */
	KEY_LONG_BACK, /* straight home */
	KEY_IDLE,      /* nobody pressed anything for a while: home, default text size */
};

/* The key of a name, or KEY_NONE. */
enum key key_from_name(const char *name);
/* The name of a key; "none" for KEY_NONE and anything out of range. */
const char *key_name(enum key key);

/* The names, for messages and help. */
#define KEY_NAMES "up, down, ok, back, long-ok, long-back, idle"

/* Reads a list of key names separated by commas, one key at a time, in place. Empty names
 * (",,", a trailing comma) are skipped. */
struct key_list {
	const char *at;	  /* what is left to read */
	const char *name; /* the last name read (not terminated), for a message */
	int name_len;
};

void key_list_begin(struct key_list *list, const char *text);
/* The next key: 1 with *key set, 0 at the end, -1 for a name that is not a key (then
 * list->name and list->name_len say which: print it with "%.*s"). */
int key_list_next(struct key_list *list, enum key *key);

#endif

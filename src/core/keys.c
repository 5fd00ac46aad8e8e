/* SPDX-License-Identifier: MIT */
/* keys: names by table, so the contract's spelling lives in one place. */
#include "keys.h"

#include <string.h>

static const char *const key_names[] = {
    [KEY_NONE] = "none",	   [KEY_UP] = "up",
    [KEY_DOWN] = "down",	   [KEY_OK] = "ok",
    [KEY_BACK] = "back",	   [KEY_LONG_OK] = "long-ok",
    [KEY_LONG_BACK] = "long-back", [KEY_IDLE] = "idle",
};

enum key key_from_name(const char *name)
{
	int k;

	for (k = KEY_UP; k <= KEY_IDLE; k++)
		if (strcmp(name, key_names[k]) == 0)
			return (enum key)k;
	return KEY_NONE;
}

const char *key_name(enum key key)
{
	return key >= KEY_NONE && key <= KEY_IDLE ? key_names[key] : "none";
}

void key_list_begin(struct key_list *list, const char *text)
{
	list->at = text ? text : "";
	list->name = list->at;
	list->name_len = 0;
}

int key_list_next(struct key_list *list, enum key *key)
{
	char name[16];
	size_t len;

	while (*list->at == ',')
		list->at++;
	if (!*list->at)
		return 0;
	len = strcspn(list->at, ",");
	list->name = list->at;
	list->name_len = len > 1000 ? 1000 : (int)len;
	list->at += len;
	*key = KEY_NONE;
	if (len < sizeof(name)) {
		memcpy(name, list->name, len);
		name[len] = '\0';
		*key = key_from_name(name);
	}
	return *key == KEY_NONE ? -1 : 1;
}

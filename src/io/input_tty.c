/* SPDX-License-Identifier: MIT */
/* input_tty: raw terminal mode and a small decoder for the escape sequences of arrow keys. */
#include "input_tty.h"

#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static bool saved_valid;

int tty_raw_begin(int fd)
{
	struct termios raw;

	if (!isatty(fd) || tcgetattr(fd, &saved) < 0)
		return -1;
	saved_valid = true;
	raw = saved;
	raw.c_lflag &= (tcflag_t) ~(ICANON | ECHO | ISIG);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	return tcsetattr(fd, TCSANOW, &raw);
}

void tty_raw_end(int fd)
{
	if (saved_valid)
		tcsetattr(fd, TCSANOW, &saved);
	saved_valid = false;
}

size_t tty_decode(const char *buf, size_t len, enum key *key, bool *quit)
{
	*key = KEY_NONE;
	*quit = false;
	if (len == 0)
		return 0;
	if (buf[0] == 0x1b) {
		/* CSI or SS3 arrows: ESC [ A or ESC O A. */
		if (len < 3) {
			if (len == 1)
				*key = KEY_BACK; /* a lone Escape acts as Back */
			return len == 1 ? 1 : 0;
		}
		if (buf[1] == '[' || buf[1] == 'O') {
			switch (buf[2]) {
			case 'A': *key = KEY_UP; break;
			case 'B': *key = KEY_DOWN; break;
			case 'C': *key = KEY_OK; break;
			case 'D': *key = KEY_BACK; break;
			case 'H': *key = KEY_LONG_BACK; break; /* Home */
			default: break;
			}
			return 3;
		}
		*key = KEY_BACK;
		return 1;
	}
	switch (buf[0]) {
	case '\r':
	case '\n':
	case ' ': *key = KEY_OK; break;
	case 0x7f:
	case 0x08: *key = KEY_BACK; break;
	case 'l':
	case 'L': *key = KEY_LONG_OK; break; /* large text, as a long OK press */
	case 'h':
	case 'H': *key = KEY_LONG_BACK; break; /* home, as a long Back press */
	case 'i': *key = KEY_IDLE; break;
	case 'q':
	case 'Q':
	case 0x03:
	case 0x04: *quit = true; break;
	default: break;
	}
	return 1;
}

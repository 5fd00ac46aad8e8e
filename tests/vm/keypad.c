/* SPDX-License-Identifier: MIT */
/* vm-keypad: a keypad made with the kernel's uinput, for the tests in the virtual machine. It
 * reads commands, one per line, and answers "done" (or "error: ...") once each has happened:
 *   tap KEY        press and release (KEY: up, down, ok, back)
 *   hold KEY MS    press, wait MS milliseconds, release
 *   unplug         destroy the device, as when its cable is pulled
 *   plug           create it again
 * The device announces autorepeat (EV_REP) like a real keyboard, so the kernel sends its own
 * repeat events while a key is held; the daemon must ignore them and repeat by itself. */
#include <errno.h>
#include <fcntl.h>
#include <linux/uinput.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

static const struct {
	const char *name;
	int code;
} keys[] = {{"up", KEY_UP}, {"down", KEY_DOWN}, {"ok", KEY_ENTER}, {"back", KEY_BACKSPACE}};

static int emit(int fd, int type, int code, int value)
{
	struct input_event e;

	memset(&e, 0, sizeof(e));
	e.type = (unsigned short)type;
	e.code = (unsigned short)code;
	e.value = value;
	return write(fd, &e, sizeof(e)) == (ssize_t)sizeof(e) ? 0 : -1;
}

static int key_event(int fd, int code, int value)
{
	if (emit(fd, EV_KEY, code, value) < 0 || emit(fd, EV_SYN, SYN_REPORT, 0) < 0)
		return -1;
	return 0;
}

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&t, &t) < 0 && errno == EINTR)
		;
}

static int plug(void)
{
	struct uinput_setup setup;
	size_t i;
	int fd = open("/dev/uinput", O_WRONLY | O_NONBLOCK);

	if (fd < 0)
		return -1;
	if (ioctl(fd, UI_SET_EVBIT, EV_KEY) < 0 || ioctl(fd, UI_SET_EVBIT, EV_REP) < 0)
		goto fail;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (ioctl(fd, UI_SET_KEYBIT, keys[i].code) < 0)
			goto fail;
	memset(&setup, 0, sizeof(setup));
	setup.id.bustype = BUS_USB;
	setup.id.vendor = 0x1209; /* the pid.codes vendor id, for test devices */
	setup.id.product = 0x0001;
	snprintf(setup.name, sizeof(setup.name), "inkref test keypad");
	if (ioctl(fd, UI_DEV_SETUP, &setup) < 0 || ioctl(fd, UI_DEV_CREATE) < 0)
		goto fail;
	return fd;
fail:
	close(fd);
	return -1;
}

static int key_code(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(name, keys[i].name))
			return keys[i].code;
	return -1;
}

int main(void)
{
	char line[128], word[16], name[16];
	int fd = plug();

	if (fd < 0) {
		printf("error: /dev/uinput: %s\n", strerror(errno));
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin)) {
		long ms = 80; /* a short press, as a finger makes it */
		int code = -1, fields = sscanf(line, "%15s %15s %ld", word, name, &ms);
		const char *error = NULL;

		if (fields >= 2)
			code = key_code(name);
		if ((!strcmp(word, "tap") || !strcmp(word, "hold")) && code >= 0 && fd >= 0) {
			if (key_event(fd, code, 1) < 0)
				error = strerror(errno);
			sleep_ms(ms);
			if (key_event(fd, code, 0) < 0)
				error = strerror(errno);
		} else if (!strcmp(word, "unplug") && fd >= 0) {
			ioctl(fd, UI_DEV_DESTROY);
			close(fd);
			fd = -1;
		} else if (!strcmp(word, "plug") && fd < 0) {
			fd = plug();
			if (fd < 0)
				error = strerror(errno);
		} else
			error = "unknown command or wrong state";
		if (error)
			printf("error: %s\n", error);
		else
			printf("done\n");
		fflush(stdout);
	}
	return 0;
}

/* SPDX-License-Identifier: MIT */
/* test_spidev: the spidev transport over a fake bus: transfers chunked to the buffer size,
 * EMSGSIZE halves the chunk and loses nothing, BUSY waits end by edge or time-out. */
#include <errno.h>
#include <stdlib.h>

#include "../test.h"
#include "transport_spidev.h"

struct fake_bus {
	uint8_t sent[70000];
	size_t sent_len;
	size_t accept_max; /* longer transfers fail with EMSGSIZE */
	int transfers, dc, rst_pulses, busy_level, edges_left, edge_calls;
	int fail_with;
};

static int fake_transfer(void *bus, const uint8_t *bytes, size_t len)
{
	struct fake_bus *f = bus;

	if (f->fail_with)
		return f->fail_with;
	if (len > f->accept_max)
		return -EMSGSIZE;
	memcpy(f->sent + f->sent_len, bytes, len);
	f->sent_len += len;
	f->transfers++;
	return 0;
}

static int fake_set_dc(void *bus, int level)
{
	((struct fake_bus *)bus)->dc = level;
	return 0;
}

static int fake_set_rst(void *bus, int level)
{
	if (!level)
		((struct fake_bus *)bus)->rst_pulses++;
	return 0;
}

static int fake_read_busy(void *bus)
{
	return ((struct fake_bus *)bus)->busy_level;
}

/* Each edge flips BUSY after edges_left more waits; with none left the wait times out. */
static int fake_wait_edge(void *bus, int timeout_ms)
{
	struct fake_bus *f = bus;

	(void)timeout_ms;
	f->edge_calls++;
	if (f->edges_left <= 0)
		return 0;
	if (--f->edges_left == 0)
		f->busy_level = !f->busy_level;
	return 1;
}

static void fake_pause(void *bus, int ms)
{
	(void)bus;
	(void)ms;
}

static const struct spidev_bus_ops fake_ops = {
    fake_transfer, fake_set_dc, fake_set_rst, fake_read_busy, fake_wait_edge, fake_pause, NULL};

static void chunks_and_emsgsize_lose_nothing(void)
{
	static struct fake_bus bus;
	struct transport t;
	uint8_t frame[48000];
	size_t i;

	memset(&bus, 0, sizeof(bus));
	bus.accept_max = 1000; /* smaller than the 4096 the transport was told */
	for (i = 0; i < sizeof(frame); i++)
		frame[i] = (uint8_t)(i * 7);
	CHECK_INT(transport_spidev_with_bus(&t, &fake_ops, &bus, 4096, 0, 10000000), 0);
	CHECK_INT(t.ops->command(t.context, 0x13), 0);
	CHECK_INT(bus.dc, 0);
	CHECK_INT(t.ops->data(t.context, frame, sizeof(frame)), 0);
	CHECK_INT(bus.dc, 1);
	CHECK_INT(bus.sent_len, 1 + sizeof(frame));
	CHECK(memcmp(bus.sent + 1, frame, sizeof(frame)) == 0);
	CHECK_INT(transport_spidev_chunk(&t), 512); /* 4096 halved until it fit */
	CHECK(bus.transfers <= 1 + 48000 / 512 + 1);
	CHECK_INT(t.bytes, 48001);
	CHECK(t.spi_ms > 38.0 && t.spi_ms < 39.0);
	bus.fail_with = -EIO;
	CHECK_INT(t.ops->data(t.context, frame, 10), -EIO);
	t.ops->close(t.context);
}

static void busy_waits_end_by_edge_or_timeout(void)
{
	static struct fake_bus bus;
	struct transport t;
	int waited = -1;

	memset(&bus, 0, sizeof(bus));
	bus.accept_max = 4096;
	CHECK_INT(transport_spidev_with_bus(&t, &fake_ops, &bus, 4096, 1, 10000000), 0);
	bus.busy_level = 1; /* busy (SSD168x: high) */
	bus.edges_left = 1;
	CHECK_INT(t.ops->wait_busy(t.context, 10000, &waited), 0);
	CHECK_INT(bus.edge_calls, 1);
	bus.busy_level = 1;
	bus.edges_left = 0; /* never releases */
	CHECK_INT(t.ops->wait_busy(t.context, 10000, &waited), -ETIMEDOUT);
	CHECK_INT(waited, 10000);
	CHECK_INT(bus.edge_calls, 2); /* one sleep in the kernel, not a spin */
	CHECK_INT(t.ops->reset(t.context), 0);
	CHECK_INT(bus.rst_pulses, 1);
	t.ops->close(t.context);
}

static void bufsiz_has_a_sane_default(void)
{
	size_t size = spidev_bufsiz();

	CHECK(size >= 16);
	CHECK(size <= 1 << 22);
}

const struct test_case spidev_tests[] = {
    TEST_CASE(spidev, chunks_and_emsgsize_lose_nothing),
    TEST_CASE(spidev, busy_waits_end_by_edge_or_timeout),
    TEST_CASE(spidev, bufsiz_has_a_sane_default),
    {NULL, NULL, NULL},
};

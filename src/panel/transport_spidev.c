/* SPDX-License-Identifier: MIT */
/* transport_spidev: spidev ioctls and libgpiod lines behind struct spidev_bus_ops. */
#include "transport_spidev.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/spi/spidev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "gpio.h"

struct spidev {
	const struct spidev_bus_ops *ops;
	void *bus;
	size_t chunk;
	int busy_level;
};

static void charge(struct transport *t, size_t bytes)
{
	t->bytes += bytes;
	t->spi_ms += (double)bytes * 8.0 * 1000.0 / (double)t->spi_hz;
}

struct spidev_transport {
	struct transport *t;
	struct spidev dev;
};

static int sd_reset(void *context)
{
	struct spidev_transport *st = context;
	struct spidev *d = &st->dev;
	int rc = d->ops->set_rst(d->bus, 1);

	/* The vendors' pulse: high, low 2 ms, high, then time to come up. */
	d->ops->pause_ms(d->bus, 20);
	if (rc == 0)
		rc = d->ops->set_rst(d->bus, 0);
	d->ops->pause_ms(d->bus, 2);
	if (rc == 0)
		rc = d->ops->set_rst(d->bus, 1);
	d->ops->pause_ms(d->bus, 20);
	return rc;
}

static int sd_command(void *context, uint8_t command)
{
	struct spidev_transport *st = context;
	int rc = st->dev.ops->set_dc(st->dev.bus, 0);

	if (rc == 0)
		rc = st->dev.ops->transfer(st->dev.bus, &command, 1);
	if (rc == 0)
		charge(st->t, 1);
	return rc;
}

static int sd_data(void *context, const uint8_t *bytes, size_t len)
{
	struct spidev_transport *st = context;
	struct spidev *d = &st->dev;
	size_t at = 0;
	int rc = d->ops->set_dc(d->bus, 1);

	while (rc == 0 && at < len) {
		size_t n = len - at < d->chunk ? len - at : d->chunk;
		rc = d->ops->transfer(d->bus, bytes + at, n);
		if (rc == -EMSGSIZE && d->chunk > 16) {
			/* The buffer is smaller than we were told: halve and send that piece again.
			 */
			d->chunk /= 2;
			rc = 0;
			continue;
		}
		if (rc == 0) {
			charge(st->t, n);
			at += n;
		}
	}
	return rc;
}

static int sd_wait_busy(void *context, int timeout_ms, int *waited_ms)
{
	struct spidev_transport *st = context;
	struct spidev *d = &st->dev;
	double start = clock_us() / 1000.0;

	/* BUSY rises a moment after the command; read it before then and we would not wait. */
	d->ops->pause_ms(d->bus, 1);
	for (;;) {
		int level = d->ops->read_busy(d->bus), left, rc;
		*waited_ms = (int)(clock_us() / 1000.0 - start);
		if (level < 0)
			return level;
		if (level != d->busy_level)
			return 0;
		left = timeout_ms - *waited_ms;
		if (left <= 0)
			return -ETIMEDOUT;
		/* Sleep in the kernel until the line moves, or the time is up. */
		rc = d->ops->wait_edge(d->bus, left);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			*waited_ms = timeout_ms;
			return -ETIMEDOUT;
		}
	}
}

static void sd_close(void *context)
{
	struct spidev_transport *st = context;

	if (st->dev.ops->close)
		st->dev.ops->close(st->dev.bus);
	free(st);
}

static const struct transport_ops spidev_ops = {sd_reset,     sd_command, sd_data,
						sd_wait_busy, NULL,	  sd_close};

int transport_spidev_with_bus(struct transport *t, const struct spidev_bus_ops *ops, void *bus,
			      size_t chunk, int busy_level, unsigned speed_hz)
{
	struct spidev_transport *st = calloc(1, sizeof(*st));

	if (!st)
		return -ENOMEM;
	memset(t, 0, sizeof(*t));
	st->t = t;
	st->dev = (struct spidev){ops, bus, chunk ? chunk : 4096, busy_level};
	t->ops = &spidev_ops;
	t->context = st;
	t->spi_hz = speed_hz;
	return 0;
}

size_t transport_spidev_chunk(const struct transport *t)
{
	return ((const struct spidev_transport *)t->context)->dev.chunk;
}

size_t spidev_bufsiz(void)
{
	FILE *f = fopen("/sys/module/spidev/parameters/bufsiz", "r");
	unsigned long value = 0;

	if (f) {
		if (fscanf(f, "%lu", &value) != 1)
			value = 0;
		fclose(f);
	}
	return value >= 16 ? (size_t)value : 4096;
}

/* The hardware bus: a spidev file descriptor and GPIO lines DC, RST (, PWR) out, BUSY in. */
struct hw_bus {
	int fd;
	struct gpio_lines *lines;
	unsigned speed_hz;
};

enum { LINE_DC, LINE_RST, LINE_PWR };

static int hw_transfer(void *bus, const uint8_t *bytes, size_t len)
{
	struct hw_bus *hw = bus;
	struct spi_ioc_transfer xfer;

	memset(&xfer, 0, sizeof(xfer));
	xfer.tx_buf = (unsigned long)bytes;
	xfer.len = (unsigned)len;
	xfer.speed_hz = hw->speed_hz;
	xfer.bits_per_word = 8;
	return ioctl(hw->fd, SPI_IOC_MESSAGE(1), &xfer) < 0 ? -errno : 0;
}

static int hw_set_dc(void *bus, int level)
{
	return gpio_set(((struct hw_bus *)bus)->lines, LINE_DC, level);
}

static int hw_set_rst(void *bus, int level)
{
	return gpio_set(((struct hw_bus *)bus)->lines, LINE_RST, level);
}

static int hw_read_busy(void *bus)
{
	return gpio_get(((struct hw_bus *)bus)->lines, 0);
}

static int hw_wait_edge(void *bus, int timeout_ms)
{
	return gpio_wait_edge(((struct hw_bus *)bus)->lines, timeout_ms);
}

static void hw_pause_ms(void *bus, int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	(void)bus;
	nanosleep(&ts, NULL);
}

static void hw_close(void *bus)
{
	struct hw_bus *hw = bus;

	gpio_close(hw->lines);
	close(hw->fd);
	free(hw);
}

static const struct spidev_bus_ops hw_ops = {hw_transfer,  hw_set_dc,	hw_set_rst, hw_read_busy,
					     hw_wait_edge, hw_pause_ms, hw_close};

int transport_spidev_open(struct transport *t, const struct spidev_config *c,
			  struct inkref_error *err)
{
	struct hw_bus *hw = calloc(1, sizeof(*hw));
	struct gpio_request request = {0};
	uint8_t mode = SPI_MODE_0, bits = 8;
	uint32_t speed = c->speed_hz;

	if (!hw) {
		err_set(err, EXIT_SOFTWARE, "", 0, "out of memory");
		return -1;
	}
	hw->speed_hz = c->speed_hz;
	hw->fd = open(c->device, O_RDWR | O_CLOEXEC);
	if (hw->fd < 0) {
		err_set(err, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR, c->device, 0,
			"cannot open the SPI device: %s; enable SPI (dtparam=spi=on) and check the "
			"spi group",
			strerror(errno));
		free(hw);
		return -1;
	}
	if (ioctl(hw->fd, SPI_IOC_WR_MODE, &mode) < 0 ||
	    ioctl(hw->fd, SPI_IOC_WR_BITS_PER_WORD, &bits) < 0 ||
	    ioctl(hw->fd, SPI_IOC_WR_MAX_SPEED_HZ, &speed) < 0) {
		err_set(err, EXIT_IOERR, c->device, 0, "cannot set SPI mode 0 at %u Hz: %s",
			c->speed_hz, strerror(errno));
		close(hw->fd);
		free(hw);
		return -1;
	}
	/* Chip select stays with the SPI controller (it owns CE0): we never request it. */
	request.chip_label = c->chip_label;
	request.consumer = "inkref";
	request.outputs[LINE_DC] = c->dc;
	request.outputs[LINE_RST] = c->rst;
	request.output_values[LINE_RST] = 1;
	request.output_count = 2;
	if (c->has_pwr) {
		request.outputs[LINE_PWR] = c->pwr;
		request.output_values[LINE_PWR] = 1; /* the HAT's panel power on */
		request.output_count = 3;
	}
	request.inputs[0] = c->busy;
	request.input_count = 1;
	hw->lines = gpio_open(&request, err);
	if (!hw->lines) {
		close(hw->fd);
		free(hw);
		return -1;
	}
	return transport_spidev_with_bus(t, &hw_ops, hw, spidev_bufsiz(), c->busy_level,
					 c->speed_hz);
}

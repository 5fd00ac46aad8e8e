/* SPDX-License-Identifier: MIT */
/* transport_log: forwards and records; the byte and time counters live in the inner
 * transport and are mirrored to the outer one after every call. */
#include "transport_log.h"

static void mirror(struct transport_log *log)
{
	log->outer->bytes = log->inner->bytes;
	log->outer->spi_ms = log->inner->spi_ms;
	log->outer->spi_hz = log->inner->spi_hz;
}

static int log_reset(void *context)
{
	struct transport_log *log = context;
	int rc = log->inner->ops->reset(log->inner->context);

	log->resets++;
	if (log->out)
		fprintf(log->out, "R\n");
	mirror(log);
	return rc;
}

static int log_command(void *context, uint8_t command)
{
	struct transport_log *log = context;
	int rc = log->inner->ops->command(log->inner->context, command);

	log->command_calls++;
	if (log->out)
		fprintf(log->out, "C %02x\n", command);
	mirror(log);
	return rc;
}

static int log_data(void *context, const uint8_t *bytes, size_t len)
{
	struct transport_log *log = context;
	int rc = log->inner->ops->data(log->inner->context, bytes, len);
	size_t i;

	log->data_calls++;
	if (log->out) {
		fputc('D', log->out);
		for (i = 0; i < len; i++)
			fprintf(log->out, " %02x", bytes[i]);
		fputc('\n', log->out);
	}
	mirror(log);
	return rc;
}

static int log_wait_busy(void *context, int timeout_ms, int *waited_ms)
{
	struct transport_log *log = context;
	int rc = log->inner->ops->wait_busy(log->inner->context, timeout_ms, waited_ms);

	log->waits++;
	if (log->out)
		fprintf(log->out, "B %d\n", *waited_ms);
	return rc;
}

static int log_temperature(void *context, int *celsius)
{
	struct transport_log *log = context;

	if (!log->inner->ops->temperature)
		return -1;
	return log->inner->ops->temperature(log->inner->context, celsius);
}

static void log_close(void *context)
{
	(void)context; /* the inner transport belongs to whoever made it */
}

static const struct transport_ops log_ops = {log_reset,	    log_command,     log_data,
					     log_wait_busy, log_temperature, log_close};

void transport_log_wrap(struct transport_log *log, struct transport *out)
{
	out->ops = &log_ops;
	out->context = log;
	out->busy_ms = 0;
	log->outer = out;
	mirror(log);
}

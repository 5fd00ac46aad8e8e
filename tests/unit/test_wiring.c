/* SPDX-License-Identifier: MIT */
/* wiring: the header pins the setup guide names for the default wiring and for a changed
 * one, and the wirings it must refuse. */
#include "../test.h"
#include "daemon.h"
#include "wiring.h"

static int pin_of(const struct wire *w, int n, const char *part, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(w[i].part, part) && !strcmp(w[i].name, name))
			return w[i].pin;
	return 0;
}

static void default_wiring_is_the_hat_and_the_2in7_keys(void)
{
	struct config c;
	struct wire w[WIRING_MAX_WIRES];
	struct inkref_error err = {0};
	int n;

	config_defaults(&c);
	n = wiring_list(&c, w, WIRING_MAX_WIRES, &err);
	CHECK_INT(n, 17);
	CHECK_INT(pin_of(w, n, "Panel", "DIN"), 19);
	CHECK_INT(pin_of(w, n, "Panel", "CLK"), 23);
	CHECK_INT(pin_of(w, n, "Panel", "CS"), 24);
	CHECK_INT(pin_of(w, n, "Panel", "DC"), 22);
	CHECK_INT(pin_of(w, n, "Panel", "RST"), 11);
	CHECK_INT(pin_of(w, n, "Panel", "BUSY"), 18);
	CHECK_INT(pin_of(w, n, "Panel", "PWR"), 12);
	CHECK_INT(pin_of(w, n, "Button", "Up"), 29);
	CHECK_INT(pin_of(w, n, "Button", "Down"), 31);
	CHECK_INT(pin_of(w, n, "Button", "OK"), 33);
	CHECK_INT(pin_of(w, n, "Button", "Back"), 35);
}

static void changed_wiring_follows_the_config(void)
{
	struct config c;
	struct wire w[WIRING_MAX_WIRES];
	struct inkref_error err = {0};
	int n;

	config_defaults(&c);
	c.pin_dc = 27;
	c.has_pwr = false;
	snprintf(c.spi_device, sizeof(c.spi_device), "/dev/spidev0.1");
	n = wiring_list(&c, w, WIRING_MAX_WIRES, &err);
	CHECK_INT(n, 16);
	CHECK_INT(pin_of(w, n, "Panel", "DC"), 13);
	CHECK_INT(pin_of(w, n, "Panel", "CS"), 26);
	CHECK_INT(pin_of(w, n, "Panel", "PWR"), 0);
}

static void refuses_shared_and_missing_pins(void)
{
	struct config c;
	struct wire w[WIRING_MAX_WIRES];
	struct inkref_error err = {0};

	config_defaults(&c);
	c.key_pins[2] = 25; /* OK on the panel's DC line */
	CHECK_INT(wiring_list(&c, w, WIRING_MAX_WIRES, &err), -1);
	CHECK_INT(err.code, EXIT_CONFIG);
	CHECK(strstr(err.message, "pin 22") != NULL);
	err_clear(&err);
	config_defaults(&c);
	c.pin_busy = 40; /* no GPIO 40 on the header */
	CHECK_INT(wiring_list(&c, w, WIRING_MAX_WIRES, &err), -1);
	CHECK(strstr(err.message, "GPIO 40 is not on the 40-pin header") != NULL);
	CHECK_INT(wiring_header_pin(2), 3);
	CHECK_INT(wiring_header_pin(28), 0);
}

/* The [gpio] section reaches the panel's transport: a panel wired otherwise than the HAT
 * works once the configuration says how (it used to get 25, 17, 24, 18 whatever it said). */
static void gpio_settings_reach_the_panel(void)
{
	struct config c;
	struct spidev_config w;

	config_defaults(&c);
	snprintf(c.spi_device, sizeof(c.spi_device), "/dev/spidev0.1");
	c.spi_speed_hz = 4000000;
	snprintf(c.gpio_chip, sizeof(c.gpio_chip), "pinctrl-rp1");
	c.pin_dc = 22;
	c.pin_rst = 27;
	c.pin_busy = 23;
	c.pin_pwr = 26;
	c.has_pwr = false;
	daemon_panel_wiring(&c, &w);
	CHECK_STR(w.device, "/dev/spidev0.1");
	CHECK_INT(w.speed_hz, 4000000);
	CHECK_STR(w.chip_label, "pinctrl-rp1");
	CHECK_INT(w.dc, 22);
	CHECK_INT(w.rst, 27);
	CHECK_INT(w.busy, 23);
	CHECK_INT(w.pwr, 26);
	CHECK(!w.has_pwr);
	config_defaults(&c);
	daemon_panel_wiring(&c, &w);
	CHECK(w.chip_label == NULL); /* any Raspberry Pi chip */
	CHECK_INT(w.dc, 25);
	CHECK(w.has_pwr);
}

const struct test_case wiring_tests[] = {
    TEST_CASE(wiring, gpio_settings_reach_the_panel),
    TEST_CASE(wiring, default_wiring_is_the_hat_and_the_2in7_keys),
    TEST_CASE(wiring, changed_wiring_follows_the_config),
    TEST_CASE(wiring, refuses_shared_and_missing_pins),
    {NULL, NULL, NULL},
};

#!/usr/bin/env bash
# man-page.sh: the help and the man page tell the whole story. Every command and every option
# the help shows (inkref --help, and each command's own --help) is in the man page; the help
# names every command, the configuration file option, every input and every real panel; the
# man page has the sections a reader looks for, no placeholder from the tree, and groff
# formats it without a warning. Usage: tests/man-page.sh build/inkref
set -u
inkref=$1
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh" man
cd "$(dirname "$0")/.."
run=${INKREF_RUN:-}
page=doc/inkref.8

# The page as a reader sees its words: roff's escapes and font changes taken out.
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(em/-/g' "$page")
has_word() { grep -qE -- "(^|[^a-z0-9-])$1([^a-z0-9-]|$)" <<<"$text"; }

help=$($run "$inkref" --help 2>&1)
commands=$(grep -oE "inkref [a-z][a-z-]+" <<<"$help" | awk '{ print $2 }' | sort -u)
all_help=$help
for c in $commands; do
	if sub=$($run "$inkref" "$c" --help 2>&1); then
		all_help="$all_help
$sub"
	fi
done

missing=""
for c in $commands; do has_word "$c" || missing="$missing $c"; done
for o in $(grep -oE -- "--[a-z][a-z-]*" <<<"$all_help" | sort -u); do
	has_word "$o" || missing="$missing $o"
done
if [ -z "$missing" ]; then
	pass every_command_and_option_of_the_help_in_the_man_page
else
	fail every_command_and_option_of_the_help_in_the_man_page "not in $page:$missing"
fi

# What a person installing a kiosk looks for in the help.
missing=""
for w in run render sim check-content build-content --config gpio evdev tty stdin \
	waveshare-7in5-v2 waveshare-4in2-v2 waveshare-2in7-v2; do
	grep -qE -- "(^|[^a-z0-9-])$w([^a-z0-9-]|$)" <<<"$all_help" || missing="$missing $w"
done
[ -z "$missing" ] && pass help_complete || fail help_complete "the help lacks:$missing"

missing=""
for s in NAME SYNOPSIS DESCRIPTION OPTIONS FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	grep -qE "^\.SH \"?$s\"?$" "$page" || missing="$missing '$s'"
done
[ -z "$missing" ] && pass sections || fail sections "no section$missing"

if grep -q "@[A-Z_]*@" "$page"; then
	fail no_placeholder "$(grep -n "@[A-Z_]*@" "$page" | head -3)"
else
	pass no_placeholder
fi

warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1)
[ -z "$warnings" ] && pass groff_no_warning || fail groff_no_warning "$warnings"

summary

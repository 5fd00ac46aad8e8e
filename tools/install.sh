#!/bin/sh
# install.sh: make install and make uninstall. install puts each file in place and writes down
# what it put where, in DATADIR/install-manifest: every file, every folder it had to create,
# and the configuration only when it installed it (with its checksum then). uninstall removes
# exactly what the manifest lists, folders only once empty, the configuration only while it
# is unchanged, and nothing at all when the manifest is missing (a PREFIX or DATADIR other
# than the install's).
# Usage: install.sh install|uninstall, with BUILD, DESTDIR, BINDIR, DATADIR, MANDIR, UNITDIR,
# SYSUSERSDIR and SYSCONFDIR in the environment (the Makefile passes them).
set -eu
manifest=$DATADIR/install-manifest
conf=$SYSCONFDIR/inkref/inkref.conf

# dirs_for PATH: creates the folders above PATH that are missing, each noted in the manifest.
dirs_for() {
	local dir
	dir=$(dirname "$1")
	[ -d "$DESTDIR$dir" ] && return 0
	[ "$dir" = / ] && { mkdir -p "$DESTDIR/"; return 0; }
	dirs_for "$dir"
	mkdir "$DESTDIR$dir"
	echo "dir $dir" >>"$tmp"
}
# put MODE SOURCE PATH
put() {
	dirs_for "$3"
	install -m "$1" "$2" "$DESTDIR$3"
	echo "file $3" >>"$tmp"
}

case $1 in
install)
	tmp=$(mktemp)
	trap 'rm -f "$tmp"' EXIT
	put 0755 "$BUILD/inkref" "$BINDIR/inkref"
	put 0644 "$BUILD/content.db" "$DATADIR/content.db"
	for f in DejaVuSans.ttf DejaVuSans-Bold.ttf LICENSE-DejaVu.txt; do
		put 0644 "fonts/$f" "$DATADIR/fonts/$f"
	done
	put 0644 assets/logo.png "$DATADIR/assets/logo.png"
	put 0644 doc/inkref.8 "$MANDIR/inkref.8"
	put 0644 systemd/inkref.sysusers "$SYSUSERSDIR/inkref.conf"
	sed "s|/usr/bin/inkref|$BINDIR/inkref|" systemd/inkref.service >"$tmp.unit"
	put 0644 "$tmp.unit" "$UNITDIR/inkref.service"
	rm -f "$tmp.unit"
	# A configuration someone changed is theirs: never overwrite it.
	if [ -e "$DESTDIR$conf" ]; then
		echo "keeping $DESTDIR$conf"
	else
		put 0644 systemd/inkref.conf "$conf"
		sed -i "\$s|^file .*|conf $conf $(md5sum <systemd/inkref.conf | cut -d' ' -f1)|" "$tmp"
	fi
	# The manifest goes last: only a finished install is one uninstall undoes.
	dirs_for "$manifest"
	install -m 0644 "$tmp" "$DESTDIR$manifest"
	;;
uninstall)
	if [ ! -f "$DESTDIR$manifest" ]; then
		echo "uninstall: no $DESTDIR$manifest: nothing is installed with DATADIR=$DATADIR;" \
			"give the PREFIX (or DATADIR) the install had" >&2
		exit 1
	fi
	# Files first, then folders deepest first, so each is empty when its turn comes.
	while read -r kind path sum; do
		case $kind in
		file) rm -f "$DESTDIR$path" ;;
		conf)
			if [ "$(md5sum <"$DESTDIR$path" 2>/dev/null | cut -d' ' -f1)" = "$sum" ]; then
				rm -f "$DESTDIR$path"
			elif [ -e "$DESTDIR$path" ]; then
				echo "keeping the changed $DESTDIR$path"
			fi
			;;
		esac
	done <"$DESTDIR$manifest"
	dirs=$(sed -n 's/^dir //p' "$DESTDIR$manifest" | tac)
	rm -f "$DESTDIR$manifest"
	for dir in $dirs; do
		rmdir "$DESTDIR$dir" 2>/dev/null || true
	done
	;;
*)
	echo "usage: install.sh install|uninstall" >&2
	exit 64
	;;
esac

#!/usr/bin/env bash
# Build dist/daftar_VERSION_amd64.deb from the one-folder build dist/daftar/ (`make deb`).
#   /opt/daftar/               the one-folder build (daftar, daftar-app, _internal/)
#   /usr/bin/daftar, daftar-app  small wrappers that exec the programs in /opt/daftar
#   /usr/share/applications/daftar.desktop, icons in /usr/share/icons/hicolor
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=packaging/linux
DIST=${DIST:-dist}
APP="$DIST/daftar"
[ -x "$APP/daftar" ] || { echo "build-deb: $APP/daftar not found; run 'make build' first" >&2; exit 1; }
VERSION=$("$APP/daftar" --version | awk '{print $2}')
GLIBC=$(dpkg-query -W -f='${Version}' libc6 | sed 's/-.*//')
STAGE="build/deb/daftar_${VERSION}_amd64"
OUT="$DIST/daftar_${VERSION}_amd64.deb"

rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/icons/hicolor/scalable/apps" \
         "$STAGE/usr/share/doc/daftar"
cp -a "$APP" "$STAGE/opt/daftar"
for prog in daftar daftar-app; do
    printf '#!/bin/sh\n# Qt wants a UTF-8 locale: a bare environment (cron, env -i) gets C.UTF-8\n[ -n "${LC_ALL:-}${LANG:-}" ] || export LANG=C.UTF-8\nexec /opt/daftar/%s "$@"\n' "$prog" > "$STAGE/usr/bin/$prog"
    chmod 0755 "$STAGE/usr/bin/$prog"
done
install -m 0644 "$HERE/daftar.desktop" "$STAGE/usr/share/applications/daftar.desktop"
install -m 0644 resources/icons/daftar.png "$STAGE/usr/share/icons/hicolor/256x256/apps/daftar.png"
install -m 0644 resources/icons/daftar.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/daftar.svg"
install -m 0644 docs/install.md "$STAGE/usr/share/doc/daftar/install.md" 2>/dev/null || true
# the licences of what the package carries, where Debian keeps them (also in /opt/daftar/_internal)
install -m 0644 "$APP/_internal/THIRD-PARTY-NOTICES.txt" "$STAGE/usr/share/doc/daftar/THIRD-PARTY-NOTICES.txt"
for script in postinst prerm postrm; do
    install -m 0755 "$HERE/$script" "$STAGE/DEBIAN/$script"
done
SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$SIZE/" -e "s/@GLIBC@/$GLIBC/" \
    "$HERE/control.in" > "$STAGE/DEBIAN/control"
# files owned by root whoever builds. zstd -9: every system this build runs on (glibc >= the
# build machine's: Debian 12, Ubuntu 22.10 and newer) reads it; measured here: zstd -9 ~190 MB
# in 14 CPU-s, zstd -15 only 1 % smaller for 9x the time, xz -6 156 MB but 307 CPU-s
# (DEB_COMPRESS=xz DEB_LEVEL=6 for the smallest file or an older dpkg). Tests use gzip -1.
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-zstd}" -z"${DEB_LEVEL:-9}" --build "$STAGE" "$OUT" >/dev/null
rm -rf "$STAGE"
echo "$OUT ($(du -h "$OUT" | cut -f1), installed $((SIZE / 1024)) MB)"

#!/bin/sh
# Remove Coordinator installed by install.sh. The data is kept: the database, its
# backups and logs stay in ~/.local/share/Coordinator (delete that folder yourself
# if you mean to).
#
#   ~/.local/lib/coordinator/uninstall.sh      (or PREFIX=DIR, as given to install.sh)
set -eu

prefix=${PREFIX:-"$HOME/.local"}
lib="$prefix/lib/coordinator"
manifest="$lib/installed-files"

if [ ! -f "$manifest" ]; then
    echo "Coordinator is not installed in $prefix." >&2
    exit 1
fi
while IFS= read -r file; do
    rm -f "$prefix/$file"
done < "$manifest"
if [ -L "$prefix/bin/coordinator" ]; then
    rm -f "$prefix/bin/coordinator"
fi
rm -rf "$lib"

share="$prefix/share"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v update-mime-database >/dev/null 2>&1 && [ -d "$share/mime" ] && update-mime-database "$share/mime" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$share/icons/hicolor" ] && gtk-update-icon-cache -q -t "$share/icons/hicolor" >/dev/null 2>&1 || true

echo "Coordinator is removed. Your data is kept in ${XDG_DATA_HOME:-$HOME/.local/share}/Coordinator."

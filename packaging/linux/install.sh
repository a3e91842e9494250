#!/bin/sh
# Install Coordinator for this user only: no administrator rights and no network.
#
#   ./install.sh               into ~/.local (the program in ~/.local/lib/coordinator,
#                              the command ~/.local/bin/coordinator, the menu entry,
#                              icons and the .coordsync file type in ~/.local/share)
#   PREFIX=DIR ./install.sh    into DIR instead
#
# Installing again replaces the program and keeps the data (~/.local/share/Coordinator).
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
prefix=${PREFIX:-"$HOME/.local"}
app_id=$(basename "$here"/share/applications/*.desktop .desktop)
lib="$prefix/lib/coordinator"
share="$prefix/share"
manifest="$lib/installed-files"

mkdir -p "$prefix/lib" "$prefix/bin" "$share"
# Copied beside the old program, then swapped in, so a failed copy leaves it working.
rm -rf "$lib.new"
cp -R "$here/Coordinator" "$lib.new"
cp "$here/uninstall.sh" "$lib.new/uninstall.sh"
rm -rf "$lib"
mv "$lib.new" "$lib"
ln -sfn "$lib/coordinator" "$prefix/bin/coordinator"

: > "$manifest"
(cd "$here/share" && find . -type f) | while IFS= read -r file; do
    file=${file#./}
    mkdir -p "$share/$(dirname "$file")"
    cp "$here/share/$file" "$share/$file"
    echo "share/$file" >> "$manifest"
done
# The menu entry starts the program where it now is, whatever PATH the desktop has.
desktop="$share/applications/$app_id.desktop"
sed "s|^Exec=coordinator |Exec=\"$lib/coordinator\" |" "$desktop" > "$desktop.tmp"
mv "$desktop.tmp" "$desktop"

# Refresh the desktop's caches where the tools are present; a missing one only
# delays the menu entry or the icon until the next login.
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$share/mime" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" >/dev/null 2>&1 || true

echo "Coordinator is installed in $lib."
echo "Start it from the applications menu, or run: $prefix/bin/coordinator"
echo "To remove it: $lib/uninstall.sh (your data is kept)."

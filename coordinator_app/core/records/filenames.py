"""Names of attached files: which are refused when a file is attached, and the safe
name a stored file is written out under when it is opened.

An attachment's name becomes a file on disk when it is opened, on whatever system
opens it, so it must be one name (no folder in it), of a length file systems take
(255 bytes), with no control characters. Names stored before these rules, or
arriving from elsewhere, are made safe when written out rather than trusted.
"""

from __future__ import annotations

import re

from coordinator_app.i18n import _

#: The longest name most file systems hold (ext4, APFS, NTFS: 255 bytes or units).
MAX_NAME_BYTES = 255
_SEPARATORS = "/\\"
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
#: What Windows refuses in a name, besides separators and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\<>:"|?*]')
FALLBACK = "attachment"


def filename_problem(name: str | None) -> str | None:
    """Why `name` cannot be an attached file's name, or None if it can."""
    if name is None or name.strip(" .") == "":
        return _("“{name}” is not a file name").format(name=name or "")
    if any(separator in name for separator in _SEPARATORS):
        return _("a file name cannot contain “/” or “\\”")
    control = _CONTROLS.search(name)
    if control:
        return _("a file name cannot contain control characters (U+{code:04X})").format(
            code=ord(control.group()))
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return _("the file name is longer than {limit} bytes; shorten it").format(
            limit=MAX_NAME_BYTES)
    return None


def safe_filename(name: str | None) -> str:
    """A name any system can write a file under, as close to `name` as can be: unsafe
    characters become "_", leading and trailing dots and spaces go, and an overlong
    name is cut before its extension."""
    cleaned = _UNSAFE.sub("_", name or "").strip(" .")
    if not cleaned:
        return FALLBACK
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot or len(suffix.encode("utf-8")) > 16:
        stem, suffix = cleaned, ""
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8")) - (1 if suffix else 0)
    stem = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .") or FALLBACK
    return f"{stem}.{suffix}" if suffix else stem

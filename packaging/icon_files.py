"""Windows .ico and macOS .icns files made of PNG images.

Both formats are a small directory of images; since Windows Vista and Mac OS X
10.7 each image may simply be a PNG file, which is what these write. Written
here, not with Pillow, so that the icons are the renderings of the SVG byte for
byte (Pillow would scale one image to every size) and every build machine
makes the same files.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping

#: The ICNS element type for each PNG size; the @2x types reuse the larger images.
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),
)
ICO_MAX = 256


def _check_png(size: int, data: bytes) -> None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError(f"the {size} px image is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != (size, size):
        raise ValueError(f"the {size} px image is {width}x{height}")


def ico_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """An .ico holding each PNG of `pngs` (size in pixels -> PNG data), up to 256 px."""
    sizes = sorted(size for size in pngs if size <= ICO_MAX)
    if not sizes:
        raise ValueError("an .ico needs at least one image of 256 px or less")
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = [], []
    for size in sizes:
        data = pngs[size]
        _check_png(size, data)
        # A width or height of 0 in the directory means 256.
        entries.append(struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32,
                                   len(data), offset))
        payload.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(payload)


def icns_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """An .icns holding the PNGs of `pngs` under every element type that fits them."""
    elements = []
    for kind, size in ICNS_TYPES:
        if size in pngs:
            _check_png(size, pngs[size])
            elements.append(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size])
    if not elements:
        raise ValueError("an .icns needs an image of 16, 32, 64, 128, 256 or 512 px")
    body = b"".join(elements)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body

"""Build every asset the package and the installers need from the sources in resources/.

    python packaging/build_assets.py            render the icons into resources/ and the package
    python packaging/build_assets.py --share D  also lay out a Linux share/ folder in D
                                                (desktop entry, AppStream metainfo, MIME type, icons)

- resources/icons/coordinator.svg is drawn to PNG at 16 to 512 px by Qt's
  QSvgRenderer, into resources/icons/rendered/, with coordinator.ico (Windows)
  and coordinator.icns (macOS) made of those PNGs;
- the sizes a window uses are copied into coordinator_app/resources/icons, where
  the app finds them (coordinator_app.ui.app_icon);
- the templates in resources/linux/ are filled with the app's id and version.

The rendered files are committed, so a checkout runs with its icon and the
installer recipes find their icons without a build step; run this again after
changing the drawing or the templates. The bundle build (packaging/build.py)
calls it too.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from coordinator_app import __version__  # noqa: E402  (after the path is set)
from coordinator_app.ui.app_icon import APP_ID, ICON_DIR, WINDOW_ICON_SIZES  # noqa: E402
from icon_files import icns_bytes, ico_bytes  # noqa: E402

RESOURCES = ROOT / "resources"
SVG = RESOURCES / "icons" / "coordinator.svg"
RENDERED = RESOURCES / "icons" / "rendered"
LINUX_TEMPLATES = RESOURCES / "linux"
SCREENSHOTS = RESOURCES / "screenshots"
RENDER_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: A sync bundle's MIME type, named in the desktop entry and the MIME database.
SYNC_MIME_TYPE = "application/x-coordinator-sync"


def render_pngs(svg: Path = SVG, sizes=RENDER_SIZES) -> dict[int, bytes]:
    """The drawing at each size, as PNG data, drawn at that size (not scaled down)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a drawing Qt can read")
    pngs = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
        buffer.close()
        pngs[size] = bytes(data)
    return pngs


def write_icons(rendered: Path = RENDERED, package_icons: Path = ICON_DIR,
                svg: Path = SVG) -> dict[int, bytes]:
    """Render the icons into `rendered` (PNG, ICO, ICNS) and `package_icons` (the
    window sizes); returns the PNGs by size."""
    pngs = render_pngs(svg)
    rendered.mkdir(parents=True, exist_ok=True)
    package_icons.mkdir(parents=True, exist_ok=True)
    for size, data in pngs.items():
        (rendered / f"coordinator-{size}.png").write_bytes(data)
        if size in WINDOW_ICON_SIZES:
            (package_icons / f"coordinator-{size}.png").write_bytes(data)
    (rendered / "coordinator.ico").write_bytes(ico_bytes(pngs))
    (rendered / "coordinator.icns").write_bytes(icns_bytes(pngs))
    return pngs


def release_date() -> str:
    """The day of the commit built (reproducible), or today outside a checkout."""
    try:
        day = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        day = ""
    return day or date.today().isoformat()


def screenshot_elements(base_url: str | None) -> str:
    """AppStream wants screenshots by web address: listed only when the build is told
    where resources/screenshots is published (COORDINATOR_SCREENSHOT_URL)."""
    if not base_url:
        return ""
    lines = ["  <screenshots>"]
    for n, path in enumerate(sorted(SCREENSHOTS.glob("*.png"))):
        kind = ' type="default"' if n == 0 else ""
        url = escape(f"{base_url.rstrip('/')}/{path.name}")
        lines.append(f"    <screenshot{kind}><image>{url}</image></screenshot>")
    lines.append("  </screenshots>")
    return "\n".join(lines) + "\n"


def fill(template: Path, values: dict[str, str]) -> str:
    text = template.read_text("utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    if leftover := re.search(r"@[A-Z_]+@", text):
        raise SystemExit(f"{template}: no value for {leftover.group()}")
    return text


def install_linux_share(share: Path, pngs: dict[int, bytes] | None = None) -> None:
    """Lay out `share` as ~/.local/share expects it: applications/, metainfo/, mime/,
    icons/hicolor/. The desktop entry's Exec is `coordinator`; the install script
    points it at the installed program."""
    pngs = pngs or {size: (RENDERED / f"coordinator-{size}.png").read_bytes()
                    for size in RENDER_SIZES}
    values = {"APP_ID": APP_ID, "VERSION": __version__, "DATE": release_date(),
              "MIME_TYPE": SYNC_MIME_TYPE,
              "SCREENSHOTS": screenshot_elements(os.environ.get("COORDINATOR_SCREENSHOT_URL"))}
    outputs = {
        "coordinator.desktop.in": share / "applications" / f"{APP_ID}.desktop",
        "coordinator.metainfo.xml.in": share / "metainfo" / f"{APP_ID}.metainfo.xml",
        "coordinator-mime.xml.in": share / "mime" / "packages" / f"{APP_ID}.xml",
    }
    for template, output in outputs.items():
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(fill(LINUX_TEMPLATES / template, values), "utf-8")
    for size, data in pngs.items():
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{APP_ID}.png").write_bytes(data)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable / f"{APP_ID}.svg")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--share", type=Path, metavar="DIR",
                        help="also lay out a Linux share/ folder here")
    args = parser.parse_args(argv)
    pngs = write_icons()
    print(f"icons: {RENDERED.relative_to(ROOT)} and {ICON_DIR.relative_to(ROOT)}")
    if args.share:
        install_linux_share(args.share, pngs)
        print(f"Linux desktop files: {args.share}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The icons and desktop files the installers ship, built from resources/ by one script."""

from __future__ import annotations

import configparser
import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from PySide6.QtGui import QImage

from coordinator_app import __version__
from coordinator_app.ui.app_icon import APP_ID, WINDOW_ICON_SIZES, icon_file
from support.packaging import packaging_module

build_assets = packaging_module("build_assets")
icon_files = packaging_module("icon_files")


@pytest.fixture(scope="module")
def pngs():
    return build_assets.render_pngs()


def _pixels(data: bytes) -> QImage:
    return QImage.fromData(data).convertToFormat(QImage.Format.Format_ARGB32)


def test_windows_icon_holds_every_size_as_drawn(pngs):
    ico = Image.open(io.BytesIO(icon_files.ico_bytes(pngs)))
    assert sorted(ico.info["sizes"]) == [(s, s) for s in sorted(pngs) if s <= 256]
    for size in (16, 48, 256):
        ico.size = (size, size)
        ico.load()
        assert ico.tobytes() == Image.open(io.BytesIO(pngs[size])).convert("RGBA").tobytes()


def test_macos_icon_holds_every_size_as_drawn(pngs):
    icns = Image.open(io.BytesIO(icon_files.icns_bytes(pngs)))
    assert {(w, h) for w, h, _scale in icns.info["sizes"]} >= {(16, 16), (32, 32), (128, 128),
                                                                (256, 256), (512, 512)}
    icns.size = (512, 512)
    icns.load()
    assert icns.tobytes() == Image.open(io.BytesIO(pngs[512])).convert("RGBA").tobytes()


def test_icon_writers_refuse_an_image_of_the_wrong_size(pngs):
    with pytest.raises(ValueError, match="32 px image is 16x16"):
        icon_files.ico_bytes({32: pngs[16]})


def test_committed_icons_are_the_current_drawing(pngs):
    """Forgetting to run packaging/build_assets.py after changing the SVG fails here."""
    for size in WINDOW_ICON_SIZES:
        shipped, drawn = _pixels(icon_file(size).read_bytes()), _pixels(pngs[size])
        assert shipped.size() == drawn.size()
        differences = sum(
            max(abs(a - b) for a, b in zip(shipped.pixelColor(x, y).getRgb(),
                                           drawn.pixelColor(x, y).getRgb())) > 24
            for x in range(size) for y in range(size))
        assert differences <= size * size // 100, (size, differences)
    for name in ("coordinator.ico", "coordinator.icns"):
        assert (build_assets.RENDERED / name).stat().st_size > 0


def test_linux_desktop_files_name_the_app_its_icon_and_bundle_type(tmp_path, pngs):
    build_assets.install_linux_share(tmp_path, pngs)
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(tmp_path / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Icon"] == APP_ID and desktop["Exec"] == "coordinator %f"
    assert desktop["Name[uk]"] == "Координатор" and desktop["Name[lt]"] == "Koordinatorius"
    assert desktop["MimeType"] == f"{build_assets.SYNC_MIME_TYPE};"

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(tmp_path / "mime" / "packages" / f"{APP_ID}.xml").getroot()
    kind = mime.find("m:mime-type", ns)
    assert kind.get("type") == build_assets.SYNC_MIME_TYPE
    assert kind.find("m:glob", ns).get("pattern") == "*.coordsync"

    info = ET.parse(tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").getroot()
    assert info.findtext("id") == APP_ID
    assert info.find("launchable").text == f"{APP_ID}.desktop"
    assert info.find("releases/release").get("version") == __version__

    for size in build_assets.RENDER_SIZES:
        icon = tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert QImage(str(icon)).width() == size
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()


def test_a_template_value_left_unfilled_stops_the_build(tmp_path):
    template = tmp_path / "x.desktop.in"
    template.write_text("Icon=@APP_ID@\nExec=@EXEC@\n", "utf-8")
    with pytest.raises(SystemExit, match="@EXEC@"):
        build_assets.fill(template, {"APP_ID": APP_ID})

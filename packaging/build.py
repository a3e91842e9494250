"""Build Coordinator's installable bundle for the system this runs on.

    python packaging/build.py [--dist DIR]

1. the icons and desktop files (build_assets.py);
2. the program folder, with PyInstaller (coordinator.spec);
3. what a person downloads, in DIR (default dist/):
   - Linux:   Coordinator-VERSION-linux-ARCH.tar.gz: the program, its desktop entry,
              AppStream metainfo, MIME type and icons, install.sh and uninstall.sh;
   - Windows: Coordinator-VERSION-windows-portable.zip (data kept beside the program),
              and, when Inno Setup's ISCC is on PATH, Coordinator-VERSION-setup.exe;
   - macOS:   Coordinator-VERSION-macos.zip holding Coordinator.app.
4. the size of the program folder, and its largest files.

Nothing here goes online: after the first `pip install '.[package]'` it builds offline.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build_assets  # noqa: E402  (beside this file)
from build_assets import ROOT, __version__  # noqa: E402

NAME = "Coordinator"
WORK = ROOT / "build" / "pyinstaller"


def run_pyinstaller(dist: Path) -> Path:
    """The program folder (or Coordinator.app on macOS) PyInstaller made in `dist`."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(WORK),
                    str(HERE / "coordinator.spec")], check=True, cwd=ROOT)
    return dist / (f"{NAME}.app" if sys.platform == "darwin" else NAME)


def missing_libraries(program: Path) -> dict[str, set[str]]:
    """Libraries that a shared object in the Linux program folder needs and finds
    neither in the folder nor on this machine, by the object that needs them.

    PyInstaller bundles what the build machine has; a library it lacks (Qt's xcb
    plugin needs libxcb-icccm4 and libxcb-keysyms1, which a server may not have)
    leaves a bundle whose window cannot open on a desktop, although everything
    else works. Libraries PyInstaller leaves to each system on purpose (the C
    library, graphics drivers) are not counted.
    """
    from PyInstaller.depend.dylib import include_library

    internal = program / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    missing: dict[str, set[str]] = {}
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        done = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True)
        for line in done.stdout.splitlines():
            name, _, where = line.strip().partition(" => ")
            if where == "not found" and include_library(name):
                missing.setdefault(name, set()).add(path.name)
    return missing


def folder_size(folder: Path) -> tuple[int, list[tuple[int, Path]]]:
    files = [(path.lstat().st_size, path) for path in folder.rglob("*")
             if path.is_file() and not path.is_symlink()]
    return sum(size for size, _ in files), sorted(files, reverse=True)


def report_size(program: Path, top: int = 15) -> int:
    total, files = folder_size(program)
    print(f"{program.name}: {total / 2**20:.1f} MiB unpacked, {len(files)} files; largest:")
    for size, path in files[:top]:
        print(f"  {size / 2**20:7.1f} MiB  {path.relative_to(program)}")
    return total


def linux_bundle(program: Path, dist: Path) -> Path:
    """The tarball: the program folder, share/ and the install scripts, in one folder."""
    stem = f"{NAME}-{__version__}-linux-{platform.machine()}"
    staging = dist / stem
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copytree(program, staging / NAME, symlinks=True)
    build_assets.install_linux_share(staging / "share")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(HERE / "linux" / script, staging / script)
        os.chmod(staging / script, 0o755)
    archive = dist / f"{stem}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(staging, arcname=stem)
    return archive


def windows_bundles(program: Path, dist: Path) -> list[Path]:
    """The portable zip (a `portable` file beside the program keeps the data there,
    see coordinator_app.core.store.paths) and, with Inno Setup installed, the installer."""
    made = []
    archive = dist / f"{NAME}-{__version__}-windows-portable.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(program.rglob("*")):
            zipped.write(path, Path(NAME) / path.relative_to(program))
        zipped.writestr(f"{NAME}/portable", "Data is kept in the data folder beside this file.\n")
    made.append(archive)
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc:
        subprocess.run([iscc, f"/DAppVersion={__version__}", f"/DSourceDir={program}",
                        f"/DOutputDir={dist}", f"/DRoot={ROOT}",
                        str(HERE / "windows" / "coordinator.iss")], check=True)
        made.append(dist / f"{NAME}-{__version__}-setup.exe")
    else:
        print("Inno Setup (iscc) not found: no setup.exe, only the portable zip.")
    return made


def macos_bundle(app: Path, dist: Path) -> Path:
    archive = dist / f"{NAME}-{__version__}-macos.zip"
    # ditto keeps the bundle's symlinks and extended attributes, which codesign needs.
    subprocess.run(["ditto", "-c", "-k", "--keepParent", str(app), str(archive)], check=True)
    return archive


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="where to put the program folder and the archives")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    build_assets.write_icons()
    program = run_pyinstaller(dist)
    report_size(program)
    if sys.platform == "win32":
        made = windows_bundles(program, dist)
    elif sys.platform == "darwin":
        made = [macos_bundle(program, dist)]
    else:
        if missing := missing_libraries(program):
            for name, users in sorted(missing.items()):
                print(f"missing {name}, needed by {', '.join(sorted(users))}", file=sys.stderr)
            raise SystemExit("Install those libraries on this machine (for Qt's xcb "
                             "plugin, Debian's libxcb-icccm4 libxcb-keysyms1 "
                             "libxcb-cursor0...) and build again.")
        made = [linux_bundle(program, dist)]
    for path in made:
        print(f"built {path} ({path.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

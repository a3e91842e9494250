"""A file written where the person chose (`-o`, Save as PDF, a backup folder) replaces only a
regular file: a device, a folder or a symbolic link there is refused and left as it was."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import sys

import pytest
from pypdf import PdfReader

from coordinator_app.cli import main
from coordinator_app.core.store import backup
from coordinator_app.core.sample.demo import MEMORANDUM_TITLE
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.store.safe_write import UnsafeTarget, copy_file, reason_text, write_bytes
from support.files import listing, mode_of

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


@pytest.fixture
def targets(tmp_path):
    """An output folder holding what must never be replaced: a special file (a FIFO, as
    /dev/full is a device), a folder, and a link to a file elsewhere."""
    folder = tmp_path / "out"
    folder.mkdir()
    os.mkfifo(folder / "fifo.pdf")
    (folder / "folder.pdf").mkdir()
    elsewhere = tmp_path / "elsewhere.pdf"
    elsewhere.write_bytes(b"someone else's file")
    (folder / "link.pdf").symlink_to(elsewhere)
    return folder


def assert_untouched(folder, elsewhere):
    assert stat.S_ISFIFO(os.lstat(folder / "fifo.pdf").st_mode)
    assert (folder / "folder.pdf").is_dir() and not any((folder / "folder.pdf").iterdir())
    assert os.readlink(folder / "link.pdf") == str(elsewhere)
    assert elsewhere.read_bytes() == b"someone else's file"
    # No temporary file was left beside them either.
    assert listing(folder) == ["fifo.pdf", "folder.pdf", "link.pdf"]


@pytest.mark.parametrize(("name", "says"), [
    ("fifo.pdf", "is a device or another special file"),
    ("folder.pdf", "is a folder"),
    ("link.pdf", "is a symbolic link"),
])
def test_report_from_the_command_line_is_refused_onto_a_special_file_folder_or_link(
        demo_workspace, db_path, targets, capsys, name, says):
    status = main(["--db", str(db_path), "report", "memorandum", MEMORANDUM_TITLE,
                   "-o", str(targets / name)])

    err = capsys.readouterr().err
    assert status == 1 and says in err and str(targets / name) in err
    assert "Traceback" not in err
    assert_untouched(targets, targets.parent / "elsewhere.pdf")


def test_report_onto_a_device_leaves_the_device_in_place(demo_workspace, db_path, tmp_path,
                                                         capsys):
    device = tmp_path / "full"
    try:  # a node like /dev/full, in a folder of the test's own
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except OSError:
        pytest.skip("making a device node needs root")

    status = main(["--db", str(db_path), "report", "memorandum", MEMORANDUM_TITLE,
                   "-o", str(device)])

    assert status == 1 and "is a device" in capsys.readouterr().err
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert os.lstat(device).st_rdev == os.makedev(1, 7)


def test_report_replaces_a_regular_file_whole_and_private(demo_workspace, db_path, tmp_path,
                                                          shared_umask):
    out = tmp_path / "memo.pdf"
    out.write_bytes(b"last week's summary")
    os.chmod(out, 0o644)

    assert main(["--db", str(db_path), "report", "memorandum", MEMORANDUM_TITLE,
                 "-o", str(out)]) == 0

    assert PdfReader(out).metadata.title == MEMORANDUM_TITLE
    assert mode_of(out) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.parametrize("name", ["fifo.pdf", "folder.pdf", "link.pdf"])
def test_save_as_pdf_in_the_app_is_refused_onto_a_special_file_folder_or_link(
        demo_workspace, targets, tmp_path, qtbot, name):
    from coordinator_app.reports import render_memorandum
    from coordinator_app.ui.pdf_preview import PdfPreview

    with demo_workspace.read() as session:
        from sqlalchemy import select

        from coordinator_app.core.records.models import Agreement

        memo = session.scalar(select(Agreement.id).where(Agreement.title == MEMORANDUM_TITLE))
    made = render_memorandum(demo_workspace, memo, tmp_path / "made.pdf", "en")
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.load(made, "summary.pdf")

    with pytest.raises(CoordinatorError, match="left as it is|is a folder"):
        preview.save_to(targets / name)

    assert_untouched(targets, tmp_path / "elsewhere.pdf")
    saved = preview.save_to(targets / "summary.pdf")
    assert PdfReader(saved).metadata.title == MEMORANDUM_TITLE


@pytest.mark.parametrize("write", [
    lambda path: write_bytes(path, b"new"),
    lambda path: copy_file(__file__, path),
])
@pytest.mark.parametrize("name", ["fifo.pdf", "folder.pdf", "link.pdf"])
def test_every_output_helper_refuses_the_same_targets(targets, tmp_path, write, name):
    with pytest.raises(UnsafeTarget):
        write(targets / name)
    assert_untouched(targets, tmp_path / "elsewhere.pdf")


def test_a_link_to_the_output_folder_is_followed_but_a_link_as_the_file_is_not(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "shortcut").symlink_to(real)
    assert write_bytes(tmp_path / "shortcut" / "report.pdf", b"pdf") == real / "report.pdf"
    assert (real / "report.pdf").read_bytes() == b"pdf"


def test_backup_into_a_special_file_is_refused_with_a_clear_message(workspace, tmp_path,
                                                                     capsys):
    os.mkfifo(tmp_path / "fifo")
    status = main(["--db", str(workspace.db.path), "backup", "create", str(tmp_path / "fifo")])
    err = capsys.readouterr().err
    assert status == 1 and "is not a folder" in err and "Traceback" not in err
    assert stat.S_ISFIFO(os.lstat(tmp_path / "fifo").st_mode)


def test_a_backup_never_writes_through_a_link_at_its_name(workspace, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    elsewhere = tmp_path / "elsewhere.sqlite3"
    elsewhere.write_bytes(b"not to be overwritten")
    target = folder / "coordinator-20260211T100000000000Z-manual.sqlite3"
    target.symlink_to(elsewhere)

    with pytest.raises(CoordinatorError, match="symbolic link"):
        backup.copy_database(workspace.db.path, target)

    assert target.is_symlink() and elsewhere.read_bytes() == b"not to be overwritten"
    assert listing(folder) == [target.name]


def test_why_a_write_failed_is_said_from_the_error_not_from_the_file_name():
    refused = OSError(errno.EACCES, "Permission denied", "/media/full-backups/readonly.pdf")
    assert reason_text(refused) == "Permission denied"
    assert reason_text(OSError(errno.ENOSPC, "No space left on device", "x")) == (
        "the disk is full")
    assert reason_text(OSError(errno.EROFS, "Read-only file system", "x")) == (
        "the disk is read-only")
    assert reason_text(sqlite3.OperationalError("database or disk is full")) == (
        "the disk is full")
    assert reason_text(sqlite3.OperationalError("attempt to write a readonly database")) == (
        "the disk is read-only")

"""An attached file's name must be one file name a disk can hold: "..", "/", a NUL or
a name over 255 bytes is refused when attached, and a name stored before that rule
(or from another system) is opened under a safe name instead of failing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from coordinator_app.core.records.attachments import attach_bytes
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records.filenames import filename_problem, safe_filename
from coordinator_app.core.records.models import Agreement, Attachment
from support.encryption import connect_file

BAD_NAMES = ["..", ".", "/", "", "  ", "scans/memo.pdf", "..\\memo.pdf", "memo\x00.pdf",
             "memo\x1b.pdf", "memo\n.pdf", "я" * 126 + ".pdf"]  # the last: 256 bytes


@pytest.fixture
def memo(workspace):
    return workspace.create(Agreement, title="Memorandum")


def test_a_name_that_is_not_one_file_name_is_refused_when_attached(workspace, memo):
    for name in BAD_NAMES:
        with pytest.raises(ValidationError) as caught:
            with workspace.edit() as edit:
                attach_bytes(edit, "agreement", memo.id, name, b"%PDF-1.7")
        assert caught.value.field == "filename", name
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(Attachment)) == 0


def test_ordinary_names_are_kept_as_they_are(workspace, memo):
    for name in ["Меморандум (підписаний).pdf", "scan 2026-02-11.JPG", ".hidden",
                 "я" * 125 + ".pdf"]:
        with workspace.edit() as edit:
            attachment = attach_bytes(edit, "agreement", memo.id, name, b"data")
        assert attachment.filename == name
        assert safe_filename(name) == name.strip(" .")


def test_a_stored_bad_name_opens_under_a_safe_one(workspace, memo, db_path, qtbot):
    from coordinator_app.ui.context import UiContext
    from coordinator_app.ui.opened_copies import opened_copies
    from coordinator_app.ui.widgets.attachments import AttachmentList

    with workspace.edit() as edit:
        attachment = attach_bytes(edit, "agreement", memo.id, "scan.pdf", b"%PDF-1.7 signed")
    widget = AttachmentList(UiContext(workspace), kind="agreement")
    qtbot.addWidget(widget)
    for stored in BAD_NAMES + ["a:b?.pdf", "x" * 400 + ".pdf"]:
        # As a version before the rule on names, or another system, may have left it.
        with connect_file(db_path) as raw:
            raw.execute("UPDATE attachments SET filename = ? WHERE id = ?",
                        (stored, attachment.id))
        with workspace.read() as session:
            widget.reload(session, memo.id)
        widget.list.setCurrentRow(0)
        opened = widget.export_selected()
        assert opened is not None, (stored, widget.error.text())
        assert Path(opened).read_bytes() == b"%PDF-1.7 signed"
        folder = opened_copies(widget.context).folder
        assert Path(opened).parent.parent == folder, "written inside the private folder"
        assert filename_problem(Path(opened).name) is None, stored
        assert len(Path(opened).name.encode()) <= 255

"""Opening an attachment: said plainly when no program opens it, a copy saved where
the person chooses, and changes made in the other program offered to keep."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from coordinator_app.core.records.attachments import attachment_bytes
from coordinator_app.core.records.models import Agreement, Attachment
from coordinator_app.ui.editors import editor_for
from coordinator_app.ui.opened_copies import close_copies, opened_copies
from support.dialogs import answer
from support.editors import settle


@pytest.fixture
def editor(context, workspace, qtbot, tmp_path):
    with workspace.edit() as edit:
        agreement = edit.create(Agreement, title="Memorandum of Cooperation")
    editor = editor_for("agreement")(context)
    qtbot.addWidget(editor)
    editor.resize(1000, 900)
    editor.show()
    editor.show_record(agreement.id)
    scan = tmp_path / "memorandum-scan.txt"
    scan.write_text("signed copy", encoding="utf-8")
    assert editor.attachments.add_file(scan)
    settle(qtbot)
    editor.attachments.list.setCurrentRow(0)
    return editor


def live_files(workspace) -> list[tuple[str, bytes]]:
    with workspace.read() as session:
        rows = session.scalars(select(Attachment).where(Attachment.deleted_at.is_(None))
                               .order_by(Attachment.created_at)).all()
        ids = [(row.id, row.filename) for row in rows]
    return [(name, attachment_bytes(workspace, attachment_id)) for attachment_id, name in ids]




def test_when_no_program_opens_the_file_it_says_so_and_offers_a_copy(editor, qtbot):
    # The offscreen platform, like a computer with no viewer for the file, opens nothing.
    asked = answer("Close")
    assert not editor.attachments.open_selected()
    assert asked and "No program on this computer opens “memorandum-scan.txt”" in asked[0]


def test_save_a_copy_writes_the_file_where_chosen(editor, tmp_path):
    target = tmp_path / "out" / "copy.txt"
    target.parent.mkdir()
    assert editor.attachments.save_copy(target) == target
    assert target.read_text(encoding="utf-8") == "signed copy"
    assert str(target) in editor.attachments.note.text()
    assert editor.attachments.save_button.isEnabled()


def test_a_copy_changed_elsewhere_can_replace_the_attachment(editor, context, workspace, qtbot):
    copy = editor.attachments.export_selected()
    copy.write_text("signed copy, with notes", encoding="utf-8")  # the other program saves
    asked = answer("Replace the attachment")
    opened_copies(context).review(editor)
    assert asked and "was changed in another program" in asked[0]
    assert live_files(workspace) == [("memorandum-scan.txt", b"signed copy, with notes")]
    context.undo_stack.undo()  # the file comes back as it was
    assert live_files(workspace) == [("memorandum-scan.txt", b"signed copy")]


def test_a_changed_copy_can_be_kept_beside_the_original(editor, context, workspace):
    copy = editor.attachments.export_selected()
    copy.write_text("annotated", encoding="utf-8")
    answer("Keep both")
    opened_copies(context).review(editor)
    assert live_files(workspace) == [("memorandum-scan.txt", b"signed copy"),
                                     ("memorandum-scan (edited).txt", b"annotated")]
    assert opened_copies(context).changed() == []  # asked once per version


def test_closing_offers_a_changed_copy_before_removing_it(editor, context, workspace):
    copy = editor.attachments.export_selected()
    copy.write_text("changed at the end", encoding="utf-8")
    asked = answer("Replace the attachment")
    close_copies(context, editor)
    assert asked
    assert live_files(workspace) == [("memorandum-scan.txt", b"changed at the end")]
    assert not Path(copy).exists()


def test_an_unchanged_copy_asks_nothing(editor, context, workspace):
    editor.attachments.export_selected()
    assert opened_copies(context).changed() == []
    close_copies(context, editor)  # would wait on a question if it asked one
    assert live_files(workspace) == [("memorandum-scan.txt", b"signed copy")]

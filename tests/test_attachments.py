"""Attachments: the file's bytes go into the database with their size, hash and type."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from coordinator_app.core.records.attachments import add_attachment, attachment_bytes, guess_media_type
from coordinator_app.core.errors import DatabaseError, NotFound, ValidationError
from coordinator_app.core.records.models import Agreement, Attachment, Change
from support.encryption import connect_file


@pytest.fixture
def memo(workspace):
    return workspace.create(Agreement, title="Меморандум про співпрацю")


def test_a_scan_is_stored_whole_with_its_hash_and_type(workspace, memo, tmp_path):
    scan = tmp_path / "memorandum-scan.pdf"
    content = b"%PDF-1.7\n" + bytes(range(256)) * 40
    scan.write_bytes(content)
    with workspace.edit("Attach scan") as edit:
        attachment = add_attachment(edit, "agreement", memo.id, scan)
    assert attachment.filename == "memorandum-scan.pdf"
    assert attachment.media_type == "application/pdf"
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    scan.unlink()  # the database holds its own copy
    assert attachment_bytes(workspace, attachment.id) == content


def test_the_journal_records_the_attachment_but_not_its_bytes(workspace, memo, tmp_path):
    photo = tmp_path / "Підписання.JPG"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 5000)
    with workspace.edit() as edit:
        attachment = add_attachment(edit, "agreement", memo.id, photo)
    assert attachment.media_type == "image/jpeg"
    with workspace.read() as session:
        change = session.scalars(select(Change).where(
            Change.entity_id == attachment.id)).one()
    assert "Підписання.JPG" in change.new
    assert "content" not in change.new and len(change.new) < 1000


@pytest.mark.parametrize("name, expected", [
    ("minutes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("photo.png", "image/png"),
    ("notes.txt", "text/plain"),
    ("no-extension", "application/octet-stream"),
])
def test_media_types_are_guessed_from_the_name(name, expected):
    assert guess_media_type(name) == expected


def test_a_missing_file_is_refused_with_its_name(workspace, memo, tmp_path):
    with pytest.raises(ValidationError, match="no file") as caught:
        with workspace.edit() as edit:
            add_attachment(edit, "agreement", memo.id, tmp_path / "gone.pdf")
    assert "gone.pdf" in str(caught.value)


def test_a_folder_is_refused(workspace, memo, tmp_path):
    with pytest.raises(ValidationError, match="folder"):
        with workspace.edit() as edit:
            add_attachment(edit, "agreement", memo.id, tmp_path)


def test_an_attachment_needs_a_live_owner_and_nothing_is_half_written(
        workspace, memo, tmp_path, db_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF")
    workspace.delete(Agreement, memo.id)
    with pytest.raises(ValidationError, match="no longer exists"):
        with workspace.edit() as edit:
            add_attachment(edit, "agreement", memo.id, scan)
    with pytest.raises(ValidationError, match="unknown kind"):
        with workspace.edit() as edit:
            add_attachment(edit, "spaceship", memo.id, scan)
    raw = connect_file(db_path)
    assert raw.execute("select count(*) from attachments").fetchone() == (0,)


def test_a_deleted_or_unknown_attachment_is_not_found(workspace, memo, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Зустріч у Плунге", encoding="utf-8")
    with workspace.edit() as edit:
        attachment = add_attachment(edit, "agreement", memo.id, note)
    workspace.delete(Attachment, attachment.id)
    with pytest.raises(NotFound):
        attachment_bytes(workspace, attachment.id)
    with pytest.raises(NotFound):
        attachment_bytes(workspace, "no-such-id")


def test_damaged_content_is_reported_not_returned(workspace, memo, tmp_path, db_path):
    note = tmp_path / "note.txt"
    note.write_bytes(b"original")
    with workspace.edit() as edit:
        attachment = add_attachment(edit, "agreement", memo.id, note)
    raw = connect_file(db_path)
    raw.execute("update attachments set content = ? where id = ?", (b"tampered", attachment.id))
    raw.commit()
    raw.close()
    with pytest.raises(DatabaseError, match="damaged"):
        attachment_bytes(workspace, attachment.id)


def test_an_empty_file_is_a_valid_attachment(workspace, memo, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with workspace.edit() as edit:
        attachment = add_attachment(edit, "agreement", memo.id, empty)
    assert attachment.size == 0
    assert attachment_bytes(workspace, attachment.id) == b""

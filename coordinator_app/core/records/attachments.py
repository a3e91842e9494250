"""Files attached to records (scans, photos): their bytes are kept in the database.

Keeping the content in the database file means one backup, one bundle and one
encrypted file hold everything; a folder of loose files beside it would be lost
or left behind. The SHA-256 written with the bytes lets a reader tell a damaged
copy from a good one.

An attachment made on another laptop may arrive before its bytes (the office
server or the bundle did not carry them): it is kept with no content, "not yet
received", never as an empty file taken for the real one, and its bytes are filled
in when a later sync brings bytes whose SHA-256 is the one it names.
"""

from __future__ import annotations

import hashlib
import mimetypes
import sqlite3
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session, undefer

from coordinator_app.core.errors import CoordinatorError, DatabaseError, NotFound, ValidationError
from coordinator_app.core.records.models import Attachment
from coordinator_app.core.records.service import Edit, Workspace
from coordinator_app.core.records.tombstones import live_sql, shown
from coordinator_app.i18n import _

#: Larger files make every backup and bundle slow; a scan or photo is far smaller.
MAX_BYTES = 200 * 1024 * 1024

# Kinds the standard table may not know on every platform (Windows reads the registry).
_EXTRA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".heic": "image/heic",
    ".webp": "image/webp",
}


def guess_media_type(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix in _EXTRA_TYPES:
        return _EXTRA_TYPES[suffix]
    guessed, _encoding = mimetypes.guess_type(filename, strict=False)
    return guessed or "application/octet-stream"


def attach_bytes(edit: Edit, owner_kind: str, owner_id: str, filename: str, content: bytes,
                 *, media_type: str | None = None, description: str | None = None
                 ) -> Attachment:
    """Attach `content` under `filename` to the record (owner_kind, owner_id)."""
    if len(content) > MAX_BYTES:
        raise ValidationError(_("“{name}” is larger than {limit} MB; attach a smaller copy "
                                "(a scan at a lower resolution, say).").format(
            name=filename, limit=MAX_BYTES // (1024 * 1024)), entity="attachment", field="content")
    return edit.create(
        Attachment, owner_kind=owner_kind, owner_id=owner_id, filename=filename,
        media_type=media_type or guess_media_type(filename), size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), description=description, content=content,
    )


def add_attachment(edit: Edit, owner_kind: str, owner_id: str, path: str | Path) -> Attachment:
    """Read the file at `path` and attach it to the record; the file itself is not kept."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise ValidationError(_("“{path}” is a folder; choose a file to attach.").format(
            path=path), entity="attachment", field="filename")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            # Refused before reading, so a huge file is not pulled into memory.
            raise ValidationError(_("“{name}” is larger than {limit} MB; attach a smaller copy "
                                    "(a scan at a lower resolution, say).").format(
                name=path.name, limit=MAX_BYTES // (1024 * 1024)),
                entity="attachment", field="content")
        content = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(_("There is no file “{path}”.").format(path=path),
                              entity="attachment", field="filename") from None
    except OSError as exc:
        raise ValidationError(_("The file “{path}” cannot be read: {reason}").format(
            path=path, reason=exc.strerror or exc), entity="attachment",
            field="filename") from None
    return attach_bytes(edit, owner_kind, owner_id, path.name, content)


def edited_name(filename: str) -> str:
    """The name of a changed copy kept beside the original: "scan (edited).pdf"."""
    path = Path(filename)
    return _("{stem} (edited){suffix}").format(stem=path.stem, suffix=path.suffix)


def keep_edited(edit: Edit, attachment_id: str, content: bytes, *, replace: bool) -> Attachment:
    """Keep `content`, changed in another program, as a file of the record the attachment
    belongs to: in its place (`replace`) or beside it under edited_name(). Replacing
    is a deletion and a new file, not new bytes in the old row: the bytes are not in the
    journal, so only that way does undo bring back the file as it was."""
    old = edit.session.get(Attachment, attachment_id)
    if shown(old) is None:
        raise NotFound(_("There is no attachment with id {id}.").format(id=attachment_id))
    owner_kind, owner_id, filename = old.owner_kind, old.owner_id, old.filename
    media_type, description = old.media_type, old.description
    if replace:
        edit.delete(Attachment, attachment_id)
    return attach_bytes(edit, owner_kind, owner_id,
                        filename if replace else edited_name(filename), content,
                        media_type=media_type, description=description)


def attachment_bytes(workspace: Workspace, attachment_id: str) -> bytes:
    """The stored content of a live attachment, checked against its SHA-256."""
    with workspace.read() as session:
        attachment = session.scalar(select(Attachment).options(undefer(Attachment.content))
                                    .where(Attachment.id == attachment_id))
        if shown(attachment) is None:
            raise NotFound(_("There is no attachment with id {id}.").format(id=attachment_id))
        if attachment.content is None:
            raise BytesMissing(missing_text(attachment.filename))
        content = attachment.content
        if hashlib.sha256(content).hexdigest() != attachment.sha256:
            raise DatabaseError(_("The stored copy of “{name}” is damaged (its checksum does "
                                  "not match). Restore it from a backup.").format(
                name=attachment.filename))
        return content


class BytesMissing(CoordinatorError):
    """The attachment's bytes have not arrived from the other laptops yet."""


def missing_text(filename: str) -> str:
    return _("The file “{name}” has not been received yet: it will come with the next "
             "sync.").format(name=filename)


def missing_ids(session: Session, ids: list[str]) -> set[str]:
    """Those of the attachments `ids` whose bytes have not arrived yet."""
    found: set[str] = set()
    for start in range(0, len(ids), 400):
        found.update(session.scalars(select(Attachment.id).where(
            Attachment.id.in_(ids[start:start + 400]), Attachment.content.is_(None))))
    return found


def missing_hashes(session: Session) -> list[str]:
    """The SHA-256 of every attachment whose bytes have not arrived yet: what a sync asks for."""
    return sorted(set(session.scalars(select(Attachment.sha256).where(
        Attachment.content.is_(None)))))


def fill_missing(session: Session, contents: dict[str, bytes]) -> int:
    """Give the attachments waiting for their bytes those of `contents` (by SHA-256)
    that are what they name; how many were filled. Bytes that do not hash to their
    key are left out, so a damaged copy never passes for the file."""
    filled = 0
    for sha, content in contents.items():
        if content is None or hashlib.sha256(content).hexdigest() != sha:
            continue
        # The bytes are no journaled field (Attachment.UNJOURNALED): filling them is
        # no edit anyone undoes, and every laptop ends with the same bytes.
        filled += session.execute(
            update(Attachment).where(Attachment.sha256 == sha, Attachment.content.is_(None))
            .values(content=content)
            .execution_options(synchronize_session=False)).rowcount
    return filled


def damaged_attachments(connection: sqlite3.Connection) -> list[str]:
    """File names of attachments whose stored bytes no longer match their SHA-256
    (those whose bytes have not arrived yet are waiting, not damaged).

    Works on a plain (read-only) sqlite3 connection, so `coordinator check` can
    run it without opening, and so migrating, the database.
    """
    damaged = []
    rows = connection.execute(f"SELECT id, filename, sha256 FROM attachments WHERE "
                              f"{live_sql(Attachment, 'attachments')} ORDER BY filename")
    for attachment_id, filename, expected in rows.fetchall():
        (content,) = connection.execute("SELECT content FROM attachments WHERE id = ?",
                                        (attachment_id,)).fetchone()
        if content is not None and hashlib.sha256(content).hexdigest() != expected:
            damaged.append(filename)
    return damaged

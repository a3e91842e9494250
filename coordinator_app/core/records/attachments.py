"""Files attached to records (scans, photos): their bytes are kept in the database.

Keeping the content in the database file means one backup, one bundle and one
encrypted file hold everything; a folder of loose files beside it would be lost
or left behind. The SHA-256 written with the bytes lets a reader tell a damaged
copy from a good one.
"""

from __future__ import annotations

import hashlib
import mimetypes
import sqlite3
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import undefer

from coordinator_app.core.errors import DatabaseError, NotFound, ValidationError
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
        content = attachment.content or b""
        if hashlib.sha256(content).hexdigest() != attachment.sha256:
            raise DatabaseError(_("The stored copy of “{name}” is damaged (its checksum does "
                                  "not match). Restore it from a backup.").format(
                name=attachment.filename))
        return content


def damaged_attachments(connection: sqlite3.Connection) -> list[str]:
    """File names of attachments whose stored bytes no longer match their SHA-256.

    Works on a plain (read-only) sqlite3 connection, so `coordinator check` can
    run it without opening, and so migrating, the database.
    """
    damaged = []
    rows = connection.execute(f"SELECT id, filename, sha256 FROM attachments WHERE "
                              f"{live_sql(Attachment, 'attachments')} ORDER BY filename")
    for attachment_id, filename, expected in rows.fetchall():
        (content,) = connection.execute("SELECT content FROM attachments WHERE id = ?",
                                        (attachment_id,)).fetchone()
        if hashlib.sha256(content or b"").hexdigest() != expected:
            damaged.append(filename)
    return damaged

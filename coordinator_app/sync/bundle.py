"""Bundle files: the operations a peer has not seen, carried on a USB stick.

    MAGIC | format (1 byte) | header length (4) | header | body length (8) | body | signature (64)

The format is that of the body (coordinator_app.sync.body): 2 is written, 1 and 2 read.
The header (MessagePack) says the format, the schema revision, the sender's key id,
device id, version vector and clock, how many operations, and for each recipient the
file key wrapped to its X25519 key (as age does: an ephemeral key, HKDF, ChaCha20-
Poly1305). The body is the operations and the attachments they bring, MessagePack
compressed with Zstandard and encrypted with the file key; the header is its
associated data. The header may also hold, encrypted with the file key, the SHA-256
of the attachments the sender holds without their bytes ("wants"): the next bundle
written for it carries the files of those the reader has, so bytes that a laptop
never received reach it by stick as well as from the office server.

The sender signs everything before the signature with its Ed25519 key. A lost stick
reveals nothing; a changed byte, a truncated file, a file for other laptops or from
an unknown one is refused before anything is written.

The file is written beside its target and renamed onto it once on disk, so a stick
pulled out mid-write leaves the previous file or none, never half of one.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgpack
import zstandard
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select

from coordinator_app.core.store import migrate
from coordinator_app.core.store.backup import create_backup
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.ids import utcnow
from coordinator_app.core.records.attachments import fill_missing, missing_hashes
from coordinator_app.core.records.models import Attachment, SyncPeer
from coordinator_app.core.store.safe_write import replacing
from coordinator_app.core.records.service import Workspace
from coordinator_app.i18n import _, ngettext
from coordinator_app.sync import body, clock, merge, operations, peers as peer_list
from coordinator_app.sync.bulk import made_in_bulk
from coordinator_app.sync.keys import OwnKeys, _raw, own_keys

MAGIC = b"COORDSYNC\n"
#: The format written (coordinator_app.sync.body); every one up to it is read.
FORMAT = body.FORMAT
SUFFIX = ".coordsync"
_WRAP_INFO = b"coordinator sync bundle 1"
#: Refused before reading further: no honest bundle's header is this large.
MAX_HEADER = 16 * 1024 * 1024
#: The body unpacked may not exceed this (a crafted file must not exhaust memory).
MAX_PLAIN = 4 * 1024 * 1024 * 1024
_WANTS_DATA = b"coordinator sync wants"
_HEX = set("0123456789abcdef")


def arrived_text(count: int) -> str:
    return ngettext("{count} attached file that was not yet received has arrived.",
                    "{count} attached files that were not yet received have arrived.",
                    count).format(count=count)


def no_peers_text() -> str:
    return _("No other laptop is known yet: import a colleague's join key "
             "(coordinator sync keys import FILE).")


class BundleError(CoordinatorError):
    """A bundle that cannot be read or is refused; nothing was written."""


@dataclass
class Bundle:
    header: dict[str, Any]
    ops: list[operations.Operation]
    blobs: dict[str, bytes]
    sender: SyncPeer | None = None
    #: The SHA-256 of the attachments the sender waits for the bytes of.
    wants: list[str] = field(default_factory=list)


@dataclass
class Written:
    path: Path
    operations: int
    size: int
    recipients: list[str]
    #: The private operations left out because `partners` (names) may not read them.
    withheld: int = 0
    partners: list[str] = field(default_factory=list)

    def withheld_text(self) -> str:
        """What was left out, to say beside what was written; "" when nothing was."""
        return peer_list.withheld_text(self.withheld, self.partners) if self.withheld else ""


@dataclass
class Read:
    sender: str
    operations: int
    applied: merge.Applied
    backup: Path | None
    #: Attachments held without their bytes that this bundle's files completed.
    files_arrived: int = 0


def _wrap_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, ephemeral + recipient, _WRAP_INFO).derive(shared)


def attachment_contents(session, ops: list[operations.Operation]) -> dict[str, bytes]:
    """The bytes of the attachments `ops` create, by record id: what a bundle carries
    beside its operations (the journal keeps no attachment's bytes)."""
    return _blobs(session, [op.record_id for op in ops
                            if op.kind == Attachment.KIND and op.field == operations.CREATE])


def _asked_for(session, recipients: list[peer_list.Peer]) -> list[str]:
    """The attachments (ids) whose bytes a recipient said it waits for and this copy
    has: their files travel in the bundle beside those of the attachments it creates."""
    wanted = sorted({sha for peer in recipients for sha in peer.wants})
    found = []
    for start in range(0, len(wanted), 200):
        found += session.scalars(select(Attachment.id).where(
            Attachment.sha256.in_(wanted[start:start + 200]),
            Attachment.content.is_not(None)))
    return found


def _blobs(session, wanted: list[str]) -> dict[str, bytes]:
    """The files of the attachments `wanted` (ids), which travel with their creation."""
    found = {}
    for start in range(0, len(wanted), 200):
        for record_id, content in session.execute(select(Attachment.id, Attachment.content).where(
                Attachment.id.in_(wanted[start:start + 200]))):
            found[record_id] = content
    return found


def write(workspace: Workspace, path: str | Path, to: list[str] | None = None,
          progress: Callable[[int, int], None] | None = None,
          keys: OwnKeys | None = None, body_format: int = FORMAT) -> Written:
    """Write the operations the chosen peers (all by default) have not seen to `path`
    (in `body_format`: 1 for a laptop not yet updated to read 2)."""
    keys = keys or own_keys(workspace.db.path)
    with workspace.read() as session:
        recipients = peer_list.choose(session, to)
        if not recipients:
            raise BundleError(no_peers_text())
        vector = operations.vector_of(session)
        asked = _asked_for(session, recipients)
        waiting_for = missing_hashes(session)
        withheld = peer_list.withheld(session, recipients)
        total = operations.count_after(session, peer_list.common_vector(recipients)) - withheld
        done = 0

        def runs():
            nonlocal done
            # Without our private records when a partner association's laptop reads it.
            for origin, rows in peer_list.runs_for(session, recipients):
                yield origin, rows
                done += len(rows)
                if progress is not None:
                    progress(done, total)

        # Packed and compressed as the rows are read: a first bundle's operations are
        # in memory only compressed, never all at once as rows or objects.
        compressed = io.BytesIO()
        with (made_in_bulk(),
              zstandard.ZstdCompressor(level=6).stream_writer(compressed, closefd=False) as out):
            if body_format == 1:
                ops = [operations.pack(operations.stored(origin, *row))
                       for origin, rows in runs() for row in rows]
                blobs = attachment_contents(session, [operations.unpack(op) for op in ops])
                blobs.update(_blobs(session, asked))
                out.write(msgpack.packb({"ops": ops, "blobs": blobs}, use_bin_type=True))
                count = len(ops)
            else:
                count = body.write(out, runs(), lambda ids: _blobs(
                    session, list(dict.fromkeys(ids + asked))))
        plain = compressed.getvalue()
        from coordinator_app.sync.record import last_stamp

        stamp = last_stamp(session)
    file_key = ChaCha20Poly1305.generate_key()
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw(ephemeral.public_key())
    stanzas = []
    for peer in recipients:
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(peer.box_key))
        wrap = ChaCha20Poly1305(_wrap_key(shared, ephemeral_public, peer.box_key))
        stanzas.append([peer.key_id, wrap.encrypt(b"\0" * 12, file_key, None)])
    nonce = os.urandom(12)
    extra = {}
    if waiting_for:
        wants_nonce = os.urandom(12)
        extra["wants"] = wants_nonce + ChaCha20Poly1305(file_key).encrypt(
            wants_nonce, msgpack.packb(waiting_for), _WANTS_DATA)
    # The scripts' own lines name the head without loading Alembic (a tenth of a second).
    schema = migrate.scripted_head() or migrate.head_revision()
    header = msgpack.packb({
        "format": body_format, "schema": schema, "sender": keys.id,
        "device": workspace.db.device_id, "vector": vector, "hlc": stamp,
        "wall": clock.wall_ms(),
        "created": utcnow().isoformat(), "count": count, "ephemeral": ephemeral_public,
        "nonce": nonce, "recipients": stanzas, **extra,
    }, use_bin_type=True)
    start = MAGIC + bytes([body_format]) + struct.pack(">I", len(header)) + header
    sealed = ChaCha20Poly1305(file_key).encrypt(nonce, plain, start)
    signed = start + struct.pack(">Q", len(sealed)) + sealed
    content = signed + keys.signer.sign(signed)
    with replacing(path) as temporary:
        temporary.write_bytes(content)
    if progress is not None:
        progress(total, total)
    with workspace.edit() as edit:
        for peer in recipients:
            edit.session.get(SyncPeer, peer.key_id).last_sent_at = utcnow()
    return Written(Path(path), count, len(content), [p.name for p in recipients], withheld,
                   [p.name for p in recipients if p.partner])


def _decompressed(compressed: bytes) -> bytes:
    """The body unpacked, in steps: a streamed frame does not say its size up front,
    and a crafted one must not exhaust memory."""
    found = bytearray()
    with zstandard.ZstdDecompressor().stream_reader(compressed) as reader:
        while chunk := reader.read(1 << 20):
            found += chunk
            if len(found) > MAX_PLAIN:
                raise zstandard.ZstdError("larger than any bundle")
    return bytes(found)


def _refuse(message: str) -> BundleError:
    return BundleError(message + " " + _("Nothing was read."))


def open_bundle(workspace: Workspace, path: str | Path, keys: OwnKeys | None = None) -> Bundle:
    """Read, verify and decrypt a bundle without writing anything."""
    keys = keys or own_keys(workspace.db.path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BundleError(_("Cannot read {path}: {reason}.").format(
            path=path, reason=exc.strerror or exc)) from exc
    incomplete = _refuse(_(
        "The file is incomplete: it may have been taken off the computer before it was "
        "fully written. Write it again on the other laptop."))
    if not data.startswith(MAGIC):
        raise _refuse(_("This is not a Coordinator sync file."))
    if len(data) < len(MAGIC) + 5:
        raise incomplete
    if data[len(MAGIC)] > FORMAT:
        raise _refuse(_("This file was written by a newer version of Coordinator; "
                        "update Coordinator on this laptop to read it."))
    offset = len(MAGIC) + 1
    (header_length,) = struct.unpack(">I", data[offset:offset + 4])
    offset += 4
    if header_length > MAX_HEADER or len(data) < offset + header_length + 8 + 64:
        raise incomplete
    start = data[:offset + header_length]
    try:
        header = msgpack.unpackb(data[offset:offset + header_length], raw=False)
        sender_id = header["sender"]
        stanzas = header["recipients"]
    except (ValueError, KeyError, TypeError, msgpack.UnpackException):
        raise _refuse(_("The file is damaged.")) from None
    offset += header_length
    (body_length,) = struct.unpack(">Q", data[offset:offset + 8])
    if len(data) < offset + 8 + body_length + 64:
        raise incomplete
    if len(data) > offset + 8 + body_length + 64:
        raise _refuse(_("The file is damaged."))
    signed = data[:offset + 8 + body_length]
    with workspace.read() as session:
        sender = session.get(SyncPeer, sender_id) if isinstance(sender_id, str) else None
        if sender is not None:
            session.expunge(sender)
    if sender is None and sender_id != keys.id:
        raise _refuse(_(
            "This file comes from a laptop whose key this one does not know. Import that "
            "laptop's join key first, and compare its fingerprint by phone."))
    sign_key = sender.sign_key if sender is not None else _raw(keys.signer.public_key())
    try:
        Ed25519PublicKey.from_public_bytes(sign_key).verify(data[len(signed):], signed)
    except InvalidSignature:
        raise _refuse(_("The file was changed after it was written (its signature does not "
                        "match). Do not use it; write a new one on the other laptop.")) from None
    own_box = _raw(keys.box.public_key())
    file_key = None
    for recipient, wrapped in stanzas:
        if recipient != keys.id:
            continue
        shared = keys.box.exchange(X25519PublicKey.from_public_bytes(header["ephemeral"]))
        try:
            file_key = ChaCha20Poly1305(_wrap_key(shared, header["ephemeral"], own_box)).decrypt(
                b"\0" * 12, wrapped, None)
        except InvalidTag:
            file_key = None
    if file_key is None:
        raise _refuse(_("This file was not written for this laptop. On the other laptop, "
                        "write changes for this one (or for everyone)."))
    try:
        plain = ChaCha20Poly1305(file_key).decrypt(header["nonce"], data[offset + 8:len(signed)],
                                                   start)
        unpacked = _decompressed(plain)
        ops, blobs = body.read(data[len(MAGIC)], unpacked)
        wants = _wants(header.get("wants"), file_key)
    except (InvalidTag, zstandard.ZstdError, operations.OperationError, ValueError):
        raise _refuse(_("The file is damaged.")) from None
    if len(ops) != header.get("count"):
        raise _refuse(_("The file is damaged."))
    return Bundle(header, ops, blobs, sender, wants)


def _wants(sealed: Any, file_key: bytes) -> list[str]:
    """The hashes a header's sealed "wants" names; ValueError when they are not that."""
    if sealed is None:
        return []
    if not isinstance(sealed, bytes) or len(sealed) < 12:
        raise ValueError("wants")
    try:
        wants = msgpack.unpackb(ChaCha20Poly1305(file_key).decrypt(
            sealed[:12], sealed[12:], _WANTS_DATA), raw=False)
    except msgpack.UnpackException:
        raise ValueError("wants") from None
    if not isinstance(wants, list) or not all(
            isinstance(sha, str) and len(sha) == 64 and set(sha) <= _HEX for sha in wants):
        raise ValueError("wants")
    return wants


def read(workspace: Workspace, path: str | Path, progress: Callable[[int, int], None] | None = None,
         keys: OwnKeys | None = None, backup: bool = True) -> Read:
    """Import a bundle: verified whole first, then a backup, then one transaction."""
    # Its operations decoded, then applied: hundreds of thousands of objects made
    # without the cycle collector, which resumes once (sync.bulk).
    with made_in_bulk():
        return _read(workspace, path, progress, keys, backup)


def _read(workspace: Workspace, path: str | Path, progress: Callable[[int, int], None] | None,
          keys: OwnKeys | None, backup: bool) -> Read:
    bundle = open_bundle(workspace, path, keys)
    made = create_backup(workspace.db.path, reason="sync") if backup and bundle.ops else None
    header = bundle.header

    arrived = 0

    def remember(session) -> None:
        nonlocal arrived
        # Files beside the operations: those asked for, and those of attachments
        # created here before, now complete what waits for them (checked by SHA-256).
        arrived = fill_missing(session, {hashlib.sha256(content).hexdigest(): content
                                         for content in bundle.blobs.values()})
        if bundle.sender is None:
            return
        row = session.get(SyncPeer, bundle.sender.key_id)
        if header.get("hlc", 0) >= row.seen_hlc:
            row.seen = json.dumps(header.get("vector") or {})
            row.seen_hlc = header.get("hlc", 0)
            row.device_id = header.get("device")
            row.wants = json.dumps(bundle.wants) if bundle.wants else None
        row.last_received_at = utcnow()
        row.clock_off_ms = clock.offset(header.get("wall"))

    applied = merge.apply(workspace, bundle.ops, blobs=bundle.blobs, progress=progress,
                          after=remember)
    name = bundle.sender.name if bundle.sender is not None else _("this laptop")
    return Read(name, len(bundle.ops), applied, made, arrived)


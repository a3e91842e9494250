"""Operations: what sync exchanges, their stable encoding, and reading them back.

An operation is one device setting one field of one record: (origin device, origin
sequence, hybrid logical clock, kind, record id, field, value, bases). `field` ""
creates the record with every field at once (its value is a dict of them); the field
`deleted_at` is the record's life (a timestamp: deleted; null: alive). `bases` are the
operations the editor saw as the field's current versions: an operation supersedes
its bases, and operations no other one lists as a base are the field's current
versions (coordinator_app.sync.merge).

The API other transports build on (the USB bundle here, the office server elsewhere):

- `encode(op) -> bytes` and `decode(bytes) -> Operation`: one operation in a stable,
  versioned format (MessagePack); `decode` refuses anything malformed or newer;
  `encoded_rows(origin, rows)` encodes many as `rows_after` reads them;
- `after(session, vector)`: the operations this copy holds that a peer whose version
  vector is `vector` ({origin: highest sequence held}) has not seen, per origin in
  sequence order; `vector_of(session)` is this copy's own vector;
- `coordinator_app.sync.merge.apply(workspace, ops)`: apply operations from others.

Records an association keeps to itself (created in a private edit, sync.record) are
numbered in a stream of their own per device (`private_origin`), so that partners,
who never receive them, see no gap in the device's shared operations, which the
merge would refuse.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from json import encoder as json_encoder
from typing import Any

import msgpack
from sqlalchemy.orm import Session

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.store.driver import Driver
from coordinator_app.core.records.models import SyncOperation
from coordinator_app.i18n import _

#: The version of one encoded operation. A reader refuses a newer one whole.
FORMAT = 1
#: The field of an operation that creates a record with all its fields.
CREATE = ""
#: The field that says whether the record is deleted (null: alive).
LIFE = "deleted_at"
#: The field naming the record a duplicate was merged into (coordinator_app.sync.merges).
MERGED_INTO = "merged_into"

OpId = tuple[str, int]

#: The UUID version that marks a private stream's origin (8: a custom layout, RFC
#: 9562); devices' own ids are random (version 4).
PRIVATE_VERSION = 8


class OperationError(CoordinatorError):
    """An encoded operation could not be read: damaged, or from a newer version."""


@dataclass(frozen=True)
class Operation:
    origin: str
    seq: int
    hlc: int
    kind: str
    record_id: str
    field: str
    value: Any
    bases: tuple[OpId, ...] = ()

    @property
    def id(self) -> OpId:
        return (self.origin, self.seq)

    def touches(self) -> list[str]:
        """The fields this operation gives a version of: a creation every field it
        holds; any edit also says the record is alive, so an edit concurrent with a
        deletion is a conflict about the record's life. Merging a record into another
        says nothing of its life: it goes with the merge's tombstone."""
        if self.field == CREATE:
            return sorted({*self.value, LIFE}) if isinstance(self.value, dict) else [LIFE]
        if self.field == MERGED_INTO and self.value is not None:
            return [self.field]
        return sorted({self.field, LIFE})

    def value_of(self, field: str) -> Any:
        """The value this operation gives `field` (see `touches`)."""
        if self.field == CREATE:
            return self.value.get(field) if isinstance(self.value, dict) else None
        return self.value if field == self.field else None


_new = object.__new__


def made(origin: str, seq: int, hlc: int, kind: str, record_id: str, field: str, value: Any,
         bases: tuple[OpId, ...] = ()) -> Operation:
    """An Operation of checked parts, made without the frozen dataclass's __init__,
    which sets each field through object.__setattr__: a bundle decodes hundreds of
    thousands, and that __init__ cost three times this. The same object in every way."""
    op = _new(Operation)
    op.__dict__.update(origin=origin, seq=seq, hlc=hlc, kind=kind, record_id=record_id,
                       field=field, value=value, bases=bases)
    return op


#: A UUID as str(uuid.UUID) writes it: only those travel as 16 bytes, so an id reads
#: back as the same text.
_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def private_origin(device_id: str) -> str:
    """The origin of `device_id`'s private operations: derived from it, and told apart
    from any device's own id by its version alone, on every laptop."""
    digest = bytearray(uuid.uuid5(uuid.UUID(device_id), "private").bytes)
    digest[6] = (digest[6] & 0x0F) | (PRIVATE_VERSION << 4)
    return str(uuid.UUID(bytes=bytes(digest)))


@lru_cache(maxsize=1024)
def is_private_origin(origin: str) -> bool:
    try:
        return uuid.UUID(origin).version == PRIVATE_VERSION
    except ValueError:
        return False


def id_bytes(text: str) -> bytes | str:
    # Ids are UUIDs: 16 bytes instead of 36 characters, a third of a bundle's size.
    # (Matched and converted as text: uuid.UUID costs more than the rest of packing.)
    if _CANONICAL.fullmatch(text):
        return bytes.fromhex(text.replace("-", ""))
    return text


def id_text(value: Any) -> str:
    if isinstance(value, bytes) and len(value) == 16:
        h = value.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    if isinstance(value, str):
        return value
    raise OperationError(_("an operation names a record or device that is not an id"))


def pack(op: Operation) -> list:
    """The operation as a MessagePack-ready list (bundles pack many in one array)."""
    return [FORMAT, id_bytes(op.origin), op.seq, op.hlc, op.kind, id_bytes(op.record_id),
            op.field, op.value, [[id_bytes(o), s] for o, s in op.bases]]


def unpack(item: Any) -> Operation:
    if not isinstance(item, list) or not item or not isinstance(item[0], int):
        raise OperationError(_("an operation is damaged"))
    if item[0] > FORMAT:
        raise OperationError(_(
            "an operation was written by a newer version of Coordinator; update this one"))
    try:
        _format, origin, seq, hlc, kind, record_id, field, value, bases = item
        op = Operation(
            origin=id_text(origin), seq=seq, hlc=hlc, kind=kind, record_id=id_text(record_id),
            field=field, value=value, bases=tuple((id_text(o), s) for o, s in bases))
    except (ValueError, TypeError):
        raise OperationError(_("an operation is damaged")) from None
    if not (isinstance(op.seq, int) and op.seq > 0 and isinstance(op.hlc, int) and op.hlc >= 0
            and isinstance(op.kind, str) and isinstance(op.field, str)
            and all(isinstance(s, int) for _o, s in op.bases)):
        raise OperationError(_("an operation is damaged"))
    return op


def encode(op: Operation) -> bytes:
    return msgpack.packb(pack(op), use_bin_type=True)


#: The C scanner under json.loads, called straight (`scan_json(text, 0)[0]`), for
#: JSON this copy wrote itself: the wrapper's checks cost twice the parse over half a
#: million values.
scan_json = json.JSONDecoder().scan_once


def stored_json(texts: Sequence[str | None]) -> list:
    """The values of `texts` (JSON as sync_operations holds it; None for NULL), parsed
    in one call as one array: a run's thousands of values parse in two thirds of the
    time they take one by one, their dicts sharing one string for each field name."""
    if not texts:
        return []
    joined = ",".join(texts if None not in texts else
                      ("null" if text is None else text for text in texts))
    found = scan_json(f"[{joined}]", 0)[0]
    if len(found) != len(texts):
        # A text that is not one value (none this copy writes) shifts the rest: one
        # at a time, each refused or read as itself.
        return [None if text is None else json.loads(text) for text in texts]
    return found


#: Any number of UUIDs as str(uuid.UUID) writes them, back to back.
_CANONICAL_RUN = re.compile(r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*")


def ids_bytes(texts: Sequence[Any]) -> bytes | None:
    """`texts` as one run of 16 bytes each, converted at once, when all are UUIDs as
    str(uuid.UUID) writes them (nearly always); None when any is not."""
    try:
        joined = "".join(texts)
    except TypeError:
        return None
    if len(joined) == 36 * len(texts) and _CANONICAL_RUN.fullmatch(joined):
        return bytes.fromhex(joined.replace("-", ""))
    return None


def ids_packed(texts: Sequence[str]) -> list[bytes | str]:
    """`id_bytes` of each of `texts`, converted at once when all are UUIDs."""
    joined = ids_bytes(texts)
    if joined is None:
        return [id_bytes(text) for text in texts]
    return [joined[start:start + 16] for start in range(0, len(joined), 16)]


def encoded_rows(origin: str, rows: list[tuple]) -> list[bytes]:
    """`encode` of each row of `rows_after` for `origin`, without an Operation for
    each: a first push encodes hundreds of thousands, where making the object and
    checking its ids cost as much as packing it. Values are parsed and ids converted
    for the whole run at once."""
    if not rows:
        return []
    seqs, hlcs, kinds, record_ids, fields, values, bases = zip(*rows)
    pack_one = msgpack.Packer(use_bin_type=True).pack
    packed_origin = id_bytes(origin)
    return [pack_one([FORMAT, packed_origin, seq, hlc, kind, record_id, field, value,
                      [] if based == "[]" else [[id_bytes(o), s] for o, s in json.loads(based)]])
            for seq, hlc, kind, record_id, field, value, based in zip(
                seqs, hlcs, kinds, ids_packed(record_ids), fields, stored_json(values), bases)]


def decode(data: bytes) -> Operation:
    try:
        item = msgpack.unpackb(data, raw=False, strict_map_key=True)
    except (ValueError, msgpack.UnpackException):
        raise OperationError(_("an operation is damaged")) from None
    return unpack(item)


def from_row(row: SyncOperation | Any) -> Operation:
    return stored(row.origin, row.seq, row.hlc, row.kind, row.record_id, row.field, row.value,
                  row.bases)


def stored(origin: str, seq: int, hlc: int, kind: str, record_id: str, field: str,
           value: str | None, bases: str) -> Operation:
    """An operation from its columns as sync_operations holds them (JSON value and bases)."""
    return Operation(
        origin=origin, seq=seq, hlc=hlc, kind=kind, record_id=record_id, field=field,
        value=None if value is None else json.loads(value),
        # Most operations have no bases (every creation): no parse for those.
        bases=() if bases == "[]" else tuple((o, s) for o, s in json.loads(bases)))


#: The columns of sync_operations, in the order `stored_values` gives them.
COLUMNS = ("origin", "seq", "hlc", "kind", "record_id", "field", "value", "bases", "known")
def _encoder() -> Any:
    """json.dumps(…, ensure_ascii=False) of one value, its text the same.

    JSONEncoder.encode makes its C encoder anew for each value, with a dict to catch
    circular references: a first bundle stores 400,000 values, and making the encoder
    was a third of their encoding (1.6-1.8 -> 1.1-1.4 s of processor time). Values
    come from MessagePack or from records' JSON, neither of which can hold a cycle,
    so the encoder is made once, without that check."""
    plain = json.JSONEncoder(ensure_ascii=False)
    if json_encoder.c_make_encoder is None:  # a Python without json's C speedups
        return plain.encode
    encode_one = json_encoder.c_make_encoder(
        None, plain.default, json_encoder.encode_basestring, None, plain.key_separator,
        plain.item_separator, plain.sort_keys, plain.skipkeys, plain.allow_nan)
    join = "".join
    return lambda value: join(encode_one(value, 0))


_json = _encoder()


def stored_values(op: Operation, *, known: bool) -> tuple:
    """The operation as a row of sync_operations (COLUMNS)."""
    return stored_rows([op], lambda _op: known)[0]


def stored_rows(ops: Iterable[Operation], known: Callable[[Operation], bool]) -> list[tuple]:
    """`stored_values` of each of `ops`, `known(op)` saying whether this version knows
    its fields: in one pass, without a call for each of a first bundle's 400,000."""
    encode = _json
    return [(op.origin, op.seq, op.hlc, op.kind, op.record_id, op.field,
             None if op.value is None else encode(op.value),
             "[]" if not op.bases else encode([list(base) for base in op.bases]),
             int(known(op))) for op in ops]


def to_row(op: Operation, *, known: bool) -> dict[str, Any]:
    return dict(zip(COLUMNS, stored_values(op, known=known)))


def insert_stored(connection, rows: list[tuple]) -> None:
    """Insert rows of `stored_values` as they are: hundreds of thousands from a first
    bundle, where SQLAlchemy's processing of each row's parameters costs more than
    SQLite's insert."""
    if rows:
        connection.exec_driver_sql(
            f"INSERT INTO sync_operations ({', '.join(COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(COLUMNS))})", rows)


def vector_of(session: Session) -> dict[str, int]:
    """This copy's version vector: the highest sequence held of each origin (each
    origin's operations are held without gaps, merge.apply refuses any)."""
    # Origin after origin along the primary key (origin, seq), each found by one seek,
    # and its highest sequence by another: a few devices' origins among half a million
    # operations, where GROUP BY reads them all (half a second, asked at every exchange).
    # Every edit asks too, to number its operations: straight to the driver
    # (core.store.driver), where SQLAlchemy's result machinery cost more than SQLite.
    return dict(Driver.of(session).execute(
        "WITH RECURSIVE origins(origin) AS ("
        " SELECT min(origin) FROM sync_operations"
        " UNION ALL SELECT (SELECT min(origin) FROM sync_operations WHERE origin > origins.origin)"
        " FROM origins WHERE origins.origin IS NOT NULL)"
        " SELECT origin, (SELECT max(seq) FROM sync_operations AS held"
        " WHERE held.origin = origins.origin) FROM origins WHERE origin IS NOT NULL").fetchall())


def rows_after(session: Session, vector: dict[str, int], *, chunk: int = 5000
               ) -> Iterator[tuple[str, list[tuple]]]:
    """The operations held here that a copy with `vector` lacks, as (origin, rows):
    each origin's in order, up to `chunk` consecutive ones a time, each row (seq, hlc,
    kind, record_id, field, value, bases) as stored."""
    # Bare tuples from the driver's own connection, in the session's transaction: a
    # first bundle reads hundreds of thousands, and a mapped object per operation cost
    # more than its packing, a Row a third of the reading.
    driver = session.connection().connection.driver_connection
    for origin, top in sorted(vector_of(session).items()):
        start = vector.get(origin, 0)
        while start < top:
            rows = driver.execute(
                "SELECT seq, hlc, kind, record_id, field, value, bases FROM sync_operations"
                " WHERE origin = ? AND seq > ? ORDER BY seq LIMIT ?",
                (origin, start, chunk)).fetchall()
            if not rows:
                break
            yield origin, rows
            start = rows[-1][0]


def after(session: Session, vector: dict[str, int], *, chunk: int = 5000
          ) -> Iterator[Operation]:
    """The operations held here that a copy with `vector` lacks, each origin's in order."""
    for origin, rows in rows_after(session, vector, chunk=chunk):
        for row in rows:
            yield stored(origin, *row)


def count_after(session: Session, vector: dict[str, int]) -> int:
    return sum(max(0, top - vector.get(origin, 0))
               for origin, top in vector_of(session).items())


def by_record(ops: Iterable[Operation]) -> dict[tuple[str, str], list[Operation]]:
    grouped: dict[tuple[str, str], list[Operation]] = {}
    for op in ops:
        grouped.setdefault((op.kind, op.record_id), []).append(op)
    return grouped

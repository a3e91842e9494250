"""A bundle's body: its operations and the attachments they bring, in either format.

Format 1 (read only, as laptops not yet updated write it) is one MessagePack map:
{"ops": [operation packed as operations.pack, ...], "blobs": {record id: bytes}}.

Format 2 (written) is a stream of MessagePack items, so that a first bundle of half
a million operations is packed as it is read, a few thousand at a time:

- `[OPS, origin, first seq, hlcs, kinds, kind numbers, record ids, fields, values,
  shapes, bases]`: a run of one origin's operations with consecutive sequence
  numbers, column by column (alike data side by side is what Zstandard shrinks
  best). `hlcs` are the first clock then the difference from the one before;
  `kinds` names each kind once and `kind numbers` points into it; `fields` is a
  field's name, or for a creation the number of its shape in `shapes`: `[names,
  id implied, column of values per name]`, so a creation's field names travel once
  per run and its record id, which the creation's values repeat, not at all.
  `values` holds the other operations' values in order; `bases` only the operations
  that have some: `[[position in the run, [[origin, seq], ...]], ...]`.
- `[BLOB, record id, bytes]`: an attachment's file.

In both, ids (UUIDs) travel as 16 bytes, and so does any value that is a UUID
written as str(uuid.UUID) writes it (a foreign key): JSON values hold no bytes, so
16 bytes read back as that text. In format 2 a run's record ids are one string of
16 bytes each when all are such UUIDs (else a list), and a creation's column of
foreign keys is {"ids": those present, 16 bytes each, "none": positions of the
absent} when all present are (else a list): converted at once, not one by one.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from itertools import accumulate, compress, repeat
from operator import eq, sub
from typing import Any

import msgpack

from coordinator_app.core.records.models import Attachment
from coordinator_app.i18n import _
from coordinator_app.sync.operations import (
    CREATE,
    Operation,
    OperationError,
    id_bytes,
    id_text,
    ids_bytes,
    made,
    scan_json,
    stored_json,
    unpack,
)

#: The body format this version writes; it reads this one and every older one.
FORMAT = 2
OPS, BLOB = 1, 2

#: A row of sync_operations as the writer reads it: (seq, hlc, kind, record id, field,
#: value as JSON, bases as JSON).
Row = tuple[int, int, str, str, str, "str | None", str]


def _out(value: Any) -> Any:
    return id_bytes(value) if isinstance(value, str) and len(value) == 36 else value


def _in(value: Any) -> Any:
    return id_text(value) if isinstance(value, bytes) else value


def _column(values: tuple) -> list | dict:
    """A column of a shape as it travels: as it is, or, when its first value present
    is an id (a foreign key), {"ids": those present as 16 bytes each, "none": the
    positions of those absent}, converted at once."""
    first = next((value for value in values if value is not None), None)
    if not (isinstance(first, str) and len(first) == 36):
        return list(values)
    if None not in values:
        ids, absent = ids_bytes(values), []
    else:
        ids = ids_bytes([value for value in values if value is not None])
        absent = [n for n, value in enumerate(values) if value is None]
    if ids is None:
        return [_out(value) for value in values]
    return {"ids": ids, "none": absent}


def _uncolumn(column: list | dict) -> list:
    if isinstance(column, list):
        return [id_text(v) if v.__class__ is bytes else v for v in column]
    present = iter(_id_list(column["ids"]))
    absent = set(column["none"])
    return [None if n in absent else next(present)
            for n in range(len(absent) + len(column["ids"]) // 16)]


def _record_ids(texts: tuple[str, ...]) -> bytes | list:
    ids = ids_bytes(texts)
    return [id_bytes(text) for text in texts] if ids is None else ids


def _id_list(value: bytes | list) -> list[str]:
    if isinstance(value, bytes):
        if len(value) % 16:
            raise OperationError(_("an operation is damaged"))
        h = value.hex()
        return [f"{h[i:i + 8]}-{h[i + 8:i + 12]}-{h[i + 12:i + 16]}-{h[i + 16:i + 20]}-"
                f"{h[i + 20:i + 32]}" for i in range(0, len(h), 32)]
    return [id_text(item) for item in value]


def run(origin: str, rows: list[Row]) -> tuple[list, list[str]]:
    """One MessagePack-ready item for `rows` (consecutive sequence numbers of `origin`),
    and the ids of the attachments they create (their files travel beside them)."""
    seqs, hlcs, kind_names, record_ids, fields, values, based = zip(*rows)
    kinds = {kind: number for number, kind in enumerate(dict.fromkeys(kind_names))}
    decoded = stored_json(values)
    # Each step below runs over the whole run at once (map, zip), not operation by
    # operation: a first bundle is hundreds of thousands of creations.
    if fields.count(CREATE) == len(fields) and all(map(dict.__instancecheck__, decoded)):
        made = list(range(len(fields)))
    else:
        made = [n for n, (field, value) in enumerate(zip(fields, decoded))
                if field == CREATE and value.__class__ is dict]
    made_set = set(made)
    edits = [] if len(made) == len(fields) else [
        _out(value) for n, value in enumerate(decoded) if n not in made_set]
    shapes, numbers = _shapes([record_ids[n] for n in made], [values[n] for n in made],
                              [decoded[n] for n in made])
    if len(made) < len(fields):
        numbers, shape_numbers = list(fields), numbers
        for n, number in zip(made, shape_numbers):
            numbers[n] = number
    attachments = [] if Attachment.KIND not in kinds else [
        record_ids[n] for n in made if kind_names[n] == Attachment.KIND]
    item = [OPS, id_bytes(origin), seqs[0],
            [hlcs[0], *map(sub, hlcs[1:], hlcs)],
            list(kinds), list(map(kinds.__getitem__, kind_names)), _record_ids(record_ids),
            numbers, edits, shapes,
            [[position, [[id_bytes(o), s] for o, s in json.loads(text)]]
             for position, text in enumerate(based) if text != "[]"]]
    return item, attachments


def _shapes(record_ids: list[str], texts: list[str], made: list[dict]
            ) -> tuple[list, list[int]]:
    """The shapes of creations `made` (values of `texts`, which create `record_ids`),
    as a run holds them, and the number of each one's shape."""
    ids = list(map(dict.pop, made, repeat("id"), repeat(None)))
    implied = list(map(eq, ids, record_ids))
    if False in implied:
        # An id of another record (or none) stays among the fields, where it was.
        for n in (n for n, same in enumerate(implied) if not same):
            made[n] = scan_json(texts[n], 0)[0]
    keys = list(zip(map(tuple, made), implied))
    rows = list(map(tuple, map(dict.values, made)))
    # A generated run interleaves a few kinds, each of a shape or two: each shape's
    # rows are picked out by a pass of compress over the numbers, in C.
    numbered = {key: number for number, key in enumerate(dict.fromkeys(keys))}
    numbers = list(map(numbered.__getitem__, keys))
    grouped = [rows] if len(numbered) == 1 else [
        list(compress(rows, map(eq, numbers, repeat(number)))) for number in numbered.values()]
    return [[list(names), implied, [_column(column) for column in zip(*shape)]]
            for (names, implied), shape in zip(numbered, grouped)], numbers


def _unrun(item: list) -> list[Operation]:
    (_tag, origin, first, hlcs, kinds, kind_numbers, record_ids, fields, values, shapes,
     bases) = item
    origin = id_text(origin)
    record_ids = _id_list(record_ids)
    if not (isinstance(first, int) and first > 0 and all(isinstance(k, str) for k in kinds)
            and all(type(step) is int for step in hlcs)
            and len(hlcs) == len(kind_numbers) == len(record_ids) == len(fields)):
        raise OperationError(_("an operation is damaged"))
    rows = []
    for names, implied, columns in shapes:
        if (not all(isinstance(name, str) for name in names) or len(columns) != len(names)
                or not isinstance(implied, bool)):
            raise OperationError(_("an operation is damaged"))
        rows.append(iter(zip(*(_uncolumn(column) for column in columns), strict=True)
                     if columns else repeat(())))
    based = {position: tuple((id_text(o), s) for o, s in pairs) for position, pairs in bases}
    # Checked for the whole run at once, not operation by operation: a first bundle's
    # runs are hundreds of thousands of creations, which have no bases.
    stamps = list(accumulate(hlcs))
    if (stamps and min(stamps) < 0) or not all(
            isinstance(s, int) for pairs in based.values() for _o, s in pairs):
        raise OperationError(_("an operation is damaged"))
    values = iter(values)
    found = []
    for position, (hlc, kind, record_id, field) in enumerate(
            zip(stamps, kind_numbers, record_ids, fields)):
        if isinstance(field, str):
            value = _in(next(values))
        else:
            names, implied, _columns = shapes[field]
            value = dict(zip(names, next(rows[field])))
            if implied:
                value["id"] = record_id
            field = CREATE
        found.append(made(origin, first + position, hlc, kinds[kind], record_id, field, value,
                          based.get(position, ())))
    return found


def _consecutive(rows: list[Row]) -> list[list[Row]]:
    """`rows` cut where a sequence number is skipped (a run numbers its operations from
    its first): never in a copy's own operations, which are held without gaps."""
    if not rows or rows[-1][0] - rows[0][0] == len(rows) - 1:
        return [rows] if rows else []
    parts = [[rows[0]]]
    for row in rows[1:]:
        if row[0] != parts[-1][-1][0] + 1:
            parts.append([])
        parts[-1].append(row)
    return parts


def write(out, runs: Iterable[tuple[str, list[Row]]], blobs) -> int:
    """Pack `runs` ((origin, rows), as operations.rows_after gives them) into `out` (a
    writable stream), then the files of the attachments they create, read by
    `blobs(ids) -> {id: bytes}`; returns the number of operations."""
    packer = msgpack.Packer(use_bin_type=True)
    count, attachments = 0, []
    for origin, rows in runs:
        for part in _consecutive(rows):
            item, made = run(origin, part)
            out.write(packer.pack(item))
            attachments.extend(made)
        count += len(rows)
    for record_id, content in blobs(attachments).items():
        out.write(packer.pack([BLOB, id_bytes(record_id), content]))
    return count


def read(body_format: int, plain: bytes) -> tuple[list[Operation], dict[str, bytes]]:
    """The operations and attachment files of an unpacked body of `body_format`."""
    try:
        if body_format not in (1, FORMAT):
            raise OperationError(_("an operation is damaged"))
        if body_format == 1:
            content = msgpack.unpackb(plain, raw=False, strict_map_key=False)
            return [unpack(item) for item in content["ops"]], content.get("blobs") or {}
        ops, blobs = [], {}
        # One item at a time from the bytes in hand, each no larger than the body.
        for item in msgpack.Unpacker(io.BytesIO(plain), raw=False, strict_map_key=False,
                                     max_buffer_size=max(len(plain), 1)):
            if item[0] == OPS:
                ops.extend(_unrun(item))
            elif item[0] == BLOB:
                blobs[id_text(item[1])] = item[2]
            else:
                raise OperationError(_("an operation is damaged"))
        return ops, blobs
    except (ValueError, KeyError, TypeError, IndexError, StopIteration,
            msgpack.UnpackException):
        raise OperationError(_("an operation is damaged")) from None

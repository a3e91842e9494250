"""Bundle bodies in format 2 (operations column by column, ids as 16 bytes, a
creation's record id not repeated in its values): every operation reads back as it
was written, a first bundle is far smaller than in format 1, and a bundle written
in format 1 by a laptop not yet updated is still read."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import msgpack
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from coordinator_app.core.records.attachments import add_attachment
from coordinator_app.core.records.models import Attachment, Organization, Person
from coordinator_app.core.sample.generate import generate
from coordinator_app.sync import body, bundle, operations
from coordinator_app.sync.operations import CREATE, Operation, OperationError, to_row
from support.sync import close, digest, keys_of_two, laptops

UUIDS = st.uuids().map(str)
#: Ids as they are, and text that only looks like one (upper case, no dashes).
IDS = st.one_of(UUIDS, UUIDS.map(str.upper), UUIDS.map(lambda text: text.replace("-", "")),
                st.text(max_size=40))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40),
                    st.text(max_size=20), IDS)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6)
NAMES = st.sampled_from(["name", "full_name", "organization_id", "notes", "deleted_at",
                         "merged_into"])


@st.composite
def histories(draw):
    """One origin's operations in sequence: creations of a few shapes (with their own
    id among the values, another id, or none), edits of single fields, bases or not."""
    origin = draw(UUIDS)
    ops = []
    hlc = draw(st.integers(0, 2**50))
    for seq in range(1, draw(st.integers(1, 40)) + 1):
        hlc = max(0, hlc + draw(st.integers(-5, 2**20)))
        kind = draw(st.sampled_from(["person", "organization", "attachment", "future_kind"]))
        record_id = draw(IDS)
        if draw(st.booleans()):
            field = CREATE
            value = draw(st.one_of(
                st.dictionaries(NAMES, SCALARS, max_size=5), st.none(), VALUES))
            if isinstance(value, dict) and draw(st.integers(0, 2)):
                value["id"] = record_id if draw(st.booleans()) else draw(IDS)
        else:
            field, value = draw(NAMES), draw(VALUES)
        bases = tuple(draw(st.lists(st.tuples(IDS, st.integers(1, 2**31)), max_size=2)))
        ops.append(Operation(origin, seq, hlc, kind, record_id, field, value, bases))
    return ops


def _rows(ops: list[Operation]) -> list[tuple]:
    rows = [to_row(op, known=True) for op in ops]
    return [(r["seq"], r["hlc"], r["kind"], r["record_id"], r["field"], r["value"], r["bases"])
            for r in rows]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=histories(), split=st.integers(1, 40), skips=st.sets(st.integers(1, 40)))
def test_every_operation_reads_back_as_written_in_format_2(ops, split, skips):
    # Sequence numbers with gaps too: a run numbers its operations from its first.
    ops = [replace(op, seq=op.seq + sum(1 for skip in skips if skip <= op.seq)) for op in ops]
    out = io.BytesIO()
    runs = [(ops[0].origin, _rows(ops[start:start + split])) for start in range(0, len(ops), split)]
    assert body.write(out, runs, lambda ids: {}) == len(ops)
    read, blobs = body.read(body.FORMAT, out.getvalue())
    assert read == ops
    # Key order too: the receiver stores the values as JSON text of its own.
    assert [json.dumps(op.value) for op in read] == [json.dumps(op.value) for op in ops]
    assert blobs == {}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=histories())
def test_operations_encoded_from_their_rows_at_once_are_those_encoded_one_by_one(ops):
    # The office server's push encodes a laptop's rows in bulk; a pulling laptop
    # decodes each operation on its own, as any older version does.
    encoded = operations.encoded_rows(ops[0].origin, _rows(ops))
    assert encoded == [operations.encode(op) for op in ops]
    assert [operations.decode(data) for data in encoded] == ops


#: Values as msgpack or a record's JSON gives them: floats, far-off integers and text
#: of any alphabet (escapes, quotes, emoji) too.
STORED_VALUES = st.recursive(
    st.one_of(SCALARS, st.floats(), st.integers(), st.text(), st.just("Терехов \"Klišonis\"\n")),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(value=STORED_VALUES, bases=st.lists(st.tuples(IDS, st.integers(1, 2**31)), max_size=2))
def test_an_operation_is_stored_as_the_json_text_json_dumps_writes(value, bases):
    # Digests and the bundles written later read this text: its encoder, made once
    # for speed, must write exactly what json.dumps does.
    op = Operation("origin", 1, 1, "person", "id", "notes", value, tuple(bases))
    row = to_row(op, known=True)
    assert row["value"] == (None if value is None else json.dumps(value, ensure_ascii=False))
    assert row["bases"] == ("[]" if not bases else
                            json.dumps([list(base) for base in bases], ensure_ascii=False))


def test_a_creation_carries_its_record_id_once_and_ids_as_16_bytes(tmp_path):
    record_id = "01a22c83-8d9b-7000-8000-0322133b6bab"
    organisation = "01a22c83-8d9b-7000-8000-03238cfb8251"
    op = Operation("744bb5d3-2cdd-4ced-967d-2c96e0046a9c", 1, 5, "person", record_id, CREATE,
                   {"full_name": "Darius", "organization_id": organisation, "id": record_id})
    out = io.BytesIO()
    body.write(out, [(op.origin, _rows([op]))], lambda ids: {})
    packed = out.getvalue()
    assert record_id.encode() not in packed and organisation.encode() not in packed
    assert packed.count(bytes.fromhex(record_id.replace("-", ""))) == 1
    assert body.read(body.FORMAT, packed)[0] == [op]


def test_a_column_that_starts_with_ids_and_holds_other_values_reads_back():
    origin = "744bb5d3-2cdd-4ced-967d-2c96e0046a9c"
    first = "01a22c83-8d9b-7000-8000-0322133b6bab"
    ops = [Operation(origin, seq, 5, "person", f"01a22c83-8d9b-7000-8000-0322133b6ba{seq}",
                     CREATE, {"notes": notes})
           for seq, notes in enumerate([first, None, 7, first.upper(), [first], first], 1)]
    out = io.BytesIO()
    body.write(out, [(origin, _rows(ops))], lambda ids: {})
    assert body.read(body.FORMAT, out.getvalue())[0] == ops


@pytest.mark.parametrize("damage", [
    lambda item: item[:5],                      # columns missing
    lambda item: [*item[:3], item[3][:-1], *item[4:]],  # a clock short
    lambda item: [*item[:6], item[6][:-3], *item[7:]],  # record ids cut mid-id
    lambda item: [*item[:9], [[["full_name"], True, []]], *item[10:]],  # a shape's column missing
    lambda item: [7, *item[1:]],                # an item of an unknown sort
    lambda item: [*item[:3], [5, -6], *item[4:]],  # a clock that goes below zero
    lambda item: [*item[:10], [[1, [[item[1], "2"]]]]],  # a base's sequence not a number
])
def test_a_damaged_run_is_refused(damage):
    ops = [Operation("744bb5d3-2cdd-4ced-967d-2c96e0046a9c", seq, 5, "person",
                     f"01a22c83-8d9b-7000-8000-0322133b6ba{seq}", CREATE, {"full_name": "D"})
           for seq in (1, 2)]
    item, _attachments = body.run(ops[0].origin, _rows(ops))
    with pytest.raises(OperationError):
        body.read(body.FORMAT, msgpack.packb(damage(item), use_bin_type=True))


@pytest.fixture
def two(tmp_path):
    source, target = laptops(tmp_path, 2)
    generate(source, people=60, organizations=6, agreements=3, projects=3, seed=4)
    scan = tmp_path / "memorandum.pdf"
    scan.write_bytes(b"%PDF-1.4 memorandum")
    with source.edit() as edit:
        owner = edit.create(Organization, name="Plungė district")
        add_attachment(edit, "organization", owner.id, scan)
    yield source, target, *keys_of_two(source, target)
    close([source, target])


def test_a_bundle_in_format_1_from_a_laptop_not_yet_updated_is_read(two, tmp_path):
    source, target, source_keys, target_keys = two
    path = tmp_path / "old.coordsync"
    written = bundle.write(source, path, keys=source_keys, body_format=1)
    assert path.read_bytes()[len(bundle.MAGIC)] == 1
    read = bundle.read(target, path, keys=target_keys, backup=False)
    assert read.operations == written.operations and read.applied.new == written.operations
    assert digest(target) == digest(source)
    with target.read() as session:
        stored = session.query(Attachment).one()
        assert stored.content == b"%PDF-1.4 memorandum"


def test_a_first_bundle_in_format_2_is_far_smaller_than_in_format_1(two, tmp_path):
    source, target, source_keys, target_keys = two
    old = bundle.write(source, tmp_path / "old.coordsync", keys=source_keys, body_format=1)
    new = bundle.write(source, tmp_path / "new.coordsync", keys=source_keys)
    assert new.operations == old.operations > 250
    # A third smaller already at this size; at 20,000 people more than half.
    assert new.size < old.size * 0.7, (new.size, old.size)
    read = bundle.read(target, new.path, keys=target_keys, backup=False)
    assert read.applied.new == new.operations
    assert digest(target) == digest(source)
    with target.read() as session:
        assert session.query(Person).count() == 60
        assert session.query(Attachment).one().content == b"%PDF-1.4 memorandum"

"""Bundles on a USB stick: written for the association, read once or twice, and
refused whole when changed, cut short, meant for others, or out of sequence."""

from __future__ import annotations

import json

import pytest

from support.sync import Office


@pytest.fixture
def office(tmp_path, cli, monkeypatch):
    found = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    for name in found.names:
        assert found.run(name, "add", "organizations", "--set", f"name=Office {name}"
                         ).returncode == 0
    found.join_all()
    return found


def _names(office: Office, laptop: str) -> set[str]:
    listed = office.run(laptop, "list", "organizations", "--json")
    return {item["name"] for item in json.loads(listed.stdout)}


def test_changes_carried_on_a_stick_appear_on_the_other_laptop(office):
    done = office.carry("kharkiv", "plunge")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["new"] >= 1
    assert _names(office, "plunge") == {"Office kharkiv", "Office plunge"}
    office.carry("plunge", "kharkiv")
    assert _names(office, "kharkiv") == {"Office kharkiv", "Office plunge"}


def test_reading_the_same_bundle_twice_changes_nothing(office, tmp_path):
    path = tmp_path / "stick.coordsync"
    assert office.run("kharkiv", "sync", "export", "-o", str(path)).returncode == 0
    first = office.run("plunge", "sync", "import", str(path), "--json")
    second = office.run("plunge", "sync", "import", str(path), "--json")
    assert json.loads(first.stdout)["new"] > 0
    assert json.loads(second.stdout)["new"] == 0 and json.loads(second.stdout)["records"] == 0
    assert _names(office, "plunge") == {"Office kharkiv", "Office plunge"}


def _refused(office, path, *, says: str) -> None:
    before = _names(office, "plunge")
    done = office.run("plunge", "sync", "import", str(path))
    assert done.returncode != 0
    assert says in done.stderr and "Nothing was read" in done.stderr
    assert "Traceback" not in done.stderr
    assert _names(office, "plunge") == before


def test_a_changed_byte_is_refused_and_nothing_is_written(office, tmp_path):
    path = tmp_path / "stick.coordsync"
    office.run("kharkiv", "sync", "export", "-o", str(path))
    data = bytearray(path.read_bytes())
    for position in (len(data) // 2, len(data) - 70, 40):
        changed = bytearray(data)
        changed[position] ^= 0x01
        bad = tmp_path / f"changed-{position}.coordsync"
        bad.write_bytes(bytes(changed))
        done = office.run("plunge", "sync", "import", str(bad))
        assert done.returncode != 0 and "Nothing was read" in done.stderr
    _refused(office, bad, says="")


def test_a_file_cut_short_says_it_is_incomplete(office, tmp_path):
    path = tmp_path / "stick.coordsync"
    office.run("kharkiv", "sync", "export", "-o", str(path))
    data = path.read_bytes()
    for length in (12, 30, len(data) // 2, len(data) - 1):
        cut = tmp_path / f"cut-{length}.coordsync"
        cut.write_bytes(data[:length])
        done = office.run("plunge", "sync", "import", str(cut))
        assert done.returncode != 0 and "Nothing was read" in done.stderr, (length, done.stderr)
    _refused(office, cut, says="incomplete")


def test_a_file_for_other_laptops_is_refused(tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge", "kaunas"])
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv")
    office.run("plunge", "add", "organizations", "--set", "name=Plungė")
    office.join_all()
    path = tmp_path / "for-kaunas.coordsync"
    assert office.run("kharkiv", "sync", "export", "-o", str(path), "--to", "kaunas"
                      ).returncode == 0
    _refused(office, path, says="not written for this laptop")


def test_a_file_from_an_unknown_laptop_is_refused(tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge", "stranger"])
    office.run("stranger", "add", "organizations", "--set", "name=Somewhere")
    office.run("plunge", "add", "organizations", "--set", "name=Plungė")
    office.run("kharkiv", "sync", "keys", "export", str(tmp_path / "k.key"), "--name", "kharkiv")
    office.run("stranger", "sync", "keys", "import", str(tmp_path / "k.key"))
    office.run("plunge", "sync", "keys", "export", str(tmp_path / "p.key"), "--name", "plunge")
    office.run("stranger", "sync", "keys", "import", str(tmp_path / "p.key"))
    path = tmp_path / "from-stranger.coordsync"
    assert office.run("stranger", "sync", "export", "-o", str(path)).returncode == 0
    _refused(office, path, says="whose key this one does not know")


def test_a_file_that_skips_changes_is_refused(office, tmp_path):
    # Plunge reads a first file, then is restored to before it (a backup): a second
    # file starting after the first would leave a hole, and is refused whole.
    first = tmp_path / "first.coordsync"
    office.run("kharkiv", "sync", "export", "-o", str(first))
    backup = office.db("plunge").read_bytes()
    office.run("plunge", "sync", "import", str(first))
    office.carry("plunge", "kharkiv")  # kharkiv learns what plunge holds
    office.db("plunge").write_bytes(backup)
    for suffix in ("-wal", "-shm"):
        office.db("plunge").with_name(office.db("plunge").name + suffix).unlink(missing_ok=True)
    office.run("kharkiv", "add", "organizations", "--set", "name=Later")
    second = tmp_path / "second.coordsync"
    office.run("kharkiv", "sync", "export", "-o", str(second))
    _refused(office, second, says="skip some made on another laptop")


def test_a_file_from_a_newer_version_is_refused_with_what_to_do(office, tmp_path):
    path = tmp_path / "stick.coordsync"
    office.run("kharkiv", "sync", "export", "-o", str(path))
    data = bytearray(path.read_bytes())
    data[len(b"COORDSYNC\n")] = 9
    path.write_bytes(bytes(data))
    _refused(office, path, says="newer version of Coordinator")


def test_a_file_that_is_not_a_bundle_is_refused(office, tmp_path):
    path = tmp_path / "notes.coordsync"
    path.write_text("shopping list", encoding="utf-8")
    _refused(office, path, says="not a Coordinator sync file")


def test_conflicts_are_listed_and_resolved_from_the_command_line(office):
    office.carry("kharkiv", "plunge")
    office.carry("plunge", "kharkiv")
    listed = json.loads(office.run("kharkiv", "list", "organizations", "--json").stdout)
    org = next(item["id"] for item in listed if item["name"] == "Office kharkiv")
    office.run("kharkiv", "edit", "organizations", org, "--set", "region=Kharkiv oblast")
    office.run("plunge", "edit", "organizations", org, "--set", "region=Харківщина")
    office.carry("kharkiv", "plunge")
    office.carry("plunge", "kharkiv")
    conflicts = json.loads(office.run("plunge", "conflicts", "list", "--json").stdout)
    assert [c["field"] for c in conflicts] == ["region"]
    values = {v["value"] for v in conflicts[0]["versions"]}
    assert values == {"Kharkiv oblast", "Харківщина"}
    keep = next(v["version"] for v in conflicts[0]["versions"] if v["value"] == "Харківщина")
    done = office.run("plunge", "conflicts", "resolve", conflicts[0]["id"], "--keep", str(keep))
    assert done.returncode == 0, done.stderr
    office.carry("plunge", "kharkiv")
    for laptop in ("kharkiv", "plunge"):
        assert json.loads(office.run(laptop, "conflicts", "list", "--json").stdout) == []
        shown = json.loads(office.run(laptop, "show", "organizations", org, "--json").stdout)
        assert shown["region"] == "Харківщина"


def test_status_tells_the_device_the_peers_and_what_each_has_seen(office):
    office.carry("kharkiv", "plunge")
    state = json.loads(office.run("plunge", "sync", "status", "--json").stdout)
    (peer,) = state["peers"]
    assert peer["name"] == "kharkiv" and peer["last_received_at"]
    assert sum(peer["seen"].values()) > 0
    assert state["device_id"] and len(state["fingerprint"]) == 24


def _attached(office: Office, laptop: str) -> list[bytes]:
    from coordinator_app.core.records.attachments import attachment_bytes
    from coordinator_app.core.records.models import Attachment
    from coordinator_app.core.records.tombstones import live

    with office.workspace(laptop) as workspace:
        with workspace.read() as session:
            ids = sorted(session.scalars(live(Attachment).with_only_columns(Attachment.id)))
        return [attachment_bytes(workspace, attachment_id) for attachment_id in ids]


def test_an_attachment_replaced_on_one_laptop_arrives_replaced_on_the_other(office):
    from coordinator_app.core.records.attachments import attach_bytes, keep_edited
    from coordinator_app.core.records.models import Attachment, Organization
    from coordinator_app.core.records.tombstones import live

    with office.workspace("kharkiv") as workspace:
        with workspace.read() as session:
            org = session.scalars(Organization.__table__.select().with_only_columns(
                Organization.id).where(Organization.name == "Office kharkiv")).one()
        with workspace.edit() as edit:
            first = attach_bytes(edit, "organization", org, "memorandum.txt", b"draft of 10 Feb")
            first_id = first.id
    assert office.carry("kharkiv", "plunge").returncode == 0
    assert _attached(office, "plunge") == [b"draft of 10 Feb"]
    with office.workspace("kharkiv") as workspace:
        with workspace.edit() as edit:
            keep_edited(edit, first_id, b"signed on 11 Feb", replace=True)
    done = office.carry("kharkiv", "plunge")
    assert done.returncode == 0, done.stderr
    assert _attached(office, "plunge") == [b"signed on 11 Feb"]
    # Replaced again on the laptop that received it, and carried back.
    with office.workspace("plunge") as workspace:
        with workspace.read() as session:
            received = session.scalars(live(Attachment).with_only_columns(Attachment.id)).one()
        with workspace.edit() as edit:
            keep_edited(edit, received, b"signed, with stamps", replace=True)
    done = office.carry("plunge", "kharkiv")
    assert done.returncode == 0, done.stderr
    assert _attached(office, "kharkiv") == [b"signed, with stamps"]


def _attach_to_kharkiv_office(office: Office, content: bytes) -> str:
    from coordinator_app.core.records.attachments import attach_bytes
    from coordinator_app.core.records.models import Organization

    with office.workspace("kharkiv") as workspace:
        with workspace.read() as session:
            org = session.scalars(Organization.__table__.select().with_only_columns(
                Organization.id).where(Organization.name == "Office kharkiv")).one()
        with workspace.edit() as edit:
            return attach_bytes(edit, "organization", org, "memorandum.pdf", content).id


def _waits_for(office: Office, laptop: str, peer: str) -> list[str]:
    from coordinator_app.core.records.models import SyncPeer

    with office.workspace(laptop) as workspace:
        with workspace.read() as session:
            wants = session.scalars(SyncPeer.__table__.select().with_only_columns(
                SyncPeer.wants).where(SyncPeer.name == peer)).one()
    return json.loads(wants or "[]")


def test_a_file_a_laptop_waits_for_comes_on_the_stick_from_one_that_has_it(office):
    import hashlib

    from sqlalchemy import update

    from coordinator_app.core.records.attachments import BytesMissing
    from coordinator_app.core.records.models import Attachment

    scan = "Меморандум, підписаний 11 лютого".encode() * 40
    _attach_to_kharkiv_office(office, scan)
    assert office.carry("kharkiv", "plunge").returncode == 0
    # Plungė holds the attachment without its file, as a pull from the office server
    # that did not have the file yet leaves it (tests/test_attachment_bytes_missing.py);
    # from now on the two laptops meet only by stick.
    with office.workspace("plunge") as workspace:
        with workspace.edit() as edit:
            edit.session.execute(update(Attachment).values(content=None))
    with pytest.raises(BytesMissing):
        _attached(office, "plunge")

    # Plungė's next file says which files it waits for; Kharkiv's next one brings them,
    # though it has no change for Plungė.
    assert office.carry("plunge", "kharkiv").returncode == 0
    assert _waits_for(office, "kharkiv", "plunge") == [hashlib.sha256(scan).hexdigest()]
    done = office.carry("kharkiv", "plunge")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files_arrived"] == 1
    assert _attached(office, "plunge") == [scan]

    # Once Plungė says it waits for nothing, Kharkiv stops sending the file.
    assert office.carry("plunge", "kharkiv").returncode == 0
    assert _waits_for(office, "kharkiv", "plunge") == []
    said = office.carry("kharkiv", "plunge")
    assert json.loads(said.stdout)["files_arrived"] == 0


def test_a_file_read_in_the_terminal_says_which_waiting_files_arrived(office):
    from sqlalchemy import update

    from coordinator_app.core.records.models import Attachment

    _attach_to_kharkiv_office(office, b"signed on 11 Feb")
    assert office.carry("kharkiv", "plunge").returncode == 0
    with office.workspace("plunge") as workspace:
        with workspace.edit() as edit:
            edit.session.execute(update(Attachment).values(content=None))
    assert office.carry("plunge", "kharkiv").returncode == 0
    path = office.folder / "files.coordsync"
    assert office.run("kharkiv", "sync", "export", "-o", str(path)).returncode == 0
    read = office.run("plunge", "sync", "import", str(path))
    assert read.returncode == 0, read.stderr
    assert "1 attached file that was not yet received has arrived." in read.stdout

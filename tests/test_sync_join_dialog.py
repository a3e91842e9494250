"""Sync dialog → Add a laptop…, Change association… and Save this laptop's join key…:
a colleague's or a partner's laptop added from its join key file, as
`sync keys import --ours|--partner` does, and what a file for everyone then leaves out."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialogButtonBox

from coordinator_app.sync.keys import parse_join
from support.sync import Office, open_sync_dialog


def _key(office: Office, laptop: str):
    path = office.folder / f"{laptop}.key"
    done = office.run(laptop, "sync", "keys", "export", str(path), "--name", laptop)
    assert done.returncode == 0, done.stderr
    return path


def _peers(office: Office, laptop: str) -> dict[str, bool]:
    status = json.loads(office.run(laptop, "sync", "status", "--json").stdout)
    return {peer["name"]: peer["partner"] for peer in status["peers"]}


def _ok(dialog) -> object:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_adding_a_partners_laptop_shows_its_fingerprint_and_asks_whose_it_is(
        qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    key = _key(office, "plunge")
    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    try:
        assert not dialog.association_button.isEnabled()
        dialog.add_laptop(key)
        adding = dialog.adding
        assert adding.isVisible()
        assert adding.findChild(object, "laptop_name").text() == "plunge"
        fingerprint = parse_join(key.read_text()).fingerprint
        assert adding.findChild(object, "laptop_fingerprint").text() == fingerprint
        # Nothing is chosen for the person: the laptop is not added until they say.
        assert not _ok(adding).isEnabled()
        adding.choice.partner.click()
        assert _ok(adding).isEnabled()
        _ok(adding).click()
        assert "A partner association's laptop" in dialog.result.text()
        assert "partner association: gets no private records" in dialog.summary.text()
        assert dialog.association_button.isEnabled()
    finally:
        workspace.db.close()
    assert _peers(office, "kharkiv") == {"plunge": True}


def test_a_laptop_of_our_association_is_added_as_ours(qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "sumy"])
    key = _key(office, "sumy")
    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    try:
        dialog.add_laptop(key)
        dialog.adding.choice.ours.click()
        _ok(dialog.adding).click()
        assert "A laptop of our association" in dialog.result.text()
    finally:
        workspace.db.close()
    assert _peers(office, "kharkiv") == {"sumy": False}


def test_cancelling_the_question_adds_nothing(qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "sumy"])
    key = _key(office, "sumy")
    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    try:
        dialog.add_laptop(key)
        dialog.adding.choice.ours.click()
        dialog.adding.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    finally:
        workspace.db.close()
    assert _peers(office, "kharkiv") == {}


def _refused_text(dialog) -> str:
    box = dialog.findChild(object, "sync_refused")
    assert box is not None and box.isVisible()
    return box.text()


def test_a_file_that_is_no_join_key_is_refused_saying_what_a_key_looks_like(
        qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv"])
    notes = tmp_path / "notes.txt"
    notes.write_text("Meeting in Plungė on Tuesday\n", encoding="utf-8")
    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    try:
        dialog.add_laptop(notes)
        assert "not a Coordinator join key" in _refused_text(dialog)
        assert "coordinator-join:1:" in _refused_text(dialog)
        dialog.findChild(object, "sync_refused").setObjectName("seen")
        photo = tmp_path / "photo.jpg"
        photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\xff\xfe")
        dialog.add_laptop(photo)
        assert "not a Coordinator join key" in _refused_text(dialog)
    finally:
        workspace.db.close()
    assert _peers(office, "kharkiv") == {}


def test_a_known_laptop_and_this_laptops_own_key_are_refused_saying_what_to_do(
        qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    office.join_all()
    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    try:
        dialog.add_laptop(tmp_path / "plunge.key")
        said = _refused_text(dialog)
        assert "already known as “plunge”" in said and "Change association…" in said
        dialog.findChild(object, "sync_refused").setObjectName("seen")
        dialog.add_laptop(tmp_path / "kharkiv.key")
        assert "this laptop's own join key" in _refused_text(dialog)
    finally:
        workspace.db.close()
    assert _peers(office, "kharkiv") == {"plunge": False}


def test_changing_a_known_laptops_association_later(qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge", "sumy"])
    office.join_all()
    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    try:
        plunge = next(peer for peer in dialog.peers if peer.name == "plunge")
        dialog.change_association(plunge.key_id)
        changing = dialog.changing
        assert changing.peer().name == "plunge"
        assert changing.choice.ours.isChecked()  # as known
        changing.choice.partner.click()
        _ok(changing).click()
        assert dialog.result.text().startswith("“plunge”: A partner association's laptop")
    finally:
        workspace.db.close()
    assert _peers(office, "kharkiv") == {"plunge": True, "sumy": False}

    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    try:
        dialog.change_association()
        changing = dialog.changing
        changing.show_peer(next(p.key_id for p in dialog.peers if p.name == "plunge"))
        assert changing.choice.partner.isChecked()
        changing.show_peer(next(p.key_id for p in dialog.peers if p.name == "sumy"))
        assert changing.choice.ours.isChecked()
        changing.show_peer(next(p.key_id for p in dialog.peers if p.name == "plunge"))
        changing.choice.ours.click()
        _ok(changing).click()
    finally:
        workspace.db.close()
    assert _peers(office, "kharkiv") == {"plunge": False, "sumy": False}


def test_the_join_key_saved_here_is_added_on_the_other_laptop(qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    key = tmp_path / "kharkiv-from-app.txt"
    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    try:
        dialog.save_join_key(key, name="Kharkiv office")
        shown = parse_join(key.read_text(encoding="utf-8"))
        assert shown.name == "Kharkiv office"
        assert shown.fingerprint in dialog.result.text()
    finally:
        workspace.db.close()
    added = office.run("plunge", "sync", "keys", "import", str(key), "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["fingerprint"] == shown.fingerprint


def test_a_file_for_everyone_written_in_the_dialog_says_what_it_left_out(
        qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge", "sumy"])
    office.join_all()
    office.run("kharkiv", "sync", "keys", "import", str(tmp_path / "plunge.key"), "--partner")
    office.run("kharkiv", "add", "activities", "--private", "--set", "title=Our position",
               "--set", "kind=meeting", "--set", "occurs_on=2026-02-11")
    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    try:
        dialog.write_bundle(tmp_path / "all.coordsync")
        written, left_out = dialog.result.text().splitlines()
        assert written.startswith("Wrote ")
        assert left_out.endswith(
            " not written: plunge is a partner association's laptop.")
        assert " private change" in left_out
        count = int(left_out.split()[0])
        dialog.write_bundle(tmp_path / "sumy.coordsync", [
            next(p.key_id for p in dialog.peers if p.name == "sumy")])
        assert "private" not in dialog.result.text()
    finally:
        workspace.db.close()
    for_sumy = json.loads(office.run("kharkiv", "sync", "export", "-o",
                                     str(tmp_path / "check.coordsync"), "--to", "sumy",
                                     "--json").stdout)
    for_all = json.loads(office.run("kharkiv", "sync", "export", "-o",
                                    str(tmp_path / "check.coordsync"), "--json").stdout)
    assert count == for_all["withheld"] == for_sumy["operations"] - for_all["operations"]

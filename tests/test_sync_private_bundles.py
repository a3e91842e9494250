"""Records an association keeps to itself travel by USB stick to its own laptops
only: Kharkiv's private note, added with `add --private`, reaches Sumy (same
association) and never Plungė (a partner, so marked when its join key was
imported), not in a file written for Plungė, nor for everyone, nor relayed by
Sumy; and Plungė, who never reads them, still takes every shared change."""

from __future__ import annotations

import json

import pytest
from support.sync import Office

NOTE = "Our position before the talks"


@pytest.fixture
def office(tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "sumy", "plunge"])
    office.join_all()
    for laptop in ("kharkiv", "sumy"):
        marked = office.run(laptop, "sync", "keys", "import", str(tmp_path / "plunge.key"),
                            "--partner", "--json")
        assert marked.returncode == 0, marked.stderr
        assert json.loads(marked.stdout)["partner"] is True
    return office


def _titles(office: Office, laptop: str) -> set[str]:
    listed = office.run(laptop, "list", "activities", "--json")
    assert listed.returncode == 0, listed.stderr
    return {item["title"] for item in json.loads(listed.stdout)}


def _names(office: Office, laptop: str) -> set[str]:
    listed = office.run(laptop, "list", "organizations", "--json")
    return {item["name"] for item in json.loads(listed.stdout)}


def _add_private_note(office: Office) -> dict:
    added = office.run("kharkiv", "add", "activities", "--private", "--json",
                       "--set", f"title={NOTE}", "--set", "kind=meeting",
                       "--set", "occurs_on=2026-02-11")
    assert added.returncode == 0, added.stderr
    return json.loads(added.stdout)


def test_add_private_says_the_record_is_kept_to_the_association(office):
    assert _add_private_note(office)["private"] is True
    shared = office.run("kharkiv", "add", "organizations", "--json",
                        "--set", "name=Kharkiv City Council")
    assert json.loads(shared.stdout)["private"] is False
    said = office.run("kharkiv", "add", "activities", "--private", "--set", "title=Another",
                      "--set", "kind=call", "--set", "occurs_on=2026-02-12")
    assert "Private to our association" in said.stdout
    listed = json.loads(office.run("kharkiv", "list", "activities", "--json").stdout)
    assert {item["title"]: item["private"] for item in listed} == {NOTE: True, "Another": True}
    shown = json.loads(office.run("kharkiv", "show", "organizations", "Kharkiv City Council",
                                  "--json").stdout)
    assert shown["private"] is False


def test_a_file_for_everyone_leaves_the_private_record_out_and_a_member_gets_it_later(office):
    _add_private_note(office)
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")

    # Plungė can read a file for everyone, so the note is not in it, for anyone.
    wrote = office.run("kharkiv", "sync", "export", "-o", str(office.folder / "all.coordsync"),
                       "--json")
    assert wrote.returncode == 0, wrote.stderr
    for laptop in ("sumy", "plunge"):
        read = office.run(laptop, "sync", "import", str(office.folder / "all.coordsync"))
        assert read.returncode == 0, read.stderr
    assert _titles(office, "plunge") == set()
    assert _names(office, "plunge") == {"Kharkiv City Council"}
    assert _titles(office, "sumy") == set()

    # A file for Sumy alone carries it, as Sumy has not seen it yet.
    assert json.loads(office.carry("kharkiv", "sumy", "--to", "sumy").stdout)["operations"] > 0
    assert _titles(office, "sumy") == {NOTE}


def test_a_file_for_a_partner_never_carries_private_records_even_relayed(office):
    _add_private_note(office)
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")
    assert office.carry("kharkiv", "sumy", "--to", "sumy").returncode == 0
    assert _titles(office, "sumy") == {NOTE}

    # Neither the laptop that made it nor one that holds it passes it to a partner.
    assert office.carry("kharkiv", "plunge", "--to", "plunge").returncode == 0
    assert office.carry("sumy", "plunge", "--to", "plunge").returncode == 0
    assert _titles(office, "plunge") == set()
    assert _names(office, "plunge") == {"Kharkiv City Council"}

    # Later edits of the private record stay private; shared ones after it still come.
    listed = json.loads(office.run("kharkiv", "list", "activities", "--json").stdout)
    note = next(item["id"] for item in listed if item["title"] == NOTE)
    office.run("kharkiv", "edit", "activities", note, "--set", "notes=Do not disclose")
    office.run("kharkiv", "edit", "organizations", "Kharkiv City Council",
               "--set", "region=Kharkiv oblast")
    assert office.carry("kharkiv", "plunge", "--to", "plunge").returncode == 0
    shown = json.loads(office.run("plunge", "show", "organizations", "Kharkiv City Council",
                                  "--json").stdout)
    assert shown["region"] == "Kharkiv oblast"
    assert _titles(office, "plunge") == set()

    # Plungė's own edits come back to Kharkiv as usual: nothing is held up by a gap.
    office.run("plunge", "add", "organizations", "--set", "name=Plungė District")
    read = office.carry("plunge", "kharkiv")
    assert read.returncode == 0, read.stderr
    assert "Plungė District" in _names(office, "kharkiv")
    assert office.carry("kharkiv", "sumy", "--to", "sumy").returncode == 0
    shown = json.loads(office.run("sumy", "show", "activities", note, "--json").stdout)
    assert shown["notes"] == "Do not disclose"


def test_status_says_which_laptops_are_a_partners(office):
    status = json.loads(office.run("kharkiv", "sync", "status", "--json").stdout)
    assert {peer["name"]: peer["partner"] for peer in status["peers"]} == {
        "sumy": False, "plunge": True}
    # Importing the key again without saying keeps what was known; --ours changes it.
    office.run("kharkiv", "sync", "keys", "import", str(office.folder / "plunge.key"))
    status = json.loads(office.run("kharkiv", "sync", "status", "--json").stdout)
    assert {peer["name"]: peer["partner"] for peer in status["peers"]}["plunge"] is True
    office.run("kharkiv", "sync", "keys", "import", str(office.folder / "plunge.key"), "--ours")
    status = json.loads(office.run("kharkiv", "sync", "status", "--json").stdout)
    assert {peer["name"]: peer["partner"] for peer in status["peers"]}["plunge"] is False


def test_a_file_for_everyone_says_how_many_private_changes_it_left_out_and_why(office):
    _add_private_note(office)
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")

    wrote = office.run("kharkiv", "sync", "export", "-o", str(office.folder / "all.coordsync"),
                       "--json")
    assert wrote.returncode == 0, wrote.stderr
    for_all = json.loads(wrote.stdout)
    assert for_all["partners"] == ["plunge"]
    # Sumy alone may read them: its file holds exactly what the file for all left out.
    for_sumy = json.loads(office.run("kharkiv", "sync", "export", "-o",
                                     str(office.folder / "sumy.coordsync"), "--to", "sumy",
                                     "--json").stdout)
    assert for_all["withheld"] > 0
    assert for_sumy["withheld"] == 0 and for_sumy["partners"] == []
    assert for_sumy["operations"] == for_all["operations"] + for_all["withheld"]

    said = office.run("kharkiv", "sync", "export", "-o", str(office.folder / "all.coordsync"))
    count = for_all["withheld"]
    changes = "change was" if count == 1 else "changes were"
    assert said.stdout.splitlines()[-1] == (
        f"{count} private {changes} not written: plunge is a partner association's laptop.")
    said = office.run("kharkiv", "sync", "export", "-o", str(office.folder / "sumy.coordsync"),
                      "--to", "sumy")
    assert "private" not in said.stdout


def test_a_file_for_everyone_says_nothing_was_left_out_without_private_records(office):
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")
    wrote = json.loads(office.run("kharkiv", "sync", "export", "-o",
                                  str(office.folder / "all.coordsync"), "--json").stdout)
    assert wrote["withheld"] == 0 and wrote["operations"] > 0


def test_what_was_left_out_names_every_partner_in_the_words_of_the_language():
    from coordinator_app.i18n import set_language
    from coordinator_app.sync.peers import withheld_text

    assert withheld_text(1, ["Plungė"]) == (
        "1 private change was not written: Plungė is a partner association's laptop.")
    assert withheld_text(12, ["Plungė", "Vilnius"]) == (
        "12 private changes were not written: Plungė, Vilnius are partner associations' "
        "laptops.")
    set_language("uk")
    try:
        assert withheld_text(12, ["Plungė"]) == (
            "12 змін лише для нас не записано: Plungė — ноутбук асоціації-партнера.")
        assert withheld_text(3, ["Plungė"]).startswith("3 зміни ")
    finally:
        set_language("en")

"""Laptops syncing through the office server from the command line: `sync push`,
`sync pull` and `sync now`, each laptop logging in as its own role with the
password kept in the keyring; a pull merges as a bundle import does."""

from __future__ import annotations

import json

import pytest
from support.hub import association
from support.sync import Office

UA = "Асоціація прифронтових міст та громад"
LT = "Lietuvos savivaldybių asociacija"


@pytest.fixture
def office(tmp_path, cli, monkeypatch, hub_admin_url, memory_keyring):
    found = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    association(hub_admin_url, UA)
    for name, member_of in (("kharkiv", UA), ("plunge", LT)):
        assert found.run(name, "add", "organizations", "--set", f"name=Office {name}"
                         ).returncode == 0
        added = found.run(name, "hub", "add-device", "--url", hub_admin_url,
                          "--association", member_of)
        assert added.returncode == 0, added.stderr
    found.server = "postgresql://" + hub_admin_url.rpartition("@")[2]
    return found


def _sync(office: Office, laptop: str, action: str) -> dict:
    done = office.run(laptop, "sync", action, "--server", office.server, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _names(office: Office, laptop: str) -> set[str]:
    listed = office.run(laptop, "list", "organizations", "--json")
    return {item["name"] for item in json.loads(listed.stdout)}


@pytest.fixture(autouse=True)
def _second_association(hub_admin_url):
    association(hub_admin_url, LT)


def test_a_change_pushed_on_one_laptop_is_pulled_on_another(office):
    pushed = _sync(office, "kharkiv", "push")
    assert pushed["pushed"] >= 1 and pushed["pulled"] == 0
    pulled = _sync(office, "plunge", "pull")
    assert pulled["pushed"] == 0 and pulled["new"] == pushed["pushed"]
    assert pulled["records"] >= 1 and len(pulled["change_sets"]) == 1
    assert pulled["backup"] is not None  # taken before the merge, as for a bundle
    assert _names(office, "plunge") == {"Office kharkiv", "Office plunge"}
    assert _names(office, "kharkiv") == {"Office kharkiv"}  # plunge has not pushed


def test_sync_now_pushes_and_pulls_and_a_second_one_moves_nothing(office):
    _sync(office, "kharkiv", "now")
    both = _sync(office, "plunge", "now")
    assert both["pushed"] >= 1 and both["new"] >= 1
    _sync(office, "kharkiv", "now")
    assert _names(office, "kharkiv") == _names(office, "plunge") == {
        "Office kharkiv", "Office plunge"}
    again = _sync(office, "kharkiv", "now")
    assert (again["pushed"], again["pulled"], again["new"]) == (0, 0, 0)
    assert again["backup"] is None  # nothing came, so nothing to back up


def test_a_pull_is_one_undoable_step(office):
    _sync(office, "kharkiv", "push")
    _sync(office, "plunge", "pull")
    undone = office.run("plunge", "undo")
    assert undone.returncode == 0, undone.stderr
    assert _names(office, "plunge") == {"Office plunge"}


def test_the_text_output_says_what_moved_and_never_the_password(office, memory_keyring):
    done = office.run("kharkiv", "sync", "now", "--server", office.server)
    assert done.returncode == 0, done.stderr
    assert "Sent" in done.stdout and "Read 0 new changes" in done.stdout
    for secret in memory_keyring.entries.values():
        assert secret not in done.stdout + done.stderr


def test_an_unregistered_laptop_or_a_server_down_is_said_plainly(office, pg_cluster, tmp_path):
    office.names.append("sumy")
    (tmp_path / "sumy").mkdir()
    office.run("sumy", "add", "organizations", "--set", "name=Office sumy")
    unregistered = office.run("sumy", "sync", "now", "--server", office.server)
    assert unregistered.returncode == 1 and "not registered" in unregistered.stderr
    pg_cluster.stop()
    try:
        nowhere = office.run("kharkiv", "sync", "push", "--server", office.server)
    finally:
        pg_cluster.start()
    assert nowhere.returncode == 1 and "cannot be reached" in nowhere.stderr
    assert "Traceback" not in unregistered.stderr + nowhere.stderr

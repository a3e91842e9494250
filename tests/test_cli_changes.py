"""`add`, `edit`, `delete`, `undo` and `history`: any kind of record from a script,
through the same validation and journal as the app."""

from __future__ import annotations

import json
import sqlite3

import pytest

from coordinator_app import cli


def call(capsys, db, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def call_json(capsys, db, *args: str):
    code, out, err = call(capsys, db, *args, "--json")
    assert code == 0 and err == "", err
    return json.loads(out)


def journal_lines(db) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("select count(*) from changes").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "scripted.sqlite3"
    call_json(capsys, path, "add", "organizations", "--set", "name=Plungės rajono savivaldybė",
              "--set", "country=lt")
    return path


def test_add_prints_the_new_record_and_list_shows_it(db, capsys):
    added = call_json(capsys, db, "add", "agreements", "--set", "title=Memorandum",
                      "--set", "kind=memorandum", "--set", "signed_on=2026-02-11")
    assert added["kind"] == "agreement" and added["signed_on"] == "2026-02-11"
    listed = call_json(capsys, db, "list", "agreements")
    assert [row["id"] for row in listed] == [added["id"]]
    # Normalised as in the app: country codes upper case.
    assert call_json(capsys, db, "list", "organizations")[0]["country"] == "LT"


def test_a_relation_is_set_by_the_records_name(db, capsys):
    memo = call_json(capsys, db, "add", "agreements", "--set", "title=Memorandum")
    party = call_json(capsys, db, "add", "agreement_party", "--set", "agreement=Memorandum",
                      "--set", "organization=plunge")
    organizations = call_json(capsys, db, "list", "organizations")
    assert party["agreement_id"] == memo["id"]
    assert party["organization_id"] == organizations[0]["id"]


def test_a_refused_value_says_what_and_where_and_writes_nothing(db, capsys):
    before = journal_lines(db)
    code, out, err = call(capsys, db, "add", "agreements", "--set", "title=Memorandum",
                          "--set", "signed_on=11.02.2026")
    assert code == 1 and out == ""
    assert "agreement.signed_on" in err and "11.02.2026" in err and "Traceback" not in err
    code, _out, err = call(capsys, db, "edit", "organizations", "Plunge", "--set", "name=")
    assert code == 1 and "organization.name" in err
    code, _out, err = call(capsys, db, "add", "agreement_party", "--set",
                           "organization=Nowhere at all")
    assert code == 1 and "organization" in err
    assert journal_lines(db) == before


def test_edit_then_history_shows_each_change_with_old_and_new(db, capsys):
    edited = call_json(capsys, db, "edit", "organizations", "Plunge", "--set", "region=Telšiai")
    assert edited["region"] == "Telšiai"
    lines = call_json(capsys, db, "history", "organizations", "Plunge")
    assert [line["action"] for line in lines] == ["create", "update"]
    assert (lines[1]["field"], lines[1]["old"], lines[1]["new"]) == ("region", None, "Telšiai")


def test_delete_then_undo_brings_the_record_back_and_undo_again_redoes(db, capsys):
    assert call(capsys, db, "delete", "organizations", "Plunge")[0] == 0
    assert call_json(capsys, db, "list", "organizations") == []
    undone = call_json(capsys, db, "undo")
    assert undone["undone"] != undone["change_set"]
    assert len(call_json(capsys, db, "list", "organizations")) == 1
    call_json(capsys, db, "undo")
    assert call_json(capsys, db, "list", "organizations") == []


def test_a_link_is_named_by_what_it_links_to_never_by_an_id(db, capsys):
    need = call_json(capsys, db, "add", "needs", "--set", "item=Generators",
                     "--set", "organization=plunge", "--set", "quantity=10")
    pledge = call_json(capsys, db, "add", "pledge", "--set", f"need={need['id']}",
                       "--set", "organization=plunge", "--set", "quantity=4")
    code, out, _err = call(capsys, db, "delete", "pledge", pledge["id"])
    assert code == 0
    assert "Plungės rajono savivaldybė" in out and pledge["organization_id"] not in out


def test_writing_commands_wait_for_the_app_to_close_the_database(db, capsys):
    from coordinator_app.core.store.lock import DatabaseLock

    before = journal_lines(db)
    app_lock = DatabaseLock(db).acquire()
    try:
        for args in (["add", "organizations", "--set", "name=Vilnius"],
                     ["edit", "organizations", "Plunge", "--set", "region=Telšiai"],
                     ["delete", "organizations", "Plunge"], ["undo"]):
            code, _out, err = call(capsys, db, *args)
            assert code == 1 and "already open" in err, args
    finally:
        app_lock.release()
    assert journal_lines(db) == before


def test_an_unknown_kind_names_the_kinds_there_are(db, capsys):
    code, _out, err = call(capsys, db, "add", "recipes", "--set", "name=x")
    assert code == 1 and "organizations" in err and "agreements" in err

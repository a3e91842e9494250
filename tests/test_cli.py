"""The `coordinator` command: what scripts rely on (DESIGN.md, "Command line")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coordinator_app import cli
from coordinator_app.core.sample import demo
from coordinator_app.core.errors import NotFound
from coordinator_app.core.records.registry import TOP_LEVEL

COORDINATOR = Path(sys.executable).with_name("coordinator")


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The installed console script, as a person or a script would call it."""
    return subprocess.run([str(COORDINATOR), *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env=env or os.environ.copy())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    assert cli.main(["--db", str(path), "demo"]) == 0
    return path


def main_json(capsys, *args: str):
    assert cli.main(list(args)) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return json.loads(captured.out)


# --- through the installed command ------------------------------------------------------

def test_installed_command_loads_the_demo_and_lists_people_as_json(tmp_path):
    db = tmp_path / "demo.sqlite3"
    loaded = run("--db", str(db), "demo")
    assert loaded.returncode == 0, loaded.stderr
    assert "Demo data loaded" in loaded.stdout and "14 people" in loaded.stdout

    listed = run("--db", str(db), "list", "people", "--json")
    assert listed.returncode == 0 and listed.stderr == ""
    people = json.loads(listed.stdout)
    assert all({"id", "kind", "name"} <= set(p) and p["kind"] == "person" for p in people)
    assert {"Ігор Терехов", "Audrius Klišonis"} <= {p["name"] for p in people}


def test_installed_command_reports_errors_on_stderr_without_traceback(tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert run("--db", str(db), "demo").returncode == 0
    again = run("--db", str(db), "demo")
    assert again.returncode == 1
    assert again.stdout == ""
    assert again.stderr.startswith("coordinator: error:") and "already loaded" in again.stderr
    assert "Traceback" not in again.stderr

    missing = run("show", "people", "Nobody Known", "--db", str(db))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "no person “Nobody Known”" in missing.stderr


def test_installed_command_defaults_to_the_user_data_folder(tmp_path):
    env = os.environ.copy()
    env["COORDINATOR_HOME"] = str(tmp_path / "home")
    assert run("demo", env=env).returncode == 0
    assert (tmp_path / "home" / "coordinator.sqlite3").is_file()
    shown = run("show", "organizations", "Plungė", "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    # The official name is the original; the record keeps it in the other languages too.
    assert json.loads(shown.stdout)["name"]["lt"] == demo.PLUNGE
    assert json.loads(shown.stdout)["name"]["original"] == "lt"


def test_debug_shows_the_traceback(tmp_path):
    db = tmp_path / "missing.sqlite3"
    plain = run("--db", str(db), "list", "people")
    debug = run("--db", str(db), "--debug", "list", "people")
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert debug.returncode != 0 and "Traceback" in debug.stderr


# --- through cli.main ---------------------------------------------------------------------

@pytest.mark.parametrize("kind", [spec.plural for spec in TOP_LEVEL])
def test_every_kind_lists_as_json_with_id_kind_and_a_name(demo_db, capsys, kind):
    rows = main_json(capsys, "--db", str(demo_db), "list", kind, "--json")
    assert rows, f"the demo has no {kind}"
    expected_kind = next(spec.name for spec in TOP_LEVEL if spec.plural == kind)
    for row in rows:
        assert row["kind"] == expected_kind and len(row["id"]) == 36
        assert row.get("name") or row.get("title")
        assert "sort_key" not in row and "content" not in row


def test_organisation_kind_does_not_hide_the_record_kind(demo_db, capsys):
    org = main_json(capsys, "--db", str(demo_db), "show", "organizations", demo.KHARKIV,
                    "--json")
    assert org["kind"] == "organization" and org["type"] == "municipality"
    assert org["parent"] == demo.UA_ASSOCIATION


def test_list_text_is_one_record_a_line(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "list", "agreements"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 8
    assert any(line.endswith(demo.MEMORANDUM_TITLE) for line in lines)


@pytest.mark.parametrize("ref", [demo.TEREKHOV, "ігор терехов", "Ihor Terekhov", "Terekhov"])
def test_show_finds_a_person_by_native_or_latin_name(demo_db, capsys, ref):
    person = main_json(capsys, "--db", str(demo_db), "show", "people", ref, "--json")
    assert person["name"] == demo.TEREKHOV
    assert {a["organization"] for a in person["affiliations"]} == {demo.KHARKIV,
                                                                   demo.UA_ASSOCIATION}


def test_show_by_id_prefix_and_by_full_id(demo_db, capsys):
    memo = main_json(capsys, "--db", str(demo_db), "show", "agreements",
                     demo.MEMORANDUM_TITLE, "--json")
    for ref in (memo["id"], memo["id"][:8]):
        again = main_json(capsys, "--db", str(demo_db), "show", "agreements", ref, "--json")
        assert again["id"] == memo["id"]
    assert memo["signed_on"] == "2026-02-11"
    assert {s["person"] for s in memo["signatories"]} == {demo.TEREKHOV, demo.KLISONIS}
    assert len(memo["commitments"]) == 6 and memo["attachments"]


def test_show_text_lists_related_records_indented(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "show", "projects",
                     "Generators for Kharkiv during the energy attacks"]) == 0
    out = capsys.readouterr().out
    # A related record's translatable text in each of its languages, the original first.
    assert ("deliveries:\n  - item: Diesel generators 30 kW (en) · Дизельні генератори 30 кВт "
            "(uk) · Dyzeliniai generatoriai 30 kW (lt), quantity: 40") in out
    assert "budget_minor: 18600000\nbudget: EUR\u00a0186,000.00\n" in out and "currency: EUR" in out


def test_an_ambiguous_name_lists_the_candidates(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "show", "agreements", "Memorandum"]) == 1
    err = capsys.readouterr().err
    assert "more than one agreement" in err and "Chernihiv – Alytus" in err


def test_search_json_has_id_kind_and_title(demo_db, capsys):
    hits = main_json(capsys, "--db", str(demo_db), "search", "Terekhov", "--json")
    assert hits and all({"id", "kind", "title"} <= set(h) for h in hits)
    assert ("person", demo.TEREKHOV) in {(h["kind"], h["title"]) for h in hits}


def test_search_limit(demo_db, capsys):
    hits = main_json(capsys, "--db", str(demo_db), "search", "Kharkiv", "--json",
                     "--limit", "2")
    assert len(hits) == 2
    assert cli.main(["--db", str(demo_db), "search", "Kharkiv", "--limit", "0"]) == 1
    assert "--limit" in capsys.readouterr().err


def test_reading_a_missing_database_creates_nothing(tmp_path, capsys):
    db = tmp_path / "typo.sqlite3"
    for command in (["list", "people"], ["show", "people", "x"], ["search", "x"]):
        assert cli.main(["--db", str(db), *command]) == 1
        assert "There is no database" in capsys.readouterr().err
    assert not db.exists()


def test_unknown_kind_is_refused_with_the_choices(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "list", "spaceships"]) == 1
    assert "organizations, people, agreements, projects, activities" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_refused(tmp_path, capsys):
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("shopping list", encoding="utf-8")
    assert cli.main(["--db", str(junk), "list", "people"]) == 1
    assert "not a Coordinator database" in capsys.readouterr().err
    assert junk.read_text(encoding="utf-8") == "shopping list"


def test_debug_raises_instead_of_printing(demo_db):
    with pytest.raises(NotFound):
        cli.main(["--db", str(demo_db), "--debug", "show", "people", "Nobody Known"])


def test_db_and_debug_may_follow_the_command(demo_db, capsys):
    rows = main_json(capsys, "list", "projects", "--json", "--db", str(demo_db))
    assert len(rows) == 8
    with pytest.raises(NotFound):
        cli.main(["show", "people", "Nobody Known", "--db", str(demo_db), "--debug"])


def test_check_passes_a_sound_database(demo_db, capsys):
    assert cli.main(["--db", str(demo_db), "check"]) == 0
    assert "sound" in capsys.readouterr().out


def test_check_fails_a_damaged_database(tmp_path, capsys):
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert cli.main(["--db", str(damaged), "check"]) != 0
    assert capsys.readouterr().err
    assert cli.main(["--db", str(tmp_path / "absent.sqlite3"), "check"]) != 0


def test_a_bad_command_line_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["list"])
    assert exited.value.code == 2
    assert "KIND" in capsys.readouterr().err


def test_check_finds_a_damaged_attachment(tmp_path, capsys):
    db = tmp_path / "demo.sqlite3"
    assert cli.main(["--db", str(db), "demo"]) == 0
    import sqlite3

    raw = sqlite3.connect(db)
    with raw:
        raw.execute("update attachments set content = ?", (b"overwritten",))
    raw.close()
    capsys.readouterr()
    assert cli.main(["--db", str(db), "check"]) == 1
    assert "briefing-note-2026-02-11.txt" in capsys.readouterr().err


@pytest.mark.parametrize("argv, lang", [
    (["--lang", "uk", "list", "people"], "uk"),
    (["--db", "demo", "--lang=lt", "demo"], "lt"),
    (["report", "memorandum", "X", "--lang", "lt"], "en"),  # the PDF's language, not ours
    (["list", "people"], "en"),
])
def test_interface_language_comes_from_lang_before_the_command(argv, lang):
    assert cli._language_from(argv) == lang


def test_demo_is_refused_while_the_app_has_the_database_open(tmp_path, capsys):
    from coordinator_app.core.store.lock import DatabaseLock

    db = tmp_path / "open-in-app.sqlite3"
    app_lock = DatabaseLock(db).acquire()
    try:
        assert cli.main(["--db", str(db), "demo"]) == 1
        assert "already open in another Coordinator window" in capsys.readouterr().err
    finally:
        app_lock.release()
    assert cli.main(["--db", str(db), "demo"]) == 0


@pytest.mark.parametrize("kind", ["person", "persons", "people"])
def test_kinds_may_be_singular_or_plural(demo_db, capsys, kind):
    person = main_json(capsys, "--db", str(demo_db), "show", kind, "Klisonis", "--json")
    assert person["name"] == demo.KLISONIS


ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_describes_commands_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run     # creates .venv, installs, opens the app" in readme
    assert "make test    # the same set-up, then the whole test suite, headless" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    lines = readme.splitlines()
    named = {line.split()[3] for line in lines
             if line.startswith("coordinator [--db FILE] ") and not line[24:].startswith("[")}
    named |= {word.strip("`,;") for line in lines if line.startswith("The app also has")
              for word in line.split() if word.startswith("`")}
    assert named and named <= set(commands), named - set(commands)


def test_demo_summary_counts_in_each_languages_plural_forms():
    from coordinator_app import i18n
    from coordinator_app.commands.data import demo_summary

    counts = {"organization": 17, "person": 14, "agreement": 2, "activity": 1}
    i18n.set_language("uk")
    assert demo_summary(counts).startswith("17 організацій, 14 осіб, 2 угоди")
    i18n.set_language("lt")
    assert demo_summary(counts).endswith("1 veikla")
    i18n.set_language("en")
    assert "1 activity" in demo_summary(counts)

"""Odd input on the command line gets a clear answer or just works, never an
"unexpected error"; and an unexpected error never shows what is in the records."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coordinator_app.core.sample import demo

COORDINATOR = Path(sys.executable).with_name("coordinator")


@pytest.mark.parametrize("text", ["\udcff", "Тер\ud800ехов"], ids=["byte ff", "lone surrogate"])
def test_text_that_is_not_unicode_is_refused_clearly(demo_file, cli, text):
    for command in (("show", "people", text), ("search", text),
                    ("report", "briefing", "--organization", text, "-o", "x.pdf")):
        done = cli(*command, db=demo_file)
        assert done.returncode == 1, command
        assert "not UTF-8" in done.stderr and "unexpected" not in done.stderr
    assert "ID-OR-NAME" in cli("show", "people", text, db=demo_file).stderr
    assert "--organization" in cli("report", "briefing", "--organization", text, "-o", "x.pdf",
                                   db=demo_file).stderr


def test_bytes_that_are_not_utf8_from_the_shell_are_refused_clearly(demo_file):
    done = subprocess.run([os.fsencode(str(COORDINATOR)), b"--db", os.fsencode(demo_file),
                           b"show", b"people", b"Ter\xffekhov"], capture_output=True,
                          timeout=120)
    assert done.returncode == 1
    assert b"not UTF-8" in done.stderr and b"Traceback" not in done.stderr


def test_half_a_character_in_the_database_path_is_refused_clearly(cli):
    done = cli("list", "people", db="/tmp/\ud800.sqlite3")
    assert done.returncode == 1
    assert "--db" in done.stderr and "unexpected" not in done.stderr


def test_a_huge_search_limit_means_every_result(demo_file, cli):
    done = cli("search", "Kharkiv", "--limit", "99999999999999999999", db=demo_file)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == len(
        cli("search", "Kharkiv", "--limit", "1000", db=demo_file).stdout.splitlines())


@pytest.mark.parametrize("wildcards", ["%%%%%%%%", "________", "%" * 36])
def test_like_wildcards_in_a_reference_match_no_id(demo_file, cli, wildcards):
    done = cli("show", "people", wildcards, db=demo_file)
    assert done.returncode == 1
    assert f"no person “{wildcards}”" in done.stderr


def test_an_id_prefix_still_finds_its_record(demo_file, cli):
    listed = cli("list", "people", db=demo_file).stdout.splitlines()
    prefix = next(line.split()[0] for line in listed if demo.KLISONIS in line)
    shown = cli("show", "people", prefix, db=demo_file)
    assert shown.returncode == 0 and demo.KLISONIS in shown.stdout


def test_a_very_long_reference_is_not_found_in_a_short_message(demo_file, cli):
    pasted = "Терехов" * 9000  # over SQLite's limit for a LIKE pattern
    done = cli("show", "people", pasted, db=demo_file)
    assert done.returncode == 1
    assert "no person" in done.stderr and "unexpected" not in done.stderr
    assert len(done.stderr) < 300


def test_an_unexpected_error_shows_no_personal_data(demo_file, tmp_path):
    # A table renamed by another tool: an error nobody foresaw, in a query whose
    # parameter is the name that was typed.
    raw = sqlite3.connect(demo_file)
    with raw:
        raw.execute("ALTER TABLE people RENAME TO people_elsewhere")
    raw.close()
    env = {**os.environ, "COORDINATOR_HOME": str(tmp_path / "home")}

    done = subprocess.run([str(COORDINATOR), "--db", str(demo_file), "show", "people",
                           demo.TEREKHOV], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=120)

    assert done.returncode == 2
    assert "unexpected error (OperationalError)" in done.stderr
    assert demo.TEREKHOV not in done.stderr and "SELECT" not in done.stderr
    assert "Traceback" not in done.stderr and "--debug" in done.stderr
    log = tmp_path / "home" / "logs" / "coordinator.log"
    assert str(log) in done.stderr
    logged = log.read_text(encoding="utf-8")
    assert "OperationalError" in logged and "no such table: people" in logged
    assert demo.TEREKHOV not in logged

    debug = subprocess.run([str(COORDINATOR), "--db", str(demo_file), "--debug", "show",
                            "people", demo.TEREKHOV], capture_output=True, text=True,
                           encoding="utf-8", env=env, timeout=120)
    assert "Traceback" in debug.stderr and "no such table: people" in debug.stderr

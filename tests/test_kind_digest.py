"""The registry's digest, which the first window reads without SQLAlchemy, says what
the registry says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from coordinator_app.core.records import digest, kind_digest, list_digest, registry
from coordinator_app.core.records.models import Commitment
from coordinator_app.core.records.tombstones import live_sql

ROOT = Path(__file__).resolve().parent.parent


def test_the_stored_digest_is_the_one_the_registry_gives_now():
    stored = Path(kind_digest.__file__).read_text(encoding="utf-8")
    assert stored == digest.render(), "run scripts/update_kind_digest.py"
    assert kind_digest.KINDS == digest.build()
    stored = Path(list_digest.__file__).read_text(encoding="utf-8")
    assert stored == digest.render_lists(), "run scripts/update_kind_digest.py"
    assert list(list_digest.LISTS) == [spec.name for spec in registry.TOP_LEVEL]


def test_the_lists_digest_holds_each_columns_sql_as_the_registry_declares_it():
    from coordinator_app.core.records.models import Person

    people = list_digest.LISTS["person"]
    keys = [column["key"] for column in people["columns"]]
    assert keys == [column.key for column in registry.spec("person").columns]
    name = keys.index("full_name")
    assert people["reads"]["uk"][name] == ["people.full_name"]
    # Sorted by its stored collation key, never NULL: paged by a row-value comparison.
    assert people["order"]["uk"][name] == ["people.sort_key", False]
    assert ":today" in people["reads"]["en"][keys.index("position")][0]
    assert people["order"]["en"][keys.index("position")] is None  # not sortable
    assert Person.__tablename__ == kind_digest.KINDS["person"]["table"]


def test_the_digest_names_every_kind_and_the_pages_in_the_registrys_order():
    assert list(kind_digest.KINDS) == [spec.name for spec in registry.KINDS]
    assert [name for name, spec in kind_digest.KINDS.items() if spec["top_level"]] == \
        [spec.name for spec in registry.TOP_LEVEL]
    commitment = kind_digest.KINDS["commitment"]
    assert commitment["live"].format(a="c") == live_sql(Commitment, "c")
    assert commitment["owned_by"] == [["agreement", "agreement_id"]]
    assert kind_digest.KINDS["attachment"]["owner_columns"] == ["owner_kind", "owner_id"]


def test_the_digest_modules_the_dashboards_queries_and_the_lists_load_no_database_code():
    done = subprocess.run(
        [sys.executable, "-c", "import sys\n"
         "from coordinator_app.core.views import dashboard\n"
         "from coordinator_app.ui import pages\n"
         "lists = 'coordinator_app.core.records.list_digest' in sys.modules\n"
         "from coordinator_app.core.views import listing\n"
         "print(pages.pages(), lists, 'sqlalchemy' in sys.modules)"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # The first window reads no list's columns: they are loaded with the lists.
    assert done.stdout.split()[-2:] == ["False", "False"]
    assert "'person'" in done.stdout


def test_the_update_script_says_when_the_digest_is_stale():
    done = subprocess.run([sys.executable, "scripts/update_kind_digest.py", "--check"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout

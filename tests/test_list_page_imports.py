"""What opening a list costs in libraries: the people list, its first record in the
editor beside it, loads only what that screen uses; search's scoring and near
spellings (rapidfuzz) wait for the first search, which still finds across alphabets.

The memory itself is measured by benchmarks/run.py (peak with the people list open);
this checks what keeps it down, in a fresh interpreter.
"""

from __future__ import annotations

import textwrap

from support.processes import WHEN_READY, run_python


def test_the_people_list_with_its_first_record_loads_no_near_match_library(
        demo_file, tmp_path):
    loaded = run_python(WHEN_READY + textwrap.dedent("""
        import os, sys
        os.environ["XDG_CONFIG_HOME"] = sys.argv[2]
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from coordinator_app.ui.app import run_app

        NEAR = ("rapidfuzz", "coordinator_app.core.search.fuzzy",
                "coordinator_app.core.search.ranking")

        def look(window):
            window.show_page("person")
            page = window.current_list_page()
            print(page.model.rowCount() > 0, page.editor.current_id() is not None)
            print(sorted(m for m in NEAR if m in sys.modules))
            from coordinator_app.core.search.query import search
            with window.context.workspace.read() as session:
                print([hit.title for hit in search(session, "Terekhov", kinds=["person"])][:1])
            print(sorted(m for m in NEAR if m in sys.modules))
            window.show_page("dashboard")
            window.close()

        QTimer.singleShot(0, lambda: when_ready(look))
        run_app(sys.argv[1], "en")
    """), str(demo_file), str(tmp_path / "config"))
    shown, before, found, after = loaded.splitlines()[-4:]
    assert shown == "True True"
    assert before == "[]"
    assert found == "['Ігор Терехов']"
    assert after == "['coordinator_app.core.search.fuzzy', 'coordinator_app.core.search.ranking', " \
        "'rapidfuzz']"

"""The window made ready without the database code: once the app is open on a file
with data, its pages, menus, status bar (other laptops, conflicts), backups and the
welcome check load neither SQLAlchemy nor the models; they come with the first
thing that needs them (the people list with its editor, an edit). Plain and, with
--encrypted, on a SQLCipher file.

The memory this keeps down is measured by benchmarks/run.py (peak once the database
is open); this checks the modules, in a fresh interpreter.
"""

from __future__ import annotations

import json
import textwrap

from support.encryption import PASSPHRASE
from support.processes import WHEN_READY, run_python

#: Starts the app on the file given (its key unlocked first when it is encrypted),
#: opens the people list once the window is ready, notes what it shows and which
#: database modules are loaded, then opens the first record and notes them again.
OPEN_THE_LIST = """
    import json, os, sys
    os.environ["XDG_CONFIG_HOME"] = sys.argv[2]
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from coordinator_app.core.store.connect import is_encrypted
    from coordinator_app.ui.app import run_app

    path = Path(sys.argv[1])
    if is_encrypted(path):
        from coordinator_app.core.crypto import keyring
        keyring.unlock_file(path, sys.argv[3])

    DATABASE_CODE = ("sqlalchemy", "coordinator_app.core.records.models",
                     "coordinator_app.core.records.service")
    seen = {}

    def loaded():
        return [m for m in DATABASE_CODE if m in sys.modules]

    def look(window):
        seen["ready"] = loaded()
        window.show_page("person")
        QTimer.singleShot(0, lambda: listed(window))

    def listed(window):
        page = window.current_list_page()
        seen["list"] = loaded()
        seen["rows"] = page.model.rowCount()
        seen["shown"] = page.editor.current_id()
        seen["first"] = page.model.id_at(0)
        seen["why"] = sorted(m for m in sys.modules if m.startswith("coordinator_app"))
        # Editing it needs the database code: it comes then.
        seen["title"] = window.context.workspace.get("person", seen["first"]).full_name
        seen["after"] = loaded()
        window.show_page("dashboard")
        window.close()

    QTimer.singleShot(0, lambda: when_ready(look))
    status = run_app(path, "en")
    print(json.dumps(seen))
    sys.exit(status)
"""


def test_the_window_is_made_ready_without_the_database_code(demo_file, tmp_path):
    seen = json.loads(run_python(WHEN_READY + textwrap.dedent(OPEN_THE_LIST), str(demo_file), str(tmp_path / "config"),
                                 PASSPHRASE).splitlines()[-1])
    modules = "\n".join(seen["why"])
    assert seen["ready"] == [], f"loaded once the window is ready: {seen['ready']}\n{modules}"
    # The list and the record beside it are there, as before.
    assert seen["rows"] > 0 and seen["shown"] == seen["first"] is not None
    assert seen["title"]
    assert "sqlalchemy" in seen["after"]

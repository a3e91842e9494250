"""The app's log file: what is logged before the desktop app sets it up (once its
first page is painted) is kept, and written to the file first."""

from __future__ import annotations

import sys


def _text(logs) -> str:
    for handler in logs.log.handlers:
        handler.flush()
    return logs.log_file().read_text("utf-8")


def test_what_is_logged_before_the_file_is_set_up_is_written_to_it_first(app_log):
    app_log.hold_early()
    app_log.log.warning("demo.sqlite3: the previous session did not end cleanly")
    assert not app_log.log_file().exists()  # held, not yet written

    app_log.setup_logging()
    app_log.log.info("opened demo.sqlite3")

    lines = _text(app_log).splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "demo.sqlite3: the previous session did not end cleanly", "opened demo.sqlite3"]
    assert "WARNING" in lines[0] and "INFO" in lines[1]
    app_log.hold_early()  # too late: nothing is held any more
    app_log.log.info("backup made")
    assert _text(app_log).splitlines()[-1].endswith("backup made")


def test_an_uncaught_exception_is_written_at_once_while_the_log_is_held(app_log):
    app_log.hold_early()
    app_log.log.warning("the previous session did not end cleanly")
    try:
        raise ValueError("the dashboard could not be read")
    except ValueError:
        app_log.log_exception(*sys.exc_info())
    text = _text(app_log)
    assert text.index("did not end cleanly") < text.index(
        "ValueError: the dashboard could not be read")

"""Start a window and say when it is on screen: `startup_probe.py app DB` runs the
Coordinator desktop app on DB (as `coordinator --db DB` does), `startup_probe.py
bare` a bare PySide6 window (the floor). Prints "shown <peak RSS in KiB> <processor ms>" once the
first main window has been shown and the event loop has turned once. The app
shows its window before it opens the database, so for it the probe then waits for
the window to have its data (the database checked, the first page filled:
MainWindow.shows_data), prints "data <peak RSS in KiB>" once the event loop has
turned again, then "rows <N>", the rows its lists and trees show. The app may paint its
first page before it loads the database code, so the probe goes on: once the
database is open (MainWindow.ready) it prints "ready <peak RSS in KiB>" (what the
database code adds), opens the people list and prints "list <peak RSS in KiB>" when
that list is shown, and quits.
`startup_probe.py rows DB N` is the floor of that: a bare window that opens DB with
plain sqlite3 and shows N rows of its people in a tree, then prints "data <peak
RSS>". benchmarks/run.py times these from outside, from process start to each line."""

from __future__ import annotations

import sys
import time


def peak_rss_kib() -> int:
    """This process's peak resident memory. (getrusage's ru_maxrss would report the
    parent's size at fork for a child whose own peak is smaller.)"""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    def say(what: str, then_quit: bool) -> None:
        # With the processor time the process has used so far, which a busy machine
        # does not stretch as it does the wall time.
        print(f"{what} {peak_rss_kib()} {time.process_time() * 1000:.0f}", flush=True)
        if what == "data" and sys.argv[1] == "app":
            # Counted after "data" is said: walking every widget of the window from
            # Python (some 5 ms) is the probe's work, which the floor does not do.
            print(f"rows {shown_rows(app)}", flush=True)
        if then_quit:
            app.quit()

    def open_list(window) -> None:
        say("ready", False)
        window.show_page("person")
        QTimer.singleShot(0, lambda: (say("list", False), leave(window)))

    def leave(window) -> None:
        # Back to the dashboard before quitting: the app starts on the page last shown,
        # and every start of a run is to show the dashboard.
        window.show_page("dashboard")
        app.quit()

    def look() -> None:
        # Polled at every turn of the event loop rather than seen through an
        # application-wide event filter: passing each event of the app's start
        # through Python cost it some 20 ms that a real start does not pay.
        window = next((w for w in app.topLevelWidgets()
                       if isinstance(w, QMainWindow) and w.isVisible()), None)
        if window is None:
            return
        poll.stop()
        ready = getattr(window, "ready", None)  # the app's window; None for the bare one
        floor_with_rows = sys.argv[1] == "rows"  # filled before it was shown
        say("shown", ready is None and not floor_with_rows)
        if floor_with_rows:
            say("data", True)
        if ready is None:
            return
        # A window that shows no data before it is ready has no shows_data (older code).
        shows_data = getattr(window, "shows_data", ready)
        if getattr(window, "showing_data", window.context is not None):
            say("data", False)  # it had its data before it was shown
        else:
            shows_data.connect(lambda: QTimer.singleShot(0, lambda: say("data", False)))
        if window.context is not None:
            open_list(window)
        else:
            window.ready.connect(lambda: QTimer.singleShot(0, lambda: open_list(window)))

    poll = QTimer()
    poll.setInterval(0)
    poll.timeout.connect(look)
    poll.start()
    if sys.argv[1] == "bare":
        window = QMainWindow()
        window.setWindowTitle("Coordinator")
        window.resize(1200, 800)
        window.show()
        return app.exec()
    if sys.argv[1] == "rows":
        return bare_rows(app, sys.argv[2], int(sys.argv[3]))
    # Through the `coordinator` command, as a person starts it.
    from coordinator_app.cli import main as coordinator

    return coordinator(["--db", sys.argv[2], "--lang", "en"])


def shown_rows(app) -> int:
    """The rows of the visible trees and tables of the app's windows."""
    from PySide6.QtWidgets import QAbstractItemView, QTreeWidget

    rows = 0
    for window in app.topLevelWidgets():
        for view in window.findChildren(QAbstractItemView):
            if not view.isVisible() or view.model() is None:
                continue
            rows += (view.topLevelItemCount() if isinstance(view, QTreeWidget)
                     else view.model().rowCount())
    return rows


def bare_rows(app, path: str, rows: int) -> int:
    """The floor of a first window with data: plain sqlite3 and a tree of `rows` rows."""
    import sqlite3

    from PySide6.QtWidgets import QMainWindow, QTreeWidget, QTreeWidgetItem

    connection = sqlite3.connect(path)
    found = connection.execute(
        "SELECT full_name, coalesce(latin_name, ''), updated_at FROM people "
        "WHERE deleted_at IS NULL ORDER BY sort_key LIMIT ?", (rows,)).fetchall()
    window = QMainWindow()
    window.setWindowTitle("Coordinator")
    window.resize(1200, 800)
    tree = QTreeWidget()
    tree.setHeaderLabels(["Name", "Latin", "Updated"])
    tree.addTopLevelItems([QTreeWidgetItem([str(value) for value in row]) for row in found])
    window.setCentralWidget(tree)
    window.show()
    connection.close()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())

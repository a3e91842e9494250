"""Start a window and say when it is on screen: `startup_probe.py app DB` runs the
Coordinator desktop app on DB, `startup_probe.py bare` a bare PySide6 window (the
floor). Prints "shown <peak RSS in KiB>" once the first main window has been
shown and the event loop has turned once, then quits. benchmarks/run.py times
these from outside, from process start to that line."""

from __future__ import annotations

import sys


def peak_rss_kib() -> int:
    """This process's peak resident memory. (getrusage's ru_maxrss would report the
    parent's size at fork for a child whose own peak is smaller.)"""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    state = {"done": False}

    def finish() -> None:
        print(f"shown {peak_rss_kib()}", flush=True)
        app.quit()

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if (event.type() == QEvent.Type.Show and isinstance(obj, QMainWindow)
                    and not state["done"]):
                state["done"] = True
                QTimer.singleShot(0, finish)
            return False

    watch = Watch()
    app.installEventFilter(watch)
    if sys.argv[1] == "bare":
        window = QMainWindow()
        window.setWindowTitle("Coordinator")
        window.resize(1200, 800)
        window.show()
        return app.exec()
    from coordinator_app.ui.app import run_app

    return run_app(db_path=sys.argv[2], lang="en")


if __name__ == "__main__":
    raise SystemExit(main())

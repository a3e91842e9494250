"""Answering the questions a window asks, as a person would, without leaving a test
waiting on a dialog nobody closes."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


def _on_next_modal(callback, seen: list) -> None:
    """Call `callback(dialog)` once the next modal dialog is open. Should it fail, the
    dialog is closed and the failure added to `seen` as text, for the test to find."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        try:
            callback(dialog)
        except Exception as exc:  # noqa: BLE001 - reported to the test, not lost in Qt
            seen.append(f"failed: {exc!r}")
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, look)


def when_a_dialog_opens(check) -> list:
    """Run `check(dialog)` on the next modal dialog; returns a list that then holds
    the dialog (and a failure of `check` as text)."""
    seen: list = []

    def run(dialog) -> None:
        seen.append(dialog)
        check(dialog)

    _on_next_modal(run, seen)
    return seen


def answer(button_text: str) -> list[str]:
    """Click the button reading `button_text` in the next message box; returns a list
    that then holds the text the box showed (and a failure as text)."""
    seen: list[str] = []

    def click(box) -> None:
        if not isinstance(box, QMessageBox):
            raise AssertionError(f"not a message box: {box!r}")
        seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text!r}")

    _on_next_modal(click, seen)
    return seen

"""Encryption in the desktop app: the passphrase before anything else, protecting a
database from the File menu, the lock screen, private temporary files."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from coordinator_app.core.crypto import encryption, keyring, keyslots
from coordinator_app.core.store import private_temp
from coordinator_app.core.store.connect import is_encrypted
from coordinator_app.core.store.db import open_database
from coordinator_app.core.store.lock import DatabaseLock
from coordinator_app.core.records.service import Workspace
from coordinator_app.ui import lock_screen, safety
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.main_window import MainWindow
from coordinator_app.ui.passphrase_dialogs import (
    ChangePassphraseDialog, ProtectDialog, RecoveryKeyDialog)
from support.encryption import PASSPHRASE
from support.files import mode_of, plain_text_hits


@pytest.fixture
def encrypted(demo_file):
    """The demo database encrypted, and its recovery key; no key left in memory."""
    done = encryption.encrypt_database(demo_file, PASSPHRASE)
    keyring.forget_all()
    return demo_file, done.recovery_key


@pytest.fixture
def encrypted_file(encrypted):
    return encrypted[0]


def finds(workspace, text: str) -> bool:
    from coordinator_app.core.search.query import search

    with workspace.read() as session:
        return bool(search(session, text))


class Typist:
    """Stands in for the person at the passphrase dialog: types each answer in turn
    (None: cancels) and remembers the error shown each time."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.errors = []

    def __call__(self, path, error, parent):
        self.errors.append(error)
        return self.answers.pop(0)


def test_the_app_asks_for_the_passphrase_first_and_says_when_it_is_wrong(qtbot,
                                                                          encrypted_file):
    person = Typist("a wrong passphrase", PASSPHRASE)
    db = safety.open_database_for_app(encrypted_file, ask_secret=person)
    try:
        assert db is not None
        assert person.errors == [None, "The passphrase (or recovery key) is not right."]
        assert finds(Workspace(db), "klisonis")
    finally:
        db.close()


def test_giving_up_at_the_passphrase_opens_nothing_and_lets_go_of_the_file(
        qtbot, encrypted_file):
    content = encrypted_file.read_bytes()
    assert safety.open_database_for_app(encrypted_file, ask_secret=Typist(None)) is None
    assert encrypted_file.read_bytes() == content
    DatabaseLock(encrypted_file).acquire().release()  # not held any more


@pytest.fixture
def window(qtbot, demo_file):
    db = open_database(demo_file)
    main = MainWindow(UiContext(Workspace(db)))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.context.workspace.db.close()


def _answer_modal(qtbot, answer) -> None:
    """Answer the next modal dialog with `answer(dialog)` once it is shown."""
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        answer(dialog)
    QTimer.singleShot(0, look)


def test_protecting_the_open_database_from_the_file_menu(qtbot, window, demo_file):
    shown = {}

    def protect(dialog):
        assert isinstance(dialog, ProtectDialog)
        assert "no back door" in dialog.findChild(QLabel, "intro").text()
        dialog.passphrase.setText(PASSPHRASE)
        dialog.repeated.setText(PASSPHRASE)
        _answer_modal(qtbot, keep_key)
        dialog.accept()

    def keep_key(dialog):
        assert isinstance(dialog, RecoveryKeyDialog)
        shown["key"] = dialog.findChild(QLabel, "recovery_key").text()
        assert not dialog.ok.isEnabled()  # not before the key is said to be kept
        dialog.kept.setChecked(True)
        dialog.ok.click()

    assert window.actions.protect.isVisible() and not window.actions.lock.isVisible()
    _answer_modal(qtbot, protect)
    window.actions.protect.trigger()
    assert is_encrypted(demo_file)
    assert keyslots.looks_like_recovery_key(shown["key"])
    assert window.actions.change_passphrase.isVisible() and window.actions.lock.isVisible()
    # The window goes on working on the encrypted file.
    assert finds(window.context.workspace, "klisonis")
    window.context.workspace.create("person", full_name="Ona Petraitienė")
    assert plain_text_hits(demo_file.parent) == []


def test_a_mistyped_passphrase_is_refused_in_the_dialog(qtbot):
    dialog = ProtectDialog()
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeated.setText(PASSPHRASE + "!")
    dialog.accept()
    assert dialog.result() == 0 and "differ" in dialog.error.text()


def test_changing_the_passphrase_in_the_dialog(qtbot, encrypted):
    encrypted_file, recovery_key = encrypted
    dialog = ChangePassphraseDialog(encrypted_file)
    qtbot.addWidget(dialog)
    dialog.current.setText("not it at all")
    dialog.passphrase.setText("the new passphrase")
    dialog.repeated.setText("the new passphrase")
    dialog.accept()
    assert "not right" in dialog.error.text()
    dialog.current.setText(recovery_key)
    dialog.accept()
    assert dialog.result() == 1
    keyring.unlock_file(encrypted_file, "the new passphrase")


@pytest.fixture
def encrypted_window(qtbot, encrypted_file):
    keyring.unlock_file(encrypted_file, PASSPHRASE)
    db = open_database(encrypted_file)
    main = MainWindow(UiContext(Workspace(db)))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.context.workspace.db.close()


def _visible_text(window) -> str:
    return " ".join(w.text() for w in window.findChildren(QLabel) if w.isVisible()) + " ".join(
        w.text() for w in window.findChildren(QLineEdit) if w.isVisible())


def test_the_lock_screen_hides_everything_and_drops_the_key(qtbot, encrypted_window):
    window = encrypted_window
    window.show_page("person")
    qtbot.waitUntil(lambda: "Klišonis" in " ".join(
        str(window.current_list_page().model.index(r, 0).data())
        for r in range(window.current_list_page().model.rowCount())))
    window.actions.lock.trigger()
    screen = window.findChild(lock_screen.LockScreen)
    assert screen is not None and screen.isVisible()
    assert "Klišonis" not in _visible_text(window)
    assert not window.menuBar().isVisible()
    assert keyring.key_for(window.db_path) is None
    screen.secret.setText("wrong passphrase")
    assert not screen.try_unlock()
    assert screen.error.isVisible() and lock_screen.is_locked(window)
    screen.secret.setText(PASSPHRASE)
    assert screen.try_unlock()
    assert not lock_screen.is_locked(window)
    assert window.current_list_page().isVisible()
    assert finds(window.context.workspace, "klisonis")


def test_idle_minutes_lock_the_window(qtbot, encrypted_window):
    watch = encrypted_window.idle_watch
    assert watch is not None
    watch.timer.start(50)  # the setting is in minutes; the timer is the same
    qtbot.waitUntil(lambda: lock_screen.is_locked(encrypted_window), timeout=3000)
    assert keyring.key_for(encrypted_window.db_path) is None


def test_no_lock_without_encryption(qtbot, window):
    assert window.idle_watch is None
    window.lock()
    assert not lock_screen.is_locked(window)


def test_temporary_files_are_private_and_removed(tmp_path):
    mine = private_temp.new_folder("attachments")
    assert mode_of(private_temp.root()) == 0o700 and mode_of(mine) == 0o700
    stale = private_temp.root() / "999999999-deadbeef"
    stale.mkdir()
    (stale / "scan.pdf").write_bytes(b"%PDF")
    assert private_temp.remove_stale() == [stale]
    assert mine.exists()
    private_temp.remove_own()
    assert not mine.exists()
    assert str(private_temp.root()).startswith(os.environ["COORDINATOR_HOME"])


def test_a_damaged_encrypted_database_is_restored_from_a_backup_with_its_own_passphrase(
        qtbot, encrypted_file, tmp_path):
    from support.encryption import copy_database, people_count

    other = tmp_path / "elsewhere" / "other.sqlite3"
    other.parent.mkdir()
    copy_database(encrypted_file, other)
    keyring.unlock_file(other, PASSPHRASE)
    encryption.decrypt_database(other)
    encryption.encrypt_database(other, "the other laptop's passphrase")
    keyring.forget_all()
    with open(encrypted_file, "r+b") as handle:  # a failing disk: pages that do not decrypt
        handle.seek(8192)
        handle.write(os.urandom(8192))

    def choose(box):
        return next(b for b in box.buttons() if b.text() == "Choose a backup file…")

    person = Typist(PASSPHRASE, "a wrong one", "the other laptop's passphrase")
    db = safety.open_database_for_app(encrypted_file, ask=choose,
                                      choose_file=lambda parent, folder: other,
                                      ask_secret=person)
    try:
        assert db is not None
        assert person.errors == [None, None, "The passphrase (or recovery key) is not right."]
    finally:
        db.close()
    keyring.forget_all()
    keyring.unlock_file(encrypted_file, "the other laptop's passphrase")
    assert people_count(encrypted_file) > 0


def test_exporting_from_an_encrypted_database_says_the_file_is_not_encrypted(
        qtbot, encrypted_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []
    target = tmp_path / "people.csv"

    def save_as(parent, caption, *args, **kwargs):
        asked.append(caption)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    encrypted_window.show_page("person")
    encrypted_window.actions.export.trigger()
    assert asked and "not be encrypted" in asked[0]
    assert "Klišonis" in target.read_text(encoding="utf-8-sig")  # what the warning is about

"""File → Import… as a person uses it: the preview, the guessed mapping, what each
record becomes, the import on a worker thread, one undo; and the welcome screen's
"Import contacts"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog
from support.interchange import counts, people, sample

from coordinator_app.core.records.models import Person
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.import_dialog import ImportDialog
from coordinator_app.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _own_settings(tmp_path):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def open_dialog(qtbot, context, path) -> ImportDialog:
    dialog = ImportDialog(context, None, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog._busy(), timeout=20000)
    return dialog


def test_preview_guesses_the_mapping_and_shows_what_each_record_becomes(qtbot, workspace):
    workspace.create(Person, full_name="Оксана Петрівна Бондаренко")
    dialog = open_dialog(qtbot, UiContext(workspace), sample("partner-contacts.xlsx"))
    assert [c.currentData() for c in dialog.combos] == [
        None, "full_name", "organization", "position", "phone", "email"]
    assert dialog.preview.item(1, 1).text() == "Бондаренко Оксана Петрівна"
    becomes = [dialog.matches.item(r, 2).text() for r in range(dialog.matches.rowCount())]
    assert becomes[0] == "same as “Оксана Петрівна Бондаренко” (update)"
    assert becomes[1:] == ["new", "new"]
    assert "to update: 1," in dialog.summary.text()


def test_changing_a_column_s_field_matches_again(qtbot, workspace):
    dialog = open_dialog(qtbot, UiContext(workspace), sample("partner-contacts.xlsx"))
    email = dialog.combos[5]
    email.setCurrentIndex(email.findData(None))
    email.activated.emit(email.currentIndex())
    qtbot.waitUntil(lambda: not dialog._busy() and dialog.plan is not None, timeout=20000)
    assert not any(c.kind == "email" for e in dialog.plan.entries for c in e.item.contacts)


def test_import_runs_on_a_worker_and_is_one_undo_step(qtbot, workspace):
    context = UiContext(workspace)
    dialog = open_dialog(qtbot, context, sample("google-contacts.csv"))
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        dialog.import_button.click()
    assert set(people(workspace)) == {"Наталія Мельник", "Rūta Petrauskienė"}
    assert "Created: 2, updated: 0" in dialog.outcome_text
    assert context.undo_stack.count() == 1
    context.undo_stack.undo()
    assert counts(workspace)["person"] == 0


def test_a_possible_duplicate_is_skipped_unless_the_person_chooses(qtbot, workspace):
    kept = workspace.create(Person, full_name="Олена Іванівна Шевчено")
    dialog = open_dialog(qtbot, UiContext(workspace), sample("android-2.1.vcf"))
    row = next(r for r in range(dialog.matches.rowCount())
               if dialog.matches.item(r, 1).text().startswith("Олена"))
    choice = dialog.matches.cellWidget(row, 2)
    assert choice.currentData() == "skip"
    choice.setCurrentIndex(choice.findData(kept.id))
    choice.activated.emit(choice.currentIndex())
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        dialog.import_button.click()
    assert "+380671234567" in [v for _k, v in people(workspace)["Олена Іванівна Шевчено"]
                               ["contacts"]]


def test_cancel_during_the_import_writes_nothing(qtbot, workspace, tmp_path):
    rows = "\n".join(f"Person {i} Test;p{i}@example.com" for i in range(3000))
    path = tmp_path / "many.csv"
    path.write_text("Name;E-mail\n" + rows + "\n", encoding="utf-8")
    dialog = open_dialog(qtbot, UiContext(workspace), path)
    before = counts(workspace)
    dialog.import_button.click()
    # Cancelled while the worker runs: 3,000 rows are written in well under a second
    # now, so waiting for its first progress report could come after the commit.
    assert dialog._busy()
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog._busy(), timeout=30000)
    assert "cancelled" in dialog.summary.text()
    assert counts(workspace)["person"] == before["person"] == 0


def test_welcome_screen_offers_import_contacts(qtbot, workspace, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(sample("thunderbird-4.0.vcf")), ""))
    window = MainWindow(UiContext(workspace))
    qtbot.addWidget(window)
    window.show()
    window.welcome.import_button.click()
    dialog = window.findChild(ImportDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog._busy(), timeout=20000)
    assert window.current_page_name() == "dashboard"
    with qtbot.waitSignal(dialog.imported, timeout=30000):
        dialog.import_button.click()
    assert list(people(workspace)) == ["Giedrė Kazlauskaitė"]
    assert "Created: 1," in window.statusBar().currentMessage()


def test_export_this_list_writes_the_filtered_list(qtbot, demo_workspace, tmp_path,
                                                   monkeypatch):
    target = tmp_path / "people.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window = MainWindow(UiContext(demo_workspace))
    qtbot.addWidget(window)
    window.show()
    window.show_page("person")
    page = window.current_list_page()
    page.filter.setText("klisonis")
    page._apply_filter()
    window.actions.export.trigger()
    text = target.read_text(encoding="utf-8-sig")
    assert "Klišonis" in text and "Терехов" not in text


def test_numbers_without_a_plus_may_be_read_in_any_country_named_in_the_interface(
        qtbot, workspace):
    from coordinator_app import i18n

    i18n.set_language("uk")
    dialog = ImportDialog(UiContext(workspace), None, None)
    qtbot.addWidget(dialog)
    combo = dialog.country
    shown = [combo.itemText(i) for i in range(combo.count())]
    assert shown[:2] == ["Україна — UA", "Литва — LT"]
    assert combo.currentData() == "UA"
    assert combo.findData("MD") >= 0 and "Молдова — MD" in shown
    # The longest name does not widen the dialog past a laptop's screen.
    assert dialog.minimumSizeHint().width() <= 1280

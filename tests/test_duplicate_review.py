"""Edit → Find duplicates…: likely pairs listed, shown side by side, a value chosen per
field, merged as one change that Undo separates again."""

from __future__ import annotations

from coordinator_app.core.records.models import ContactPoint, Person
from coordinator_app.ui.duplicate_review import DuplicateReview
from support.editors import settle


def _twice(workspace):
    with workspace.edit("people") as edit:
        first = edit.create(Person, full_name="Audrius Klišonis", languages="lt")
        second = edit.create(Person, full_name="Audrius Klisonis", notes="From the forum list",
                             languages="lt, en")
        edit.create(ContactPoint, person_id=second.id, kind="phone", value="+370 448 73 100")
        edit.create(Person, full_name="Ігор Терехов")
    return first.id, second.id


def _dialog(qtbot, context):
    titles = {"person": {("person", "full_name"): "Full name", ("person", "notes"): "Notes",
                         ("person", "languages"): "Languages"}}
    dialog = DuplicateReview(context, titles, "person")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_pair_shows_side_by_side_and_merges_with_the_values_chosen(qtbot, context):
    first, second = _twice(context.workspace)
    dialog = _dialog(qtbot, context)
    assert dialog.pairs.count() == 1
    assert set(dialog.current_pair()) == {first, second}
    left, _right = dialog.current_pair()
    keep_side = 0 if left == first else 1
    notes = dialog.groups["notes"]
    # A blank never wins by default: the notes come from the record that has them.
    assert notes.checkedButton().text() == "From the forum list"
    assert dialog.findChild(type(notes.button(0)), "full_name_0").accessibleName().startswith(
        "Full name: ")
    dialog.keep(keep_side)
    dialog.choose("full_name", keep_side)
    dialog.choose("languages", 1 - keep_side)
    assert dialog.merge()
    settle(qtbot)
    kept = context.workspace.get("person", first)
    assert (kept.full_name, kept.languages, kept.notes) == ("Audrius Klišonis", "lt, en",
                                                            "From the forum list")
    assert context.workspace.get("person", second, deleted=True).deleted_at is not None
    assert dialog.pairs.item(0).text() == "No likely duplicates."
    assert not dialog.merge_button.isEnabled()
    assert context.undo_stack.undoText() == ("Merge “Audrius Klisonis” into "
                                             "“Audrius Klišonis”")
    context.undo_stack.undo()  # one step: both records as they were
    assert context.workspace.get("person", second).full_name == "Audrius Klisonis"
    assert context.workspace.get("person", first).languages == "lt"


def test_not_the_same_hides_the_pair_and_merges_nothing(qtbot, context):
    _twice(context.workspace)
    dialog = _dialog(qtbot, context)
    dialog.skip_button.click()
    assert dialog.current_pair() is None and not dialog.merge_button.isEnabled()
    assert context.undo_stack.count() == 0


def test_the_edit_menu_opens_it_on_the_people_page(qtbot, workspace):
    from support.dialogs import when_a_dialog_opens
    from support.windows import active_window

    _twice(workspace)
    window = active_window(qtbot, workspace)
    window.show_page("person")
    action = window.findChild(type(window.actions.new), "action_duplicates")
    seen = when_a_dialog_opens(lambda dialog: (
        dialog.current_kind() == "person" or (_ for _ in ()).throw(AssertionError("kind")),
        dialog.groups["full_name"], dialog.reject()))
    action.trigger()
    assert isinstance(seen[0], DuplicateReview) and len(seen) == 1


def test_the_search_can_be_cancelled_and_says_so(qtbot, context):
    from PySide6.QtCore import QTimer

    _twice(context.workspace)
    dialog = _dialog(qtbot, context)
    assert dialog.pairs.count() == 1
    # Cancel pressed while the search runs: the progress dialog's events run between
    # two steps of it.
    QTimer.singleShot(0, lambda: dialog.progress.cancel())
    dialog.find()
    assert dialog.pairs.item(0).text() == "The search for duplicates was cancelled."
    assert dialog.current_pair() is None and not dialog.merge_button.isEnabled()
    dialog.find()  # asked again, it finds the pair
    assert dialog.pairs.count() == 1 and dialog.current_pair() is not None

"""Each edit tells the screens which kinds of record it wrote; a list refreshes only
when it shows one of them (Anki's OpChanges)."""

from __future__ import annotations

from coordinator_app.core.records.models import Agreement, Organization, Person
from coordinator_app.ui.context import Changes


def test_an_edit_announces_the_kinds_it_wrote(context, qtbot):
    org = context.workspace.create(Organization, name="Kharkiv City Council")
    with qtbot.waitSignal(context.data_changed) as told:
        context.apply("Rename",
                      lambda edit: edit.update(Organization, org.id, name="Харківська рада"))
    assert told.args[0] == Changes(frozenset({"organization"}))
    with qtbot.waitSignal(context.data_changed) as told:
        context.undo_stack.undo()
    assert told.args[0] == Changes(frozenset({"organization"}))


def test_the_people_list_ignores_agreements_but_follows_organisation_names(context, qtbot):
    from coordinator_app.ui.list_page import ListPage

    org = context.workspace.create(Organization, name="Kharkiv City Council")
    context.workspace.create(Person, full_name="Ihor Terekhov")
    page = ListPage(context, "person")
    qtbot.addWidget(page)
    page.activate()
    assert not page._stale

    context.apply("Add", lambda edit: edit.create(Agreement, title="Memorandum"))
    assert not page._stale
    # A person's row shows the organisation of their position: a rename concerns it.
    context.apply("Rename",
                  lambda edit: edit.update(Organization, org.id, name="Харківська рада"))
    assert page._stale

"""Rows that name a record of another kind link to it: a need's pledges, the agreement
a project implements, an activity's agreement, a person's organisation written in
another alphabet; a name nothing answers to is reported with file, row and column."""

from __future__ import annotations

from sqlalchemy import select
from support.interchange import import_bytes

from coordinator_app.core.records.models import (
    Activity,
    Affiliation,
    Agreement,
    Need,
    Organization,
    Pledge,
    Project,
    ProjectAgreement,
)
from coordinator_app.interchange.sources import open_data
from coordinator_app.interchange.plan import make_plan


def _organization(workspace, name: str) -> str:
    with workspace.edit("add") as edit:
        return edit.create(Organization, name=name, kind="municipality").id


def _agreement(workspace, title: str) -> str:
    with workspace.edit("add") as edit:
        return edit.create(Agreement, title=title).id


def _live(workspace, cls):
    with workspace.read() as session:
        return session.scalars(select(cls).where(cls.deleted_at.is_(None))).all()


def test_a_needs_sheet_with_pledged_by_makes_each_partners_pledge_of_the_need(workspace):
    plunge = _organization(workspace, "Plungė")
    sheet = ("Громада;Найменування;Кількість;Од. виміру;Хто пообіцяв\n"
             "Харків;Генератор 30 кВт;40;шт;Плунге\n"
             "Суми;Обігрівач;12;шт;\n").encode("cp1251")
    plan, outcome = import_bytes(workspace, sheet, "потреби.csv")
    assert plan.kind == "need" and not plan.problems
    needs = {need.item: need for need in _live(workspace, Need)}
    pledges = _live(workspace, Pledge)
    # "Плунге" is the Plungė already stored, in Cyrillic: no second organisation.
    assert [(p.need_id, p.organization_id, p.quantity) for p in pledges] == [
        (needs["Генератор 30 кВт"].id, plunge, 40.0)]
    assert outcome.organizations == 2  # Харків and Суми
    # The same sheet again pledges nothing twice.
    import_bytes(workspace, sheet, "потреби.csv")
    assert len(_live(workspace, Pledge)) == 1


def test_a_project_sheet_links_each_project_to_the_agreement_it_names(workspace):
    memorandum = _agreement(workspace, "Меморандум про співпрацю Харків – Плунге")
    sheet = ("Title,Agreement,Lead organisation\n"
             "Generators for schools,Меморандум про співпрацю Харків – Плунге,Kharkiv\n"
             "Heating points,,Kharkiv\n").encode()
    plan, _outcome = import_bytes(workspace, sheet, "projects.csv")
    assert plan.kind == "project" and not plan.problems
    projects = {p.title: p.id for p in _live(workspace, Project)}
    links = [(link.project_id, link.agreement_id) for link in _live(workspace, ProjectAgreement)]
    assert links == [(projects["Generators for schools"], memorandum)]
    import_bytes(workspace, sheet, "projects.csv")
    assert len(_live(workspace, ProjectAgreement)) == 1


def test_an_agreement_nobody_has_is_reported_with_file_row_and_column(workspace):
    _agreement(workspace, "Memorandum of cooperation")
    sheet = ("Title,Agreement\n"
             "Generators for schools,Memorandum of cooperation\n"
             "Heating points,Twinning agreement Sumy – Kaunas\n").encode()
    items = open_data(sheet, "projects.csv").records()
    with workspace.read() as session:
        plan = make_plan(session, "project", items)
    [problem] = plan.problems
    assert (problem.source, problem.row, problem.column) == ("projects.csv", 3, "Agreement")
    assert "“Twinning agreement Sumy – Kaunas”" in problem.message
    assert [e.action for e in plan.entries] == ["new", "bad"]


def test_an_activity_names_its_agreement_by_its_title_in_another_language(workspace):
    with workspace.edit("add") as edit:
        agreement = edit.create(Agreement, title="Memorandum of cooperation",
                                **{"title.uk": "Меморандум про співпрацю"}).id
    sheet = ("Title,Date,Agreement\n"
             "Signing in Plungė,11.02.2026,Меморандум про співпрацю\n").encode()
    plan, _outcome = import_bytes(workspace, sheet, "activities.csv")
    assert plan.kind == "activity" and not plan.problems
    [activity] = _live(workspace, Activity)
    assert activity.agreement_id == agreement


def test_a_persons_organisation_written_in_another_alphabet_is_the_stored_one(workspace):
    kharkiv = _organization(workspace, "Kharkov")  # as an old list of partners spells it
    sheet = ("Прізвище;Ім'я;Організація;Посада\n"
             "Терехов;Ігор;Харків;міський голова\n"
             "Коваленко;Олена;Kharkiv;радниця\n"
             "Мельник;Тарас;Суми;спеціаліст\n"
             "Бондаренко;Юрій;Sumy;спеціаліст\n").encode("cp1251")
    _plan, outcome = import_bytes(workspace, sheet, "люди.csv")
    assert outcome.organizations == 1  # Суми and Sumy are one new organisation
    by_person = {a.person_id: a.organization_id for a in _live(workspace, Affiliation)}
    assert len(by_person) == 4 and len(set(by_person.values())) == 2
    assert kharkiv in by_person.values()

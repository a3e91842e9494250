"""What leaves the app reads right elsewhere: Excel sheets with real dates, calendars
that update rather than duplicate, IATI XML that the standard's schema accepts."""

from __future__ import annotations

import io
from datetime import date

from lxml import etree
from support.interchange import IATI_SCHEMA, exported

from coordinator_app.core.records.models import Project


def test_xlsx_has_bold_headers_widths_and_dates_as_dates(demo_workspace):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(exported(demo_workspace, "agreements", "xlsx")))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["Title", "Kind", "Status"] and sheet["A1"].font.bold
    signed = headers.index("Signed") + 1
    values = [sheet.cell(row, signed).value for row in range(2, sheet.max_row + 1)]
    assert any(isinstance(v, date) for v in values)
    cell = next(sheet.cell(r, signed) for r in range(2, sheet.max_row + 1)
                if sheet.cell(r, signed).value)
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["C"].width > 5
    assert sheet.freeze_panes == "A2"


def test_calendar_events_keep_their_uids_and_carry_reminders(demo_workspace):
    from icalendar import Calendar

    first = Calendar.from_ical(exported(demo_workspace, "calendar", "ics"))
    again = Calendar.from_ical(exported(demo_workspace, "calendar", "ics"))
    events = first.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)) > 10
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]
    assert first.to_ical() == again.to_ical()  # unchanged records: an unchanged file
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any(s.startswith("Due: ") for s in summaries)
    assert any(s.startswith("Milestone: ") for s in summaries)
    assert any(s.startswith("Agreement expires: ") for s in summaries)
    assert any(e.walk("VALARM") for e in events)


def test_a_changed_record_updates_its_event_instead_of_adding_one(demo_workspace):
    from icalendar import Calendar

    from coordinator_app.core.records.models import Milestone

    before = {str(e["UID"]): e for e in Calendar.from_ical(
        exported(demo_workspace, "projects", "ics")).walk("VEVENT")}
    with demo_workspace.read() as session:
        milestone = session.query(Milestone).filter(Milestone.due_on.isnot(None)).first()
    demo_workspace.update(Milestone, milestone.id, title="Renamed milestone")
    after = {str(e["UID"]): e for e in Calendar.from_ical(
        exported(demo_workspace, "projects", "ics")).walk("VEVENT")}
    assert set(after) == set(before)
    changed = [uid for uid in after if str(after[uid]["SUMMARY"]) != str(before[uid]["SUMMARY"])]
    assert len(changed) == 1 and after[changed[0]]["SEQUENCE"] >= before[changed[0]]["SEQUENCE"]


def test_iati_activities_validate_against_the_iati_203_schema(demo_workspace):
    schema = etree.XMLSchema(etree.parse(str(IATI_SCHEMA)))
    document = etree.fromstring(exported(demo_workspace, "projects", "iati",
                                         reporting_org="XM-DAC-47-1"))
    schema.assertValid(document)
    with demo_workspace.read() as session:
        projects = session.query(Project).filter(Project.deleted_at.is_(None)).count()
    activities = document.findall("iati-activity")
    assert document.get("version") == "2.03" and len(activities) == projects
    assert all(a.findtext("iati-identifier").startswith("XM-DAC-47-1-") for a in activities)
    # What the database knows goes out: budgets, sectors, places, partners' money.
    assert document.findall(".//budget/value") and document.findall(".//sector[@vocabulary='1']")
    assert document.findall(".//location/name/narrative")
    assert document.findall(".//participating-org[@role='4']")


def test_an_invalid_activity_is_caught_by_the_schema(demo_workspace):
    schema = etree.XMLSchema(etree.parse(str(IATI_SCHEMA)))
    document = etree.fromstring(exported(demo_workspace, "projects", "iati"))
    activity = document.find("iati-activity")
    activity.remove(activity.find("activity-status"))
    assert not schema.validate(document)


def test_vcard_export_is_version_30_and_folds_long_lines(demo_workspace):
    text = exported(demo_workspace, "people", "vcf").decode("utf-8")
    cards = text.count("BEGIN:VCARD")
    assert cards > 5 and text.count("VERSION:3.0") == cards
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))

"""Printed reports: what a reader of the PDF sees, checked by extracting its text."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from coordinator_app.cli import main
from coordinator_app.core.sample.demo import KLISONIS, MEMORANDUM_TITLE, PLUNGE, TEREKHOV
from coordinator_app.core.records.languages import in_language
from coordinator_app.core.errors import CoordinatorError, NotFound, ValidationError
from coordinator_app.core.text.formatting import format_date, format_datetime
from coordinator_app.core.records.models import (
    Affiliation,
    Agreement,
    AgreementParty,
    Change,
    Commitment,
    ContactPoint,
    Organization,
    Person,
    PriorityArea,
    Project,
    ProjectAgreement,
    ProjectPriorityArea,
    Signatory,
)
from coordinator_app.i18n import gettext_in
from coordinator_app.reports import render_briefing, render_memorandum
from support.pdf import flat, pages_text

#: Every letter the issue names, in running text as a memorandum would have it.
UKRAINIAN = "Меморандум № 12 про відновлення ґрунтів, європейську інтеграцію та їхні громади"
UKRAINIAN_NAME = "Пʼятихатська міська рада"
LITHUANIAN = "Kėdainių savivaldybė įrengs šilumos punktus: ąžuolų alėja, Kęstučio gatvė, čia ūkis"
LITHUANIAN_CAPITALS = "ĄČĘĖĮŠŲŪŽ"
SIGNER = "Šarūnas Žemaitėlis"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def memo(workspace):
    """An agreement whose every field carries Ukrainian or Lithuanian letters, entered
    decomposed (NFD) the way some keyboards and pasted text deliver them."""
    with workspace.edit() as edit:
        ua = edit.create(Organization, name=nfd(UKRAINIAN_NAME), country="UA")
        lt = edit.create(Organization, name="Kėdainių rajono savivaldybė", country="LT")
        memo = edit.create(Agreement, title=nfd(UKRAINIAN), status="signed",
                           signed_on="2026-02-11", signed_place="Plungė",
                           purpose=nfd(LITHUANIAN), notes=LITHUANIAN_CAPITALS)
        edit.create(AgreementParty, agreement_id=memo.id, organization_id=ua.id)
        edit.create(AgreementParty, agreement_id=memo.id, organization_id=lt.id)
        signer = edit.create(Person, full_name=nfd(SIGNER))
        edit.create(Signatory, agreement_id=memo.id, person_id=signer.id,
                    organization_id=lt.id, title_at_signing="Meras")
        edit.create(Commitment, agreement_id=memo.id, description="Надіслати перелік потреб",
                    party_id=ua.id, owner_id=signer.id, due_on="2026-03-01")
    return memo.id


def test_ukrainian_and_lithuanian_letters_come_out_exactly_as_entered(workspace, memo, tmp_path):
    out = render_memorandum(workspace, memo, tmp_path / "memo.pdf", "uk")
    text = "\n".join(pages_text(out))
    assert unicodedata.is_normalized("NFC", text)
    words = flat(text)
    for expected in (UKRAINIAN, UKRAINIAN_NAME, LITHUANIAN, LITHUANIAN_CAPITALS, SIGNER):
        assert expected in words
    for letter in "ґєіїʼ№ąčęėįšųūž":
        assert letter in text


def fonts_of(reader: PdfReader) -> dict[str, dict]:
    """Every font any page uses, by its PDF name, with its font descriptor."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            else:
                descriptor = font.get("/FontDescriptor")
            found[str(font["/BaseFont"])] = descriptor.get_object() if descriptor else {}
    return found


def test_every_font_is_embedded_and_is_the_shipped_one(demo_workspace, tmp_path):
    out = render_briefing(demo_workspace, tmp_path / "pack.pdf", "lt")
    fonts = fonts_of(PdfReader(out))
    assert fonts, "the pack prints no text"
    for name, descriptor in fonts.items():
        assert "DejaVuSans" in name, f"{name} is not the shipped font"
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
    # Bold and oblique faces are real faces, not the regular one smeared.
    assert {n.split("+")[1] for n in fonts} >= {"DejaVuSans", "DejaVuSans-Bold",
                                               "DejaVuSans-Oblique"}


def test_summary_lists_every_section_of_the_agreement(demo_workspace, tmp_path):
    with demo_workspace.read() as session:
        memo_id = session.scalar(select(Agreement.id).where(Agreement.title == MEMORANDUM_TITLE))
    out = render_memorandum(demo_workspace, memo_id, tmp_path / "memo.pdf", "en")
    pages = pages_text(out)
    assert 1 <= len(pages) <= 2
    words = flat("\n".join(pages))
    for section in ("Parties", "Signatories", "Purpose", "Commitments", "Linked projects",
                    "Recent activities", "Sources", "Priority areas", "Valid", "Signed"):
        assert section in words
    assert flat(MEMORANDUM_TITLE) in words
    assert TEREKHOV in words and KLISONIS in words
    assert "Signing of the memorandum" in words  # an activity
    assert "Delo.ua" in words  # a source
    assert "11 Feb 2026" in words  # signed on, formatted for English readers


def test_every_page_says_page_x_of_y_and_how_fresh_the_data_is(demo_workspace, tmp_path):
    out = render_briefing(demo_workspace, tmp_path / "pack.pdf", "en")
    pages = pages_text(out)
    with demo_workspace.read() as session:
        newest = session.scalar(select(func.max(Change.at)))
    as_of = f"Data as of {format_datetime(newest, 'en')}"
    assert len(pages) > 5
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert as_of in text
        assert "Generated " in text


def test_dates_follow_the_report_language_not_the_interface(demo_workspace, tmp_path):
    with demo_workspace.read() as session:
        memo = session.scalars(select(Agreement).where(Agreement.title == MEMORANDUM_TITLE)).one()
    for lang in ("uk", "lt"):
        out = render_memorandum(demo_workspace, memo.id, tmp_path / f"{lang}.pdf", lang)
        text = "\n".join(pages_text(out))
        assert format_date(memo.signed_on, lang) in text
        reader = PdfReader(out)
        assert reader.trailer["/Root"]["/Lang"] == lang
        # The title too is the reader's (the demo keeps it in uk, lt and en).
        assert reader.metadata.title == in_language(memo, "title", lang) != MEMORANDUM_TITLE
        assert reader.metadata.author


def test_a_long_commitments_table_splits_with_its_header_on_every_page(workspace, tmp_path):
    with workspace.edit() as edit:
        org = edit.create(Organization, name="Plungės rajono savivaldybė")
        memo = edit.create(Agreement, title="Ilga sutartis")
        edit.create(AgreementParty, agreement_id=memo.id, organization_id=org.id)
        for n in range(1, 91):
            edit.create(Commitment, agreement_id=memo.id, party_id=org.id,
                        description=f"Įsipareigojimas {n:03d}: pristatyti generatorius ir "
                                    "šildytuvus į partnerių bendruomenes prieš žiemą",
                        due_on=date(2026, 1, 1) + timedelta(days=n))
    pages = [flat(t) for t in pages_text(render_memorandum(workspace, memo.id,
                                                           tmp_path / "long.pdf", "lt"))]
    header = " ".join(gettext_in("lt", word) for word in
                      ("Commitment", "Party", "Owner", "Due", "Status"))
    holding = [i for i, text in enumerate(pages) if "Įsipareigojimas" in text]
    assert len(holding) >= 3, "ninety commitments should need several pages"
    for i in holding:
        assert header in pages[i], f"page {i + 1} continues the table without its header"
    seen = [int(n) for text in pages for n in
            re.findall(r"Įsipareigojimas (\d{3}):", text)]
    assert seen == list(range(1, 91)), "each row printed once, in order"


def test_briefing_pack_has_cover_contents_bookmarks_and_every_part(demo_workspace, tmp_path):
    calls = []
    out = render_briefing(demo_workspace, tmp_path / "pack.pdf", "uk",
                          progress=lambda done, total: calls.append((done, total)))
    reader = PdfReader(out)
    pages = [flat(t) for t in pages_text(out)]

    def uk(message: str) -> str:
        return gettext_in("uk", message)

    # Records are named in the pack's language too (the demo keeps uk, lt and en).
    with demo_workspace.read() as session:
        memo_title = in_language(session.scalars(select(Agreement).where(
            Agreement.title == MEMORANDUM_TITLE)).one(), "title", "uk")
        plunge = in_language(session.scalars(select(Organization).where(
            Organization.name == PLUNGE)).one(), "name", "uk")
    assert uk("Briefing pack") in pages[0]
    assert uk("Contents") in pages[1] and flat(memo_title) in pages[1]
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:2] == [uk("Briefing pack"), uk("Contents")]
    assert {uk("Organisations"), uk("Key contacts"), uk("Agreements"), uk("Projects"),
            uk("Needs and pledges"), uk("Upcoming deadlines")} <= set(outline)
    nested = [i for part in reader.outline if isinstance(part, list) for i in part]
    assert {memo_title, plunge} <= {i.title for i in nested}
    for item in nested:  # each bookmark opens the page its record starts on
        page = pages[reader.get_destination_page_number(item)]
        assert flat(item.title) in page, item.title
    everything = " ".join(pages)
    assert uk("Projects by priority area") in everything  # the chart's caption
    assert "Енергетична стійкість" in everything  # a bar, named in the report's language
    # An aid delivery, its item and unit in the pack's language too.
    assert "Дизельні генератори 30 кВт" in everything and "Diesel generators" not in everything
    assert "40 шт." in everything
    # Progress only rises and ends complete.
    assert calls and calls[-1][0] == calls[-1][1]
    assert all(a[0] <= b[0] for a, b in zip(calls, calls[1:]))


def test_each_line_of_the_contents_names_the_page_its_heading_is_on(workspace, tmp_path):
    # Enough agreements for the contents to run onto a second page, whose page numbers
    # are drawn after the last page is laid out.
    with workspace.edit() as edit:
        org = edit.create(Organization, name="Šiaulių miesto savivaldybė")
        for n in range(1, 46):
            memo = edit.create(Agreement, title=f"Memorandumas {n:02d}",
                               purpose="Šildytuvai ir generatoriai. " * (n % 7) * 20)
            edit.create(AgreementParty, agreement_id=memo.id, organization_id=org.id)
    pages = [flat(t) for t in pages_text(render_briefing(workspace, tmp_path / "pack.pdf",
                                                         "lt"))]
    # A line's dots and number are drawn before its text, so they come first in it.
    lines = [(title, page) for page, title in
             re.findall(r"(?:\. )+(\d+) (Memorandumas \d\d)", " ".join(pages[1:4]))]
    assert [t for t, _ in lines] == [f"Memorandumas {n:02d}" for n in range(1, 46)]
    assert len({page for _, page in lines}) > 10  # long purposes spread them out
    for title, page in lines:
        assert pages[int(page) - 1].count(title) >= 1, (title, page)
        assert title not in pages[int(page) - 2], (title, page)  # the first page it is on


def test_titles_with_markup_characters_print_as_written_in_the_contents(workspace, tmp_path):
    title = "Grants <b>2026</b> & <a href='x'>heaters</a> for Kharkiv"
    with workspace.edit() as edit:
        org = edit.create(Organization, name="Schools & <i>kindergartens</i>")
        memo = edit.create(Agreement, title=title)
        edit.create(AgreementParty, agreement_id=memo.id, organization_id=org.id)
    out = render_briefing(workspace, tmp_path / "pack.pdf", "en")
    contents = flat(pages_text(out)[1])
    assert title in contents and "Schools & <i>kindergartens</i>" in contents


def test_a_chart_of_more_priority_areas_than_a_page_holds_goes_on(workspace, tmp_path):
    with workspace.edit() as edit:
        project = edit.create(Project, title="Recovery of Kharkiv schools")
        for n in range(1, 71):
            area = edit.create(PriorityArea, name=f"Sritis {n:02d}")
            edit.create(ProjectPriorityArea, project_id=project.id, priority_area_id=area.id)
        memo = edit.create(Agreement, title="Memorandum")
        edit.create(ProjectAgreement, project_id=project.id, agreement_id=memo.id)
    out = render_briefing(workspace, tmp_path / "pack.pdf", "en")
    text = flat(" ".join(pages_text(out)))
    assert [n for n in range(1, 71) if f"Sritis {n:02d}" not in text] == []


def test_contacts_sheet_puts_phones_and_messengers_before_email(demo_workspace, tmp_path):
    with demo_workspace.read() as session:
        plunge = session.scalar(select(Organization.id).where(Organization.name == PLUNGE))
        staff = select(Affiliation.person_id).where(Affiliation.organization_id == plunge)
        reach = session.execute(select(ContactPoint.kind, ContactPoint.value).where(
            ContactPoint.person_id.in_(staff))).all()
    assert {kind for kind, _ in reach} >= {"phone", "email"}, "the demo gives Plungė staff both"
    out = render_briefing(demo_workspace, tmp_path / "pack.pdf", "en", organization_ids=[plunge])
    pages = [flat(t) for t in pages_text(out)]
    sheet = next(t for t in pages if "Name Phone Messengers Position and e-mail" in t)
    assert KLISONIS in sheet
    for kind, value in reach:
        assert value in sheet, f"{kind} {value} is missing from the contacts sheet"


def test_briefing_covers_what_was_chosen_and_only_that(demo_workspace, tmp_path):
    with demo_workspace.read() as session:
        plunge = session.scalar(select(Organization.id).where(Organization.name == PLUNGE))
        titles = dict(session.execute(select(Agreement.id, Agreement.title)).all())
        theirs = set(session.scalars(select(AgreementParty.agreement_id).where(
            AgreementParty.organization_id == plunge)))
    out = render_briefing(demo_workspace, tmp_path / "plunge.pdf", "en", organization_ids=[plunge])
    contents = flat(pages_text(out)[1])
    for agreement_id, title in titles.items():
        assert (flat(title) in contents) == (agreement_id in theirs), title


def test_a_date_range_keeps_agreements_in_force_during_it(workspace, tmp_path):
    org = workspace.create(Organization, name="Alytaus miesto savivaldybė")
    with workspace.edit() as edit:
        for title, start, end in (("Old one", "2020-01-01", "2021-01-01"),
                                  ("Current one", "2025-06-01", "2027-06-01")):
            a = edit.create(Agreement, title=title, status="signed", signed_on=start,
                            expires_on=end)
            edit.create(AgreementParty, agreement_id=a.id, organization_id=org.id)
    out = render_briefing(workspace, tmp_path / "range.pdf", "en",
                          date_from=date(2026, 1, 1), date_to=date(2026, 12, 31))
    contents = flat(pages_text(out)[1])
    assert "Current one" in contents and "Old one" not in contents
    with pytest.raises(ValidationError, match="ends"):
        render_briefing(workspace, tmp_path / "bad.pdf", "en",
                        date_from=date(2026, 12, 31), date_to=date(2026, 1, 1))
    assert not (tmp_path / "bad.pdf").exists()


def test_a_failed_report_leaves_no_file_behind(workspace, tmp_path):
    with pytest.raises(NotFound):
        render_memorandum(workspace, "no-such-id", tmp_path / "memo.pdf", "en")
    with pytest.raises(CoordinatorError, match="does not exist"):
        render_briefing(workspace, tmp_path / "missing" / "pack.pdf", "en")
    with pytest.raises(CoordinatorError, match="report language"):
        render_briefing(workspace, tmp_path / "pack.pdf", "de")
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*.partial")) == []


def test_command_line_prints_both_reports(demo_workspace, db_path, tmp_path, capsys):
    memo_pdf, pack_pdf = tmp_path / "memo.pdf", tmp_path / "pack.pdf"
    assert main(["--db", str(db_path), "report", "memorandum", MEMORANDUM_TITLE,
                 "-o", str(memo_pdf), "--lang", "lt"]) == 0
    assert PdfReader(memo_pdf).trailer["/Root"]["/Lang"] == "lt"
    assert main(["--db", str(db_path), "report", "briefing", "--organization", PLUNGE,
                 "--agreement", MEMORANDUM_TITLE, "--from", "2025-01-01",
                 "--to", "2027-12-31", "-o", str(pack_pdf), "--lang", "uk"]) == 0
    # The organisation chosen by its official (Lithuanian) name, named in Ukrainian.
    assert "Плунгеське районне самоврядування" in flat(pages_text(pack_pdf)[0])
    assert "written to" in capsys.readouterr().out


def test_command_line_errors_are_one_clear_line(demo_workspace, db_path, tmp_path, capsys):
    assert main(["--db", str(db_path), "report", "memorandum", "No such memorandum",
                 "-o", str(tmp_path / "x.pdf")]) == 1
    assert main(["--db", str(db_path), "report", "briefing", "--from", "11.02.2026",
                 "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "No such memorandum" in err and "YYYY-MM-DD" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_importing_reports_does_not_load_reportlab():
    code = ("import sys, coordinator_app.reports, coordinator_app.commands.reports, "
            "coordinator_app.ui.report_dialogs; sys.exit('reportlab' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_reportlab_measures_text_with_its_c_accelerator():
    # Without rl_accel, text widths and number formatting run in Python: a quarter of
    # the processor time of a large briefing pack.
    from reportlab.lib import rl_accel

    assert rl_accel.instanceStringWidthTTF.__module__ == "_rl_accel"
    assert rl_accel.fp_str.__module__ == "_rl_accel"

"""Any field of any length prints: text taller than a page splits across pages (table
rows too), words wider than their column wrap, and every character reaches the PDF.
Before, a commitment of some 2,100 characters stopped both reports with ReportLab's
"too large on page"."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from coordinator_app.core.records.models import (
    Activity,
    Affiliation,
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    AidDelivery,
    Commitment,
    ContactPoint,
    Milestone,
    Organization,
    Person,
    PriorityArea,
    Project,
    ProjectAgreement,
    Signatory,
    Source,
)
from coordinator_app.core.records.attachments import attach_bytes
from coordinator_app.reports import render_briefing, render_memorandum
from support.pdf import pages_text, printed_whole, squashed

LETTERS = "abcdefghijklmnoprstuvzабвгґдеєжзиіїйклмнопрстуфхцчшщьюяąčęėįšųūž"
ASCII = "abcdefghijklmnopqrstuvwxyz"


class Writer:
    """Random text of a given length, the same on every run: random words cannot be
    found in a PDF by accident, so finding them proves they were printed."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)

    def word(self, length: int, letters: str = LETTERS) -> str:
        return "".join(self.random.choice(letters) for _ in range(length))

    def words(self, length: int) -> str:
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < length:
            parts.append(self.word(self.random.randint(2, 11)))
            if self.random.random() < 0.05:
                parts.append(self.random.choice(["&", "<b>", "—", "№ 12,", "«ґ»"]))
        return " ".join(parts)[:length].strip()

    def text(self, length: int, unbroken: int) -> str:
        """Words, then one word of `unbroken` letters with no place to break it."""
        return f"{self.words(length - unbroken - 1)} {self.word(unbroken)}"


@pytest.fixture(scope="module")
def long_world(tmp_path_factory):
    """An agreement, its parties, people, projects and sources, every printed field at
    the most its column holds, and text fields thousands of characters long."""
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    folder = tmp_path_factory.mktemp("long-text")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COORDINATOR_HOME", str(folder / "home"))
        db = open_database(folder / "long.sqlite3")
        workspace = Workspace(db)
        w = Writer(6)
        printed: dict[str, str] = {}

        def keep(name: str, value: str) -> str:
            printed[name] = value
            return value

        soon = date.today() + timedelta(days=20)
        with workspace.edit() as edit:
            org = edit.create(
                Organization, name=keep("organization name", w.text(300, 60)), country="UA",
                region=keep("region", w.words(200)),
                website=keep("website", "https://" + w.word(492, ASCII)),
                other_names=keep("other names", w.text(3500, 1500)),
                address=keep("address", w.text(3500, 1500)),
                notes=keep("organization notes", w.text(3500, 3000)))
            partner = edit.create(Organization, name=keep("partner name", w.words(300)),
                                  country="LT")
            person = edit.create(Person, full_name=keep("person name", w.words(300)),
                                 latin_name=keep("latin name", w.text(300, 120)),
                                 languages=keep("languages", w.words(100)))
            edit.create(Affiliation, person_id=person.id, organization_id=org.id,
                        position=keep("position", w.text(300, 150)))
            edit.create(ContactPoint, person_id=person.id, kind="phone",
                        value=keep("phone", "+380 " + "5" * 295))
            edit.create(ContactPoint, person_id=person.id, kind="email",
                        value=keep("e-mail", w.word(200, ASCII) + "@example.org"))
            memo = edit.create(
                Agreement, title=keep("agreement title", w.text(500, 200)),
                signed_place=keep("signed at", w.words(200)),
                purpose=keep("purpose", w.text(12000, 3000)),
                notes=keep("agreement notes", w.text(3500, 1500)))
            for party in (org, partner):
                edit.create(AgreementParty, agreement_id=memo.id, organization_id=party.id)
            edit.create(Signatory, agreement_id=memo.id, person_id=person.id,
                        organization_id=org.id, title_at_signing=keep("title at signing",
                                                                      w.text(300, 100)))
            edit.create(Commitment, agreement_id=memo.id, party_id=org.id, owner_id=person.id,
                        due_on=soon, description=keep("commitment", w.text(3500, 1500)))
            edit.create(Commitment, agreement_id=memo.id, party_id=partner.id, due_on=soon,
                        description=keep("long commitment", w.text(12000, 3000)))
            area = edit.create(PriorityArea, name=keep("priority area", w.words(200)))
            edit.create(AgreementPriorityArea, agreement_id=memo.id, priority_area_id=area.id)
            project = edit.create(Project, title=keep("project title", w.text(500, 150)),
                                  lead_id=org.id, location_id=partner.id)
            edit.create(ProjectAgreement, project_id=project.id, agreement_id=memo.id)
            edit.create(Milestone, project_id=project.id, due_on=soon,
                        title=keep("milestone", w.text(300, 100)))
            edit.create(AidDelivery, project_id=project.id, item=keep("item", w.text(300, 100)),
                        quantity=40, unit=keep("unit", w.word(50)), from_id=partner.id,
                        to_id=org.id, delivered_on=date.today())
            edit.create(Activity, title=keep("activity", w.text(500, 150)),
                        occurs_on=date.today(), agreement_id=memo.id,
                        location=keep("activity place", w.words(300)))
            edit.create(Source, owner_kind="agreement", owner_id=memo.id,
                        title=keep("source", w.words(500)),
                        publisher=keep("publisher", w.words(200)),
                        url=keep("link", "https://example.org/" + w.word(980, ASCII)))
            attach_bytes(edit, "agreement", memo.id, keep("attachment", w.word(251, ASCII) + ".pdf"),
                         b"%PDF-1.7")
        yield workspace, memo.id, org.id, printed, folder
        db.close()


MEMORANDUM_FIELDS = [
    "organization name", "partner name", "person name", "latin name", "agreement title",
    "signed at", "purpose", "agreement notes", "title at signing", "commitment",
    "long commitment", "priority area", "project title", "activity", "activity place",
    "source", "publisher", "link", "attachment",
]


def test_every_field_of_a_memorandum_prints_whole_however_long(long_world):
    workspace, memo_id, _org, printed, folder = long_world
    out = render_memorandum(workspace, memo_id, folder / "memo.pdf", "uk")
    pages = pages_text(out)
    assert len(pages) > 5, "text taller than a page went on to further pages"
    document = "\n".join(pages)
    for name in MEMORANDUM_FIELDS:
        assert printed_whole(printed[name], document), f"{name} is not printed whole"


def test_every_field_of_a_briefing_pack_prints_whole_however_long(long_world):
    workspace, memo_id, org_id, printed, folder = long_world
    out = render_briefing(workspace, folder / "pack.pdf", "lt", organization_ids=[org_id],
                          agreement_ids=[memo_id])
    document = "\n".join(pages_text(out))
    for name, value in printed.items():
        assert printed_whole(value, document), f"{name} is not printed whole"


def test_the_check_finds_text_that_is_cut_short(long_world):
    workspace, memo_id, _org, printed, folder = long_world
    document = "\n".join(pages_text(render_memorandum(workspace, memo_id,
                                                      folder / "check.pdf", "en")))
    text = printed["long commitment"]
    assert printed_whole(text, document)
    assert not printed_whole(text + "zzzzzzzzzzzz", document)
    middle = squashed(document).find(squashed(text)[5000:5020])
    cut = squashed(document)[:middle] + squashed(document)[middle + 100:]
    assert not printed_whole(text, cut), "a hundred characters missing"

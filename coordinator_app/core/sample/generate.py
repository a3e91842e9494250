"""Synthetic but realistic data for trying the app at scale (`coordinator generate`).

Ukrainian people are written in Cyrillic with their passport (KMU 2010) Latin
spelling, Lithuanian people with their diacritics; each has a position at an
organisation, an e-mail and a phone. Agreements have two parties, signatories
and commitments; projects have a lead, a place, partners, milestones and aid
deliveries.

How they are written. Each record is made as a row of values, in its kind's column
order, already in the shape an edit stores (NFC text, defaults filled) and meeting
every rule by construction, and written by core.records.made.insert_made in an edit
of the service: stamped, journalled as one `create` each, recorded for sync and
indexed for search as Edit.create_many writes them, a kind at a time, without a
record object made, normalised and checked per row, which cost more processor time
than SQLite's writing of the rows (tests/test_generate.py checks every generated
record against the rules, and that a fixed seed writes what create_many wrote). It
is committed a step of CHUNK people at a time. Every step is an edit of the same
change set, labelled "Generate", so `workspace.undo` takes all the steps back.
Ids are time-ordered UUIDs (core.records.ids.ordered_id). A person's current country,
which their one position decides, is written in their row as the derived column's
rule gives it (core.records.current_country), not worked out again by an UPDATE.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from coordinator_app.core.search import search_index
from coordinator_app.core.sample import synthetic_names as names
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.text.folding import has_cyrillic, to_latin
from coordinator_app.core.records import current_country, journal, made
from coordinator_app.core.records.ids import ordered_id, ordered_ids
from coordinator_app.core.records.models import (
    Affiliation,
    Agreement,
    AgreementParty,
    AidDelivery,
    Commitment,
    ContactPoint,
    Entity,
    Milestone,
    Organization,
    Person,
    Project,
    ProjectPartner,
    Signatory,
)
from coordinator_app.core.records.service import Workspace
from coordinator_app.core.store.engine import WRITE, bulk_cache
from coordinator_app.sync.bulk import made_in_bulk
from coordinator_app.core.records.tombstones import alive
from coordinator_app.i18n import _

Progress = Callable[[str], None]
#: People written per committed step.
CHUNK = 10_000
#: Agreements, or projects, written per committed step: each brings about three and
#: four records of its own, so a step holds about as many records as one of people.
DEALS_PER_STEP = CHUNK // 4
#: Ids made at a time for new records.
ID_BATCH = 4096
#: The change set's label (scripts/crash_checks.py finds generated sets by it).
LABEL = "Generate"


def _lt_female(surname: str) -> str:
    for ending in ("ius", "as", "is", "ys", "us", "a"):
        if surname.endswith(ending):
            return surname[: -len(ending)] + "ienė"
    return surname


def _uk_surname(rng: random.Random, female: bool) -> str:
    if rng.random() < 0.12:
        return rng.choice(names.UK_SKY) + ("а" if female else "ий")
    surname = rng.choice(names.UK_SURNAMES)
    if female and surname.endswith("ов"):
        surname += "а"
    return surname


def _translit(text: str) -> str:
    """Passport spelling with capitals: Ігор Терехов -> Ihor Terekhov."""
    return " ".join(part.capitalize() for part in to_latin(text).split())


@lru_cache(maxsize=None)
def _spelt(part: str) -> tuple[str, str]:
    """(passport spelling, e-mail login) of one word of a name: a person's are joined
    from their words' (a word's transliteration depends on that word alone), worked
    out once for the few hundred words of the pools rather than once a person."""
    latin = _translit(part)
    return latin, (latin if has_cyrillic(part) else to_latin(part)).lower().replace("'", "")


class Builder:
    """Collects new records as rows per kind (core.records.made), each with its id."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rows: dict[type[Entity], list[list[Any]]] = {}
        #: Ids made ahead, the next one last.
        self.ids: list[str] = []
        #: People made with their current country in their row (current_country.SETTLED).
        self.settled: set[str] = set()

    def maker(self, cls: type[Entity], *fields: str) -> Callable[..., str]:
        """A function that takes the values of `fields` and adds a record of `cls` with
        them, returning its new id."""
        make = made.maker(cls, ("id", *fields))
        rows, ids = self.rows, self.ids

        def add(*values: Any) -> str:
            # Time-ordered: a million rows append to the end of each index of ids.
            if not ids:
                ids.extend(reversed(ordered_ids(ID_BATCH)))
            record_id = ids.pop()
            rows.setdefault(cls, []).append(make(record_id, *values))
            return record_id

        return add

    def setter(self, cls: type[Entity], field: str) -> Callable[[Any], None]:
        """A function that sets `field` of the record of `cls` made last: a value known
        only once records drawn after it are (a person's country, from their position)."""
        index = journal.row_layout(cls).index(field)
        rows = self.rows

        def put(value: Any) -> None:
            rows[cls][-1][index] = value

        return put


def _organizations(b: Builder, count: int) -> list[tuple[str, str]]:
    """(id, country) of new organisations: communities of both countries, associations."""
    found = []
    rng = b.rng
    add = b.maker(Organization, "name", "other_names", "country", "kind", "region", "website")
    for i in range(count):
        ukrainian = rng.random() < 0.6
        if ukrainian:
            town = rng.choice(names.UK_TOWNS)
            suffix = rng.choice(["міська рада", "міська територіальна громада",
                                 "селищна громада", "сільська громада"])
            name = f"{names.UK_TOWN_ADJECTIVES[town]} {suffix}"
            if i % 7 == 6:
                name = f"Асоціація громад «{town}»"
            other, country, region = f"{_translit(town)} community", "UA", \
                f"{_translit(town)} region"
        else:
            town = rng.choice(names.LT_TOWNS)
            stem = names.LT_TOWN_GENITIVES[town]
            suffix = rng.choice(["miesto savivaldybė", "rajono savivaldybė"])
            name, other, country, region = (f"{stem} {suffix}", f"{town} municipality",
                                            "LT", town)
        kind = "association" if i % 7 == 6 else "municipality"
        found.append((add(name, other, country, kind, region, f"https://org{i}.example.org"),
                       country))
    return found


def _people(b: Builder, count: int, orgs: list[tuple[str, str]],
            first_number: int = 0) -> dict[str, list[str]]:
    """New people with a position and contacts; returns person ids by organisation."""
    rng = b.rng
    by_org: dict[str, list[str]] = {}
    uk_orgs = [o for o, country in orgs if country == "UA"] or [o for o, _c in orgs]
    lt_orgs = [o for o, country in orgs if country == "LT"] or [o for o, _c in orgs]
    add_person = b.maker(Person, "full_name", "latin_name", "languages", "notes")
    add_contact = b.maker(ContactPoint, "person_id", "kind", "value")
    add_position = b.maker(Affiliation, "person_id", "organization_id", "position", "start_on")
    # Each person's one position says their current country, written in their row as
    # the derived column's rule gives it, rather than worked out again by an UPDATE.
    settle = b.setter(Person, "current_country")
    country_of, today = dict(orgs), date.today()
    # The rule's answer for each (start, country) drawn: some 10,000 of them for a
    # million people, each worked out once.
    answers: dict[tuple[date, str | None], Any] = {}
    first_day = date(2015, 1, 1)
    for i in range(first_number, first_number + count):
        female = rng.random() < 0.5
        if rng.random() < 0.6:
            first = rng.choice(names.UK_FEMALE if female else names.UK_MALE)
            surname = _uk_surname(rng, female)
            (first_latin, first_login), (surname_latin, surname_login) = (
                _spelt(first), _spelt(surname))
            latin = f"{first_latin} {surname_latin}"
            org_pool, positions, phone, languages = uk_orgs, names.UK_POSITIONS, "+380", \
                "uk, en"
        else:
            first = rng.choice(names.LT_FEMALE if female else names.LT_MALE)
            surname = rng.choice(names.LT_SURNAMES)
            if female:
                surname = _lt_female(surname)
            (_l, first_login), (_s, surname_login) = _spelt(first), _spelt(surname)
            latin = None
            org_pool, positions, phone, languages = lt_orgs, names.LT_POSITIONS, "+370", \
                "lt, en"
        person = add_person(f"{first} {surname}", latin, languages,
                            None if i % 5 else "Контакт з конференції в Плунге.")
        add_contact(person, "email", f"{first_login}.{surname_login}.{i}@example.org")
        add_contact(person, "phone", f"{phone} {rng.randint(10, 99)} {rng.randint(100, 999)} "
                                     f"{rng.randint(1000, 9999)}")
        country = None
        if org_pool:
            org = rng.choice(org_pool)
            position = rng.choice(positions)
            start = first_day + timedelta(days=rng.randint(0, 3650))
            add_position(person, org, position, start)
            by_org.setdefault(org, []).append(person)
            drawn = (start, country_of[org])
            country = answers.get(drawn, answers)
            if country is answers:
                country = answers[drawn] = current_country.of_positions(
                    [(start.isoformat(), None, None, drawn[1])], today)
        if country is not current_country.UNSURE:
            settle(country)
            b.settled.add(person)
    return by_org


def _agreements(b: Builder, count: int, orgs: list[str], staff: dict[str, list[str]]) -> list:
    rng = b.rng
    found = []
    add_agreement = b.maker(Agreement, "title", "kind", "status", "purpose", "signed_on",
                            "signed_place")
    add_party = b.maker(AgreementParty, "agreement_id", "organization_id", "role")
    add_signatory = b.maker(Signatory, "agreement_id", "organization_id", "person_id",
                            "title_at_signing")
    add_commitment = b.maker(Commitment, "agreement_id", "party_id", "description", "owner_id",
                             "due_on", "status")
    places = names.LT_TOWNS + names.UK_TOWNS
    for _i in range(count):
        first, second = rng.sample(orgs, 2)
        signed = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1500))
        status = rng.choice(["draft", "negotiation", "signed", "active", "expired"])
        agreement = add_agreement(f"Меморандум про співпрацю № {rng.randint(1, 999)}",
                                  rng.choice(["memorandum", "mou", "twinning", "partnership"]),
                                  status, rng.choice(names.PURPOSES),
                                  None if status in ("draft", "negotiation") else signed,
                                  rng.choice(places))
        for org in (first, second):
            add_party(agreement, org, "party")
            if staff.get(org):
                add_signatory(agreement, org, rng.choice(staff[org]), "Міський голова")
        for k in range(rng.randint(1, 3)):
            party = (first, second)[k % 2]
            add_commitment(
                agreement, party,
                f"Передати {rng.choice(names.ITEMS_UK).lower()} партнерській громаді",
                rng.choice(staff[party]) if staff.get(party) else None,
                signed + timedelta(days=rng.randint(30, 400)),
                rng.choice(["open", "in_progress", "done"]))
        found.append(agreement)
    return found


def _projects(b: Builder, count: int, orgs: list[str]) -> None:
    rng = b.rng
    add_project = b.maker(Project, "title", "description", "status", "lead_id", "location_id",
                          "start_on", "end_on", "budget_minor", "currency")
    add_partner = b.maker(ProjectPartner, "project_id", "organization_id", "role")
    add_milestone = b.maker(Milestone, "project_id", "title", "due_on")
    add_delivery = b.maker(AidDelivery, "project_id", "item", "quantity", "unit", "from_id",
                           "to_id", "delivered_on")
    for _i in range(count):
        lead, place = rng.sample(orgs, 2)
        k = rng.randrange(len(names.ITEMS_EN))
        start = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
        project = add_project(
            f"{names.ITEMS_UK[k]} для громади",
            f"Delivery of {names.ITEMS_EN[k]} to a frontline community.",
            rng.choice(["planned", "active", "completed"]), lead, place, start,
            start + timedelta(days=365), rng.randint(1, 500) * 100_000, "EUR")
        add_partner(project, rng.choice(orgs), rng.choice(["partner", "donor", "implementer"]))
        add_milestone(project, "Закупівля", start + timedelta(days=60))
        add_delivery(project, names.ITEMS_EN[k], float(rng.randint(1, 100)), "pcs", lead, place,
                     start + timedelta(days=90))


def generate(workspace: Workspace, *, people: int = 0, organizations: int = 0,
             agreements: int = 0, projects: int = 0, seed: int | None = None,
             progress: Progress | None = None) -> dict[str, int]:
    """Add synthetic records, committed a step at a time; returns counts by kind."""
    if min(people, organizations, agreements, projects) < 0:
        raise CoordinatorError(_("the numbers of records to generate cannot be negative"))
    say = progress or (lambda _message: None)
    rng = random.Random(seed)
    b = Builder(rng)
    with workspace.read() as session:
        existing = session.execute(select(Organization.id, Organization.country).where(
            alive(Organization))).all()
    orgs = [tuple(row) for row in existing]
    if (people or agreements or projects) and len(orgs) + organizations < 2:
        organizations = max(organizations, 2)
    say(_("Writing the records…"))
    counts: dict[str, int] = {}
    with workspace.db.engine.connect().execution_options(**{WRITE: True}) as connection, \
            bulk_cache(connection):
        # Pragmas go to the driver's connection, outside any transaction: a checkpoint
        # inside one cannot finish.
        driver = connection.connection.driver_connection
        steps = _Steps(workspace, connection, driver, b, ordered_id(), counts)
        _generate(steps, b, orgs, say, organizations=organizations, people=people,
                  agreements=agreements, projects=projects)
    workspace.last_change_set = steps.change_set
    return counts


class _Steps:
    """Writes what the builder holds as one committed step of the change set.

    A million people in one transaction kept gigabytes of write-ahead log that no
    checkpoint could fold back until the end, and lost everything if stopped; each
    step is committed, and the log is folded into the database and emptied after
    it, so it stays the size of one step. All steps share the change set, so one
    undo still takes the whole set back."""

    def __init__(self, workspace: Workspace, connection, driver, b: Builder,
                 change_set: str, counts: dict[str, int]):
        self.workspace = workspace
        self.connection = connection
        self.driver = driver
        self.b = b
        self.change_set = change_set
        self.counts = counts

    def write(self) -> None:
        with self.workspace.edit(LABEL, change_set=self.change_set,
                                 connection=self.connection) as edit:
            edit.session.info[current_country.SETTLED] = self.b.settled
            # A kind at a time, in the order the builder first met them: organisations
            # before the people who work there, parties before their signatories.
            for cls, rows in self.b.rows.items():
                made.insert_made(edit.session, cls, rows)
                self.counts[cls.KIND] = self.counts.get(cls.KIND, 0) + len(rows)
            self.b.rows.clear()
        self.b.settled = set()
        self.driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def finish(self) -> None:
        # After the last commit, which wrote the last step's index rows; merged a
        # committed step at a time, so that the log stays as small as a load's step.
        merged = True
        while merged:
            with self.connection.begin():
                merged = search_index.merge_step(self.connection)
            self.driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _generate(steps: _Steps, b: Builder, orgs: list, say: Progress, *, organizations: int,
              people: int, agreements: int, projects: int) -> None:
    # Each step makes some forty thousand records and rows, none in a cycle, and the
    # cycle collector, run every few hundred objects made, walked all of them: a
    # tenth of the processor time. It is paused for a step and runs between steps,
    # so what one step leaves is still collected (sync.bulk).
    with made_in_bulk():
        orgs += _organizations(b, organizations)
        steps.write()
    staff: dict[str, list[str]] = {}
    for start in range(0, people, CHUNK):
        with made_in_bulk():
            for org, members in _people(b, min(CHUNK, people - start), orgs, start).items():
                staff.setdefault(org, []).extend(members)
            steps.write()
        say(_("{count} people written").format(count=min(start + CHUNK, people)))
    org_ids = [org for org, _country in orgs]
    # In steps too: a million people come with 50,000 agreements and 50,000 projects,
    # which in one step made a log of gigabytes again. The random draws are those of
    # one call each, in the same order, so a seed still gives the same records.
    for make, count, message in (
            (lambda n: _agreements(b, n, org_ids, staff), agreements,
             _("{count} agreements written")),
            (lambda n: _projects(b, n, org_ids), projects, _("{count} projects written"))):
        for start in range(0, count, DEALS_PER_STEP):
            with made_in_bulk():
                make(min(DEALS_PER_STEP, count - start))
                steps.write()
            say(message.format(count=min(start + DEALS_PER_STEP, count)))
    steps.finish()

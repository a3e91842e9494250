"""Rules a record must meet before its transaction may commit.

The service runs a record's rules at each step of an edit (Edit.create, update,
restore, revert), against what the edit has written so far: within one edit a
party is added before the signatory who signs for it. A broken rule raises
ValidationError and the whole edit is rolled back. `check_removal` guards
deletions that would leave other records breaking a rule.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from sqlalchemy import Text, func, inspect, select
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry, vocab
from coordinator_app.core.records.journal import journaled_columns
from coordinator_app.core.records.removal import in_the_way
from coordinator_app.core.records.tombstones import alive, shown
from coordinator_app.core.records import languages
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.text.formatting import LARGEST_NUMBER, amount_too_large, format_number
from coordinator_app.core.records.filenames import filename_problem
from coordinator_app.core.store.driver import Driver
from coordinator_app.core.records.models import (
    Activity,
    ActivityParticipant,
    Affiliation,
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    AidDelivery,
    Attachment,
    Commitment,
    ContactPoint,
    Entity,
    Milestone,
    Need,
    Organization,
    Person,
    Pledge,
    PriorityArea,
    Project,
    ProjectAgreement,
    ProjectPartner,
    ProjectPriorityArea,
    Signatory,
    Source,
    Tag,
    TagLink,
)
from coordinator_app.i18n import _

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()\-./]{4,}$")
#: @name or a t.me link (Telegram usernames: 5-32 of letters, digits and _).
TELEGRAM = re.compile(r"^(@|https?://t\.me/)?[A-Za-z][A-Za-z0-9_]{4,31}$")
SIGNAL = re.compile(r"^@?[A-Za-z0-9_]{3,32}\.[0-9]{2,10}$")
URL = re.compile(r"^(https?://)?[^\s/$.?#].[^\s]*$", re.IGNORECASE)

#: Control characters (C0 and DEL) refused in a single line of text, and in text of
#: several lines all but tab and the line breaks.
SINGLE_LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
MULTI_LINE_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Rule = Callable[[Session, Entity], None]
RULES: dict[type[Entity], list[Rule]] = {}


def rule(*kinds: type[Entity]):
    def register(func: Rule) -> Rule:
        for kind in kinds:
            RULES.setdefault(kind, []).append(func)
        return func

    return register


def fail(obj: Entity, field: str, message: str) -> None:
    raise ValidationError(message, entity=obj.KIND, field=field)


def required(obj: Entity, field: str, message: str) -> None:
    value = getattr(obj, field)
    if value is None or (isinstance(value, str) and not value.strip()):
        fail(obj, field, message)


def one_of(obj: Entity, field: str, choices: dict[str, str]) -> None:
    value = getattr(obj, field)
    if value not in choices:
        fail(obj, field, _("“{value}” is not one of: {choices}").format(
            value=value, choices=", ".join(choices)))


def in_order(obj: Entity, first: str, second: str, message: str) -> None:
    a: date | None = getattr(obj, first)
    b: date | None = getattr(obj, second)
    if a is not None and b is not None and b < a:
        fail(obj, second, message)


#: Key of session.info: {model: ids of its records known live}, which the bulk path
#: (Edit.create_many) reads for all its rows in one query per link, so that checking
#: ten thousand contacts loads no person.
LIVE_IDS = "live_ids"


def live(session: Session, obj: Entity, field: str, target: type[Entity]) -> None:
    """The record `field` points at exists and is not deleted. Asked when the link is
    made or changed: one left as it was may point at a record deleted since (it then
    shows as empty), and the rest of the record stays editable."""
    target_id = getattr(obj, field)
    if target_id is None:
        return
    # Known live first: the bulk path's ten thousand links then never ask the ORM
    # for the record's state.
    if target_id in session.info.get(LIVE_IDS, {}).get(target, ()):
        return
    state = inspect(obj)
    if state.has_identity and not state.attrs[field].history.has_changes():
        return
    if shown(session.get(target, target_id)) is None:
        fail(obj, field, _("the linked record no longer exists (it may have been deleted)"))


#: Key of session.info: {agreement id: ids of its live parties' organisations}, which
#: the bulk path (Edit.create_many) reads for all its rows' agreements in one query per
#: 500 agreements (`known_parties`): a party, signatory or commitment each asked the
#: database who the parties are, which cost more than checking all else of the record.
PARTIES = "agreement_parties"


def known_parties(session: Session, cls: type[Entity], objs: list[Entity]
                  ) -> dict[str, set[str]] | None:
    """{agreement id: its live parties' organisation ids} of every agreement `objs`
    belong to, if the rules of `cls` ask who an agreement's parties are; else None."""
    if cls not in (AgreementParty, Signatory, Commitment):
        return None
    ids = sorted({obj.agreement_id for obj in objs} - {None})
    found: dict[str, set[str]] = {agreement: set() for agreement in ids}
    driver = Driver.of(session)
    for start in range(0, len(ids), 500):
        batch = ids[start:start + 500]
        # What alive(AgreementParty, links=False) keeps: the party row itself is live.
        for agreement, organization in driver.execute(
                "SELECT agreement_id, organization_id FROM agreement_parties "
                f"WHERE deleted_at IS NULL AND agreement_id IN ({', '.join('?' * len(batch))})",
                batch):
            found[agreement].add(organization)
    return found


@rule(Organization)
def _organization(session: Session, obj: Organization) -> None:
    required(obj, "name", _("an organisation needs a name"))
    one_of(obj, "kind", vocab.ORGANIZATION_KINDS)
    if obj.country is not None and obj.country not in vocab.COUNTRIES:
        fail(obj, "country", _("“{code}” is not an ISO 3166 country code (e.g. UA, LT)").format(
            code=obj.country))
    if obj.website is not None and not URL.match(obj.website):
        fail(obj, "website", _("“{url}” is not a web address").format(url=obj.website))
    live(session, obj, "parent_id", Organization)
    if obj.parent_id is not None:
        seen, current = {obj.id}, obj.parent_id
        while current is not None:
            if current in seen:
                fail(obj, "parent_id", _("an organisation cannot be a member of itself"))
            seen.add(current)
            parent = session.get(Organization, current)
            current = parent.parent_id if parent else None


@rule(Person)
def _person(session: Session, obj: Person) -> None:
    required(obj, "full_name", _("a person needs a name"))


@rule(Affiliation)
def _affiliation(session: Session, obj: Affiliation) -> None:
    live(session, obj, "person_id", Person)
    live(session, obj, "organization_id", Organization)
    in_order(obj, "start_on", "end_on", _("the position cannot end before it starts"))


@rule(ContactPoint)
def _contact(session: Session, obj: ContactPoint) -> None:
    one_of(obj, "kind", vocab.CONTACT_KINDS)
    required(obj, "value", _("the contact needs a value"))
    if (obj.person_id is None) == (obj.organization_id is None):
        fail(obj, "person_id", _("a contact belongs to exactly one person or organisation"))
    live(session, obj, "person_id", Person)
    live(session, obj, "organization_id", Organization)
    if obj.kind == "email" and not EMAIL.match(obj.value):
        fail(obj, "value", _("“{value}” is not an e-mail address").format(value=obj.value))
    if obj.kind in ("phone", "whatsapp", "viber") and not PHONE.match(obj.value):
        fail(obj, "value", _("“{value}” is not a phone number (digits, spaces, + ( ) -)").format(
            value=obj.value))
    if obj.kind == "telegram" and not (PHONE.match(obj.value) or TELEGRAM.match(obj.value)):
        fail(obj, "value", _("“{value}” is not a phone number or a Telegram username "
                             "(@name, at least 5 letters, digits or _)").format(value=obj.value))
    if obj.kind == "signal" and not (PHONE.match(obj.value) or SIGNAL.match(obj.value)):
        fail(obj, "value", _("“{value}” is not a phone number or a Signal username "
                             "(such as name.01)").format(value=obj.value))


@rule(Tag)
def _tag(session: Session, obj: Tag) -> None:
    required(obj, "name", _("a tag needs a name"))


@rule(TagLink)
def _tag_link(session: Session, obj: TagLink) -> None:
    live(session, obj, "tag_id", Tag)
    _owner(session, obj, "entity_kind", "entity_id")
    unique_link(session, obj, "tag_id", "entity_kind", "entity_id")


@rule(PriorityArea)
def _priority_area(session: Session, obj: PriorityArea) -> None:
    required(obj, "name", _("a priority area needs a name"))
    twin = session.scalar(select(PriorityArea.id).where(
        func.lower(PriorityArea.name) == obj.name.lower(),
        alive(PriorityArea), PriorityArea.id != obj.id))
    if twin:
        fail(obj, "name", _("there is already a priority area “{name}”").format(name=obj.name))


def unique_link(session: Session, obj: Entity, *fields: str) -> None:
    """No second live link between the same two records (an area listed twice)."""
    cls = type(obj)
    twin = session.scalar(select(cls.id).where(
        *(getattr(cls, f) == getattr(obj, f) for f in fields),
        alive(cls, links=False), cls.id != obj.id))
    if twin:
        fail(obj, fields[-1], _("this link is already there"))


@rule(Agreement)
def _agreement(session: Session, obj: Agreement) -> None:
    required(obj, "title", _("an agreement needs a title"))
    one_of(obj, "kind", vocab.AGREEMENT_KINDS)
    one_of(obj, "status", vocab.AGREEMENT_STATUSES)
    in_order(obj, "signed_on", "expires_on", _("the agreement cannot expire before it is signed"))
    in_order(obj, "effective_from", "expires_on",
             _("the agreement cannot expire before it takes effect"))
    if obj.status in ("signed", "active") and obj.signed_on is None:
        fail(obj, "signed_on", _("a signed agreement needs its date of signing"))


@rule(AgreementParty)
def _party(session: Session, obj: AgreementParty) -> None:
    live(session, obj, "agreement_id", Agreement)
    live(session, obj, "organization_id", Organization)
    one_of(obj, "role", vocab.PARTY_ROLES)
    parties = session.info.get(PARTIES, {}).get(obj.agreement_id)
    if parties is not None:
        # The bulk path's new party: any live party of the pair is a twin, and so is
        # an earlier row of the same call, as it would be after that row's own create.
        twin = obj.organization_id in parties
        parties.add(obj.organization_id)
    else:
        twin = session.scalar(select(AgreementParty.id).where(
            AgreementParty.agreement_id == obj.agreement_id,
            AgreementParty.organization_id == obj.organization_id,
            alive(AgreementParty, links=False),
            AgreementParty.id != obj.id,
        ))
    if twin:
        fail(obj, "organization_id", _("this organisation is already a party"))


@rule(Signatory)
def _signatory(session: Session, obj: Signatory) -> None:
    live(session, obj, "agreement_id", Agreement)
    live(session, obj, "person_id", Person)
    live(session, obj, "organization_id", Organization)
    if not _is_party(session, obj.agreement_id, obj.organization_id):
        fail(obj, "organization_id",
             _("the signatory must sign for one of the agreement's parties"))


@rule(Commitment)
def _commitment(session: Session, obj: Commitment) -> None:
    live(session, obj, "agreement_id", Agreement)
    required(obj, "description", _("a commitment needs a description"))
    one_of(obj, "status", vocab.COMMITMENT_STATUSES)
    live(session, obj, "party_id", Organization)
    live(session, obj, "owner_id", Person)
    if obj.party_id is not None and not _is_party(session, obj.agreement_id, obj.party_id):
        fail(obj, "party_id", _("the commitment's party must be a party of the agreement"))


@rule(AgreementPriorityArea)
def _agreement_area(session: Session, obj: AgreementPriorityArea) -> None:
    live(session, obj, "agreement_id", Agreement)
    live(session, obj, "priority_area_id", PriorityArea)
    unique_link(session, obj, "agreement_id", "priority_area_id")


@rule(Project)
def _project(session: Session, obj: Project) -> None:
    required(obj, "title", _("a project needs a title"))
    one_of(obj, "status", vocab.PROJECT_STATUSES)
    live(session, obj, "lead_id", Organization)
    live(session, obj, "location_id", Organization)
    in_order(obj, "start_on", "end_on", _("the project cannot end before it starts"))
    if obj.budget_minor is not None:
        if obj.budget_minor < 0:
            fail(obj, "budget_minor", _("the budget cannot be negative"))
        if obj.currency is None:
            fail(obj, "currency", _("a budget needs its currency"))
    if obj.currency is not None and obj.currency not in vocab.CURRENCIES:
        fail(obj, "currency", _("“{code}” is not an ISO 4217 currency code (e.g. EUR, UAH)")
             .format(code=obj.currency))


@rule(ProjectPartner)
def _partner(session: Session, obj: ProjectPartner) -> None:
    live(session, obj, "project_id", Project)
    live(session, obj, "organization_id", Organization)
    one_of(obj, "role", vocab.PARTNER_ROLES)
    if obj.contribution_minor is not None and obj.contribution_minor < 0:
        fail(obj, "contribution_minor", _("a contribution cannot be negative"))


@rule(ProjectAgreement)
def _project_agreement(session: Session, obj: ProjectAgreement) -> None:
    live(session, obj, "project_id", Project)
    live(session, obj, "agreement_id", Agreement)
    unique_link(session, obj, "project_id", "agreement_id")


@rule(ProjectPriorityArea)
def _project_area(session: Session, obj: ProjectPriorityArea) -> None:
    live(session, obj, "project_id", Project)
    live(session, obj, "priority_area_id", PriorityArea)
    unique_link(session, obj, "project_id", "priority_area_id")


@rule(Milestone)
def _milestone(session: Session, obj: Milestone) -> None:
    live(session, obj, "project_id", Project)
    required(obj, "title", _("a milestone needs a title"))
    one_of(obj, "status", vocab.MILESTONE_STATUSES)


@rule(AidDelivery)
def _delivery(session: Session, obj: AidDelivery) -> None:
    live(session, obj, "project_id", Project)
    required(obj, "item", _("say what was delivered"))
    required(obj, "quantity", _("a delivery needs a quantity"))
    if obj.quantity is not None and obj.quantity <= 0:
        fail(obj, "quantity", _("the quantity must be more than zero"))
    live(session, obj, "from_id", Organization)
    live(session, obj, "to_id", Organization)
    live(session, obj, "pledge_id", Pledge)


@rule(Need)
def _need(session: Session, obj: Need) -> None:
    live(session, obj, "organization_id", Organization)
    required(obj, "item", _("say what is needed"))
    required(obj, "quantity", _("a need has a quantity"))
    if obj.quantity is not None and obj.quantity <= 0:
        fail(obj, "quantity", _("the quantity must be more than zero"))
    one_of(obj, "status", vocab.NEED_STATUSES)
    one_of(obj, "priority", vocab.NEED_PRIORITIES)


@rule(Pledge)
def _pledge(session: Session, obj: Pledge) -> None:
    live(session, obj, "need_id", Need)
    live(session, obj, "organization_id", Organization)
    required(obj, "quantity", _("a pledge has a quantity"))
    if obj.quantity is not None and obj.quantity <= 0:
        fail(obj, "quantity", _("the quantity must be more than zero"))


@rule(Activity)
def _activity(session: Session, obj: Activity) -> None:
    required(obj, "title", _("an activity needs a title"))
    required(obj, "occurs_on", _("an activity needs a date"))
    one_of(obj, "kind", vocab.ACTIVITY_KINDS)
    live(session, obj, "agreement_id", Agreement)
    live(session, obj, "project_id", Project)


@rule(ActivityParticipant)
def _participant(session: Session, obj: ActivityParticipant) -> None:
    live(session, obj, "activity_id", Activity)
    if obj.person_id is None and obj.organization_id is None:
        fail(obj, "person_id", _("a participant is a person or an organisation"))
    live(session, obj, "person_id", Person)
    live(session, obj, "organization_id", Organization)


@rule(Attachment, Source)
def _document(session: Session, obj: Attachment | Source) -> None:
    _owner(session, obj, "owner_kind", "owner_id")
    if isinstance(obj, Attachment):
        required(obj, "filename", _("an attachment needs a file name"))
        problem = filename_problem(obj.filename)
        if problem:
            fail(obj, "filename", problem)
    else:
        required(obj, "title", _("a source needs a title"))
        if obj.url is not None and not URL.match(obj.url):
            fail(obj, "url", _("“{url}” is not a web address").format(url=obj.url))


def _owner(session: Session, obj: Entity, kind_field: str, id_field: str) -> None:
    spec = registry.BY_NAME.get(getattr(obj, kind_field))
    if spec is None:
        fail(obj, kind_field, _("unknown kind of record"))
    live(session, obj, id_field, spec.model)


def _is_party(session: Session, agreement_id: str, organization_id: str | None) -> bool:
    parties = session.info.get(PARTIES, {}).get(agreement_id)
    if parties is not None:
        return organization_id in parties
    return session.scalar(select(AgreementParty.id).where(
        AgreementParty.agreement_id == agreement_id,
        AgreementParty.organization_id == organization_id,
        alive(AgreementParty, links=False),
    )) is not None


def check_removal(session: Session, obj: Entity) -> None:
    """Refuse to delete a record that live records still depend on in a way the rules
    forbid (see core.records.removal): the agreement's record of who signed for whom must not
    point at nothing."""
    found = in_the_way(session, obj)
    if found is not None:
        fail(obj, found.field, found.message)


def validate(session: Session, obj: Entity) -> None:
    if obj.deleted_at is not None:
        return  # a tombstone need not be valid; restoring it validates it again
    _fits_columns(obj)
    _languages_known(obj)
    for check in RULES.get(type(obj), ()):
        check(session, obj)
    _links_present(obj)


def _languages_known(obj: Entity) -> None:
    for field in obj.TRANSLATABLE:
        lang = getattr(obj, languages.lang_column(field))
        if lang is not None and lang not in languages.LANGUAGES:
            fail(obj, languages.lang_column(field),
                 _("“{value}” is not a language of the records; choose one of: {languages}")
                 .format(value=lang, languages=", ".join(languages.LANGUAGES)))


def _fits_columns(obj: Entity) -> None:
    """Every value fits its column: text no longer than the column holds and free of
    control characters, numbers finite and of a size a person could mean. Checked
    before the kind's own rules, so that a NUL in an e-mail address is called that."""
    # Read from the record's dict where it holds the value: ten thousand records of
    # an import pass through here, each column through the ORM's descriptor otherwise.
    values = obj.__dict__
    for key, multi_line, limit in _column_limits(type(obj)):
        value = values[key] if key in values else getattr(obj, key)
        if value is None:
            continue
        if isinstance(value, str):
            control = (MULTI_LINE_CONTROLS if multi_line else SINGLE_LINE_CONTROLS).search(value)
            if control:
                fail(obj, key, _("contains a control character (U+{code:04X}) at position "
                                 "{position}; remove it").format(
                    code=ord(control.group()), position=control.start() + 1))
            if limit is not None and len(value) > limit:
                fail(obj, key, _("is too long: {length} characters, at most {limit}").format(
                    length=len(value), limit=limit))
        elif isinstance(value, float) and not math.isfinite(value):
            fail(obj, key, _("“{value}” is not a number").format(value=value))
        elif (isinstance(value, (int, float)) and not isinstance(value, bool)
              and abs(value) > LARGEST_NUMBER):
            _too_large(obj, key)


@lru_cache(maxsize=None)
def _column_limits(cls: type[Entity]) -> tuple[tuple[str, bool, int | None], ...]:
    """(key, holds several lines, longest text) of each journaled column of a kind."""
    columns = inspect(cls).columns
    return tuple((key, isinstance(columns[key].type, Text),
                  getattr(columns[key].type, "length", None))
                 for key in journaled_columns(cls))


def _too_large(obj: Entity, key: str) -> None:
    if key.endswith("_minor"):  # money, in minor units: say the limit as money
        fail(obj, key, amount_too_large(getattr(obj, "currency", None)))
    fail(obj, key, _("the number is too large; at most {limit}").format(
        limit=format_number(LARGEST_NUMBER)))


def _links_present(obj: Entity) -> None:
    # A required link left empty would only surface as the database's NOT NULL
    # error at commit; say which one instead.
    for key in _required_links(type(obj)):
        if getattr(obj, key) is None:
            fail(obj, key, _("say which record this belongs to ({field} is empty)")
                 .format(field=key))


@lru_cache(maxsize=None)
def _required_links(cls: type[Entity]) -> tuple[str, ...]:
    return tuple(column.key for column in inspect(cls).columns
                 if column.foreign_keys and not column.nullable)

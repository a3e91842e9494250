"""What stands in the way of deleting a record: an organisation that is a party to
agreements or has needs or pledges recorded, a person who signed agreements, a
party with signatories or commitments.

The editor asks before offering to delete, so it can say why not, with the
records in the way a click away; the service asks again when it deletes, so no
path around the screen (command line, import, sync) leaves an agreement's record
of who signed for whom pointing at nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coordinator_app.core.records.models import (
    Agreement,
    AgreementParty,
    Commitment,
    Entity,
    Need,
    Organization,
    Person,
    Pledge,
    Signatory,
)
from coordinator_app.core.records.tombstones import alive
from coordinator_app.i18n import _, ngettext

#: Records named in a refusal; the rest are counted.
SHOWN = 10


@dataclass(frozen=True)
class InTheWay:
    """Why a record cannot be deleted yet, in sentences, and the records in the way."""

    field: str
    #: What is in the way, ending with a colon when `records` follow it.
    reason: str
    #: What to do about it.
    remedy: str
    #: (kind, id, title) of the records in the way, the first SHOWN of them.
    records: tuple[tuple[str, str, str], ...] = ()
    #: How many there are in all.
    count: int = 0

    @property
    def message(self) -> str:
        """All of it as one text, for a message with no links (the command line)."""
        if not self.records:
            return f"{self.reason} {self.remedy}"
        titles = "; ".join(f"“{title}”" for _kind, _id, title in self.records)
        more = self.count - len(self.records)
        if more > 0:
            titles += " " + ngettext("and {n} more", "and {n} more", more).format(n=more)
        return f"{self.reason} {titles}. {self.remedy}"


def _agreements(session: Session, link: type[Entity], column: str,
                record_id: str) -> tuple[list[tuple[str, str, str]], int]:
    where = (getattr(link, column) == record_id, alive(link), alive(Agreement))
    joined = select(Agreement.id, Agreement.title).join(
        link, link.agreement_id == Agreement.id).where(*where).distinct()
    rows = session.execute(joined.order_by(Agreement.sort_key).limit(SHOWN)).all()
    count = len(rows)
    if count == SHOWN:
        count = session.scalar(select(func.count()).select_from(joined.subquery()))
    return [("agreement", row.id, row.title) for row in rows], count


def _needs(session: Session, organization_id: str) -> tuple[list[tuple[str, str, str]], int]:
    """The organisation's own needs, and those it pledged to cover."""
    pledged = select(Pledge.need_id).where(Pledge.organization_id == organization_id,
                                           alive(Pledge, links=False))
    found = select(Need.id, Need.item).where(
        alive(Need, links=False),
        or_(Need.organization_id == organization_id, Need.id.in_(pledged)))
    rows = session.execute(found.order_by(Need.sort_key).limit(SHOWN)).all()
    count = len(rows)
    if count == SHOWN:
        count = session.scalar(select(func.count()).select_from(found.subquery()))
    return [("need", row.id, row.item) for row in rows], count


def in_the_way(session: Session, obj: Entity) -> InTheWay | None:
    """What keeps `obj` from being deleted now, or None when nothing does."""
    if isinstance(obj, Organization):
        records, count = _agreements(session, AgreementParty, "organization_id", obj.id)
        if records:
            if count == 1:
                reason = _("“{name}” is a party to this agreement:")
                remedy = _("Remove it from the agreement, or delete the agreement, first.")
            else:
                reason = ngettext("“{name}” is a party to {n} agreement:",
                                  "“{name}” is a party to these {n} agreements:", count)
                remedy = _("Remove it from them, or delete those agreements, first.")
            return InTheWay("id", reason.format(name=obj.name, n=count), remedy,
                            tuple(records), count)
    if isinstance(obj, Organization):
        records, count = _needs(session, obj.id)
        if records:
            if count == 1:
                reason = _("“{name}” has this need, or a pledge to it, recorded:")
            else:
                reason = ngettext("“{name}” has {n} need, or pledges to them, recorded:",
                                  "“{name}” has these {n} needs, or pledges to them, recorded:",
                                  count)
            return InTheWay("id", reason.format(name=obj.name, n=count),
                            _("Delete those first."), tuple(records), count)
    if isinstance(obj, Person):
        records, count = _agreements(session, Signatory, "person_id", obj.id)
        if records:
            if count == 1:
                reason = _("“{name}” signed this agreement:")
                remedy = _("Remove the signature from it first.")
            else:
                reason = ngettext("“{name}” signed {n} agreement:",
                                  "“{name}” signed these {n} agreements:", count)
                remedy = _("Remove the signatures from them first.")
            return InTheWay("id", reason.format(name=obj.full_name, n=count), remedy,
                            tuple(records), count)
    if isinstance(obj, AgreementParty):
        signs = session.scalar(select(Signatory.id).where(
            Signatory.agreement_id == obj.agreement_id,
            Signatory.organization_id == obj.organization_id,
            alive(Signatory, links=False)))
        owes = session.scalar(select(Commitment.id).where(
            Commitment.agreement_id == obj.agreement_id,
            Commitment.party_id == obj.organization_id,
            alive(Commitment, links=False)))
        if signs or owes:
            return InTheWay("organization_id", _(
                "This party still has signatories or commitments in the agreement."),
                _("Remove those first."))
    return None

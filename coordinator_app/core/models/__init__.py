"""Every record kind of the domain, importable from one place."""

from coordinator_app.core.models.activities import Activity, ActivityParticipant
from coordinator_app.core.models.agreements import (
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    Commitment,
    Signatory,
)
from coordinator_app.core.models.base import Base, Entity
from coordinator_app.core.models.directory import (
    Affiliation,
    ContactPoint,
    Organization,
    Person,
    PriorityArea,
    Tag,
    TagLink,
)
from coordinator_app.core.models.documents import Attachment, Source
from coordinator_app.core.models.journal import Change, Replica
from coordinator_app.core.models.projects import (
    AidDelivery,
    Milestone,
    Project,
    ProjectAgreement,
    ProjectPartner,
    ProjectPriorityArea,
)

ENTITIES: tuple[type[Entity], ...] = (
    Organization, Person, Affiliation, ContactPoint, Tag, TagLink, PriorityArea,
    Agreement, AgreementParty, Signatory, Commitment, AgreementPriorityArea,
    Project, ProjectPartner, ProjectAgreement, ProjectPriorityArea, Milestone, AidDelivery,
    Activity, ActivityParticipant, Attachment, Source,
)
BY_KIND: dict[str, type[Entity]] = {cls.KIND: cls for cls in ENTITIES}

__all__ = [cls.__name__ for cls in ENTITIES] + [
    "Base", "Entity", "Change", "Replica", "ENTITIES", "BY_KIND",
]

"""Every model of the domain, importable from one place (core.registry declares the kinds)."""

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
from coordinator_app.core.models.needs import Need, Pledge
from coordinator_app.core.models.projects import (
    AidDelivery,
    Milestone,
    Project,
    ProjectAgreement,
    ProjectPartner,
    ProjectPriorityArea,
)

__all__ = [
    "Activity", "ActivityParticipant", "Affiliation", "Agreement", "AgreementParty",
    "AgreementPriorityArea", "AidDelivery", "Attachment", "Base", "Change", "Commitment",
    "ContactPoint", "Entity", "Milestone", "Need", "Organization", "Person", "Pledge", "PriorityArea", "Project",
    "ProjectAgreement", "ProjectPartner", "ProjectPriorityArea", "Replica", "Signatory",
    "Source", "Tag", "TagLink",
]

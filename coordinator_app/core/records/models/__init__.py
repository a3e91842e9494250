"""Every model of the domain, importable from one place (core.records.registry declares the kinds)."""

from coordinator_app.core.records.models.activities import Activity, ActivityParticipant
from coordinator_app.core.records.models.agreements import (
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    Commitment,
    Signatory,
)
from coordinator_app.core.records.models.base import Base, Entity
from coordinator_app.core.records.models.directory import (
    Affiliation,
    ContactPoint,
    Organization,
    Person,
    PriorityArea,
    Tag,
    TagLink,
)
from coordinator_app.core.records.models.documents import Attachment, Source
from coordinator_app.core.records.models.journal import Change, Replica
from coordinator_app.core.records.models.needs import Need, Pledge
from coordinator_app.core.records.models.sync import SyncHead, SyncOperation, SyncPeer, SyncState
from coordinator_app.core.records.models.projects import (
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
    "Source", "SyncHead", "SyncOperation", "SyncPeer", "SyncState", "Tag", "TagLink",
]

# The registry gives the models the columns of their translatable fields
# (core.records.languages): loading it with the models means no model is ever used
# without them, whichever is imported first. (Not with the whole core.records
# package: the first window reads its vocabularies and names without the models.)
from coordinator_app.core.records import registry as _registry  # noqa: E402,F401

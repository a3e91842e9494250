"""A small database in which every foreign key of every model is filled, each link with
records of its own, and every record that shows text carries a marker word found
nowhere else: the ground on which the tombstone tests walk every relation.

`views` gathers what the app shows of each record (its `show` output, search index
row and subtitle, report facts, list rows) so a test can ask where a marker appears.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, timedelta

from sqlalchemy import inspect, select

from coordinator_app.core.records.ids import utcnow
from coordinator_app.core.records.models import (
    Activity,
    ActivityParticipant,
    Affiliation,
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    AidDelivery,
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
    Tag,
    TagLink,
)
from coordinator_app.core.records import registry
from coordinator_app.core.records.registry import MODELS
from coordinator_app.core.records.service import Workspace

#: Every kind with a page of its own, needs included: the registry says which.
TOP_LEVEL = tuple(spec.model for spec in registry.TOP_LEVEL)


def foreign_keys() -> list[tuple[type[Entity], str, type[Entity]]]:
    """(model, column, model it points at) of every foreign key, read from the mappers."""
    by_table = {cls.__tablename__: cls for cls in MODELS}
    found = []
    for cls in MODELS:
        for column in inspect(cls).columns:
            for key in column.foreign_keys:
                found.append((cls, column.key, by_table[key.column.table.name]))
    return found


@dataclass
class LinkedWorld:
    workspace: Workspace
    #: Marker word of each record that shows one (its name, title, position, value...).
    markers: dict[str, str] = field(default_factory=dict)
    #: Every record holding foreign keys: (model, id).
    holders: list[tuple[type[Entity], str]] = field(default_factory=list)

    def marker(self, record_id: str) -> str | None:
        return self.markers.get(record_id)

    def set_deleted(self, cls: type[Entity], record_id: str, deleted: bool) -> None:
        """Tombstone (or bring back) this one record and nothing with it, as a deletion
        that arrives from another laptop, or from before deleting took links along."""
        with self.workspace.edit("tombstone") as edit:
            obj = edit.get(cls, record_id, deleted=True)
            obj.deleted_at = utcnow() if deleted else None
            edit.session.flush()

    def ends(self, holder_id: str) -> list[str]:
        """The records a holder links: its foreign keys, and a tag link's record."""
        return self._ends[holder_id]

    def linked_pairs(self) -> dict[tuple[str, str], int]:
        """How many records link each pair of records (both ways)."""
        counts: dict[tuple[str, str], int] = {}
        for _cls, holder_id in self.holders:
            for a, b in itertools.permutations([holder_id, *self.ends(holder_id)], 2):
                counts[(a, b)] = counts.get((a, b), 0) + 1
        return counts

    def cluster(self, record_id: str) -> set[str]:
        """The records joined to this one by any chain of links. Records of the world
        are linked in small separate clusters, so what a record shows can only come
        from its own cluster: views are read there alone, which keeps the walk quick."""
        neighbours: dict[str, set[str]] = {}
        for _cls, holder_id in self.holders:
            for a, b in itertools.permutations([holder_id, *self.ends(holder_id)], 2):
                neighbours.setdefault(a, set()).add(b)
        found, todo = {record_id}, [record_id]
        while todo:
            for other in neighbours.get(todo.pop(), ()):
                if other not in found:
                    found.add(other)
                    todo.append(other)
        return found

    def _read_ends(self) -> None:
        self._ends: dict[str, list[str]] = {}
        with self.workspace.read() as session:
            for cls, holder_id in self.holders:
                obj = session.get(cls, holder_id)
                ends = [getattr(obj, key) for c, key, _t in foreign_keys() if c is cls]
                if isinstance(obj, TagLink):
                    ends.append(obj.entity_id)
                self._ends[holder_id] = [end for end in dict.fromkeys(ends) if end]


def build(workspace: Workspace) -> LinkedWorld:
    world = LinkedWorld(workspace)
    numbers = itertools.count(1)
    today = date.today()

    def mark() -> str:
        return f"Mark{next(numbers):03d}x"

    with workspace.edit("linked world") as edit:
        def make(cls, label: str | None = None, **values):
            if label is not None:
                values[label] = mark()
            obj = edit.create(cls, **values)
            if label is not None:
                world.markers[obj.id] = values[label]
            if any(c is cls for c, _k, _t in foreign_keys()):
                world.holders.append((cls, obj.id))
            return obj

        def org():
            return make(Organization, "name").id

        def person():
            return make(Person, "full_name").id

        def agreement():
            return make(Agreement, "title").id

        def project():
            return make(Project, "title").id

        def activity(**values):
            return make(Activity, "title", occurs_on=today, **values).id

        def party(agreement_id: str, organization_id: str):
            make(AgreementParty, agreement_id=agreement_id, organization_id=organization_id)

        def area():
            return make(PriorityArea, "name").id

        make(Organization, "name", parent_id=org())
        make(Affiliation, "position", person_id=person(), organization_id=org())
        make(ContactPoint, "value", person_id=person(), kind="other")
        make(ContactPoint, "value", organization_id=org(), kind="other")
        make(TagLink, tag_id=make(Tag, "name").id, entity_kind="organization", entity_id=org())
        party(agreement(), org())
        signed, signer = agreement(), org()
        party(signed, signer)
        make(Signatory, "title_at_signing", agreement_id=signed, person_id=person(),
             organization_id=signer)
        owed, debtor = agreement(), org()
        party(owed, debtor)
        make(Commitment, "description", agreement_id=owed, party_id=debtor,
             owner_id=person(), due_on=today - timedelta(days=3))
        make(AgreementPriorityArea, agreement_id=agreement(), priority_area_id=area())
        make(Project, "title", lead_id=org(), location_id=org())
        make(ProjectPartner, project_id=project(), organization_id=org())
        make(ProjectAgreement, project_id=project(), agreement_id=agreement())
        make(ProjectPriorityArea, project_id=project(), priority_area_id=area())
        make(Milestone, "title", project_id=project(), due_on=today + timedelta(days=5))
        make(AidDelivery, "item", project_id=project(), quantity=40, from_id=org(),
             to_id=org(), delivered_on=today)
        activity(agreement_id=agreement(), project_id=project())
        make(ActivityParticipant, activity_id=activity(), person_id=person())
        make(ActivityParticipant, activity_id=activity(), organization_id=org())
        need = make(Need, "item", organization_id=org(), quantity=60)
        pledge = make(Pledge, "notes", need_id=need.id, organization_id=org(), quantity=40)
        make(AidDelivery, "item", project_id=project(), quantity=40, pledge_id=pledge.id)
    world._read_ends()
    world.holders = [(cls, i) for cls, i in world.holders if world.ends(i)]
    return world


def _text(value) -> str:
    if is_dataclass(value):
        value = asdict(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def views(workspace: Workspace, ids: set[str]) -> dict[str, str]:
    """What the core shows, as text: for each live top-level record of `ids`, its
    `show` output, search index row, search subtitle and report facts; under "" the
    record lists, the dashboard and a briefing pack over the organisations and
    agreements of `ids`."""
    from coordinator_app.core.views import dashboard, listing, needs, records
    from coordinator_app.core.search.query import Hit
    from coordinator_app.core.search.subtitles import describe_hits
    from coordinator_app.reports.briefing import gather
    from coordinator_app.reports.facts import (
        agreement_fact,
        contacts_for,
        organization_fact,
        projects_by_id,
    )

    today = date.today()
    shown: dict[str, list[str]] = {"": []}
    with workspace.read() as session:
        live = [(cls, obj) for cls in TOP_LEVEL for obj in session.scalars(
            select(cls).where(cls.id.in_(ids), cls.deleted_at.is_(None)))]
        for cls, obj in live:
            texts = shown.setdefault(obj.id, [])
            texts.append(_text(records.describe(session, obj)))
            if cls is Organization:
                texts.append(_text(organization_fact(session, obj, today, "en")))
            elif cls is Person:
                texts.append(_text(contacts_for(session, {obj.id}, set(), today, "en")))
            elif cls is Agreement:
                texts.append(_text(agreement_fact(session, obj.id, "en")))
            elif cls is Project:
                texts.append(_text(projects_by_id(session, [obj.id], "en")))
        for hit in describe_hits(session, [(cls.KIND, obj.id, 0.0) for cls, obj in live], Hit):
            shown[hit.id].append(_text(hit))
        rows = session.connection().exec_driver_sql(
            "SELECT k.record_id, i.title, i.names, i.body FROM search_index i "
            "JOIN search_keys k ON k.entry = i.rowid").fetchall()
        for record_id, *columns in rows:
            shown.setdefault(record_id, []).append(_text(columns))
        for kind in listing.KINDS:
            query = listing.ListQuery(kind)
            shown[""].append(_text([row.cells for row in listing.page(session, query, 0, 500)]))
        shown[""].append(_text([
            dashboard.overdue_commitments(session, today),
            dashboard.commitments_due_soon(session, today),
            dashboard.agreements_expiring(session, today),
            dashboard.projects_by_status(session),
            dashboard.recent_changes(session, limit=500, scan=5000),
            needs.in_progress(session, limit=500),
        ]))
        organizations = tuple(obj.id for cls, obj in live if cls is Organization)
        agreements = tuple(obj.id for cls, obj in live if cls is Agreement)
    if organizations or agreements:
        briefing = gather(workspace, "en", organizations, agreements, None, None,
                          lambda *_: None)
        shown[""].append(_text([briefing.chosen_names, briefing.organizations,
                                briefing.agreements, briefing.projects, briefing.contacts,
                                briefing.deadlines(), briefing.needs]))
    return {record_id: "\n".join(texts) for record_id, texts in shown.items()}


def editor_text(editor) -> str:
    """The text an editor shows: its fields, the rows its relation tables show (not
    the hidden spare ones), the checked priority areas, the lists of members, tags
    and files. Offered but unchosen choices are not shown text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
        QTextEdit,
        QWidget,
    )

    from coordinator_app.ui.widgets.relations import RelationTable

    hidden: set[int] = set()
    for table in editor.findChildren(RelationTable):
        for row in range(table.table.rowCount()):
            if table.table.isRowHidden(row):
                for column in range(table.table.columnCount()):
                    cell = table.table.cellWidget(row, column)
                    if cell is not None:
                        hidden.add(id(cell))
                        hidden.update(id(child) for child in cell.findChildren(QWidget))
    texts = []
    for widget in editor.findChildren(QWidget):
        if id(widget) in hidden or not widget.isVisibleTo(editor):
            continue
        if isinstance(widget, QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            texts.append(widget.toPlainText())
        elif isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QListWidget):
            for i in range(widget.count()):
                item = widget.item(i)
                checkable = bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)
                if not checkable or item.checkState() == Qt.CheckState.Checked:
                    texts.append(item.text())
    return "\n".join(texts)

"""Priority areas of an agreement or project as a list of check boxes.

Ticking a box links the area (one edit); unticking tombstones the link. The list
is the shared, user-editable vocabulary in the reader's language.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.views import related
from coordinator_app.core.text.collation import sort_key
from coordinator_app.core.records.languages import in_language
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.records.models import Entity
from coordinator_app.i18n import N_, _, current_language
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.fields import ErrorLabel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PriorityAreaList(QWidget):
    def __init__(self, context: UiContext, link: type[Entity], *, owner_fk: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.link = link
        self.owner_fk = owner_fk
        self.record_id: str | None = None
        self.links: dict[str, str] = {}  # priority area id -> link id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.itemChanged.connect(self._toggled)
        layout.addWidget(self.list)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self._loading = False

    def reload(self, session: Session, record_id: str | None) -> None:
        self.record_id = record_id
        lang = current_language()
        areas = sorted(related.priority_areas(session), key=lambda a: sort_key(in_language(a, "name", lang)))
        self.links = ({} if record_id is None
                      else related.area_links(session, self.link, self.owner_fk, record_id))
        self._loading = True
        shown = [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]
        if shown != [area.id for area in areas]:
            current = self.list.currentRow()
            self.list.clear()
            for area in areas:
                item = QListWidgetItem(in_language(area, "name", lang), self.list)
                item.setData(ID_ROLE, area.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsSelectable)
            self.list.setCurrentRow(min(current, self.list.count() - 1))
        # Only the ticks change in place, so keyboard focus and the current row stay.
        for i, area in enumerate(areas):
            item = self.list.item(i)
            item.setText(in_language(area, "name", lang))
            item.setCheckState(Qt.CheckState.Checked if area.id in self.links
                               else Qt.CheckState.Unchecked)
        self._loading = False
        rows = max(self.list.count(), 1)
        self.list.setFixedHeight(min(rows, 12) * self.list.sizeHintForRow(0) + 2
                                 * self.list.frameWidth() + 4 if self.list.count() else 40)

    def checked(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, name: str, checked: bool) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _toggled(self, item: QListWidgetItem) -> None:
        if self._loading or self.record_id is None:
            return
        area_id = item.data(ID_ROLE)
        want = item.checkState() == Qt.CheckState.Checked
        record_id = self.record_id
        try:
            if want and area_id not in self.links:
                self.context.apply(Label(N_("Add priority area “{name}”"), name=item.text()),
                                   lambda edit: edit.create(
                                       self.link, **{self.owner_fk: record_id,
                                                     "priority_area_id": area_id}))
            elif not want and area_id in self.links:
                link_id = self.links[area_id]
                self.context.apply(Label(N_("Remove priority area “{name}”"), name=item.text()),
                                   lambda edit: edit.delete(self.link, link_id))
        except CoordinatorError as exc:
            self.error.show_message(message_of(exc))
            return
        self.error.show_message(None)

"""The editor every record kind shares: a form of self-committing fields above
sections of related records, a delete that asks first, and a notice bar.

There is no Save button. Each field commits when the user leaves it or pauses
typing; a blank form becomes a record on the first commit that has the required
values, and then announces it with `record_created`.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.records import languages, registry
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.records.models import Entity
from coordinator_app.core.records.merged import followed
from coordinator_app.core.records.tombstones import shown
from coordinator_app.i18n import N_, _, current_language
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.binder import Binder
from coordinator_app.ui.widgets.fields import Field, name_cell
from coordinator_app.ui.widgets.notice import Heading, NoticeBar
from coordinator_app.ui.widgets.picker import labels_from
from coordinator_app.ui.widgets.relations import RelationTable, set_enabled


def _focusable(widget: QWidget) -> list[QWidget]:
    found = [widget] if widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value else []
    window = widget.window()
    # Popups (a picker's list of matches, a calendar) are windows of their own.
    return found + [child for child in widget.findChildren(QWidget)
                    if child.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
                    and child.window() is window]


def _heading_of(obj: Entity) -> str:
    """The record's name in the interface's language where it has one, else its
    original: the heading reads as the form's first field does."""
    if obj.LABEL_FIELD in getattr(type(obj), "TRANSLATABLE", ()):
        return languages.in_language(obj, obj.LABEL_FIELD, current_language()) or ""
    return obj.label


class Section(Protocol):
    def reload(self, session: Session, record_id: str | None) -> None: ...


class RecordEditor(QWidget):
    """Shows and edits one record of `KIND`; see the module docstring."""

    record_created = Signal(str)

    KIND: str = ""
    MODEL: type[Entity]
    REQUIRED: tuple[str, ...] = ()
    #: Translated at display time (the heading of a blank form is the kind's "New …"
    #: label, core.records.registry).
    WHAT = ""
    NEEDS = ""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.sections: list[Section] = []
        self._section_widgets: list[QWidget] = []
        self._reload_pending = False
        self._stale = False
        self._chain_shape: tuple[int, ...] = ()
        self._labels: list[QLabel] = []
        self._mnemonics = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 12, 8)
        self.heading = Heading(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        header.addWidget(self.heading, 1)
        self.actions = QHBoxLayout()
        header.addLayout(self.actions)
        self.delete_button = QPushButton(_("Delete…"), self)
        self.delete_button.setToolTip(_("Delete this record (Ctrl+Z brings it back)"))
        self.delete_button.clicked.connect(self.delete_current)
        header.addWidget(self.delete_button)
        outer.addLayout(header)

        self.notice = NoticeBar(self)
        outer.addWidget(self.notice)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget(self.scroll)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(12, 4, 12, 12)
        self.body_layout.setSpacing(8)
        self.hint = QLabel(self.body)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # drawn in the palette's muted text colour
        self.body_layout.addWidget(self.hint)
        from coordinator_app.ui.lock_icon import lock_icon

        # In the form's scrolled body, not the header: a wider header would widen the
        # smallest window.
        self.private_box = QCheckBox(_("Private to our association"), self.body)
        self.private_box.setIcon(lock_icon())
        self.private_box.setObjectName("private_to_association")
        self.body_layout.addWidget(self.private_box)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        #: Below this width (in characters) labels go above their fields, so the fields
        #: keep their width rather than be squeezed beside long labels.
        self.wrap_below = 52
        self.body_layout.addLayout(self.form)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)

        self.binder = Binder(context, self.MODEL, required=self.REQUIRED,
                             label=self.WHAT, parent=self)
        self.binder.created.connect(self._created)
        self.binder.prepare = self._prepare_create
        self.build()
        from coordinator_app.ui.conflict_marks import ConflictMarks

        self.marks = ConflictMarks(self)
        outer.insertWidget(outer.indexOf(self.notice) + 1, self.marks.panel)
        from coordinator_app.ui.history_panel import HistoryPanel

        self.history = HistoryPanel(context, self.KIND, self.field_titles, self.body,
                                    choices=self.field_choices)
        self.body_layout.addWidget(self.history)
        self.sections.append(self.history)
        self._section_widgets.append(self.history)
        self.body_layout.addStretch(1)
        context.data_changed.connect(self._data_changed)
        context.item_requested.connect(self.show_item)
        self.show_record(None)

    # -- building (subclasses) ---------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def field(self, title: str, field: Field) -> Field:
        """A row of the main form; `title` is marked with N_() and translated here."""
        self.binder.bind(field, title)
        label = QLabel(_(title), self.body)
        label.setBuddy(field.focusProxy() or field)
        name_cell(field, title)
        self._labels.append(label)
        self.form.addRow(label, field)
        return field

    def form_row(self, title: str, widget: QWidget) -> QWidget:
        """A form row that is not a column of the record (tags): it has `reload` itself.
        `title` is marked with N_()."""
        label = QLabel(_(title), self.body)
        label.setBuddy(widget.focusProxy() or widget)
        name_cell(widget, title)
        self._labels.append(label)
        self.form.addRow(label, widget)
        self.sections.append(widget)  # type: ignore[arg-type]
        self._section_widgets.append(widget)
        return widget

    def section(self, title: str, widget: QWidget, section: Section | None = None) -> QWidget:
        """A block below the form for related records; usable once the record exists.
        `title` is marked with N_()."""
        heading = QLabel(_(title), self.body)
        font = heading.font()
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        heading.setContentsMargins(0, 10, 0, 0)
        self.body_layout.addWidget(heading)
        self.body_layout.addWidget(widget)
        for view in [widget, *widget.findChildren(QAbstractItemView)]:
            if isinstance(view, QAbstractItemView) and not view.accessibleName():
                view.setAccessibleName(_(title))
        self.sections.append(section or widget)  # type: ignore[arg-type]
        self._section_widgets.append(widget)
        return widget

    def field_titles(self) -> dict[tuple[str, str], str]:
        """{(kind, field): title as shown} of the form's fields and its tables' columns,
        so that the history names a field as the form does."""
        binders = [self.binder] + [binder for section in self.sections
                                   for binder in getattr(section, "binders", ())]
        return {(binder.cls.KIND, name): _(title)
                for binder in binders for field, title in binder.titles.items() if title
                for name in field.names}

    def field_choices(self) -> dict[tuple[str, str], dict[str, str]]:
        """{(kind, field): {code: label as shown}} of the form's and its tables' choices,
        so that the history names a row's status as the form does."""
        from coordinator_app.ui.widgets.fields import ChoiceField

        binders = [self.binder] + [binder for section in self.sections
                                   for binder in getattr(section, "binders", ())]
        return {(binder.cls.KIND, field.names[0]): dict(field._options())
                for binder in binders for field in binder.fields
                if isinstance(field, ChoiceField)}

    def add_action(self, button: QPushButton) -> QPushButton:
        self.actions.addWidget(button)
        return button

    # -- the RecordEditor interface ---------------------------------------------------------
    def current_id(self) -> str | None:
        return self.binder.record_id

    def flush(self) -> None:
        """Commit what the user typed but has not left yet; called before switching
        records, and by the window before it closes."""
        self.binder.flush()
        for section in self.sections:
            if hasattr(section, "flush"):
                section.flush()

    def refused_values(self) -> list[tuple[str, str, Field]]:
        """(title, why, field) of what the user typed here that the services refused:
        it is shown, marked, and not saved."""
        found = self.binder.refused()
        for section in self.sections:
            for binder in getattr(section, "binders", ()):
                found += binder.refused()
        return found

    def confirm_leave(self) -> bool:
        """Before another record takes the form: True when nothing refused would be lost,
        or the user lets it go; False (focus back on the value) to keep editing."""
        refused = self.refused_values()
        if not refused:
            return True
        lines = "\n".join(_("“{field}”: {why}").format(field=_(title), why=why)
                          for title, why, _field in refused)
        box = QMessageBox(QMessageBox.Icon.Warning, _("Value not saved"),
                          (_("This value was not saved:") if len(refused) == 1
                           else _("These values were not saved:")) + "\n\n" + lines,
                          parent=self)
        box.setObjectName("value_not_saved")
        keep = box.addButton(_("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        if box.clickedButton() is keep:
            field = refused[0][2]
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(field)
            return False
        for _title, _why, field in refused:
            field.refused = None
            field.dirty = False  # let it go: the next load shows what is stored
        return True

    def show_record(self, record_id: str | None) -> None:
        if record_id != self.binder.record_id:
            self.flush()
        self.notice.hide_notice()
        if record_id is None:
            self.private_box.setChecked(False)  # each new record is chosen afresh
        self._load(record_id, force=True)
        if record_id is None:
            # A blank form starts at its top, wherever the last record was scrolled to.
            self.scroll.verticalScrollBar().setValue(0)
            self.scroll.horizontalScrollBar().setValue(0)
            first = self.binder.fields[0] if self.binder.fields else None
            if first is not None:
                first.setFocus()

    def show_item(self, kind: str, item_id: str) -> bool:
        """Focus the row of a table here that shows the record `item_id` of `kind` (the
        commitment a dashboard line is about), scrolled into view."""
        if not self.isVisible():
            return False
        for widget in self._section_widgets:
            if isinstance(widget, RelationTable) and widget.cls.KIND == kind:
                cell = widget.cell_of(item_id)
                if cell is not None:
                    cell.setFocus(Qt.FocusReason.OtherFocusReason)
                    self.scroll.ensureWidgetVisible(cell)
                    return True
        return False

    def delete_current(self) -> bool:
        record_id = self.current_id()
        if record_id is None:
            return False
        name = self.heading.full_text
        found = self._in_the_way(record_id)
        if found is not None:
            # Said before any question: asking "Delete?" and then refusing wastes a "Yes".
            from coordinator_app.ui.in_the_way import InTheWayDialog

            InTheWayDialog(self.context, found, self).exec()
            return False
        box = QMessageBox(QMessageBox.Icon.Question, _("Delete record"),
                          _("Delete “{name}” and what belongs to it? "
                            "Undo (Ctrl+Z) brings it back.").format(name=name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.context.apply(Label(N_("Delete “{name}”"), name=name),
                               lambda edit: edit.delete(self.MODEL, record_id),
                               reveal=(self.KIND, record_id))
        except CoordinatorError as exc:
            QMessageBox.warning(self, _("Delete record"), message_of(exc))
            return False
        return True

    def _in_the_way(self, record_id: str):
        from coordinator_app.core.records.removal import in_the_way

        with self.context.workspace.read() as session:
            obj = session.get(self.MODEL, record_id)
            return in_the_way(session, obj) if obj is not None else None

    def restore_current(self) -> bool:
        """Bring back the deleted record shown, with what was deleted with it."""
        record_id = self.binder.record_id
        if record_id is None:
            return False
        try:
            self.context.apply(Label(N_("Restore")),
                               lambda edit: edit.restore(self.MODEL, record_id))
        except CoordinatorError as exc:
            self.notice.show_notice(message_of(exc), kind="deleted")
            return False
        self._load(record_id)
        return True

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        self._reload_pending = False
        if not self.isVisible():
            self._stale = True
            return
        self._load(self.binder.record_id)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        narrow = self.width() < self.wrap_below * self.fontMetrics().averageCharWidth()
        policy = (QFormLayout.RowWrapPolicy.WrapAllRows if narrow
                  else QFormLayout.RowWrapPolicy.DontWrapRows)
        if self.form.rowWrapPolicy() != policy:
            self.form.setRowWrapPolicy(policy)

    def hideEvent(self, event) -> None:
        # Another page, or the window closing: what was typed is kept, not left behind.
        self.flush()
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._mnemonics:
            self._assign_mnemonics()
        if self._stale:
            self.reload()

    def _assign_mnemonics(self) -> None:
        """Alt+letter for each label, once the window's menus are known: their letters
        are left to them."""
        from coordinator_app.ui import mnemonics

        self._mnemonics = True
        bar = getattr(self.window(), "menuBar", None)
        taken = mnemonics.taken_by(
            [action.text() for action in bar().actions()] if callable(bar) else [])
        for label in self._labels:
            label.setText(mnemonics.marked(label.text(), taken))
        self.history.toggle.setText(mnemonics.marked(_("History"), taken))

    def _data_changed(self, _changes) -> None:
        if not self.isVisible():
            self._stale = True  # a hidden editor catches up when it is shown
            return
        # Deferred: the signal may come from inside a field's commit, and reloading
        # can rebuild the very table whose cell is committing.
        if not self._reload_pending:
            self._reload_pending = True
            QTimer.singleShot(0, self, self.reload)

    def _load(self, record_id: str | None, *, force: bool = False) -> None:
        self._stale = False
        with self.context.workspace.read() as session, labels_from(session):
            # A duplicate merged away (here or on another laptop) opens as the record
            # it was merged into.
            obj = followed(session, session.get(self.MODEL, record_id)) if record_id else None
            gone = record_id is not None and shown(obj) is None
            if gone and obj is None:
                self.binder.record_id = record_id
            else:
                # A record hidden with what it hangs on still shows its own values, read
                # again: its pickers then show no deleted record (core.records.tombstones).
                self.binder.load_object(obj, force=force)
            live_id = None if gone or obj is None else obj.id
            for section in self.sections:
                section.reload(session, live_id)
            # A deleted record keeps its marks: a deletion concurrent with an edit
            # elsewhere is settled here too.
            self.marks.reload(session, obj.id if obj is not None else None, gone=gone)
            self.loaded(session, obj if live_id else None)
            label = _heading_of(obj) if obj is not None else ""
            private = obj is not None and self._is_private(session, obj.id)
        self.heading.set_full_text(label or _(registry.spec(self.KIND).new_label))
        set_enabled(self.body, not gone)
        self.delete_button.setEnabled(live_id is not None)
        self._show_privacy(private)
        for widget in self._section_widgets:
            set_enabled(widget, live_id is not None)
        if gone:
            self.notice.show_notice(
                _("This record has been deleted. Undo (Ctrl+Z) brings it back."),
                _("Restore"), self.restore_current, kind="deleted")
        elif self.notice.kind == "deleted":
            self.notice.hide_notice()
        self._order_tabs()
        self.hint.setText(_(self.NEEDS) if live_id is None else "")
        self.hint.setVisible(live_id is None)

    def _order_tabs(self) -> None:
        """Tab follows the page top to bottom. Table cells are made when rows first
        appear, which would otherwise put them at the end of the focus chain."""
        chain: list[QWidget] = []
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is not None and item.widget() is not None:
                chain += _focusable(item.widget())
        # A table's rows shown are counted before their cells are searched for what
        # takes focus: asked of every cell on every load, that was a tenth of opening
        # a record, for a chain that had not changed.
        parts: list[tuple[bool, list[QWidget]]] = []
        for widget in self._section_widgets:
            if isinstance(widget, RelationTable):
                parts.append((True, widget.cells_in_order()))
            else:
                parts.append((False, _focusable(widget)))
        shape = (len(chain), *(len(found) for _table, found in parts))
        if shape == self._chain_shape:
            return  # no widgets came or went since the last time
        self._chain_shape = shape
        for table, found in parts:
            if table:
                for cell in found:
                    chain += _focusable(cell)
            else:
                chain += found
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _is_private(self, session: Session, record_id: str) -> bool:
        from coordinator_app.sync.record import private_ids

        return record_id in private_ids(session, self.KIND, [record_id])

    def _show_privacy(self, private: bool) -> None:
        """A new record may be made private; a record's privacy is fixed when it is
        made (its operations are numbered in the private stream from the first), so a
        record shown says whether it is private and cannot change it."""
        new = self.binder.record_id is None
        self.private_box.setVisible(new or private)
        self.private_box.setEnabled(new)
        if not new:
            self.private_box.setChecked(private)
        self.private_box.setToolTip(
            _("Partner associations never receive this record, by the office server or "
              "by USB stick; the laptops of our association do. Chosen when the record "
              "is made.") if new else
            _("Partner associations never receive this record, by the office server or "
              "by USB stick; the laptops of our association do."))

    def _prepare_create(self, edit) -> None:
        if self.private_box.isChecked():
            from coordinator_app.sync.record import keep_private

            keep_private(edit)

    def loaded(self, session: Session, obj: Entity | None) -> None:
        """Hook for subclasses: refresh what depends on the record (choices, buttons)."""

    def _created(self, record_id: str) -> None:
        self._load(record_id)
        self.after_create(record_id)
        self.record_created.emit(record_id)

    def after_create(self, record_id: str) -> None:
        """Hook for subclasses (the duplicate check of people and organisations)."""

"""The record editor's mark on a field two laptops changed before they synced.

Below such a field a strip says so ("⚠ Changed on two laptops"), names the other
version, who wrote it and when, and offers "Keep this one" (the value the field
shows), "Keep the other" and "Edit" (the field takes the focus: the value typed
there replaces every version). The field and the strip carry a tooltip listing every
version. The marks are made again each time the editor loads its record.

Conflicts over the record's lines (a commitment, a contact point: the records it
owns) are marked at the top of the form, naming the line, with the same choices;
Edit puts the focus in the line's cell when the line is shown. A deleted record
still shows its marks, so that a deletion one laptop made while another edited
can be settled where the record is.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from coordinator_app.i18n import _
from coordinator_app.ui.sync_conflicts import (
    LIFE,
    Laptops,
    field_title,
    keep,
    source_text,
    value_text,
    versions_tip,
)


class ConflictStrip(QWidget):
    """The strip under one conflicted field."""

    def __init__(self, editor, conflict, laptops: Laptops, field: QWidget | None,
                 line: str | None = None, beside: bool = True, parent: QWidget | None = None):
        """`field`: the widget Edit focuses (None: no Edit); `beside`: the strip sits
        under that field, so it need not name it; `line`: the name of the record's line
        the conflict is about (None: the record's own field)."""
        super().__init__(parent or editor.body)
        self.setObjectName("conflict_strip")
        self.conflict = conflict
        self.editor = editor
        self.field = field
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 6)
        column.setSpacing(2)
        row = QHBoxLayout()
        others = conflict.versions[1:]
        if beside and line is None and conflict.field != LIFE:
            said = _("⚠ Changed on two laptops. Other version: “{value}” ({source})").format(
                value=value_text(conflict, others[0]),
                source=source_text(others[0], laptops))
        else:
            where = field_title(conflict, lambda _kind: editor.field_titles())
            if line is not None:
                where = _("{line} — {field}").format(line=line, field=where)
            said = _("⚠ {field}: “{value}” shown ({source}); other version: “{other}” "
                     "({other_source})").format(
                field=where, value=value_text(conflict, conflict.versions[0]),
                source=source_text(conflict.versions[0], laptops),
                other=value_text(conflict, others[0]),
                other_source=source_text(others[0], laptops))
        if len(others) > 1:
            said += " " + _("and {count} more").format(count=len(others) - 1)
        self.text = QLabel(said)
        self.text.setObjectName("conflict_text")
        self.text.setWordWrap(True)
        # Above the buttons, the whole width: beside them a long value was cut off.
        column.addWidget(self.text)
        column.addLayout(row)
        tip = versions_tip(conflict, laptops)
        self.setToolTip(tip)
        self.keep_this = QPushButton(_("Keep this one"))
        self.keep_this.setObjectName("keep_this")
        self.keep_this.setToolTip(_("Keep “{value}”, the value shown").format(
            value=value_text(conflict, conflict.versions[0])))
        self.keep_this.clicked.connect(lambda: self._keep(1))
        self.keep_other = QPushButton(_("Keep the other"))
        self.keep_other.setObjectName("keep_other")
        if len(others) == 1:
            self.keep_other.setToolTip(_("Keep “{value}”").format(
                value=value_text(conflict, others[0])))
            self.keep_other.clicked.connect(lambda: self._keep(2))
        else:
            menu = QMenu(self.keep_other)
            for number, version in enumerate(others, 2):
                menu.addAction(f"“{value_text(conflict, version)}” "
                               f"({source_text(version, laptops)})",
                               lambda n=number: self._keep(n))
            self.keep_other.setMenu(menu)
        row.addWidget(self.keep_this)
        row.addWidget(self.keep_other)
        if field is not None:
            self.edit = QPushButton(_("Edit"))
            self.edit.setObjectName("edit_conflicted")
            self.edit.setToolTip(_("Type the right value in the field: it replaces "
                                   "every version"))
            self.edit.clicked.connect(self._edit)
            row.addWidget(self.edit)
        row.addStretch(1)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)

    def _keep(self, number: int) -> None:
        keep(self.editor.context, self.conflict.id, number, self.editor)

    def _edit(self) -> None:
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        for child in [self.field, *self.field.findChildren(QWidget)]:
            if hasattr(child, "selectAll") and child.hasFocus():
                child.selectAll()
        self.editor.scroll.ensureWidgetVisible(self.field)


class ConflictMarks(QObject):
    """A section of the editor (it is reloaded with the record) that marks conflicts."""

    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.strips: list[ConflictStrip] = []
        self._tips: dict[QWidget, str] = {}
        #: Above the form, outside it: a deleted record's greyed-out form cannot hold
        #: buttons that work, so its marks are shown here.
        self.panel = QWidget(editor)
        self.panel.setObjectName("deleted_record_conflicts")
        self._panel_layout = QVBoxLayout(self.panel)
        self._panel_layout.setContentsMargins(12, 4, 12, 0)
        self.panel.hide()

    def reload(self, session: Session, record_id: str | None, *, gone: bool = False) -> None:
        """Marks for the record shown, deleted (`gone`) or not."""
        from coordinator_app.sync.conflicts import conflicts_of, conflicts_within

        self._clear()
        if record_id is None:
            return
        found = conflicts_of(session, self.editor.KIND, record_id)
        lines = conflicts_within(session, self.editor.KIND, record_id)
        if not found and not lines:
            return
        laptops = Laptops(session, self.editor.context.db.device_id)
        if gone:
            for conflict in [*found, *lines]:
                line = self._line_name(conflict) if conflict.kind != self.editor.KIND else None
                strip = ConflictStrip(self.editor, conflict, laptops, None, line=line,
                                      beside=False, parent=self.panel)
                self._panel_layout.addWidget(strip)
                self.strips.append(strip)
            self.panel.show()
            return
        form: QFormLayout = self.editor.form
        for conflict in reversed(lines):  # each put at the top: reversed keeps their order
            strip = ConflictStrip(self.editor, conflict, laptops, self._cell(conflict),
                                  line=self._line_name(conflict))
            form.insertRow(0, strip)
            self.strips.append(strip)
        for conflict in found:
            field = self.editor.binder.by_name.get(conflict.field)
            if conflict.field != LIFE and field is None:
                continue  # a field this form does not show
            strip = ConflictStrip(self.editor, conflict, laptops, field)
            if field is None:
                form.insertRow(0, strip)
            else:
                row, _role = form.getWidgetPosition(field)
                self._tips[field] = field.toolTip()
                field.setToolTip(versions_tip(conflict, laptops))
                form.insertRow(row + 1, "", strip)
            self.strips.append(strip)

    def _cell(self, conflict) -> QWidget | None:
        """The cell showing the conflicted field of a line, if the line is shown."""
        if conflict.field == LIFE:
            return None
        for section in self.editor.sections:
            for binder in getattr(section, "binders", ()):
                if binder.cls.KIND == conflict.kind and binder.record_id == conflict.record_id:
                    return binder.by_name.get(conflict.field)
        return None

    def _line_name(self, conflict) -> str:
        """"Commitment “Deliver 40 generators”": the line's kind and name."""
        # What the editor's table of such lines calls one ("commitment"), as its
        # Add button and change labels do.
        what = next((_(widget.label) for widget in self.editor._section_widgets
                     if getattr(widget, "cls", None) is not None
                     and widget.cls.KIND == conflict.kind and widget.label), conflict.kind)
        return _("{what} “{name}”").format(what=what[:1].upper() + what[1:], name=conflict.label)

    def _clear(self) -> None:
        for field, tip in self._tips.items():
            field.setToolTip(tip)
        self._tips.clear()
        for strip in self.strips:
            if strip.parent() is self.panel:
                self._panel_layout.removeWidget(strip)
                strip.deleteLater()
            else:
                self.editor.form.removeRow(strip)
        self.strips.clear()
        self.panel.hide()

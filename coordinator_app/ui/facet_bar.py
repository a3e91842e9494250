"""The facets above a list: one button per facet (Status, Country, Tag, Dates…), each
opening a menu of ticks, and "Clear" to drop every choice.

The facets and their options come from the core (core.facets, derived from the
registry); this bar only shows them and says what is chosen. A button reads
"Status" with nothing chosen, "Status: Active" with one choice, "Status (2)"
with more, and is shown pressed while it narrows the list.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from coordinator_app.core.views import facets
from coordinator_app.core.records.facet_kinds import Chosen
from coordinator_app.i18n import _
from coordinator_app.ui.widgets.flow_layout import FlowLayout, flow_policy

#: Characters a button's label keeps before it is cut (the whole choice is in its tooltip).
LABEL_CHARS = 28


class _TickMenu(QMenu):
    """A menu whose ticks do not close it: several statuses are chosen in one visit."""

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        from PySide6.QtCore import Qt

        action = self.activeAction()
        if (event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and action is not None and action.isCheckable()):
            action.trigger()
            return
        super().keyPressEvent(event)


class FacetBar(QWidget):
    #: The choice changed (read it with `chosen()`).
    changed = Signal()

    def __init__(self, context, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("facets")
        self.context = context
        self.kind = kind
        self.facets = facets.facets_of(kind)
        self._chosen: dict[str, list[str]] = {}
        #: code → label of each facet's options, as last read (labels of chosen codes).
        self._labels: dict[str, dict[str, str]] = {}
        self.buttons: dict[str, QToolButton] = {}
        layout = FlowLayout(self)
        self.setSizePolicy(flow_policy())
        for facet in self.facets:
            button = QToolButton()
            button.setObjectName(f"facet_{facet.key}")
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setCheckable(True)
            menu = _TickMenu(button)
            menu.setObjectName(f"facet_menu_{facet.key}")
            menu.aboutToShow.connect(lambda key=facet.key: self._fill(key))
            button.setMenu(menu)
            self.buttons[facet.key] = button
            layout.addWidget(button)
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("facets_clear")
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        self.retranslate()

    # -- what the page asks ------------------------------------------------------------

    def chosen(self) -> Chosen:
        return facets.normalised(self._chosen.items())

    def set_chosen(self, chosen: Chosen, *, quiet: bool = False) -> None:
        """Choose exactly `chosen` (a saved view); codes no option has any more stay
        chosen and find nothing, as the person asked."""
        known = {facet.key for facet in self.facets}
        self._chosen = {key: list(codes) for key, codes in chosen if key in known and codes}
        for key in self._chosen:
            if key not in self._labels:
                self._read(key)
        self.retranslate()
        if not quiet:
            self.changed.emit()

    def clear(self) -> None:
        if self._chosen:
            self.set_chosen(())

    def choose(self, key: str, code: str, on: bool = True) -> None:
        """Tick or untick one option (what a click in a facet's menu does)."""
        codes = self._chosen.setdefault(key, [])
        if on and code not in codes:
            codes.append(code)
        elif not on and code in codes:
            codes.remove(code)
        if not codes:
            self._chosen.pop(key)
        if key not in self._labels:
            self._read(key)
        self.retranslate()
        self.changed.emit()

    def summary(self) -> str:
        """What is chosen, in words: "Status: Active, Signed; Tag: energy"."""
        parts = []
        for facet in self.facets:
            codes = self._chosen.get(facet.key)
            if codes:
                labels = self._labels.get(facet.key, {})
                parts.append(f"{_(facet.title)}: " + ", ".join(labels.get(c, c) for c in codes))
        return "; ".join(parts)

    def retranslate(self) -> None:
        self.clear_button.setText(_("Clear"))
        self.clear_button.setToolTip(_("Show every record again"))
        self.clear_button.setAccessibleName(_("Clear the facets"))
        self.clear_button.setVisible(bool(self._chosen))
        for facet in self.facets:
            button = self.buttons[facet.key]
            title = _(facet.title)
            codes = self._chosen.get(facet.key, [])
            labels = self._labels.get(facet.key, {})
            if not codes:
                text = title
            elif len(codes) == 1:
                text = f"{title}: {labels.get(codes[0], codes[0])}"
            else:
                text = f"{title} ({len(codes)})"
            if len(text) > LABEL_CHARS:
                text = text[:LABEL_CHARS - 1].rstrip() + "…"
            button.setText(text)
            button.setChecked(bool(codes))
            shown = ", ".join(labels.get(c, c) for c in codes)
            button.setToolTip(f"{title}: {shown}" if codes else
                              _("Choose values of “{facet}” to show only the records "
                                "that have them").format(facet=title))
            button.setAccessibleName(_("Facet: {facet}").format(facet=title))
            button.setAccessibleDescription(shown)
        self.updateGeometry()

    def refresh_labels(self) -> None:
        """Read the labels again (the language changed, a tag was renamed)."""
        self._labels.clear()
        for key in self._chosen:
            self._read(key)
        self.retranslate()

    # -- the menus ---------------------------------------------------------------------

    def _read(self, key: str) -> list[facets.Option]:
        with self.context.workspace.read() as session:
            found = facets.options(session, self.kind, key)
        self._labels[key] = {option.code: option.label for option in found}
        return found

    def _fill(self, key: str) -> None:
        menu = self.buttons[key].menu()
        menu.clear()
        found = self._read(key)
        chosen = self._chosen.get(key, [])
        if not found:
            empty = menu.addAction(_("Nothing to choose yet"))
            empty.setEnabled(False)
        for option in found:
            action = QAction(option.label, menu)
            action.setCheckable(True)
            action.setChecked(option.code in chosen)
            action.setData(option.code)
            action.toggled.connect(
                lambda on, key=key, code=option.code: self.choose(key, code, on))
            menu.addAction(action)
        if chosen:
            menu.addSeparator()
            clear = menu.addAction(_("Any"))
            clear.triggered.connect(lambda _checked=False, key=key: self._drop(key))

    def _drop(self, key: str) -> None:
        if self._chosen.pop(key, None):
            self.retranslate()
            self.changed.emit()

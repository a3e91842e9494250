"""Binds fields to one record: each committed field is one undoable, journaled edit.

A binder with no record yet creates it on the first commit that has every
required value, so a blank form never leaves half a record behind and never
asks the user to press "Save".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from coordinator_app.core.records import languages
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.errors import CoordinatorError, ValidationError, message_of
from coordinator_app.core.records.models import Entity
from coordinator_app.core.records.service import Edit
from coordinator_app.i18n import N_
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.fields import Field, as_sentence, mark

#: Shows a message that belongs to no single field (or to a field without room for it).
Sink = Callable[[str | None], None]


class Binder(QObject):
    created = Signal(str)

    def __init__(self, context: UiContext, cls: type[Entity], *,
                 fixed: dict[str, Any] | None = None, required: tuple[str, ...] = (),
                 label: str = "", sink: Sink | None = None,
                 extra_create: Callable[[Edit, Entity], None] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.context = context
        self.cls = cls
        self.fixed = dict(fixed or {})
        self.required = required
        self.label = label
        self.sink = sink
        self.extra_create = extra_create
        #: Called with the edit before the record is made in it (a private edit).
        self.prepare: Callable[[Edit], None] | None = None
        self.record_id: str | None = None
        self.stored: dict[str, Any] = {}
        self.fields: list[Field] = []
        self.by_name: dict[str, Field] = {}
        self.titles: dict[Field, str] = {}
        #: Fields whose change was refused for another field's sake ("signed" needs a
        #: date of signing): they are tried again once a commit succeeds.
        self.blocked: list[Field] = []
        #: Let go of its record with the fields left as they were (see `detach`).
        self._detached = False

    def bind(self, field: Field, title: str = "") -> Field:
        """Commit `field` to the record; `title` (marked with N_(), like the binder's
        `label`, what a record of its kind is called) names it in change labels."""
        self.fields.append(field)
        self.titles[field] = title
        for name in field.names:
            self.by_name[name] = field
        field.committed.connect(lambda f=field: self.commit(f))
        return field

    # -- showing -------------------------------------------------------------------
    def load(self, record_id: str | None, values: dict[str, Any], *, force: bool = False) -> None:
        """Show a record's stored values (None and {} for a blank form)."""
        if record_id != self.record_id or self._detached:
            force = True
            for field in self.fields:
                field.new_record()
        self._detached = False
        self.record_id = record_id
        self.stored = dict(values)
        for field in self.fields:
            field.set_values(values, force=force)
            if force:
                field.show_error(None)
        if force and self.sink:
            self.sink(None)

    def detach(self) -> None:
        """Let go of the record, leaving the fields as they are: for a table's row that is
        hidden, whose fields are all shown afresh before it is seen again. Emptying them
        cost a blank form as much as filling them."""
        if self.record_id is not None:
            self.record_id, self.stored, self._detached = None, {}, True
        for field in self.fields:
            # Nothing typed in a hidden row may be written: with no record, it would make one.
            field.dirty, field.refused = False, None

    def load_object(self, obj: Entity | None, *, force: bool = False) -> None:
        self.load(obj.id if obj else None, _values_of(obj, self.by_name) if obj else {},
                  force=force)

    # -- committing ---------------------------------------------------------------
    def commit(self, field: Field) -> bool:
        try:
            values = field.values()
        except ValidationError as exc:
            self._show(exc, field)
            return False
        changed = {k: v for k, v in values.items() if v != self.stored.get(k)}
        if not changed:
            field.mark_committed()
            return True
        if self.record_id is None:
            return self._create(field)
        title = self.titles.get(field) or self.label
        label = Label(N_("Change “{field}”"), field=Label(title)) if title else Label(N_("Edit"))
        # One undo step for the saves of one visit to one field (typing pauses, leaving).
        merge_key = (self.cls.__name__, self.record_id, field.names, id(field), field.visit)
        try:
            obj = self.context.save(label, self.cls, self.record_id, changed,
                                    merge_key=merge_key)
        except CoordinatorError as exc:
            self._show(exc, field)
            return False
        self._accepted(obj, [field])
        return True

    def flush(self) -> None:
        """Commit fields the user changed but has not left yet."""
        for field in list(self.fields):
            if field.dirty and not field.refused:
                self.commit(field)

    def missing(self) -> list[str]:
        values = self.current_values()
        return [name for name in self.required if values.get(name) in (None, "")]

    def current_values(self) -> dict[str, Any]:
        values: dict[str, Any] = dict(self.fixed)
        for field in self.fields:
            try:
                values.update({k: v for k, v in field.values().items() if v is not None})
            except ValidationError:
                continue  # the field shows its own message when it is committed
        return values

    def _create(self, field: Field) -> bool:
        if self.missing():
            field.dirty = True  # kept until the required values are there
            return False
        values = self.current_values()
        label = Label(N_("Add {what}"), what=Label(self.label)) if self.label else Label(N_("Add"))

        def action(edit: Edit) -> Entity:
            if self.prepare is not None:
                self.prepare(edit)
            obj = edit.create(self.cls, **values)
            if self.extra_create is not None:
                self.extra_create(edit, obj)
            return obj

        try:
            obj = self.context.apply(label, action)
        except CoordinatorError as exc:
            self._show(exc, field)
            return False
        self._accepted(obj, [f for f in self.fields if _readable(f)])
        self.created.emit(obj.id)
        return True

    def _accepted(self, obj: Entity, fields: list[Field]) -> None:
        self.record_id = obj.id
        self.stored = _values_of(obj, self.by_name)
        for field in fields:
            # Show what was stored (trimmed, upper-cased codes), not what was typed.
            field.set_values(self.stored, force=True)
            field.mark_committed()
        if self.sink:
            self.sink(None)
        retry, self.blocked = [f for f in self.blocked if f not in fields and f.dirty], []
        for field in retry:
            self.commit(field)

    def _show(self, exc: CoordinatorError, field: Field) -> None:
        target = field
        if isinstance(exc, ValidationError) and exc.field in self.by_name:
            target = self.by_name[exc.field]
        message = as_sentence(message_of(exc))
        field.refuse(message)  # keep what the user typed so it can be fixed
        if target is not field and field not in self.blocked:
            self.blocked.append(field)
        if self.sink is not None:
            self.sink(message)
            target.setToolTip(message)
            mark(target.focusProxy() or target, message)
        else:
            target.show_error(message)

    def refused(self) -> list[tuple[str, str, Field]]:
        """(title, why, field) of the fields holding a value the services refused."""
        return [(self.titles.get(field) or self.label, field.refused, field)
                for field in self.fields if field.refused and field.dirty]


def _readable(field: Field) -> bool:
    try:
        field.values()
    except ValidationError:
        return False
    return True


def _values_of(obj: Entity, names: dict[str, Field]) -> dict[str, Any]:
    """The stored values a form shows: columns by name, and one language of a
    translatable field, or its original's language, as `title.lt`, `title.original`."""
    found: dict[str, Any] = {}
    for name in names:
        named = languages.split(name)
        if named is not None and named[0] in getattr(type(obj), "TRANSLATABLE", ()):
            field, lang = named
            found[name] = (languages.original(obj, field) if lang == languages.ORIGINAL
                           else languages.value(obj, field, lang))
        elif hasattr(obj, name):
            found[name] = getattr(obj, name)
    return found

"""What a change was called ("Change “Signed at”", "Delete “Kaunas”"), kept so that
it reads in the language of whoever looks at it later.

The journal used to store the label as it read when the change was made, so a
change made in English showed in English in the Ukrainian dashboard. A `Label`
reads as its text in the current language (it is a str, for undo stacks and
messages), and its `key` is what the journal stores: the English message and its
parameters, translated again by `readable()` whenever the journal is read. A
parameter is either another Label (a field's title: translated too) or plain
text (a record's name: shown as written). Labels stored as plain text, before
this, are shown as they are.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Union

from coordinator_app.i18n import _

Param = Union["Label", str]
#: Names of records inside a stored key are cut to this many characters: the key is
#: a label, not a copy of the record.
NAME_CHARS = 80


class Label(str):
    """A change's label: reads translated now, stores as a key (see the module docstring)."""

    message: str
    params: dict[str, Param]

    def __new__(cls, message: str, **params: Param) -> Label:
        text = _(message).format(**{name: str(value) for name, value in params.items()})
        label = super().__new__(cls, text)
        label.message = message
        label.params = params
        return label

    def again(self) -> Label:
        """The same label in the language current now."""
        return Label(self.message, **{name: value.again() if isinstance(value, Label) else value
                                      for name, value in self.params.items()})

    def _parts(self) -> list:
        params = {name: value._parts() if isinstance(value, Label) else value[:NAME_CHARS]
                  for name, value in self.params.items()}
        return [self.message, params] if params else [self.message]

    @property
    def key(self) -> str:
        if not self.params:
            return _bare_key(self.message)
        return json.dumps(self._parts(), ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=256)
def _bare_key(message: str) -> str:
    """The key of a label without parameters ("Edit", "Add"): every saved form stores one."""
    return json.dumps([message], ensure_ascii=False, separators=(",", ":"))


def _from_parts(parts: list) -> Label:
    message, params = parts[0], parts[1] if len(parts) > 1 else {}
    return Label(message, **{name: _from_parts(value) if isinstance(value, list) else value
                             for name, value in params.items()})


def stored(label: str | None) -> str | None:
    """What the journal keeps for `label`: a Label's key, other text as it is."""
    return label.key if isinstance(label, Label) else label


def label_of(value: str | None) -> Label | str:
    """A stored label as a Label again (to name a change after it), or the plain text
    stored before labels were keys."""
    if not value:
        return ""
    if value.startswith("["):
        try:
            parts = json.loads(value)
            if isinstance(parts, list) and parts and isinstance(parts[0], str):
                return _from_parts(parts)
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            pass  # a plain label that happens to start with "["
    return value


def readable(value: str | None) -> str:
    """A stored label as it reads in the current language."""
    return str(label_of(value))

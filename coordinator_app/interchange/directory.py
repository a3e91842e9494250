"""The people or organisations a database holds, read once per import.

A file of ten thousand rows is matched set-wise: every stored name and contact of
the kind is read in two queries and kept in memory by its keys, so each row is
looked up in dictionaries instead of asking the search index (core.views.duplicates
asks it once per record, which suits one record typed in a form). The rules are the
duplicate finder's: the same name in any alphabet is the record; a name similar to
a stored one (rapidfuzz ratio ≥ SAME_NAME on the folded Latin spelling), or a
shared e-mail address or phone number, makes it a likely duplicate.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.records.models import ContactPoint
from coordinator_app.core.records.tombstones import alive
from coordinator_app.core.search.search_index import PHONE_KINDS
from coordinator_app.core.text.spelling import word_keys
from coordinator_app.core.views.duplicates import SAME_NAME, name_key, phone_key
from coordinator_app.i18n import _

#: A word, spelling key or start of a word that this many records share says too
#: little to look at all of them ("Olena", "kova…"); a name is then found by its
#: rarer words.
COMMON = 150
#: Letters of a word's start that find a name typed with a slip further on.
HEAD = 4


def _tokens(key: str) -> set[str]:
    """What a name key is found by: its words, their spelling keys and starts."""
    found = set()
    for word in key.split():
        found.update(_word_tokens(word))
    return found


@lru_cache(maxsize=65536)
def _word_tokens(word: str) -> tuple[str, ...]:
    # Asked of every word of every stored name: a file's names share most of their
    # words ("Olena", "Kovalenko"), so each is worked out once.
    found = ["w:" + word]
    if len(word) > HEAD:
        found.append("h:" + word[:HEAD])
    found.extend("k:" + k for k in word_keys(word))
    return tuple(found)


def spelled_alike(key: str) -> str:
    """One key for the spellings of a name (Плунге, Plungė, Plunge; Kharkov, Kharkiv):
    the spelling keys of its words, sorted."""
    return " ".join(sorted(map(_spelling, key.split())))


@lru_cache(maxsize=65536)
def _spelling(word: str) -> str:
    return min(word_keys(word) or (word,))


class Directory:
    """Stored names and contacts of one kind (person or organisation), by their keys."""

    def __init__(self, session: Session, kind: str):
        self.kind = kind
        cls = registry.model(kind)
        fields = (cls.full_name, cls.latin_name, cls.other_names) if kind == "person" \
            else (cls.name, cls.other_names)
        #: Name key -> the oldest record with it.
        self.exact: dict[str, str] = {}
        #: Record id -> its name keys.
        self.keys: dict[str, list[str]] = defaultdict(list)
        self._blocks: dict[str, set[str]] = defaultdict(set)
        self._alike: dict[str, set[str]] = defaultdict(set)
        blocks = self._blocks
        for record_id, *names in session.execute(
                select(cls.id, *fields).where(alive(cls)).order_by(cls.created_at)):
            for text in names:
                for name in (text or "").split("\n"):
                    key = name_key(name)
                    if not key:
                        continue
                    self.exact.setdefault(key, record_id)
                    self.keys[record_id].append(key)
                    for word in key.split():
                        for token in _word_tokens(word):
                            blocks[token].add(record_id)
                    self._alike[spelled_alike(key)].add(record_id)
        #: Contact key (an e-mail address in lower case, a phone's last nine digits)
        #: -> (record id, the contact as stored).
        self.contacts: dict[str, list[tuple[str, str]]] = defaultdict(list)
        owner = ContactPoint.person_id if kind == "person" else ContactPoint.organization_id
        for record_id, contact_kind, value in session.execute(
                select(owner, ContactPoint.kind, ContactPoint.value).where(
                    owner.is_not(None), alive(ContactPoint))):
            key = _contact_key(contact_kind, value)
            if key:
                self.contacts[key].append((record_id, value))

    def find(self, names: list[str]) -> str | None:
        """The record that has one of `names` (compared by name key)."""
        for name in names:
            found = self.exact.get(name_key(name))
            if found is not None:
                return found
        return None

    def alike(self, name: str) -> str | None:
        """The one record whose name is this one in another spelling or alphabet, if
        exactly one is (two would be a guess)."""
        found = self._alike.get(spelled_alike(name_key(name)), set())
        return next(iter(found)) if len(found) == 1 else None

    def similar(self, names: list[str]) -> dict[str, float]:
        """Records with a name similar to one of `names`: id -> similarity (0-100)."""
        found: dict[str, float] = {}
        for name in names:
            key = name_key(name)
            if not key:
                continue
            postings = [self._blocks[t] for t in _tokens(key) if t in self._blocks]
            rare = [p for p in postings if len(p) <= COMMON]
            if not rare and postings:
                rare = [min(postings, key=len)]
            candidates = set().union(*rare) if rare else set()
            choices = [(record_id, stored) for record_id in candidates
                       for stored in self.keys[record_id]]
            for _stored, score, index in process.extract(
                    key, [stored for _id, stored in choices], scorer=fuzz.ratio,
                    score_cutoff=SAME_NAME, limit=None):
                record_id = choices[index][0]
                found[record_id] = max(found.get(record_id, 0), score)
        return found

    def sharing(self, contacts) -> dict[str, str]:
        """Records with one of `contacts` ((kind, value) pairs): id -> what they share."""
        shared: dict[str, str] = {}
        for contact_kind, value in contacts:
            key = _contact_key(contact_kind, value)
            for record_id, stored in self.contacts.get(key, ()) if key else ():
                if key.startswith("@"):
                    shared[record_id] = _("same e-mail {value}").format(value=stored)
                else:
                    shared.setdefault(record_id, _("same phone {value}").format(value=stored))
        return shared


def _contact_key(kind: str, value: str) -> str:
    if kind == "email":
        return "@" + value.lower()
    if kind in PHONE_KINDS:
        return phone_key(value)
    return ""

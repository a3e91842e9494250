"""search index: spelling keys of names (Kharkov/Харків, Kaunas/Kauno) in a new column

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

The index gains a `variants` column: the spelling keys of the words of each
record's name and other names, which Russian-style, official and Lithuanian
spellings of one name share. FTS5 tables cannot gain a column, so the index is
made again and filled from the records.

This revision carries the code of its day (folding, the spelling keys, the
documents the index reads): later changes to the live search code must not
change what upgrading an old file does. It reads the tables as they are at
revision 0004.
"""
import re
import unicodedata
from functools import lru_cache

import Stemmer
import uklatn
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

KINDS = ("organization", "person", "agreement", "project", "activity")
SCHEMA = (
    """CREATE TABLE search_keys (
        entry INTEGER PRIMARY KEY,
        kind VARCHAR(30) NOT NULL,
        record_id VARCHAR(36) NOT NULL UNIQUE)""",
    """CREATE VIRTUAL TABLE search_index USING fts5(
        kind, title, names, body, variants,
        tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')""",
    """CREATE TABLE search_terms (
        id INTEGER PRIMARY KEY,
        term VARCHAR(100) NOT NULL UNIQUE)""",
)
OLD_SCHEMA = (
    SCHEMA[0],
    """CREATE VIRTUAL TABLE search_index USING fts5(
        kind, title, names, body,
        tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')""",
    SCHEMA[2],
)
DROP = ("DROP TABLE IF EXISTS search_index", "DROP TABLE IF EXISTS search_keys",
        "DROP TABLE IF EXISTS search_terms")

# --- folding (core.text.folding of this day) ---------------------------------------------

APOSTROPHES = "'’ʼ`´‘ʹ"
LETTERS = str.maketrans({
    "ґ": "г", "є": "е", "ё": "е", "і": "и", "ы": "и", "э": "е", "ß": "ss", "æ": "ae", "ø": "o",
    "đ": "d", "ł": "l", "ı": "i", "œ": "oe", "þ": "th",
})
_DROP = str.maketrans("", "", APOSTROPHES)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"[^\W_]+")


class _FoldTable(dict):
    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in APOSTROPHES:
            folded = ""
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            folded = "".join(c for c in decomposed if not unicodedata.combining(c))
            folded = folded.translate(LETTERS)
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().translate(_FOLD)


@lru_cache(maxsize=65536)
def to_latin(text: str) -> str:
    return fold(uklatn.encode(text.translate(_DROP), uklatn.KMU_55))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def index_text(*parts) -> str:
    out = []
    for part in parts:
        if not part:
            continue
        out.append(fold(part))
        if _CYRILLIC.search(part):
            out.append(to_latin(part))
    return " ".join(out)


# --- spelling keys (core.text.spelling of this day) ---------------------------------------

DIGRAPHS = (("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("ch", "h"), ("zh", "z"),
            ("ts", "c"), ("tz", "c"), ("cz", "c"), ("x", "ks"), ("w", "v"), ("g", "h"),
            ("y", "i"), ("j", "i"), ("e", "i"))
VOWELS = "aiou"
MIN_KEY = 2
MIN_WORD = 3
_REPEATED = re.compile(r"(.)\1+")
_CLOSED_O = re.compile(r"o([^aiou]+)$")
_CLOSED_O_INSIDE = re.compile(r"o(?=[^aiou]{2})")
_HUSHING_O = re.compile(r"(h|z|s)o")
_LATIN_WORD = re.compile(r"^[a-z]+$")
RUSSIAN_LETTERS = str.maketrans({"ё": "йо", "Ё": "Йо", "ы": "и", "Ы": "И", "э": "е", "Э": "Е",
                                 "ъ": "", "Ъ": ""})
_stemmer = Stemmer.Stemmer("lithuanian")


@lru_cache(maxsize=131072)
def sound(word: str) -> str:
    key = word
    for spelled, sound_ in DIGRAPHS:
        key = key.replace(spelled, sound_)
    key = _REPEATED.sub(r"\1", key)
    if len(key) > 4 and key[-1] == "s" and key[-2] in VOWELS:
        key = key[:-1]
    stripped = key.rstrip(VOWELS)
    if len(stripped) >= MIN_KEY:
        key = stripped
    key = _CLOSED_O.sub(r"i\1", _HUSHING_O.sub(r"\1i", _CLOSED_O_INSIDE.sub("i", key)))
    return _REPEATED.sub(r"\1", key)


@lru_cache(maxsize=131072)
def _latin_keys(word: str, stem: bool) -> tuple:
    if len(word) < MIN_WORD or not _LATIN_WORD.match(word):
        return ()
    keys = [sound(word)]
    if stem:
        stemmed = _stemmer.stemWord(word)
        if stemmed != word and len(stemmed) >= MIN_WORD:
            keys.append(sound(stemmed))
    return tuple(dict.fromkeys(key for key in keys if len(key) >= MIN_KEY))


@lru_cache(maxsize=131072)
def word_keys(word: str) -> tuple:
    if _CYRILLIC.search(word):
        return tuple(dict.fromkeys(
            key for part in words(to_latin(word.translate(RUSSIAN_LETTERS)))
            for key in _latin_keys(part, False)))
    return tuple(dict.fromkeys(
        key for part in words(fold(word)) for key in _latin_keys(part, True)))


def keys_text(*parts) -> str:
    found: dict = {}
    for part in parts:
        if part:
            for word in words(part.translate(_DROP)):
                found.update(dict.fromkeys(word_keys(word)))
    return " ".join(found)


# --- the documents (core.search.search_index of this day, tables of revision 0004) ----------

_TAGS = """(SELECT group_concat(t.name, ' ') FROM tag_links l JOIN tags t ON t.id = l.tag_id
            WHERE l.entity_kind = '{kind}' AND l.entity_id = x.id AND l.deleted_at IS NULL)"""
_DIGITS = "c.value"
for _char in " -()+./":
    _DIGITS = f"replace({_DIGITS}, '{_char}', '')"
_CONTACT = (f"c.value || CASE WHEN c.kind IN ('phone', 'signal', 'whatsapp', 'viber', "
            f"'telegram') AND length({_DIGITS}) >= 7 THEN ' tel' || substr({_DIGITS}, -9) "
            f"ELSE '' END")
DOCUMENTS = {
    "organization": """
        SELECT x.id, x.name, x.other_names, x.region, x.address, x.website, x.notes,
          (SELECT p.name FROM organizations p WHERE p.id = x.parent_id),
          (SELECT group_concat({contact}, ' ') FROM contact_points c
             WHERE c.organization_id = x.id AND c.deleted_at IS NULL),
          {tags}
        FROM organizations x WHERE x.deleted_at IS NULL""",
    "person": """
        SELECT x.id, x.full_name, coalesce(x.latin_name, '') || ' ' || coalesce(x.other_names, ''),
          x.notes,
          (SELECT group_concat(coalesce(a.position, '') || ' ' || o.name, ' ')
             FROM affiliations a JOIN organizations o ON o.id = a.organization_id
             WHERE a.person_id = x.id AND a.deleted_at IS NULL),
          (SELECT group_concat({contact}, ' ') FROM contact_points c
             WHERE c.person_id = x.id AND c.deleted_at IS NULL),
          {tags}
        FROM people x WHERE x.deleted_at IS NULL""",
    "agreement": """
        SELECT x.id, x.title, NULL, x.purpose, x.signed_place, x.notes,
          (SELECT group_concat(c.description, ' ') FROM commitments c
             WHERE c.agreement_id = x.id AND c.deleted_at IS NULL),
          (SELECT group_concat(o.name, ' ') FROM agreement_parties a
             JOIN organizations o ON o.id = a.organization_id
             WHERE a.agreement_id = x.id AND a.deleted_at IS NULL),
          (SELECT group_concat(p.full_name || ' ' || coalesce(p.latin_name, ''), ' ')
             FROM signatories s JOIN people p ON p.id = s.person_id
             WHERE s.agreement_id = x.id AND s.deleted_at IS NULL),
          {tags}
        FROM agreements x WHERE x.deleted_at IS NULL""",
    "project": """
        SELECT x.id, x.title, NULL, x.description, x.beneficiaries, x.funding_sources,
          x.progress_notes,
          (SELECT group_concat(o.name, ' ') FROM organizations o
             WHERE o.id IN (x.lead_id, x.location_id)),
          (SELECT group_concat(o.name, ' ') FROM project_partners pp
             JOIN organizations o ON o.id = pp.organization_id
             WHERE pp.project_id = x.id AND pp.deleted_at IS NULL),
          (SELECT group_concat(m.title, ' ') FROM milestones m
             WHERE m.project_id = x.id AND m.deleted_at IS NULL),
          (SELECT group_concat(d.item || ' ' || coalesce(d.notes, ''), ' ') FROM aid_deliveries d
             WHERE d.project_id = x.id AND d.deleted_at IS NULL),
          {tags}
        FROM projects x WHERE x.deleted_at IS NULL""",
    "activity": """
        SELECT x.id, x.title, NULL, x.location, x.notes, x.follow_ups,
          (SELECT group_concat(coalesce(p.full_name || ' ' || coalesce(p.latin_name, ''), o.name),
                  ' ')
             FROM activity_participants ap LEFT JOIN people p ON p.id = ap.person_id
             LEFT JOIN organizations o ON o.id = ap.organization_id
             WHERE ap.activity_id = x.id AND ap.deleted_at IS NULL),
          {tags}
        FROM activities x WHERE x.deleted_at IS NULL""",
}
DOCUMENTS = {kind: sql.format(tags=_TAGS.format(kind=kind), contact=_CONTACT)
             for kind, sql in DOCUMENTS.items()}


def _fill(connection, kind: str, with_variants: bool) -> None:
    rows = connection.exec_driver_sql(DOCUMENTS[kind]).fetchall()
    if not rows:
        return
    connection.exec_driver_sql("INSERT INTO search_keys (kind, record_id) VALUES (?, ?)",
                               [(kind, row[0]) for row in rows])
    entries = dict(connection.exec_driver_sql(
        "SELECT record_id, entry FROM search_keys WHERE kind = ?", (kind,)).fetchall())
    docs = [(entries[row[0]], kind, index_text(row[1]), index_text(row[2]),
             index_text(*row[3:]), keys_text(row[1], row[2])) for row in rows]
    if with_variants:
        connection.exec_driver_sql(
            "INSERT INTO search_index (rowid, kind, title, names, body, variants) "
            "VALUES (?, ?, ?, ?, ?, ?)", docs)
    else:
        connection.exec_driver_sql(
            "INSERT INTO search_index (rowid, kind, title, names, body) VALUES (?, ?, ?, ?, ?)",
            [doc[:5] for doc in docs])
    terms = {word for doc in docs for text in doc[2:4] for word in words(text) if len(word) > 2}
    if terms:
        connection.exec_driver_sql("INSERT OR IGNORE INTO search_terms (term) VALUES (?)",
                                   [(term,) for term in terms])


def _remake(schema, with_variants: bool) -> None:
    connection = op.get_bind()
    for statement in DROP + schema:
        connection.exec_driver_sql(statement)
    for kind in KINDS:
        _fill(connection, kind, with_variants)
    connection.exec_driver_sql("INSERT INTO search_index (search_index) VALUES ('optimize')")


def upgrade() -> None:
    _remake(SCHEMA, True)


def downgrade() -> None:
    _remake(OLD_SCHEMA, False)

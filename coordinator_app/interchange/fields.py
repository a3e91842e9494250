"""What a row of a file can hold for each kind of record, in one place.

Every kind that can be imported or exported declares its fields here once: the
key the reader fills, the label the preview shows, the headers that name it in
the files people keep (Ukrainian, Lithuanian, English and Russian, as Excel,
Outlook and Google write them) and, for export, the column it goes out as. The
registry of record kinds will later supply this table; nothing else in the
package keeps a per-kind list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coordinator_app.core.records import vocab
from coordinator_app.core.text.folding import fold
from coordinator_app.i18n import N_

#: Kinds a file row can make, with the word the command line takes for each.
KINDS = {"person": "people", "organization": "organizations", "agreement": "agreements",
         "project": "projects"}
#: What people type for a kind on the command line.
KIND_WORDS = {**{plural: kind for kind, plural in KINDS.items()}, **{k: k for k in KINDS},
              "persons": "person", "contacts": "person", "organisations": "organization",
              "organisation": "organization", "activities": "activity", "activity": "activity"}
#: The kinds' names as the preview shows them.
KIND_LABELS = {"person": N_("People"), "organization": N_("Organisations"),
               "agreement": N_("Agreements"), "project": N_("Projects")}

#: Fields that take a list of values (several e-mails in one cell, or several columns).
CONTACT_FIELDS = ("email", "phone", "telegram", "signal", "whatsapp", "viber")


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # marked with N_(), translated where shown
    #: Whole headers that name this field (compared folded: case, marks, punctuation).
    headers: tuple[str, ...] = ()
    #: Parts of a header that name it when no whole header does ("mobile phone").
    words: tuple[str, ...] = ()
    #: A date, a name of an organisation, a choice from a vocabulary, an amount…
    type: str = "text"
    #: The vocabulary of a choice (core.records.vocab): its codes and their labels.
    choices: dict[str, str] | None = None


_CONTACTS = (
    Field("email", N_("E-mail"), ("email", "e mail", "mail", "email address", "e mail address",
                                  "електронна пошта", "ел пошта", "е-mail",
                                  "адреса електронної пошти",
                                  "электронная почта", "эл почта", "адрес эл почты",
                                  "el pastas", "el pasto adresas", "elektroninis pastas"),
          ("mail", "пошт", "почт", "pasta", "pasto", "e-mail", "емейл", "имейл")),
    Field("phone", N_("Phone"), ("phone", "telephone", "tel", "mobile", "телефон", "тел",
                                 "мобільний", "мобильный", "telefonas", "tel nr",
                                 "telefono numeris", "mob", "mob tel"),
          ("phone", "телефон", "тел", "mobil", "моб", "telefon", "fax", "факс", "faks")),
    Field("telegram", N_("Telegram"), ("telegram", "телеграм", "tg"), ("telegram", "телеграм")),
    Field("signal", N_("Signal"), ("signal", "сигнал"), ("signal",)),
    Field("whatsapp", N_("WhatsApp"), ("whatsapp", "вотсап", "ватсап"), ("whatsapp",)),
    Field("viber", N_("Viber"), ("viber", "вайбер"), ("viber",)),
)

_NOTES = Field("notes", N_("Notes"), ("notes", "note", "comment", "comments", "remarks",
                                      "примітки", "примітка", "коментар", "коментарі",
                                      "примечание", "примечания", "комментарий",
                                      "pastabos", "pastaba", "komentaras", "komentarai"),
               ("примітк", "примечан", "pastab"))
_COUNTRY = Field("country", N_("Country"), (
    "country", "країна", "страна", "šalis", "valstybė", "country region",
    "business country region", "home country region"), ("country",), type="country")

FIELDS: dict[str, tuple[Field, ...]] = {
    "person": (
        Field("full_name", N_("Full name"), (
            "full name", "name", "display name", "contact", "contact person", "person",
            "піб", "п і б", "прізвище ім'я по батькові", "прізвище ім'я та по батькові",
            "прізвище та ім'я", "прізвище ім'я", "ім'я та прізвище", "ім'я прізвище",
            "контактна особа", "особа", "фио", "ф и о", "фамилия имя отчество",
            "контактное лицо", "vardas pavardė", "vardas ir pavardė", "pavardė vardas",
            "kontaktinis asmuo", "asmuo")),
        Field("given_name", N_("First name"), ("first name", "given name", "forename",
                                               "ім'я", "имя", "vardas")),
        Field("middle_name", N_("Middle name or patronymic"), (
            "middle name", "additional name", "по батькові", "отчество", "antrasis vardas")),
        Field("family_name", N_("Last name"), ("last name", "family name", "surname",
                                               "прізвище", "фамилия", "pavardė")),
        Field("latin_name", N_("Latin spelling"), (
            "latin spelling", "latin name", "name in latin", "name latin", "ім'я латиницею",
            "піб латиницею", "латиницею", "транслітерація", "vardas lotyniškai"),
              ("латиниц", "latin")),
        Field("other_names", N_("Other names"), ("other names", "nickname", "інші імена")),
        Field("organization", N_("Organisation"), (
            "organization", "organisation", "company", "employer", "organization name",
            "organization 1 name", "організація", "установа", "підприємство", "громада",
            "місце роботи", "организация", "компания", "место работы", "organizacija",
            "įmonė", "įstaiga", "savivaldybė", "darbovietė", "institucija"),
              ("організац", "организац", "organiza", "organisa", "company", "įmon")),
        Field("department", N_("Department"), ("department", "відділ", "підрозділ", "отдел",
                                              "skyrius", "organization 1 department",
                                              "organization department")),
        Field("position", N_("Position"), (
            "position", "job title", "role", "organization title",
            "organization 1 title", "посада", "должность", "pareigos", "pareigybė"),
              ("посад", "должн", "pareig")),
        *_CONTACTS,
        Field("languages", N_("Languages"), ("languages", "language", "мови", "мова", "языки",
                                            "kalbos", "kalba")),
        _COUNTRY,
        _NOTES,
    ),
    "organization": (
        Field("name", N_("Name"), (
            "name", "organization", "organisation", "organization name", "company",
            "назва", "найменування", "організація", "громада", "назва організації",
            "название", "организация", "pavadinimas", "organizacija", "savivaldybė")),
        Field("other_names", N_("Other names"), ("other names", "other name", "also known as",
                                                "інші назви", "назва англійською",
                                                "kiti pavadinimai"), ("english name",)),
        Field("kind", N_("Kind"), ("kind", "type", "тип", "вид", "tipas", "rūšis"),
              type="choice", choices=vocab.ORGANIZATION_KINDS),
        _COUNTRY,
        Field("region", N_("Region"), ("region", "oblast", "область", "регіон", "регион",
                                       "apskritis", "regionas")),
        Field("parent", N_("Member of"), ("member of", "parent", "член", "входить до",
                                          "narys", "priklauso"), type="organization"),
        Field("website", N_("Website"), ("website", "web site", "web page", "url", "site",
                                         "сайт", "вебсайт", "веб сайт", "svetainė",
                                         "interneto svetainė"), ("сайт", "web")),
        Field("address", N_("Address"), ("address", "адреса", "адрес", "adresas",
                                         "business address", "postal address")),
        *_CONTACTS,
        _NOTES,
    ),
    "agreement": (
        Field("title", N_("Title"), ("title", "name", "agreement", "назва", "угода",
                                     "документ", "название", "соглашение", "pavadinimas",
                                     "susitarimas")),
        Field("kind", N_("Kind"), ("kind", "type", "тип", "вид", "тип угоди", "tipas", "rūšis"),
              type="choice", choices=vocab.AGREEMENT_KINDS),
        Field("status", N_("Status"), ("status", "статус", "стан", "būsena", "statusas"),
              type="choice", choices=vocab.AGREEMENT_STATUSES),
        Field("parties", N_("Parties"), ("parties", "party", "сторони", "сторона", "стороны",
                                         "šalys", "partneriai", "partners"),
              type="organizations"),
        Field("signed_on", N_("Signed"), ("signed", "signed on", "date signed", "date of signing",
                                          "дата підписання", "підписано", "дата подписания",
                                          "pasirašyta", "pasirašymo data"), ("підпис", "pasiraš"),
              type="date"),
        Field("signed_place", N_("Place of signing"), ("place of signing", "signed in",
                                                       "місце підписання", "pasirašymo vieta")),
        Field("effective_from", N_("In effect from"), ("effective from", "in effect from",
                                                       "набирає чинності", "діє з",
                                                       "įsigalioja"), type="date"),
        Field("expires_on", N_("Expires"), ("expires", "expires on", "expiry", "valid until",
                                            "діє до", "термін дії", "закінчується",
                                            "galioja iki"), type="date"),
        Field("purpose", N_("Purpose"), ("purpose", "мета", "предмет", "цель", "tikslas")),
        _NOTES,
    ),
    "project": (
        Field("title", N_("Title"), ("title", "name", "project", "назва", "проєкт", "проект",
                                     "название", "pavadinimas", "projektas")),
        Field("description", N_("Description"), ("description", "опис", "описание",
                                                 "aprašymas")),
        Field("status", N_("Status"), ("status", "статус", "стан", "būsena", "statusas"),
              type="choice", choices=vocab.PROJECT_STATUSES),
        Field("lead", N_("Lead organisation"), ("lead", "lead organisation",
                                                "lead organization", "виконавець",
                                                "головна організація", "vykdytojas"),
              type="organization"),
        Field("location", N_("Community"), ("location", "community", "громада", "місце",
                                            "бенефіціар громада", "vieta", "bendruomenė"),
              type="organization"),
        Field("partners", N_("Partners"), ("partners", "partner", "партнери", "партнеры",
                                           "partneriai"), type="organizations"),
        Field("start_on", N_("Start"), ("start", "start date", "begins", "початок", "дата початку",
                                        "начало", "pradžia"), type="date"),
        Field("end_on", N_("End"), ("end", "end date", "ends", "кінець", "завершення",
                                    "дата завершення", "окончание", "pabaiga"), type="date"),
        Field("budget", N_("Budget"), ("budget", "amount", "sum", "бюджет", "сума", "сумма",
                                       "biudžetas", "suma"), ("бюджет", "budget"), type="money"),
        Field("currency", N_("Currency"), ("currency", "валюта", "valiuta")),
        Field("funding_sources", N_("Funding sources"), ("funding", "funding sources", "donor",
                                                         "джерела фінансування", "донор",
                                                         "finansavimo šaltiniai")),
        Field("beneficiaries", N_("Beneficiaries"), ("beneficiaries", "бенефіціари",
                                                     "отримувачі", "naudos gavėjai")),
        Field("progress_notes", N_("Progress"), ("progress", "progress notes", "хід виконання",
                                                 "прогрес", "eiga")),
    ),
}

#: What kind of contact each contact field makes (ContactPoint.kind).
CONTACT_KIND = {key: key for key in CONTACT_FIELDS}

#: Words in a contact column's header that say which number it is ("Mobile Phone").
LABEL_WORDS = (
    ("mobile", ("mobile", "cell", "моб", "mobil", "сотов")),
    ("work", ("business", "work", "office", "company", "робоч", "службов", "рабоч", "darbo",
              "служб")),
    ("home", ("home", "домашн", "namų", "namu")),
    ("fax", ("fax", "факс", "faks")),
)


def fields_of(kind: str) -> tuple[Field, ...]:
    return FIELDS[kind]


def field(kind: str, key: str) -> Field:
    for candidate in FIELDS[kind]:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


_PUNCT = re.compile(r"[^\w@]+")


def fold_header(text: str) -> str:
    """A header as it is compared: folded, punctuation and numbering gone
    ("E-mail 2 Address" → "e mail address", "Прізвище, ім'я" → "призвище имя")."""
    folded = fold(str(text))
    folded = _PUNCT.sub(" ", folded)
    folded = re.sub(r"\b\d+\b", " ", folded)
    return " ".join(folded.split())


@lru_cache(maxsize=None)
def _folded_headers(kind: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {}
    partial: list[tuple[str, str]] = []
    from coordinator_app.i18n import LANGUAGES, gettext_in

    for item in FIELDS[kind]:
        # The labels in every language of the app: what export writes, import reads.
        labels = [gettext_in(lang, item.label) for lang in LANGUAGES]
        for header in (item.key.replace("_", " "), *labels, *item.headers):
            exact.setdefault(fold_header(header), item.key)
        for word in item.words:
            partial.append((fold_header(word), item.key))
    return exact, partial


#: Headers of columns that hold nothing a record keeps, though a word in them would
#: match ("Name Prefix", Outlook's "Title" = Mr/Ms, "E-mail Display Name"); and
#: words that name a field only as the whole header ("Manager's Name" is not a name).
IGNORED = frozenset(fold_header(h) for h in (
    "name prefix", "name suffix", "prefix", "suffix", "title", "initials", "file as",
    "phonetic first name", "phonetic middle name", "phonetic last name", "yomi name",
    "given name yomi", "family name yomi", "additional name yomi", "birthday", "gender",
    "photo", "group membership", "labels", "categories", "keywords", "e mail display name",
    "e mail type", "priority", "sensitivity", "private", "№", "n", "nr", "no", "#",
    "дата народження", "день народження", "дата рождения", "gimimo data"))
GENERIC = frozenset(fold_header(w) for w in ("name", "title", "contact", "person", "особа",
                                             "назва", "type", "kind", "value"))


def guess_field(kind: str, header: str) -> str | None:
    """The field a column's header names for `kind`, or None."""
    folded = fold_header(header)
    if not folded or folded in IGNORED:
        return None
    exact, partial = _folded_headers(kind)
    if folded in exact:
        return exact[folded]
    # "Business Phone", "Контакти телефон", "Phone 1 - Value": a known header among
    # its words, the longest first so "job title" beats "title".
    words = folded.split()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start:start + size])
            if part in exact and part not in GENERIC:
                return exact[part]
    for word, key in partial:
        if word and word in folded:
            return key
    return None


def contact_label(header: str) -> str | None:
    """'mobile', 'work', 'home' or 'fax' when a contact column's header says which."""
    folded = fold_header(header)
    for label, words in _folded_label_words():
        if any(word in folded for word in words):
            return label
    return None


@lru_cache(maxsize=1)
def _folded_label_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((label, tuple(fold_header(w) for w in words)) for label, words in LABEL_WORDS)


def is_label_column(header: str) -> str | None:
    """Google's "Phone 1 - Type" / "E-mail 2 - Label": the header of the value column
    ("Phone 1 - Value") this one labels, else None."""
    match = re.match(r"^(.*?)\s*-\s*(type|label)\s*$", str(header).strip(), re.IGNORECASE)
    return f"{match.group(1)} - Value" if match else None


#: Columns written on export, in order: the field keys of FIELDS that go out.
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "person": ("full_name", "latin_name", "other_names", "organization", "position",
               "email", "phone", "telegram", "signal", "whatsapp", "viber", "languages",
               "notes"),
    "organization": ("name", "other_names", "kind", "country", "region", "parent", "website",
                     "address", "email", "phone", "notes"),
    "agreement": ("title", "kind", "status", "parties", "signed_on", "signed_place",
                  "effective_from", "expires_on", "purpose", "notes"),
    "project": ("title", "description", "status", "lead", "location", "partners", "start_on",
                "end_on", "budget", "currency", "funding_sources", "beneficiaries",
                "progress_notes"),
}

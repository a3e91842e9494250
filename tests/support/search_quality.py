"""How well search finds places and people as people spell them: the cases, the
database they are asked of, and the measurement. tests/test_search_spellings.py
checks the targets; benchmarks/search_quality.py prints the figures.

The cases (tests/data/spelling/) are public knowledge: Ukrainian cities with the
spellings of Russian-style maps and documents, people's names written the
Russian way, the 60 municipalities of Lithuania (named in the genitive) with
their towns (nominative), and the examples of the official transliteration
table (KMU 2010). They are asked of a database that holds one record for each
name among a few thousand records from `generate`.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import uklatn

from coordinator_app.core.text.folding import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "spelling"
#: Examples of the KMU 2010 table that are places (the rest are people's names).
KMU_PLACES = set("""Алушта Борщагівка Вінниця Гадяч Ґорґани Донецьк Рівне Есмань Єнакієве
Короп'є Житомир Жежелів Закарпаття Медвин Іванків Кадиївка Мар'їне Йосипівка Стрий Київ
Лебедин Миколаїв Ніжин Одеса Полтава Решетилівка Суми Тернопіль Ужгород Фастів Харків
Кишеньки Щербухи Гоща Корюківка Яготин Знам'янка Феодосія""".split()) | {"Біла Церква"}

#: Group -> (how many first results count, the share that must be found there).
TARGETS = {
    "Russian-style place spellings": (5, 0.95),
    "Russian-style people's names": (5, 0.95),
    "Lithuanian town, any case": (5, 0.95),
    "exact whole name": (1, 0.99),
    "one-letter typo": (5, 0.95),
    "official Latin": (1, 0.995),
    "Cyrillic": (1, 0.995),
}


@dataclass(frozen=True)
class Case:
    group: str
    query: str
    expected: frozenset[str]  # titles of the records that answer it


@dataclass
class Result:
    group: str
    cases: int = 0
    found: int = 0
    misses: list[tuple[str, int | None]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.found / self.cases if self.cases else 1.0


def table(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def official_latin(name: str) -> str:
    return uklatn.encode(name, uklatn.KMU_55)


def typo(word: str, rng: random.Random) -> str:
    """One letter wrong (left out, doubled, swapped with the next, or another
    letter), never the first."""
    position = rng.randrange(1, len(word) - 1)
    how = rng.choice(("drop", "double", "swap", "replace"))
    if how == "drop":
        return word[:position] + word[position + 1:]
    if how == "double":
        return word[:position] + word[position] + word[position:]
    if how == "swap":
        return word[:position] + word[position + 1] + word[position] + word[position + 2:]
    letters = "aeiou" if word[position] in "aeiou" else "bdkmnprstv"
    other = rng.choice([c for c in letters if c != word[position].lower()])
    return word[:position] + other + word[position + 1:]


def records() -> tuple[list[str], list[str]]:
    """(organisation names, people's names) the cases ask for."""
    organizations = [row["name"] for row in table("ukrainian_places_russian_style.tsv")]
    organizations += [row["municipality"] for row in table("lithuanian_municipalities.tsv")]
    people = [row["name"] for row in table("people_russian_style.tsv")]
    for row in table("kmu2010_examples.tsv"):
        (organizations if row["name"] in KMU_PLACES else people).append(row["name"])
    return list(dict.fromkeys(organizations)), list(dict.fromkeys(people))


def cases(seed: int = 1) -> list[Case]:
    rng = random.Random(seed)
    found: list[Case] = []

    def add(group: str, query: str, *expected: str) -> None:
        found.append(Case(group, query, frozenset(expected)))

    for row in table("ukrainian_places_russian_style.tsv"):
        for spelling in row["spellings"].split("|"):
            add("Russian-style place spellings", spelling, row["name"])
    for row in table("people_russian_style.tsv"):
        for spelling in row["spellings"].split("|"):
            add("Russian-style people's names", spelling, row["name"])
    by_town: dict[str, list[str]] = {}
    for row in table("lithuanian_municipalities.tsv"):
        by_town.setdefault(row["town"], []).append(row["municipality"])
    for town, municipalities in by_town.items():
        genitive = " ".join(municipalities[0].split()[:-1]).removesuffix(" miesto") \
            .removesuffix(" rajono")
        for query in dict.fromkeys((town, fold(town), genitive, fold(genitive))):
            add("Lithuanian town, any case", query, *municipalities)
        if len(town) >= 5 and " " not in town:
            add("one-letter typo", typo(fold(town), rng), *municipalities)
    organizations, people = records()
    for name in organizations + people:
        add("exact whole name", name, name)
    for row in table("kmu2010_examples.tsv"):
        add("official Latin", row["latin"], row["name"])
        add("Cyrillic", row["name"], row["name"])
    for row in table("ukrainian_places_russian_style.tsv"):
        latin = official_latin(row["name"])
        add("official Latin", latin, row["name"])
        longest = max(latin.split(), key=len)
        if len(longest) >= 5 and " " not in latin and "-" not in latin:
            add("one-letter typo", typo(latin, rng), row["name"])
    return found


def build(workspace, *, distractors: int = 3000, seed: int = 7) -> None:
    """One record per name of the cases, through the service layer, among
    `distractors` people (and a tenth as many organisations) from `generate`."""
    from coordinator_app.core.sample.generate import generate
    from coordinator_app.core.records.models import Organization, Person

    organizations, people = records()
    with workspace.edit("Spelling cases") as edit:
        for name in organizations:
            edit.create(Organization, name=name, kind="municipality",
                        country="LT" if name.endswith("savivaldybė") else "UA")
        for name in people:
            edit.create(Person, full_name=name)
    generate(workspace, people=distractors, organizations=distractors // 10,
             agreements=distractors // 30, projects=distractors // 30, seed=seed)


def measure(workspace, found_cases: list[Case], *,
            search: Callable | None = None) -> dict[str, Result]:
    """Per group: how many cases had an expected record within the first results
    their group counts (TARGETS), and the misses with the rank they got."""
    from coordinator_app.core.search.query import search as core_search

    run = search or core_search
    results: dict[str, Result] = {}
    with workspace.read() as session:
        for case in found_cases:
            first, _share = TARGETS[case.group]
            result = results.setdefault(case.group, Result(case.group))
            hits = run(session, case.query, limit=20)
            rank = next((i + 1 for i, hit in enumerate(hits) if hit.title in case.expected),
                        None)
            result.cases += 1
            if rank is not None and rank <= first:
                result.found += 1
            else:
                result.misses.append((case.query, rank))
    return results

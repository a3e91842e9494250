"""Regenerate the gazetteer's Latin columns (coordinator_app/resources/gazetteer).

Each file is a TSV with the columns of core.text.gazetteer.COLUMNS. People edit the
`ukrainian`, `russian` and `other_names` columns; this script fills
`official_latin` (the KMU 2010 passport spelling, through uklatn) and
`russian_latin` (the Russian name in the Russian-style Latin of older maps and
documents: BGN/PCGN without diacritics), merges rows of one native name, sorts
the rows and writes the files back.

    python scripts/build_gazetteer.py                    rewrite the files in place
    python scripts/build_gazetteer.py --import FILE ...  add rows from FILE
                                                         (ukrainian;russian;other|other)
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

import uklatn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coordinator_app.core.text.collation import sort_key  # noqa: E402
from coordinator_app.core.text.gazetteer import COLUMNS, FILES, FOLDER, rows  # noqa: E402

HEADER = """# {title}
# Columns: {columns}. Tab-separated, "|" between other names.
# Sources and licence: README.md beside this file. Regenerate: scripts/build_gazetteer.py
"""
TITLES = {"places.tsv": "Ukrainian cities and towns: official name, official Latin (KMU 2010), "
                        "Russian name and its Latin, former and foreign names",
          "given_names.tsv": "Ukrainian given names and their Russian counterparts"}

#: Russian Cyrillic to the Latin of older maps (BGN/PCGN, diacritics dropped).
RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}
_VOWELS = "аеёиоуыэюяйъь"


def russian_latin(text: str) -> str:
    """Белая Церковь -> Belaya Tserkov, Енакиево -> Yenakiyevo."""
    out = []
    previous = ""
    for char in text:
        lower = char.lower()
        if lower in RUSSIAN:
            latin = RUSSIAN[lower]
            # е is ye at the start of a word and after a vowel or a sign (BGN/PCGN).
            if lower == "е" and (not previous or previous in _VOWELS or not previous.isalpha()):
                latin = "ye"
            if char != lower and latin:
                latin = latin[0].upper() + latin[1:]
            out.append(latin)
        else:
            out.append(char)
        previous = lower
    return "".join(out)


def official_latin(text: str) -> str:
    return uklatn.encode(unicodedata.normalize("NFC", text), uklatn.KMU_55)


def _merge(table: dict[str, dict[str, str]], row: dict[str, str]) -> None:
    name = row["ukrainian"]
    if not name:
        return
    known = table.setdefault(name, {key: "" for key in COLUMNS} | {"ukrainian": name})
    if row.get("russian") and not known["russian"]:
        known["russian"] = row["russian"]
    others = [o for o in known["other_names"].split("|") if o]
    for other in (row.get("other_names") or "").split("|"):
        other = other.strip()
        if other and other not in others and other != name:
            others.append(other)
    known["other_names"] = "|".join(others)


def _imported(path: Path) -> list[dict[str, str]]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            parts = [part.strip() for part in line.split(";")] + ["", ""]
            found.append({"ukrainian": parts[0], "russian": parts[1], "other_names": parts[2]})
    return found


def build(path: Path, extra: list[dict[str, str]]) -> int:
    table: dict[str, dict[str, str]] = {}
    for row in (rows(path) if path.exists() else []) + extra:
        _merge(table, row)
    lines = [HEADER.format(title=TITLES[path.name], columns=", ".join(COLUMNS)).rstrip("\n"),
             "\t".join(COLUMNS)]
    for name in sorted(table, key=sort_key):
        row = table[name]
        row["official_latin"] = official_latin(name)
        row["russian_latin"] = russian_latin(row["russian"]) if row["russian"] else ""
        shown = {row["official_latin"].casefold(), row["russian_latin"].casefold(),
                 row["russian"].casefold()}
        row["other_names"] = "|".join(other for other in row["other_names"].split("|")
                                      if other and other.casefold() not in shown)
        if re.search(r"[\t\n]", "".join(row.values())):
            raise SystemExit(f"{path.name}: a tab or line break inside {name!r}")
        lines.append("\t".join(row[key] for key in COLUMNS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(table)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--import", dest="imports", nargs=2, action="append", default=[],
                        metavar=("FILE", "TARGET"),
                        help="add rows from FILE (ukrainian;russian;other|other) to TARGET "
                             f"({' or '.join(FILES)})")
    args = parser.parse_args()
    extra: dict[str, list[dict[str, str]]] = {name: [] for name in FILES}
    for source, target in args.imports:
        if target not in extra:
            parser.error(f"TARGET must be one of {', '.join(FILES)}")
        extra[target] += _imported(Path(source))
    for name in FILES:
        count = build(FOLDER / name, extra[name])
        print(f"{name}: {count} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""CSV and other delimited text, in whatever encoding and delimiter it came in.

Files here come from Excel on Windows set to Ukrainian, Lithuanian or Russian
(cp1251, cp1257, semicolons), from Google and Outlook (UTF-8, commas), and from
"Unicode text" saves (UTF-16, tabs). Both are detected; either can be given.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from coordinator_app.i18n import _
from coordinator_app.interchange.headers import find_header
from coordinator_app.interchange.problems import UnreadableFile
from coordinator_app.interchange.table import Table, trim

DELIMITERS = (",", ";", "\t", "|")
#: Code pages tried when the text is not UTF-8, in the order they are preferred.
LEGACY = ("cp1251", "cp1257", "cp1252")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_BALTIC = set("ąčęėįšųūžĄČĘĖĮŠŲŪŽāēīļņģķĀĒĪĻŅĢĶ")


def _legacy_score(text: str, encoding: str) -> float:
    """How much `text` decoded as `encoding` looks like names and words.

    Cyrillic in cp1251 comes as whole words of letters above 0x7F; Lithuanian in
    cp1257 as one or two such letters in an otherwise Latin word. Read the other
    way round, each gives letters that never stand together."""
    score = 0.0
    for word in re.findall(r"[^\W\d_]+", text):
        high = [c for c in word if ord(c) > 0x7F]
        if not high:
            continue
        cyrillic = sum(1 for c in high if _CYRILLIC.match(c))
        if encoding == "cp1251":
            # A Cyrillic word is all Cyrillic; Latin with a few Cyrillic letters is wrong.
            score += 1 if cyrillic == len(word) else -1
        elif encoding == "cp1257":
            score += 1 if all(c in _BALTIC for c in high) and len(high) < len(word) else -1
        else:
            score += 0.5 if len(high) < len(word) else -1
    return score


def detect_encoding(data: bytes) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if data[:200].count(b"\x00") > 20:  # UTF-16 without a byte order mark
        return "utf-16-le" if data[1::2].count(b"\x00") > data[0::2].count(b"\x00") else \
            "utf-16-be"
    scored = []
    sample = data[:262144]
    for encoding in LEGACY:
        text = sample.decode(encoding, errors="replace")
        scored.append((_legacy_score(text, encoding), -LEGACY.index(encoding), encoding))
    return max(scored)[2]


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number of columns,
    more than one, most often."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    sample = "\n".join(lines)
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = widths.count(common) / len(widths) + min(common, 50) / 1000
        if score > best_score:
            best, best_score = delimiter, score
    return best


def decode(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str]:
    encoding = encoding or detect_encoding(data)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UnreadableFile(source, _("“{encoding}” is not an encoding this program knows")
                             .format(encoding=encoding)) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(source, _(
            "the file is not in the encoding {encoding} (byte {offset} does not fit); "
            "choose another encoding").format(encoding=encoding, offset=exc.start)) from None
    if "\x00" in text:
        raise UnreadableFile(source, _("this is not a text file"))
    return text.lstrip("\ufeff"), encoding


def read_csv(data: bytes, source: str, *, encoding: str | None = None,
             delimiter: str | None = None) -> Table:
    text, encoding = decode(data, source, encoding)
    delimiter = delimiter or detect_delimiter(text)
    grid: list[list[str]] = []
    numbers: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            grid.append(row)
            # The row as a spreadsheet program shows the file, where a cell with a line
            # break in it (Outlook's notes) is still one row.
            numbers.append(len(grid))
    except csv.Error as exc:
        raise UnreadableFile(source, _("line {line} cannot be read as CSV: {reason}").format(
            line=reader.line_num, reason=exc)) from None
    grid = trim(grid)
    if not any(any(cell.strip() for cell in row) for row in grid):
        raise UnreadableFile(source, _("the file is empty"))
    headers, start = find_header(grid)
    rows, row_numbers = [], []
    for row, number in zip(grid[start:], numbers[start:]):
        if any(cell.strip() for cell in row):
            rows.append(row)
            row_numbers.append(number)
    return Table(source, headers, rows, row_numbers, encoding=encoding, delimiter=delimiter)

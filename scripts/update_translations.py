"""Keep the translation catalogues in step with the sources.

    python scripts/update_translations.py           extract, merge into uk/lt .po, compile .mo
    python scripts/update_translations.py --check   report what is out of date; change nothing

1. Extract every message from coordinator_app/**.py (keywords `_`, `N_`,
   `gettext_in` (2nd argument), `ngettext` (1st and 2nd), `ngettext_in` (2nd and
   3rd), `pgettext` and `pgettext_in` (with their context)) and the standard library's argparse messages ("usage: ", "options",
   its errors), which the command line shows through the same catalogue, into
   coordinator_app/locale/coordinator.pot.
2. Merge the template into locale/<lang>/LC_MESSAGES/coordinator.po for uk and lt:
   new messages are added (marked fuzzy when babel guesses them from a similar
   one, so a person checks them), vanished ones become obsolete (#~).
3. Compile each .po into the .mo the application reads. The .mo files are
   committed, so a fresh checkout runs with no build step; tests/test_i18n.py
   checks they match the .po byte for byte.

Dates in the headers change only when the content does, so running this twice
changes nothing.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from coordinator_app import __version__  # noqa: E402  (after the path is set)

PACKAGE = ROOT / "coordinator_app"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "coordinator"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
TRANSLATED = ("uk", "lt")
TEAMS = {"uk": "Ukrainian", "lt": "Lithuanian"}

KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext_in": (2,),
    "ngettext": (1, 2),
    "ngettext_in": (2, 3),
    "pgettext": ((1, "c"), 2),
    "pgettext_in": ((2, "c"), 3),
}
#: argparse calls the standard gettext functions by these names.
ARGPARSE_KEYWORDS = {"_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("Translators:",)
#: Where argparse's messages come from, as a .po location (no spaces allowed there).
ARGPARSE_LOCATION = "python-stdlib/argparse.py"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def source_files() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def _add(catalog: Catalog, message, location: str) -> None:
    _lineno, text, comments, context = message
    if isinstance(text, tuple) and not all(text):
        return
    if not text:
        return
    catalog.add(text, locations=[(location, None)], auto_comments=comments, context=context)


def extract() -> Catalog:
    """Everything the sources (and argparse) ask to have translated, as a template."""
    catalog = Catalog(domain=DOMAIN, project="Coordinator", version=__version__,
                      charset="utf-8", fuzzy=False,
                      header_comment="# Messages of Coordinator, for translation.\n#",
                      msgid_bugs_address="", copyright_holder="")
    for path in source_files():
        location = path.relative_to(ROOT).as_posix()
        for message in extract_from_file("python", path, keywords=KEYWORDS,
                                         comment_tags=COMMENT_TAGS, strip_comment_tags=True):
            _add(catalog, message, location)
    import argparse as argparse_module

    for message in extract_from_file("python", argparse_module.__file__,
                                     keywords=ARGPARSE_KEYWORDS):
        _add(catalog, message, ARGPARSE_LOCATION)
    return catalog


def render_po(catalog: Catalog, *, template: bool = False) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=90, sort_by_file=True, include_lineno=False,
             ignore_obsolete=template)
    return out.getvalue()


def render_mo(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def _body(po: bytes) -> bytes:
    """A .po without its date lines, to tell whether anything but the dates changed."""
    return b"\n".join(line for line in po.splitlines()
                      if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date')))


def _stable(path: Path, catalog: Catalog, attribute: str, template: bool = False) -> bytes:
    """Render, keeping the previous date unless the content changed."""
    if path.exists():
        old_bytes = path.read_bytes()
        previous = read_catalog(path)
        setattr(catalog, attribute, getattr(previous, attribute))
        rendered = render_po(catalog, template=template)
        if _body(rendered) == _body(old_bytes):
            return rendered
    setattr(catalog, attribute, datetime.now(timezone.utc).replace(microsecond=0))
    return render_po(catalog, template=template)


def merge(template: Catalog, lang: str) -> Catalog:
    path = po_path(lang)
    if path.exists():
        catalog = read_catalog(path, lang)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project="Coordinator",
                          version=__version__, charset="utf-8",
                          fuzzy=False, language_team=TEAMS[lang],
                          last_translator="Coordinator translators",
                          header_comment=f"# {TEAMS[lang]} messages of Coordinator.\n#")
    catalog.update(template, no_fuzzy_matching=False, update_creation_date=True)
    catalog.fuzzy = False
    return catalog


def write(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def update() -> list[Path]:
    """Extract, merge and compile; returns the files that changed."""
    changed = []
    template = extract()
    template.creation_date = datetime.now(timezone.utc).replace(microsecond=0)
    pot = _stable(TEMPLATE, template, "creation_date", template=True)
    template.creation_date = read_po(io.BytesIO(pot)).creation_date
    if write(TEMPLATE, pot):
        changed.append(TEMPLATE)
    for lang in TRANSLATED:
        catalog = merge(template, lang)
        po = _stable(po_path(lang), catalog, "revision_date")
        if write(po_path(lang), po):
            changed.append(po_path(lang))
        if write(mo_path(lang), render_mo(read_po(io.BytesIO(po), locale=lang, domain=DOMAIN))):
            changed.append(mo_path(lang))
    return changed


def compile_all() -> list[Path]:
    changed = []
    for lang in TRANSLATED:
        if write(mo_path(lang), render_mo(read_catalog(po_path(lang), lang))):
            changed.append(mo_path(lang))
    return changed


def problems() -> list[str]:
    """What is out of date or untranslated, one line each (empty when all is well)."""
    found = []
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context)
              for m in extract() if m.id}
    for lang in TRANSLATED:
        if not po_path(lang).exists():
            found.append(f"{lang}: no catalogue at {po_path(lang).relative_to(ROOT)}")
            continue
        catalog = read_catalog(po_path(lang), lang)
        have = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in catalog if m.id}
        for msgid, _context in sorted(wanted - have):
            found.append(f"{lang}: not in the catalogue: {msgid!r}")
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strings):
                found.append(f"{lang}: untranslated{' (fuzzy)' if message.fuzzy else ''}: "
                             f"{message.id!r}")
        if not mo_path(lang).exists() or mo_path(lang).read_bytes() != render_mo(catalog):
            found.append(f"{lang}: {mo_path(lang).relative_to(ROOT)} is not compiled from the .po")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report problems, change nothing")
    parser.add_argument("--compile", action="store_true", help="only compile .po into .mo")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for line in found:
            print(line)
        print(f"{len(found)} problem(s)")
        return 1 if found else 0
    changed = compile_all() if args.compile else update()
    for path in changed:
        print(f"updated {path.relative_to(ROOT)}")
    untranslated = [line for line in problems() if "untranslated" in line]
    if untranslated:
        print(f"{len(untranslated)} message(s) still need a translation "
              "(run with --check to list them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

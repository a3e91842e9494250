"""`report memorandum` and `report briefing`: the printed reports, from scripts."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from coordinator_app.commands import add_reader_language, reader_language, workspace
from coordinator_app.core.views import records
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.models import Agreement, Organization
from coordinator_app.i18n import _


def register(subparsers) -> None:
    report = subparsers.add_parser("report", help=_("print a memorandum summary or a "
                                                    "briefing pack as PDF"))
    kinds = report.add_subparsers(dest="report", metavar="REPORT", required=True)

    memo = kinds.add_parser("memorandum", help=_("the one- or two-page summary of an agreement"))
    memo.add_argument("agreement", metavar="AGREEMENT", help=_("the agreement's id or title"))
    memo.add_argument("--bilingual", action="store_true",
                      help=_("Ukrainian and Lithuanian side by side, as the signed "
                             "document looks (instead of --lang)"))
    _common(memo)
    memo.set_defaults(handler=run_memorandum)

    pack = kinds.add_parser("briefing", help=_(
        "a briefing pack for a meeting: organisations, contacts, agreements, projects, "
        "deadlines"))
    pack.add_argument("--organization", "--organisation", action="append", default=[],
                      metavar="ORG", dest="organizations",
                      help=_("an organisation to cover (id or name); repeat for more"))
    pack.add_argument("--agreement", action="append", default=[], metavar="A",
                      dest="agreements", help=_("an agreement to cover (id or title); "
                                                "repeat for more"))
    pack.add_argument("--from", dest="date_from", metavar="DATE",
                      help=_("start of the period covered (YYYY-MM-DD)"))
    pack.add_argument("--to", dest="date_to", metavar="DATE",
                      help=_("end of the period covered (YYYY-MM-DD)"))
    _common(pack)
    pack.set_defaults(handler=run_briefing)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.pdf",
                        help=_("the PDF file to write"))
    add_reader_language(parser, _("language of the report's labels (default: the interface's)"))


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CoordinatorError(_("{option}: “{value}” is not a date; write it as YYYY-MM-DD.")
                               .format(option=option, value=text)) from None


def run_memorandum(args: argparse.Namespace) -> int:
    from coordinator_app.reports import render_memorandum

    with workspace(args) as opened:
        with opened.read() as session:
            agreement_id = records.resolve(session, Agreement, args.agreement).id
        path = render_memorandum(opened, agreement_id, args.output, reader_language(args),
                                 bilingual=args.bilingual)
    print(_("Memorandum summary written to {path}").format(path=path))
    return 0


def run_briefing(args: argparse.Namespace) -> int:
    from coordinator_app.reports import render_briefing

    date_from = _day(args.date_from, "--from")
    date_to = _day(args.date_to, "--to")
    with workspace(args) as opened:
        with opened.read() as session:
            organizations = [records.resolve(session, Organization, ref).id
                             for ref in args.organizations]
            agreements = [records.resolve(session, Agreement, ref).id
                          for ref in args.agreements]
        path = render_briefing(opened, args.output, reader_language(args),
                               organization_ids=organizations, agreement_ids=agreements,
                               date_from=date_from, date_to=date_to)
    print(_("Briefing pack written to {path}").format(path=path))
    return 0

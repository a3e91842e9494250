"""`generate`: synthetic records for trying the app at scale."""

from __future__ import annotations

import argparse
import sys
import time

from coordinator_app.commands import workspace
from coordinator_app.i18n import _


def register(subparsers) -> None:
    gen = subparsers.add_parser("generate", help=_("add realistic synthetic records"))
    for name in ("people", "organizations", "agreements", "projects"):
        gen.add_argument(f"--{name}", type=int, default=0, metavar="N")
    gen.add_argument("--seed", type=int, default=None, metavar="S",
                     help=_("the same seed gives the same records"))
    gen.set_defaults(handler=run_generate)


def run_generate(args: argparse.Namespace) -> int:
    from coordinator_app.core.sample.generate import generate

    started = time.perf_counter()
    with workspace(args, creates=True) as opened:
        counts = generate(opened, people=args.people, organizations=args.organizations,
                          agreements=args.agreements, projects=args.projects, seed=args.seed,
                          progress=lambda message: print(message, file=sys.stderr))
    print(_("Generated {summary} in {seconds:.1f} s.").format(
        summary=", ".join(f"{count} {kind}" for kind, count in counts.items()),
        seconds=time.perf_counter() - started))
    return 0

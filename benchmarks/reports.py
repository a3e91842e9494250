"""How long the printed reports take: one memorandum summary and a 50-agreement pack.

Builds its own database in a temporary folder: the demo data set plus N
agreements (default 50) between Ukrainian and Lithuanian municipalities, each
with parties, signatories, commitments, a project with milestones and aid
deliveries, and contacts for the people involved, all written through the
service layer. Prints each figure in milliseconds of processor time (median of several runs) and
as a ratio to a floor measured in the same run: bare ReportLab printing as many
pages (a paragraph and a table of plain rows each) in the same embedded font, and
for the whole `coordinator report memorandum` command, a new Python process
printing that floor. PASS is at most 2 x the floor.

    .venv/bin/python benchmarks/reports.py [--agreements N] [--runs R] [--json FILE]

A missed goal shows as FAIL; the exit status stays 0 so that `make bench` goes on
(benchmarks/table.py, at its end, fails when a goal is missed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UA_TOWNS = ["Харків", "Суми", "Запоріжжя", "Херсон", "Миколаїв", "Чернігів", "Ізюм",
            "Куп'янськ", "Охтирка", "Нікополь", "Пʼятихатки", "Глухів"]
LT_TOWNS = ["Plungė", "Šiauliai", "Klaipėda", "Panevėžys", "Vilnius", "Alytus", "Kėdainiai",
            "Utena", "Marijampolė", "Tauragė", "Telšiai", "Ukmergė"]
UA_PEOPLE = ["Олена Коваленко", "Андрій Мельник", "Ірина Бондаренко", "Дмитро Савченко",
             "Юлія Ткаченко", "Оксана Шевчук", "Ігор Гнатюк", "Ґалина Єрмак"]
LT_PEOPLE = ["Rūta Petrauskienė", "Tomas Jankauskas", "Laura Vaitkutė", "Mindaugas Žukauskas",
             "Giedrė Kazlauskienė", "Šarūnas Čepulis", "Aušra Bružė", "Vytautas Ąžuolas"]
TASKS = ["Надіслати перелік потреб у генераторах до початку опалювального сезону",
         "Parengti bendrą atkūrimo programos projektą ir suderinti jį su partneriais",
         "Організувати навчальний візит фахівців з енергетичної стійкості",
         "Pristatyti šildytuvus į mokyklas ir slėptuves prieš žiemą",
         "Погодити технічне завдання на відновлення котельні",
         "Surengti seminarą apie europinę integraciją savivaldybių lygmeniu"]


CPU: dict[str, float] = {}


def timed(action, runs: int, name: str = "") -> float:
    """Median wall time in ms; the median processor time goes to CPU[name] (on a busy
    machine the wall clock also counts other programs' turns)."""
    figures, cpu = [], []
    for _ in range(runs):
        started, processor = time.perf_counter(), time.process_time()
        action()
        figures.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - processor) * 1000)
    CPU[name] = statistics.median(cpu)
    return statistics.median(figures)


def build(workspace, count: int, rng: random.Random) -> list[str]:
    """`count` agreements with everything a pack prints, through the service layer."""
    from coordinator_app.core.records.models import (
        Affiliation, Agreement, AgreementParty, AgreementPriorityArea, AidDelivery,
        Commitment, ContactPoint, Milestone, Organization, Person, PriorityArea, Project,
        ProjectAgreement, ProjectPriorityArea, Signatory,
    )
    from sqlalchemy import select

    with workspace.read() as session:
        areas = list(session.scalars(select(PriorityArea.id)))
    ids = []
    today = date.today()
    with workspace.edit("Benchmark data") as edit:
        for n in range(count):
            ua_town, lt_town = UA_TOWNS[n % len(UA_TOWNS)], LT_TOWNS[(n * 5) % len(LT_TOWNS)]
            ua = edit.create(Organization, name=f"{ua_town} — громада {n + 1}", country="UA",
                             kind="municipality")
            lt = edit.create(Organization, name=f"{lt_town} savivaldybė {n + 1}", country="LT",
                             kind="municipality")
            people = []
            for org, names, prefix in ((ua, UA_PEOPLE, "+380 50 "), (lt, LT_PEOPLE, "+370 6")):
                for k in range(2):
                    person = edit.create(Person, full_name=rng.choice(names))
                    edit.create(Affiliation, person_id=person.id, organization_id=org.id,
                                position="Міський голова" if org is ua else "Meras")
                    phone = f"{prefix}{rng.randint(100, 999)} {rng.randint(10, 99)} {n:02d}"
                    edit.create(ContactPoint, person_id=person.id, kind="phone", value=phone)
                    edit.create(ContactPoint, person_id=person.id, kind="signal", value=phone)
                    edit.create(ContactPoint, person_id=person.id, kind="email",
                                value=f"person{n}.{k}@{org.country.lower()}.example.org")
                    people.append((person, org))
            signed = today - timedelta(days=rng.randint(30, 700))
            agreement = edit.create(
                Agreement, title=f"Меморандум № {n + 1} про співпрацю: {ua_town} – {lt_town}",
                kind="memorandum", status="active", signed_on=signed, signed_place=lt_town,
                expires_on=signed + timedelta(days=3 * 365),
                purpose=" ".join(rng.sample(TASKS, 3)))
            for org in (ua, lt):
                edit.create(AgreementParty, agreement_id=agreement.id, organization_id=org.id)
            for person, org in people[::2]:
                edit.create(Signatory, agreement_id=agreement.id, person_id=person.id,
                            organization_id=org.id, title_at_signing="Голова / Meras")
            for area in rng.sample(areas, 3):
                edit.create(AgreementPriorityArea, agreement_id=agreement.id,
                            priority_area_id=area)
            for k in range(rng.randint(6, 12)):
                person, org = rng.choice(people)
                edit.create(Commitment, agreement_id=agreement.id, description=rng.choice(TASKS),
                            party_id=org.id, owner_id=person.id,
                            due_on=today + timedelta(days=rng.randint(-60, 300)),
                            status=rng.choice(["open", "in_progress", "done"]))
            project = edit.create(Project, title=f"Енергетична стійкість: {ua_town} ({n + 1})",
                                  status="active", lead_id=lt.id, location_id=ua.id,
                                  start_on=signed, end_on=signed + timedelta(days=500),
                                  budget_minor=rng.randint(1, 500) * 100_000, currency="EUR")
            edit.create(ProjectAgreement, project_id=project.id, agreement_id=agreement.id)
            edit.create(ProjectPriorityArea, project_id=project.id,
                        priority_area_id=rng.choice(areas))
            for k in range(3):
                edit.create(Milestone, project_id=project.id, title=f"Etapas {k + 1}",
                            due_on=today + timedelta(days=rng.randint(-30, 200)))
                edit.create(AidDelivery, project_id=project.id, item="Generatoriai 30 kW",
                            quantity=rng.randint(2, 40), unit="vnt.", from_id=lt.id,
                            to_id=ua.id, delivered_on=signed + timedelta(days=30 * (k + 1)))
            ids.append(agreement.id)
    return ids


def floor_pdf(path: Path, pages: int = 1) -> None:
    """Bare ReportLab in the same embedded font: `pages` pages, each a paragraph and a
    table of 30 plain rows, what the least report of that length can cost here."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    from coordinator_app.reports import fonts

    fonts.register_fonts()
    style = ParagraphStyle("p", fontName=fonts.REGULAR, fontSize=9)
    story = []
    for page in range(pages):
        story.append(Paragraph(f"Меморандум про співпрацю · Plungė · Šiauliai {page}", style))
        rows = [[f"{page}.{row}", "Kharkiv — громада", "Plungė savivaldybė", "2026-02-11"]
                for row in range(30)]
        story += [Table(rows, style=[("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                                     ("FONTSIZE", (0, 0), (-1, -1), 8)]), PageBreak()]
    SimpleDocTemplate(str(path), initialFontName=fonts.REGULAR).build(story)


#: A memorandum summary and a briefing pack may cost this many times bare ReportLab
#: printing as many pages (issue 19).
GOAL = 2.0


def command_seconds(args: list[str], runs: int) -> float:
    """Median wall time of a command in seconds (a new Python each time)."""
    figures = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
        figures.append(time.perf_counter() - started)
    return statistics.median(figures)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="coordinator-bench-"))
    os.environ["COORDINATOR_HOME"] = str(home)
    from pypdf import PdfReader

    from coordinator_app.core.records.service import Workspace
    from coordinator_app.core.sample.demo import load_demo
    from coordinator_app.core.store.db import open_database
    from coordinator_app.reports import render_briefing, render_memorandum

    db_path = home / "bench.sqlite3"
    workspace = Workspace(open_database(db_path))
    load_demo(workspace)
    started = time.perf_counter()
    ids = build(workspace, args.agreements, random.Random(11))
    print(f"built {len(ids)} agreements in {time.perf_counter() - started:.1f} s")

    memo_path, pack_path = home / "memo.pdf", home / "pack.pdf"
    render_memorandum(workspace, ids[0], memo_path, "uk")  # fonts are parsed once a process
    memo = timed(lambda: render_memorandum(workspace, ids[0], memo_path, "uk"), args.runs,
                 "memo")
    pack = timed(lambda: render_briefing(workspace, pack_path, "lt", agreement_ids=ids),
                 max(1, args.runs // 2), "pack")
    memo_pages = len(PdfReader(memo_path).pages)
    pack_pages = len(PdfReader(pack_path).pages)
    floor_path = home / "floor.pdf"
    memo_floor = timed(lambda: floor_pdf(floor_path, memo_pages), args.runs * 2, "memo floor")
    pack_floor = timed(lambda: floor_pdf(floor_path, pack_pages), max(1, args.runs // 2),
                       "pack floor")
    if len(PdfReader(floor_path).pages) != pack_pages:
        raise SystemExit("the floor did not come out at the pack's page count")
    workspace.db.close()

    # The whole command, a new process each time, against a new process printing the
    # bare floor of as many pages.
    cli = [sys.executable, "-m", "coordinator_app", "--db", str(db_path)]
    command = command_seconds([*cli, "report", "memorandum", ids[0], "-o", str(memo_path),
                               "--lang", "uk"], args.runs)
    command_floor = command_seconds([sys.executable, "-c",
                                     "import sys; sys.path.insert(0, 'benchmarks'); "
                                     "from reports import floor_pdf; "
                                     f"floor_pdf({str(floor_path)!r}, {memo_pages})"], args.runs)

    figures = {"goal": GOAL,
               "memorandum": {"ms": CPU["memo"], "floor ms": CPU["memo floor"],
                              "pages": memo_pages, "unit": "processor time"},
               "pack": {"ms": CPU["pack"], "floor ms": CPU["pack floor"], "pages": pack_pages,
                        "agreements": len(ids), "unit": "processor time"},
               "memorandum command": {"ms": command * 1000, "floor ms": command_floor * 1000,
                                      "pages": memo_pages, "unit": "wall time"}}
    print("processor time, median; the floor is bare ReportLab printing as many pages "
          "in the same font")
    for key, label in (("memorandum", f"memorandum summary ({memo_pages} pages)"),
                       ("pack", f"briefing pack, {len(ids)} agreements ({pack_pages} pages)"),
                       ("memorandum command", "memorandum command, whole process")):
        figure = figures[key]
        ratio = figure["ms"] / figure["floor ms"]
        unit = "ms cpu" if figure["unit"] == "processor time" else "ms wall"
        print(f"{label:<52} {figure['ms']:8.0f} {unit}  floor {figure['floor ms']:7.0f}  "
              f"{ratio:5.2f} x (goal {GOAL} x) {'PASS' if ratio <= GOAL else 'FAIL'}")
    print(f"wall: memorandum {memo:.0f} ms (floor {memo_floor:.0f}), pack {pack:.0f} ms "
          f"(floor {pack_floor:.0f})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Projects, aid deliveries and activities of the demo data set (see core.sample.demo)."""

from __future__ import annotations

from datetime import date
from typing import Any

from coordinator_app.core.records.models import (
    Activity,
    ActivityParticipant,
    AidDelivery,
    Milestone,
    Project,
    ProjectAgreement,
    ProjectPartner,
    ProjectPriorityArea,
    Source,
)

from coordinator_app.core.sample.demo_builder import Builder


def _project(b: Builder, org: dict[str, str], agreements: dict[str, str], *,
             lead: str, location: str | None, partners: tuple = (), implements: tuple = (),
             areas: tuple = (), milestones: tuple = (), deliveries: tuple = (),
             sources: tuple = (), **values: Any) -> str:
    project = b.add(Project, lead_id=org[lead], location_id=org[location] if location else None,
                    **values)
    for org_key, role, contribution in partners:
        b.add(ProjectPartner, project_id=project.id, organization_id=org[org_key], role=role,
              contribution_minor=contribution)
    for key in implements:
        b.add(ProjectAgreement, project_id=project.id, agreement_id=agreements[key])
    for area in areas:
        b.add(ProjectPriorityArea, project_id=project.id, priority_area_id=b.areas[area])
    for title, due, done, status in milestones:
        b.add(Milestone, project_id=project.id, title=title, due_on=due, done_on=done,
              status=status)
    for item, quantity, unit, sender, recipient, delivered, notes in deliveries:
        b.add(AidDelivery, project_id=project.id, item=item, quantity=quantity, unit=unit,
              from_id=org[sender], to_id=org[recipient], delivered_on=delivered, notes=notes)
    for title, publisher, published in sources:
        b.add(Source, owner_kind="project", owner_id=project.id, title=title,
              publisher=publisher, published_on=published)
    return project.id


def projects(b: Builder, org: dict[str, str], who: dict[str, str],
             agreements: dict[str, str]) -> dict[str, str]:
    d = b.days
    ids = {}
    ids["generators"] = _project(
        b, org, agreements, title="Generators for Kharkiv during the energy attacks",
        description="Diesel generators for heat points, water pumps and schools in Kharkiv "
        "after the attacks on the power grid.", status="completed", lead="plunge",
        location="kharkiv", start_on=date(2025, 11, 20), end_on=date(2026, 3, 31),
        budget_minor=18_600_000, currency="EUR",
        funding_sources="Plungė District Municipality budget; Kaunas City Municipality",
        beneficiaries="Heat points, water pumping stations and 14 schools of Kharkiv",
        progress_notes="All generators delivered and in use; winter report pending.",
        partners=(("kaunas", "donor", 5_200_000), ("kharkiv", "beneficiary", None),
                  ("lsa", "partner", None)),
        implements=("plunge_kharkiv", "memorandum"),
        areas=("Energy resilience", "Safety and critical infrastructure"),
        milestones=(("Needs list agreed with Kharkiv", date(2025, 11, 28), date(2025, 11, 27),
                     "done"),
                    ("First convoy arrives", date(2025, 12, 20), date(2025, 12, 18), "done"),
                    ("Second convoy arrives", date(2026, 1, 20), date(2026, 1, 14), "done")),
        deliveries=(("Diesel generators 30 kW", 40, "pcs", "plunge", "kharkiv",
                     date(2025, 12, 18), "First convoy; for heat points and water pumps."),
                    ("Diesel generators 100 kW", 6, "pcs", "kaunas", "kharkiv",
                     date(2026, 1, 14), "For boiler houses."),
                    ("Diesel fuel", 12_000, "l", "plunge", "kharkiv", date(2026, 1, 14), None)),
    )
    ids["heaters"] = _project(
        b, org, agreements, title="Heaters for schools and shelters of frontline communities",
        description="Electric and gas heaters for schools, shelters and points of "
        "invincibility, collected by Lithuanian municipalities.", status="active",
        lead="lsa", location=None, start_on=date(2025, 10, 15), end_on=d(120),
        budget_minor=9_500_000, currency="EUR",
        funding_sources="Lithuanian municipalities; Bridge to the East Foundation",
        beneficiaries="Schools and shelters in Kharkiv, Sumy, Zaporizhzhia and Mykolaiv",
        partners=(("fund", "donor", 3_000_000), ("heatco", "implementer", None),
                  ("afcc", "partner", None)),
        implements=("heaters_grant", "memorandum"),
        areas=("Energy resilience",),
        milestones=(("Winter 2025–2026 deliveries", date(2026, 2, 28), date(2026, 2, 20),
                     "done"),
                    ("Needs survey for the coming winter", d(-8), None, "late"),
                    ("Deliveries before the frosts", d(21), None, "planned")),
        deliveries=(("Electric heaters 2 kW", 350, "pcs", "fund", "kharkiv",
                     date(2025, 12, 9), "For schools; paid from the grant."),
                    ("Electric heaters 2 kW", 600, "pcs", "lsa", "sumy", date(2026, 1, 22),
                     None),
                    ("Gas heaters", 200, "pcs", "heatco", "zaporizhzhia", date(2026, 2, 3),
                     "For shelters without electricity."),
                    ("Electric heaters 2 kW", 150, "pcs", "klaipeda", "mykolaiv", d(-15),
                     "First delivery for the coming winter.")),
    )
    ids["recovery"] = _project(
        b, org, agreements, title="Joint recovery programme for frontline communities 2026–2028",
        description="The coordinated programme of recovery the memorandum of 11 February 2026 "
        "calls for: each member community paired with a Lithuanian municipality.",
        status="active", lead="afcc", location=None, start_on=date(2026, 3, 1),
        end_on=date(2028, 12, 31), budget_minor=250_000_000, currency="EUR",
        funding_sources="EU programmes (application in preparation); municipal budgets",
        partners=(("lsa", "partner", None),),
        implements=("memorandum",),
        areas=("Infrastructure recovery", "Long-term community development",
               "European integration"),
        milestones=(("Needs assessment of member communities", date(2026, 5, 31),
                     date(2026, 6, 12), "done"),
                    ("Partner matching completed", d(-5), None, "late"),
                    ("Programme document agreed", d(24), None, "planned"),
                    ("Launch conference", d(60), None, "planned")),
    )
    ids["eu_school"] = _project(
        b, org, agreements, title="European integration school for municipal staff",
        description="Study visits and courses on EU municipal governance for staff of "
        "Ukrainian frontline communities.", status="planned", lead="lsa", location="plunge",
        start_on=d(30), end_on=d(395), budget_minor=48_000_000, currency="EUR",
        partners=(("afcc", "partner", None), ("plunge", "implementer", None)),
        implements=("memorandum",), areas=("European integration", "Human potential"),
        milestones=(("First study visit to Plungė", d(14), None, "planned"),),
    )
    ids["e_services"] = _project(
        b, org, agreements, title="Електронні послуги ЦНАП Сум за досвідом Шяуляя",
        description="Online services of the Sumy administrative services centre, modelled on "
        "Šiauliai's.", status="active", lead="sumy", location="sumy", start_on=d(-200),
        end_on=d(160), budget_minor=420_000_000, currency="UAH",
        partners=(("siauliai", "partner", None),), implements=("sumy_siauliai",),
        areas=("Modern city services",),
        milestones=(("Ten services online", d(-30), d(-34), "done"),
                    ("Mobile application", d(45), None, "planned")),
    )
    ids["rehab"] = _project(
        b, org, agreements, title="Rehabilitation centre equipment, Zaporizhzhia",
        description="Physiotherapy equipment for the city rehabilitation centre.",
        status="active", lead="zaporizhzhia", location="zaporizhzhia", start_on=d(-90),
        end_on=d(180), budget_minor=1_240_000_000, currency="UAH",
        partners=(("klaipeda", "donor", 150_000_000),), implements=("zaporizhzhia_klaipeda",),
        areas=("Medicine and rehabilitation",),
        deliveries=(("Rehabilitation equipment sets", 3, "sets", "klaipeda", "zaporizhzhia",
                     d(-20), None),),
    )
    ids["modular"] = _project(
        b, org, agreements, title="Modular homes for displaced families in Mykolaiv",
        status="on_hold", lead="mykolaiv", location="mykolaiv", start_on=d(-150),
        budget_minor=90_000_000, currency="EUR",
        progress_notes="On hold until the site is cleared of debris.",
        partners=(("vilnius", "partner", None),), implements=("mykolaiv_vilnius",),
        areas=("Internally displaced people",),
    )
    ids["business"] = _project(
        b, org, agreements, title="Small business grants for Kherson",
        status="planned", lead="kherson", location="kherson", start_on=d(45),
        budget_minor=25_000_000, currency="USD",
        partners=(("panevezys", "partner", None),),
        areas=("Small and medium business",),
    )
    return ids


def activities(b: Builder, org: dict[str, str], who: dict[str, str],
               agreements: dict[str, str], projects: dict[str, str]) -> None:
    d = b.days
    rows: tuple[tuple[Any, ...], ...] = (
        # title, kind, date, location, agreement, project, notes, follow-ups, people, orgs
        ("Signing of the memorandum between the Ukrainian and Lithuanian associations",
         "signing", date(2026, 2, 11), None, "memorandum", None,
         "The parties reviewed the cooperation already under way and set the priority areas: "
         "infrastructure recovery, energy resilience, modern city services and the long-term "
         "development of communities after the war. Ihor Terekhov thanked the Lithuanian "
         "municipalities for the heaters and generators provided during the energy attacks.",
         "Agree the coordinated recovery programme.",
         ("terekhov", "klisonis", "levchenko", "petrauskiene"), ("afcc", "lsa")),
        ("Засідання правління: пріоритети Асоціації на 2026 рік", "meeting", date(2026, 1, 28),
         "Харків", None, None,
         "Priorities for 2026: the safety of people and the protection of critical "
         "infrastructure, energy resilience, access to medicine and rehabilitation, support "
         "for internally displaced people, keeping human potential, and support for small and "
         "medium business.", None, ("terekhov", "levchenko", "bondarenko", "savchenko"), ("afcc",)),
        ("First convoy of generators arrives in Kharkiv", "delivery", date(2025, 12, 18),
         "Харків", "plunge_kharkiv", "generators", "40 generators handed over to the city.",
         None, ("kovalchuk", "jankauskas"), ("plunge", "kharkiv")),
        ("Online meeting on the coming heating season", "meeting", d(-20), "Online",
         "memorandum", "heaters", "Needs for heaters and generators collected from members.",
         "Send the consolidated list to LSA.", ("levchenko", "petrauskiene", "tkachenko"), ()),
        ("Call on partner matching", "call", d(-5), None, "memorandum", "recovery",
         "Eleven of the member communities have a Lithuanian partner so far.",
         "Petrauskienė sends the list of Lithuanian volunteers.",
         ("levchenko", "petrauskiene"), ()),
        ("Call with Šiauliai about renewing the partnership", "call", d(-2), None,
         "sumy_siauliai", None, None, "Draft of the renewed agreement by Šiauliai.",
         ("bondarenko", "stankevicius"), ()),
        ("Study visit of Ukrainian municipal staff to Plungė", "visit", d(14), "Plungė",
         "memorandum", "eu_school", "Programme: municipal services, EU funds, civil "
         "protection.", None, ("kovalchuk", "shevchuk", "jankauskas"), ("plunge",)),
        ("Meeting with Panevėžys engineers on the school in Kherson", "meeting", d(6), "Online",
         "kherson_panevezys", None, None, None, ("shevchuk",), ("panevezys",)),
        ("Seminar: keeping communities running in crisis conditions", "meeting", d(3),
         "Vilnius", "memorandum", None, "For Lithuanian municipalities; Kharkiv shares its "
         "experience.", None, ("kovalchuk", "zukauskas", "vaitkute"), ("lsa",)),
    )
    for (title, kind, on, place, agreement, project, notes, follow_ups, people,
         organizations) in rows:
        activity = b.add(Activity, title=title, kind=kind, occurs_on=on, location=place,
                         agreement_id=agreements[agreement] if agreement else None,
                         project_id=projects[project] if project else None, notes=notes,
                         follow_ups=follow_ups)
        for person in people:
            b.add(ActivityParticipant, activity_id=activity.id, person_id=who[person])
        for organization in organizations:
            b.add(ActivityParticipant, activity_id=activity.id, organization_id=org[organization])

"""The records of the demo data set; `coordinator_app.core.sample.demo` loads them in one edit.

Names are written natively (Cyrillic for Ukrainian, Lithuanian with its
diacritics) with Latin spellings and other names beside them. Phone numbers,
e-mail addresses and messenger handles are invented and reach nobody.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from coordinator_app.core.records.attachments import attach_bytes
from coordinator_app.core.records.models import (
    Affiliation,
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    Commitment,
    ContactPoint,
    Organization,
    Person,
    Signatory,
    Source,
    Tag,
    TagLink,
)

from coordinator_app.core.sample import demo_needs, demo_projects
from coordinator_app.core.sample.demo_builder import Builder

#: Names other code and tests may look records up by.
MEMORANDUM_TITLE = ("Memorandum of Cooperation between the Association of Frontline Cities "
                    "and Communities and the Association of Local Authorities of Lithuania")
UA_ASSOCIATION = "Асоціація прифронтових міст та громад"
LT_ASSOCIATION = "Lietuvos savivaldybių asociacija"
KHARKIV = "Харківська міська рада"
PLUNGE = "Plungės rajono savivaldybė"
TEREKHOV = "Ігор Терехов"
KLISONIS = "Audrius Klišonis"



Contacts = tuple[tuple[str, str, str | None], ...]


def _contacts(b: Builder, owner: dict[str, str], contacts: Contacts) -> None:
    for kind, value, label in contacts:
        b.add(ContactPoint, kind=kind, value=value, label=label, **owner)


def _organizations(b: Builder) -> dict[str, str]:
    rows: tuple[tuple[Any, ...], ...] = (
        # key, name, other names, kind, country, region, parent key, website, contacts
        ("afcc", "Асоціація прифронтових міст та громад",
         "Association of Frontline Cities and Communities\nAsotsiatsiia pryfrontovykh mist "
         "ta hromad\nАссоциация прифронтовых городов и общин", "association", "UA", None, None,
         None, (("email", "secretariat@frontline-cities.example.org", "secretariat"),)),
        ("lsa", "Lietuvos savivaldybių asociacija",
         "Association of Local Authorities of Lithuania\nLSA\nАсоціація органів місцевого "
         "самоврядування Литви", "association", "LT", None, None, "https://www.lsa.lt",
         (("phone", "+370 5 000 1201", "reception"),
          ("email", "info@lsa.example.org", None))),
        ("kharkiv", "Харківська міська рада",
         "Kharkiv City Council\nKharkivska miska rada\nХарків\nKharkiv\nKharkov", "municipality",
         "UA", "Харківська область", "afcc", "https://www.city.kharkiv.ua",
         (("phone", "+380 57 000 2040", "international relations"),)),
        ("sumy", "Сумська міська рада", "Sumy City Council\nSumska miska rada\nСуми\nSumy",
         "municipality", "UA", "Сумська область", "afcc", "https://smr.gov.ua", ()),
        ("zaporizhzhia", "Запорізька міська рада",
         "Zaporizhzhia City Council\nZaporizka miska rada\nЗапоріжжя\nZaporizhzhia\nZaporozhye",
         "municipality", "UA", "Запорізька область", "afcc", None, ()),
        ("kherson", "Херсонська міська рада",
         "Kherson City Council\nKhersonska miska rada\nХерсон\nKherson", "municipality", "UA",
         "Херсонська область", "afcc", None, ()),
        ("mykolaiv", "Миколаївська міська рада",
         "Mykolaiv City Council\nMykolaivska miska rada\nМиколаїв\nMykolaiv\nNikolaev",
         "municipality", "UA", "Миколаївська область", "afcc", None, ()),
        ("chernihiv", "Чернігівська міська рада",
         "Chernihiv City Council\nChernihivska miska rada\nЧернігів\nChernihiv", "municipality",
         "UA", "Чернігівська область", "afcc", None, ()),
        ("plunge", "Plungės rajono savivaldybė",
         "Plungė District Municipality\nPlungė\nПлунге\nПлунгеський район", "municipality", "LT",
         "Telšių apskritis", "lsa", "https://www.plunge.lt",
         (("phone", "+370 448 00 010", "reception"),)),
        ("vilnius", "Vilniaus miesto savivaldybė",
         "Vilnius City Municipality\nVilnius\nВільнюс", "municipality", "LT", "Vilniaus apskritis",
         "lsa", "https://vilnius.lt", ()),
        ("kaunas", "Kauno miesto savivaldybė", "Kaunas City Municipality\nKaunas\nКаунас",
         "municipality", "LT", "Kauno apskritis", "lsa", "https://www.kaunas.lt", ()),
        ("klaipeda", "Klaipėdos miesto savivaldybė",
         "Klaipėda City Municipality\nKlaipėda\nKlaipeda\nКлайпеда", "municipality", "LT",
         "Klaipėdos apskritis", "lsa", "https://www.klaipeda.lt", ()),
        ("siauliai", "Šiaulių miesto savivaldybė", "Šiauliai City Municipality\nŠiauliai\nШяуляй",
         "municipality", "LT", "Šiaulių apskritis", "lsa", "https://www.siauliai.lt", ()),
        ("panevezys", "Panevėžio miesto savivaldybė",
         "Panevėžys City Municipality\nPanevėžys\nПаневежис", "municipality", "LT",
         "Panevėžio apskritis", "lsa", None, ()),
        ("alytus", "Alytaus miesto savivaldybė", "Alytus City Municipality\nAlytus\nАлітус",
         "municipality", "LT", "Alytaus apskritis", "lsa", None, ()),
        ("heatco", "UAB „Šilumos sprendimai“", "Heating Solutions Ltd", "company", "LT",
         "Kauno apskritis", None, None, (("email", "orders@silumos.example.lt", None),)),
        ("fund", "Fondas „Tiltas į Rytus“", "Bridge to the East Foundation\nФонд «Міст на Схід»",
         "donor", "LT", "Vilniaus apskritis", None, None,
         (("email", "grants@tiltas.example.org", "grants"),)),
    )
    ids: dict[str, str] = {}
    for key, name, other, kind, country, region, parent, website, contacts in rows:
        org = b.add(Organization, name=name, other_names=other, kind=kind, country=country,
                    region=region, parent_id=ids.get(parent) if parent else None,
                    website=website)
        ids[key] = org.id
        _contacts(b, {"organization_id": org.id}, contacts)
    return ids


def _people(b: Builder, org: dict[str, str]) -> dict[str, str]:
    rows: tuple[tuple[Any, ...], ...] = (
        # key, native name, Latin name, other names, languages,
        # affiliations (org, position, from, to), contacts
        ("terekhov", "Ігор Терехов", "Ihor Terekhov", "Игорь Терехов\nIgor Terekhov", "uk",
         (("kharkiv", "Харківський міський голова", None, None),
          ("afcc", "Голова Асоціації прифронтових міст та громад", None, None)), ()),
        ("klisonis", "Audrius Klišonis", None, "Аудрюс Клішоніс\nАудрюс Клишонис", "lt, en",
         (("plunge", "Plungės rajono savivaldybės meras", None, None),
          ("lsa", "Lietuvos savivaldybių asociacijos prezidentas", None, None)), ()),
        ("kovalchuk", "Олена Ковальчук", "Olena Kovalchuk", None, "uk, en, pl",
         (("kharkiv", "Начальниця відділу міжнародних зв’язків", date(2022, 3, 1), None),),
         (("phone", "+380 67 000 1122", "mobile"),
          ("email", "o.kovalchuk@kharkiv.example.org", "work"),
          ("signal", "+380 67 000 1122", None),
          ("telegram", "@olena_kov_demo", None))),
        ("levchenko", "Тарас Левченко", "Taras Levchenko", None, "uk, en",
         (("afcc", "Виконавчий директор", date(2025, 6, 1), None),
          ("chernihiv", "Заступник міського голови", date(2019, 1, 15), date(2025, 5, 30))),
         (("phone", "+380 50 000 3344", "mobile"),
          ("email", "t.levchenko@frontline-cities.example.org", None),
          ("signal", "+380 50 000 3344", None))),
        ("bondarenko", "Ірина Бондаренко", "Iryna Bondarenko", None, "uk, en",
         (("sumy", "Директорка департаменту інвестицій та міжнародного співробітництва",
           date(2021, 9, 1), None),),
         (("email", "i.bondarenko@sumy.example.org", None),
          ("viber", "+380 66 000 5566", None))),
        ("savchenko", "Дмитро Савченко", "Dmytro Savchenko", None, "uk",
         (("zaporizhzhia", "Начальник управління енергетики", date(2023, 2, 1), None),),
         (("phone", "+380 61 000 7788", "office"),
          ("telegram", "@d_savchenko_demo", None))),
        ("shevchuk", "Оксана Шевчук", "Oksana Shevchuk", None, "uk, en, de",
         (("kherson", "Керівниця проєктного офісу відновлення", date(2024, 9, 2), None),
          ("mykolaiv", "Менеджерка міжнародних проєктів", date(2019, 3, 1), date(2024, 8, 31))),
         (("email", "o.shevchuk@kherson.example.org", None),
          ("whatsapp", "+380 95 000 9900", None))),
        ("tkachenko", "Юлія Ткаченко", "Yuliia Tkachenko", "Yulia Tkachenko", "uk, en",
         (("mykolaiv", "Координаторка гуманітарної допомоги", date(2024, 10, 1), None),),
         (("phone", "+380 93 000 1212", None), ("viber", "+380 93 000 1212", None))),
        ("petrauskiene", "Rūta Petrauskienė", None, "Рута Петраускене", "lt, en, uk",
         (("lsa", "Tarptautinių ryšių patarėja", date(2020, 4, 1), None),),
         (("phone", "+370 600 00 101", "mobile"),
          ("email", "ruta.petrauskiene@lsa.example.org", None),
          ("signal", "+370 600 00 101", None))),
        ("jankauskas", "Tomas Jankauskas", None, "Томас Янкаускас", "lt, en, ru",
         (("plunge", "Administracijos direktorius", date(2023, 5, 2), None),),
         (("phone", "+370 448 00 015", "office"),
          ("email", "tomas.jankauskas@plunge.example.lt", None))),
        ("kazlauskaite", "Giedrė Kazlauskaitė", None, None, "lt, en",
         (("kaunas", "Užsienio ryšių skyriaus vedėja", date(2018, 11, 5), None),),
         (("email", "giedre.kazlauskaite@kaunas.example.lt", None),
          ("telegram", "@giedre_k_demo", None))),
        ("zukauskas", "Mindaugas Žukauskas", None, "Міндаугас Жукаускас", "lt, en",
         (("vilnius", "Energetikos projektų vadovas", date(2021, 2, 1), None),),
         (("phone", "+370 611 00 222", None),)),
        ("vaitkute", "Laura Vaitkutė", None, None, "lt, en, uk",
         (("klaipeda", "Tarptautinio bendradarbiavimo specialistė", date(2022, 6, 1), None),),
         (("email", "laura.vaitkute@klaipeda.example.lt", None),
          ("whatsapp", "+370 622 00 333", None))),
        ("stankevicius", "Paulius Stankevičius", None, None, "lt, en",
         (("siauliai", "Mero patarėjas", date(2024, 4, 15), None),
          ("fund", "Valdybos narys", date(2022, 3, 1), None)),
         (("email", "paulius@tiltas.example.org", None),)),
    )
    ids: dict[str, str] = {}
    for key, name, latin, other, languages, affiliations, contacts in rows:
        person = b.add(Person, full_name=name, latin_name=latin, other_names=other,
                       languages=languages)
        ids[key] = person.id
        for org_key, position, start, end in affiliations:
            b.add(Affiliation, person_id=person.id, organization_id=org[org_key],
                  position=position, start_on=start, end_on=end)
        _contacts(b, {"person_id": person.id}, contacts)
    return ids


def _agreement(b: Builder, org: dict[str, str], who: dict[str, str], *, parties: tuple,
               signatories: tuple = (), commitments: tuple = (), areas: tuple = (),
               sources: tuple = (), **values: Any) -> str:
    agreement = b.add(Agreement, **values)
    for org_key, role in parties:
        b.add(AgreementParty, agreement_id=agreement.id, organization_id=org[org_key], role=role)
    for person_key, org_key, title in signatories:
        b.add(Signatory, agreement_id=agreement.id, person_id=who[person_key],
              organization_id=org[org_key], title_at_signing=title)
    for description, party_key, owner_key, due, status in commitments:
        b.add(Commitment, agreement_id=agreement.id, description=description,
              party_id=org[party_key] if party_key else None,
              owner_id=who[owner_key] if owner_key else None, due_on=due, status=status)
    for area in areas:
        b.add(AgreementPriorityArea, agreement_id=agreement.id, priority_area_id=b.areas[area])
    for title, publisher, published, url in sources:
        b.add(Source, owner_kind="agreement", owner_id=agreement.id, title=title,
              publisher=publisher, published_on=published, url=url)
    return agreement.id


def _agreements(b: Builder, org: dict[str, str], who: dict[str, str]) -> dict[str, str]:
    d = b.days
    ids = {}
    ids["memorandum"] = _agreement(
        b, org, who, title=MEMORANDUM_TITLE, kind="memorandum", status="active",
        signed_on=date(2026, 2, 11), effective_from=date(2026, 2, 11),
        purpose="Coordination at the municipal level of the integration of Ukrainian "
        "communities into European practices of governance, and joint work on programmes "
        "for the recovery of Ukrainian communities.",
        notes="At the meeting the parties "
        "reviewed the cooperation already under way. Ihor Terekhov thanked the Lithuanian "
        "municipalities for the heaters and generators they provided during the energy "
        "attacks; Audrius Klišonis confirmed that Lithuanian municipalities are ready to "
        "cooperate further and said Ukraine's experience of crisis will serve every "
        "European municipality.",
        parties=(("afcc", "party"), ("lsa", "party")),
        signatories=(("terekhov", "afcc", "Голова Асоціації прифронтових міст та громад, "
                      "Харківський міський голова"),
                     ("klisonis", "lsa", "Lietuvos savivaldybių asociacijos prezidentas, "
                      "Plungės rajono savivaldybės meras")),
        commitments=(
            ("Exchange the lists of needs for heaters and generators before the heating "
             "season.", "afcc", "levchenko", date(2026, 10, 1), "done"),
            ("Hold a seminar for Lithuanian municipalities on keeping communities running in "
             "crisis conditions.", "afcc", "kovalchuk", d(-12), "open"),
            ("Prepare a joint application to an EU programme for the recovery of frontline "
             "communities.", "lsa", "petrauskiene", d(-33), "in_progress"),
            ("Match each member community with a Lithuanian partner municipality.", "lsa",
             "petrauskiene", d(9), "in_progress"),
            ("Agree the coordinated recovery programme for member communities.", "afcc",
             "levchenko", d(24), "open"),
            ("Organise study visits on European municipal governance for Ukrainian staff.",
             "lsa", "jankauskas", d(75), "open"),
        ),
        areas=("European integration", "Infrastructure recovery", "Energy resilience",
               "Modern city services", "Long-term community development"),
        sources=(("Украинские прифронтовые общины и муниципалитеты Литвы договорились о "
                  "партнерстве в сфере европейской интеграции и обновления", "Delo.ua",
                  date(2026, 2, 11), None),
                 ("Оголошення Асоціації прифронтових міст та громад",
                  "Асоціація прифронтових міст та громад", date(2026, 2, 11), None)),
    )
    ids["plunge_kharkiv"] = _agreement(
        b, org, who, title="Partnership agreement Plungė – Kharkiv on energy resilience",
        kind="partnership", status="active", signed_on=date(2025, 11, 20),
        signed_place="Plungė", effective_from=date(2025, 11, 20), expires_on=date(2027, 11, 20),
        purpose="Emergency power and heat for Kharkiv's schools, shelters and water pumps.",
        parties=(("plunge", "donor"), ("kharkiv", "party")),
        signatories=(("klisonis", "plunge", "Plungės rajono savivaldybės meras"),
                     ("terekhov", "kharkiv", "Харківський міський голова")),
        commitments=(("Deliver generators for heat and water supply points.", "plunge",
                      "jankauskas", date(2025, 12, 20), "done"),
                     ("Report on the use of the generators over the winter.", "kharkiv",
                      "kovalchuk", d(18), "open")),
        areas=("Energy resilience", "Safety and critical infrastructure"),
    )
    ids["sumy_siauliai"] = _agreement(
        b, org, who, title="Partnership agreement Sumy – Šiauliai", kind="partnership",
        status="active", signed_on=d(-3 * 365 + 40), signed_place="Šiauliai",
        effective_from=d(-3 * 365 + 40), expires_on=d(40),
        purpose="Exchange of experience in modern city services and support for Sumy's "
        "schools. Expires soon: the parties are discussing a renewal.",
        parties=(("sumy", "party"), ("siauliai", "party")),
        signatories=(("bondarenko", "sumy", "Директорка департаменту інвестицій"),),
        commitments=(("Propose the text of the renewed agreement.", "siauliai",
                      "stankevicius", d(14), "open"),),
        areas=("Modern city services", "Human potential"),
    )
    ids["zaporizhzhia_klaipeda"] = _agreement(
        b, org, who, title="Memorandum of understanding Zaporizhzhia – Klaipėda",
        kind="mou", status="signed", signed_on=d(-2 * 365 + 85), signed_place="Klaipėda",
        effective_from=d(-2 * 365 + 85), expires_on=d(85),
        purpose="Port city cooperation on critical infrastructure and the rehabilitation of "
        "wounded residents.",
        parties=(("zaporizhzhia", "party"), ("klaipeda", "party")),
        signatories=(("savchenko", "zaporizhzhia", "Начальник управління енергетики"),),
        commitments=(("Send the equipment list for the rehabilitation centre.", "zaporizhzhia",
                      "savchenko", d(-4), "open"),),
        areas=("Medicine and rehabilitation", "Safety and critical infrastructure"),
    )
    ids["kherson_panevezys"] = _agreement(
        b, org, who, title="Letter of intent Kherson – Panevėžys on school reconstruction",
        kind="letter_of_intent", status="negotiation",
        purpose="Reconstruction of a school damaged by shelling, with Panevėžys engineers.",
        parties=(("kherson", "party"), ("panevezys", "party")),
        commitments=(("Send the damage assessment of the school building.", "kherson",
                      "shevchuk", d(6), "in_progress"),),
        areas=("Infrastructure recovery", "Human potential"),
    )
    ids["mykolaiv_vilnius"] = _agreement(
        b, org, who, title="Twinning agreement Mykolaiv – Vilnius", kind="twinning",
        status="draft", purpose="A long-term twinning of the two cities.",
        parties=(("mykolaiv", "party"), ("vilnius", "party")),
        areas=("Long-term community development", "Internally displaced people"),
    )
    ids["heaters_grant"] = _agreement(
        b, org, who, title="Grant agreement: heaters for Kharkiv schools", kind="grant",
        status="expired", signed_on=date(2025, 10, 15), signed_place="Vilnius",
        effective_from=date(2025, 10, 15), expires_on=date(2026, 4, 30),
        purpose="Electric heaters for schools and shelters for the winter of 2025–2026.",
        parties=(("fund", "donor"), ("kharkiv", "party")),
        signatories=(("stankevicius", "fund", "Valdybos narys"),
                     ("kovalchuk", "kharkiv", "Начальниця відділу міжнародних зв’язків")),
        commitments=(("Final report to the donor.", "kharkiv", "kovalchuk",
                      date(2026, 5, 31), "done"),),
        areas=("Energy resilience",),
    )
    ids["chernihiv_alytus"] = _agreement(
        b, org, who, title="Memorandum of cooperation Chernihiv – Alytus", kind="memorandum",
        status="terminated", signed_on=date(2023, 5, 12), signed_place="Alytus",
        expires_on=date(2026, 5, 12),
        purpose="Cultural exchange; replaced by the association-level memorandum.",
        parties=(("chernihiv", "party"), ("alytus", "party")),
        signatories=(("levchenko", "chernihiv", "Заступник міського голови"),),
        areas=("Human potential",),
    )
    return ids


BRIEFING_NOTE = """\
Briefing note: memorandum of cooperation, 11 February 2026

Parties: Асоціація прифронтових міст та громад (Association of Frontline Cities and
Communities) and Lietuvos savivaldybių asociacija (Association of Local Authorities
of Lithuania).
Signed by: Ігор Терехов (Ihor Terekhov), head of the association and mayor of Kharkiv;
Audrius Klišonis, president of the Lithuanian association and mayor of Plungė.

Subject: coordination at the municipal level of the integration of Ukrainian
communities into European practices of governance; joint work on recovery programmes.

Priority areas: infrastructure recovery, energy resilience, modern city services,
long-term development of communities after the war.

The association's priorities for 2026: safety of people and protection of critical
infrastructure; energy resilience; access to medicine and rehabilitation; support for
internally displaced people; keeping human potential; support for small and medium
business.
"""


def build(b: Builder) -> None:
    """Every record of the demo, through `b` (see coordinator_app.core.sample.demo)."""
    org = _organizations(b)
    who = _people(b, org)
    agreements = _agreements(b, org, who)
    project_ids = demo_projects.projects(b, org, who, agreements)
    demo_projects.activities(b, org, who, agreements, project_ids)
    demo_needs.needs(b, org)
    attach_bytes(b.edit, "agreement", agreements["memorandum"], "briefing-note-2026-02-11.txt",
                 BRIEFING_NOTE.encode("utf-8"), description="Briefing note on the signing")
    b.counts["attachment"] += 1
    tags = {name: b.add(Tag, name=name).id
            for name in ("frontline", "energy", "heating season 2025–2026", "press")}
    for tag, kind, record_id in (
        ("frontline", "organization", org["afcc"]), ("frontline", "organization", org["kharkiv"]),
        ("frontline", "organization", org["sumy"]),
        ("frontline", "organization", org["zaporizhzhia"]),
        ("frontline", "organization", org["kherson"]),
        ("frontline", "organization", org["mykolaiv"]),
        ("energy", "agreement", agreements["plunge_kharkiv"]),
        ("energy", "project", project_ids["generators"]),
        ("energy", "project", project_ids["heaters"]),
        ("heating season 2025–2026", "project", project_ids["generators"]),
        ("heating season 2025–2026", "project", project_ids["heaters"]),
        ("press", "agreement", agreements["memorandum"]),
        ("press", "person", who["terekhov"]), ("press", "person", who["klisonis"]),
    ):
        b.add(TagLink, tag_id=tags[tag], entity_kind=kind, entity_id=record_id)


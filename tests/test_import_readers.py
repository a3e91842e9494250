"""Reading the files people bring: encodings, delimiters, headers in four languages,
merged header cells, and address books as each program writes them."""

from __future__ import annotations

import pytest
from support.interchange import sample

from coordinator_app.interchange import csv_reader
from coordinator_app.interchange.fields import guess_field
from coordinator_app.interchange.mapping import guess_mapping
from coordinator_app.interchange.problems import UnreadableFile
from coordinator_app.interchange.sources import open_data, open_file


def _records(name: str):
    source = open_file(sample(name))
    return source, source.records()


@pytest.mark.parametrize("header, kind, field", [
    ("Прізвище", "person", "family_name"), ("Pavardė", "person", "family_name"),
    ("Фамилия", "person", "family_name"), ("Last Name", "person", "family_name"),
    ("E-mail", "person", "email"), ("El. paštas", "person", "email"),
    ("Адреса електронної пошти", "person", "email"), ("Телефон", "person", "phone"),
    ("Mobile Phone", "person", "phone"), ("Mobilusis telefonas", "person", "phone"),
    ("Job Title", "person", "position"), ("Посада", "person", "position"),
    ("ПІБ", "person", "full_name"), ("Vardas ir pavardė", "person", "full_name"),
    ("Organization Name", "person", "organization"), ("Įmonė", "person", "organization"),
    ("Назва", "organization", "name"), ("Дата підписання", "agreement", "signed_on"),
    ("Бюджет, грн", "project", "budget"),
])
def test_headers_in_four_languages_name_their_fields(header, kind, field):
    assert guess_field(kind, header) == field


@pytest.mark.parametrize("header", ["Name Prefix", "Title", "E-mail Display Name",
                                    "Manager's Name", "Birthday", "№"])
def test_headers_of_what_no_record_keeps_are_left_unmapped(header):
    assert guess_field("person", header) is None


@pytest.mark.parametrize("text, encoding", [
    ("Прізвище;Ім'я\nШевченко;Олена\n", "cp1251"),
    ("Vardas;Pavardė\nRūta;Žemaitienė\nDarius;Čepulis\n", "cp1257"),
])
def test_legacy_code_pages_are_told_apart(text, encoding):
    assert csv_reader.detect_encoding(text.encode(encoding)) == encoding


def test_byte_order_marks_and_utf16_are_read():
    text = "Ім'я\tТелефон\nОлена\t+380671234567\n"
    for data in (text.encode("utf-8-sig"), text.encode("utf-16")):
        table = open_data(data, "contacts.csv").table
        assert table.headers == ["Ім'я", "Телефон"] and table.delimiter == "\t"
        assert table.rows[0][0] == "Олена"


def test_encoding_and_delimiter_can_be_overridden():
    data = "a|b\nПетро|1\n".encode("cp1251")
    table = open_data(data, "x.csv", encoding="cp1251", delimiter="|").table
    assert table.rows == [["Петро", "1"]]
    with pytest.raises(UnreadableFile, match="utf-8"):
        open_data(data, "x.csv", encoding="utf-8")


def test_excel_csv_in_cp1251_with_semicolons_and_a_title_row():
    source, rows = _records("staff-semicolon-cp1251.csv")
    assert (source.table.encoding, source.table.delimiter) == ("cp1251", ";")
    assert source.table.headers[0] == "Прізвище"
    assert [r.label for r in rows] == ["Віктор Гончаренко", "Ірина Литвиненко",
                                       "Mindaugas Jankauskas"]
    assert [r.row for r in rows] == [3, 4, 6]  # the empty line 5 is not a record
    bad = rows[1].problems[0]
    assert (bad.row, bad.column) == (4, "Ел. пошта") and "i.lytvynenko@sumy" in bad.message
    # The country column says how to read a number written without +.
    assert ("phone", "+37038961000") in [(c.kind, c.value) for c in rows[2].contacts]
    assert ("phone", "+380542700000") in [(c.kind, c.value) for c in rows[0].contacts]


def test_lithuanian_sheet_in_cp1257_reads_national_numbers_as_lithuanian():
    source, rows = _records("lithuanian-cp1257.csv")
    assert source.table.encoding == "cp1257"
    assert rows[0].label == "Rūta Žemaitienė"
    assert rows[0].affiliations == [("Šiaulių miesto savivaldybė", "Vyr. specialistė")]
    assert [c.value for c in rows[0].contacts if c.kind == "phone"] == ["+37041596611"]


def test_outlook_csv_with_localised_headers():
    source, rows = _records("outlook-contacts-cp1251.csv")
    mapping = guess_mapping(source.table.headers)
    assert "Звертання" not in [h for h, f in zip(source.table.headers, mapping.columns) if f]
    first = rows[0]
    assert first.label == "Юрій Бондар"
    assert first.affiliations == [("Запорізька міська рада", "Начальник відділу, Департамент")]
    assert {(c.value, c.label) for c in first.contacts if c.kind == "phone"} == {
        ("+380612240000", "work"), ("+380674005060", "mobile")}


def test_google_csv_pairs_labels_with_values_and_splits_several_in_a_cell():
    _source, rows = _records("google-contacts.csv")
    natalia = rows[0]
    assert natalia.label == "Наталія Мельник"
    assert [c.value for c in natalia.contacts if c.kind == "email"] == [
        "n.melnyk@mk.example", "natalia.m@example.com"]
    assert {(c.value, c.label) for c in natalia.contacts if c.kind == "phone"} == {
        ("+380637778899", "mobile"), ("+380512370000", "work")}
    assert natalia.affiliations == [("Миколаївська міська рада", "Радниця міського голови")]


@pytest.mark.parametrize("name", ["partner-contacts.xlsx", "partner-contacts.ods",
                                  "partner-contacts-calc-cp1251.csv"])
def test_sheet_with_a_title_and_merged_header_cells(name):
    source, rows = _records(name)
    assert source.table.headers[4:] == ["Контакти телефон", "Контакти e-mail"]
    assert [r.row for r in rows] == [4, 5, 7]
    oksana, jonas, maksym = rows
    assert oksana.label == "Бондаренко Оксана Петрівна"
    # Typed as a number in the sheet: no ".0", read as a Ukrainian number.
    assert [c.value for c in oksana.contacts if c.kind == "phone"] == ["+380501234567"]
    assert [c.value for c in jonas.contacts if c.kind == "email"] == [
        "jonas.petrauskas@plunge.example", "info@plunge.example"]
    assert [c.value for c in maksym.contacts] == ["+380671112233", "+380442223344"]


def test_android_vcard_21_with_quoted_printable_folded_lines_and_a_photo():
    _source, (olena, tomas) = _records("android-2.1.vcf")
    assert olena.label == "Олена Іванівна Шевченко"
    assert olena.affiliations == [("Харківська міська рада",
                                   "Заступниця міського голови з питань міжнародної співпраці")]
    assert olena.values["notes"] == ("Зустрілися у Вільнюсі 11.02.2026.\n"
                                     "Генератори — через асоціацію.")
    assert {(c.kind, c.value, c.label) for c in olena.contacts} == {
        ("phone", "+380671234567", "mobile"), ("phone", "+380577251122", "work"),
        ("email", "olena.shevchenko@example.com", "home")}
    assert olena.notes == ["the photo was left out"]
    assert tomas.label == "Tomas Kazlauskas" and not tomas.problems


def test_iphone_vcard_labels_messengers_and_company_cards():
    _source, (audrius, plunge) = _records("iphone-3.0.vcf")
    assert audrius.label == "Audrius Klišonis"
    assert ("phone", "+37044873100", "priimamasis") in {
        (c.kind, c.value, c.label) for c in audrius.contacts}
    assert ("telegram", "audrius_k") in {(c.kind, c.value) for c in audrius.contacts}
    assert audrius.values["notes"] == "Susitikimas Vilniuje, vasario 11 d."
    assert plunge.kind == "organization" and plunge.label == "Plungės rajono savivaldybė"


def test_outlook_vcard_in_windows_1251():
    _source, (ihor,) = _records("outlook-2.1.vcf")
    assert ihor.label == "Ігор Терехов"
    assert ihor.affiliations == [("Харківська міська рада", "Міський голова")]
    assert ihor.values["notes"].startswith("Голова Асоціації прифронтових міст та громад.\n")
    assert ("phone", "+380503001122") in {(c.kind, c.value) for c in ihor.contacts}


def test_thunderbird_vcard_40():
    _source, (giedre,) = _records("thunderbird-4.0.vcf")
    assert giedre.label == "Giedrė Kazlauskaitė"
    assert giedre.values["other_names"] == "Гедре Казлаускайте"
    assert giedre.affiliations == [("Kauno miesto savivaldybė", "Vedėja, Užsienio ryšių skyrius")]
    assert {(c.kind, c.value) for c in giedre.contacts} >= {
        ("phone", "+37037422471"), ("signal", "giedre.07"),
        ("email", "giedre.kazlauskaite@kaunas.example")}


def test_abook_vcard_without_a_version_line():
    _source, (iryna, mindaugas) = _records("abook-2.vcf")
    assert iryna.label == "Ірина Литвиненко"
    assert [c.value for c in iryna.contacts if c.kind == "email"] == [
        "i.lytvynenko@sumy.example", "iryna.l@example.com"]
    assert mindaugas.values["other_names"] == "Mindis"


def test_a_broken_card_is_reported_and_the_others_still_come_in():
    data = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nthis is not a property\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nEND:VCARD\r\n").encode()
    good, broken, jane = open_data(data, "mixed.vcf").records()
    assert good.label == "Good One" and jane.label == "Jane Doe"
    assert broken.problems and broken.problems[0].row == 5


@pytest.mark.parametrize("data, name", [(b"", "empty.csv"), (b"\x00\x01\x02" * 50, "x.csv"),
                                        (b"PK\x03\x04garbage", "x.xlsx"),
                                        (b"BEGIN:VCARD\r\nFN:x\r\n", "cut.vcf")])
def test_files_that_cannot_be_read_say_why(data, name):
    with pytest.raises(UnreadableFile) as error:
        open_data(data, name).records()
    assert name in str(error.value)


# --- vCard 4.0 files of vobject's own test suite (tests/data/interchange/README.md) ---


def test_vobject_full_card_gives_a_person_with_every_spelling_contact_and_position():
    _source, [card] = _records("vobject-vcard40_full.vcf")
    assert card.kind == "person"
    assert card.values["full_name"] == "Dr. John Q. Public, III"
    # The second FN (in Japanese) and the nicknames are other names of the same person.
    assert card.values["other_names"].split("\n") == ["John Q. Public", "Johnny", "JQP"]
    assert card.affiliations == [("Example Corp.", "CEO, North Division, Marketing")]
    assert {(c.kind, c.value, c.label) for c in card.contacts} == {
        ("email", "john.public@example.com", "work"),
        ("email", "johnny@personal.example.org", "home"),
        ("phone", "+15555555555", None), ("phone", "+15551234567", "mobile")}
    assert card.values["notes"] == "This is a note about John.\nHe likes vCards."
    assert not card.problems


def test_vobject_card_of_kind_org_gives_an_organisation_not_a_person():
    _source, [card] = _records("vobject-vcard40_org.vcf")
    assert card.kind == "organization"
    assert card.values["name"] == "ABC, Inc."
    assert card.values["other_names"] == "ABC Marketing"
    assert card.values["website"] == "http://www.abc.example.com/marketing"
    assert not card.affiliations


def test_vobject_card_with_a_name_in_two_scripts_keeps_both():
    _source, [card] = _records("vobject-vcard40_multilang.vcf")
    assert card.values["full_name"] == "Yamada Taro"
    assert card.values["other_names"] == "山田太郎"


def test_outlooks_english_export_reads_its_long_header_and_spreadsheet_numbers(workspace):
    from support.interchange import plan_file

    plan = plan_file(workspace, sample("outlook-contacts-en.csv"))
    klisonis, kovalenko = (entry.item for entry in plan.entries)
    assert klisonis.values["full_name"] == "Audrius Klišonis"
    assert klisonis.affiliations == [("Plungės rajono savivaldybė", "Mayor")]
    # Excel wrote the mobile number in exponent form with every digit kept.
    assert {c.value for c in klisonis.contacts if c.kind == "phone"} == {
        "+37044873101", "+37061234567"}
    assert "Met in Vilnius" in klisonis.values["notes"]
    # A number written as a decimal loses nothing; one shortened to "3.80501E+11" has
    # lost its digits and says so, in its column.
    assert [c.value for c in kovalenko.contacts if c.kind == "phone"] == ["+380501234567"]
    [problem] = kovalenko.problems
    assert (problem.row, problem.column) == (3, "Business Phone")
    assert "3.80501E+11" in problem.message and "lost" in problem.message


def test_a_needs_sheet_saved_by_excel_reads_day_numbers_short_years_and_exponents(workspace):
    from datetime import date

    from sqlalchemy import select

    from coordinator_app.core.records.models import Need, Organization, Pledge
    from support.interchange import import_file

    plan, _outcome = import_file(workspace, sample("needs-excel-cp1251.csv"))
    assert plan.kind == "need" and not plan.problems
    with workspace.read() as session:
        needs = {n.item: (n.quantity, n.needed_by) for n in session.scalars(select(Need))}
        pledged = {session.get(Organization, p.organization_id).name: p.quantity
                   for p in session.scalars(select(Pledge))}
    assert needs == {"Генератор 30 кВт": (40.0, date(2026, 3, 1)),
                     "Обігрівач": (120.0, date(2026, 4, 15)),
                     "Павербанк": (25.0, date(2026, 5, 1))}
    assert pledged == {"Plunge District Municipality": 40.0, "Kaunas City Municipality": 25.0}

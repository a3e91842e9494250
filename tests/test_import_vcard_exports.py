"""Address books written by real programs (tests/data/interchange/ez-vcard, with their
sources in its README): every card comes in, with its text whole."""

from __future__ import annotations

import pytest
from support.interchange import sample

from coordinator_app.interchange.sources import open_data

EXPORTS = sorted((sample("ez-vcard")).glob("*.vcf"))


def _cards(name: str):
    path = sample("ez-vcard") / name
    return open_data(path.read_bytes(), path.name).records()


@pytest.mark.parametrize("path", EXPORTS, ids=lambda path: path.name)
def test_every_card_of_a_real_export_is_read(path):
    cards = open_data(path.read_bytes(), path.name).records()
    assert cards
    for card in cards:
        # Android exports cards that hold only an e-mail address: they have no name,
        # and say so; no card is lost to a line the reader could not take.
        assert [str(problem) for problem in card.problems if "cannot be read" in str(problem)] \
            == []
        assert not any("could not be read" in note for note in card.notes), card.notes


def test_an_unescaped_comma_is_part_of_the_text():
    # Outlook writes commas as typed, in the name, the company and the notes.
    [outlook] = _cards("outlook-2003.vcf")
    assert outlook.affiliations == [("Company, The", "The Job Title, TheDepartment")]
    [gmail] = _cards("John_Doe_GMAIL.vcf")
    assert gmail.values["full_name"] == "Mr. John Richter, James Doe Sr."
    [john] = _cards("John_Doe_MS_OUTLOOK.vcf")
    assert john.values["notes"].startswith("THIS SOFTWARE IS PROVIDED BY GEORGE EL-HADDAD "
                                           "''AS IS'' AND ANY EXPRESS OR IMPLIED WARRANTIES, "
                                           "INCLUDING, BUT NOT LIMITED TO,")


def test_a_card_with_a_property_the_library_refuses_still_comes_in():
    # Its PROFILE:VCard line made the whole card unreadable before.
    [card] = _cards("John_Doe_LOTUS_NOTES.vcf")
    assert card.values["full_name"] == "Mr. Doe John I Johny"
    assert card.affiliations == [("IBM", "Generic Accountant, SUN")]
    assert {c.value for c in card.contacts if c.kind == "email"} == {
        "john.doe@ibm.com", "billy_bob@gmail.com"}


def test_line_ends_converted_twice_do_not_break_the_photo_out_of_the_card():
    [card] = _cards("John_Doe_IPHONE.vcf")
    assert card.notes == ["the photo was left out"]
    assert card.affiliations == [("IBM", "Money Counter, Accounting")]
    assert ("phone", "mobile") in {(c.kind, c.label) for c in card.contacts}


def test_a_fax_at_work_is_labelled_fax():
    [card] = _cards("outlook-2007.vcf")
    labels = {c.label for c in card.contacts if c.kind == "phone"}
    assert "fax" in labels and "work" in labels


def test_a_line_that_cannot_be_read_is_left_out_with_a_note():
    data = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nthis is not a property\r\n"
            "TITLE:Head, Department of Roads\r\nEND:VCARD\r\n").encode()
    [card] = open_data(data, "one.vcf").records()
    assert card.values["full_name"] == "Jane Doe" and not card.problems
    assert card.values["notes"] == "Head, Department of Roads"
    assert card.notes == ["1 line of the card could not be read and was left out"]


def test_a_phone_with_samsungs_own_label_keeps_its_number():
    # Samsung phones write a label typed by the person as a parameter no standard knows.
    data = ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
            "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=A2=D0=B5=D1=80=D0=B5=D1=85=D0=BE"
            "=D0=B2;=D0=86=D0=B3=D0=BE=D1=80;;;\r\n"
            "TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=D0=A0=D0=BE=D0=B1):"
            "+380501234567\r\nTEL;CELL;PREF:+380 50 765 43 21\r\nEND:VCARD\r\n").encode()
    [card] = open_data(data, "samsung.vcf").records()
    assert card.values["full_name"] == "Ігор Терехов"
    assert {(c.value, c.label) for c in card.contacts} == {
        ("+380501234567", None), ("+380507654321", "mobile")}
    assert not card.notes and not card.problems

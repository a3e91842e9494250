"""Values that do not fit their field are refused whole, saying what was wrong and where:
text longer than its column holds, control characters, numbers that are not finite
or beyond any real amount. Before, some were stored (a 1 MB name, NUL in an e-mail
address, an infinite quantity) and others failed as an "unexpected error"."""

from __future__ import annotations

import pytest
from sqlalchemy import String, Text, func, inspect, select

from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records import languages
from coordinator_app.core.records.journal import STAMP_FIELDS
from coordinator_app.core.records.models import (
    AidDelivery,
    Change,
    ContactPoint,
    Organization,
    Person,
    Project,
    ProjectPartner,
)
from coordinator_app.core.records.registry import MODELS
from coordinator_app.core.records.service import PROTECTED


def journal_size(workspace) -> int:
    with workspace.read() as session:
        return session.scalar(select(func.count()).select_from(Change))


def refused(workspace, cls, /, **values) -> ValidationError:
    before = journal_size(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.create(cls, **values)
    assert journal_size(workspace) == before, "nothing is written"
    return caught.value


def beside_original(cls, key: str) -> dict[str, str]:
    """For a column of one language of a translatable field, an original in another
    language: given alone, its text would become the original (core.records.languages)."""
    for field in cls.TRANSLATABLE:
        if key in languages.columns(field):
            if key == languages.lang_column(field):
                return {field: "a"}
            other = next(lang for lang in languages.LANGUAGES if not key.endswith(f"_{lang}"))
            return {field: "a", languages.lang_column(field): other}
    return {}


def text_columns(multi_line: bool):
    for cls in MODELS:
        for column in inspect(cls).columns:
            # Derived, local columns (a person's current country) are no field to type.
            if column.key in PROTECTED or column.key in STAMP_FIELDS or \
                    column.key in cls.UNJOURNALED:
                continue
            if isinstance(column.type, String) and isinstance(column.type, Text) == multi_line:
                yield cls, column


@pytest.fixture
def owners(workspace):
    with workspace.edit() as edit:
        person = edit.create(Person, full_name="Audrius Klišonis")
        project = edit.create(Project, title="Generators")
        plunge = edit.create(Organization, name="Plungė")
    return {"person": person.id, "project": project.id, "organization": plunge.id}


def test_every_text_column_refuses_more_than_it_holds_naming_field_and_limit(workspace):
    columns = list(text_columns(multi_line=False))
    assert len(columns) > 40
    for cls, column in columns:
        limit = column.type.length
        error = refused(workspace, cls, **beside_original(cls, column.key),
                        **{column.key: "x" * (limit + 1)})
        assert error.field == column.key, (cls.KIND, column.key, str(error))
        assert f"{cls.KIND}.{column.key}" in str(error) and str(limit) in str(error)
        assert str(limit + 1) in str(error), "says how long the text was"


def test_a_name_as_long_as_its_column_is_saved(workspace):
    organization = workspace.create(Organization, name="Ž" * 300)
    person = workspace.create(Person, full_name="Ї" * 300, latin_name="y" * 300)
    assert (len(organization.name), len(person.full_name)) == (300, 300)
    error = refused(workspace, Organization, name="x" * 1024 * 1024)
    assert "1048576" in str(error) and "300" in str(error)


def test_single_line_fields_refuse_control_characters(workspace):
    for cls, column in text_columns(multi_line=False):
        for control in ("\x00", "\x1b", "\t", "\n", "\x7f"):
            error = refused(workspace, cls, **beside_original(cls, column.key),
                            **{column.key: f"a{control}b"})
            assert error.field == column.key and "control character" in str(error), (
                cls.KIND, column.key, repr(control))
            assert f"U+{ord(control):04X}" in str(error)


def test_an_email_address_with_a_control_character_is_refused(workspace, owners):
    for address in ("audrius\x00@plunge.lt", "audrius@plunge\x1b.lt",
                    "audrius@plunge.lt\x00evil"):
        error = refused(workspace, ContactPoint, person_id=owners["person"], kind="email",
                        value=address)
        assert error.field == "value" and "control character" in str(error), repr(address)


def test_text_of_several_lines_keeps_tabs_and_line_breaks_but_no_other_controls(workspace):
    kept = workspace.create(Person, full_name="Ігор Терехов",
                            notes="Met in Plungė\tFebruary\r\nFollow up in March")
    assert kept.notes == "Met in Plungė\tFebruary\r\nFollow up in March"
    for control in ("\x00", "\x07", "\x1b", "\x7f"):
        error = refused(workspace, Person, full_name="Ігор Терехов", notes=f"a{control}b")
        assert error.field == "notes" and "control character" in str(error)
    for cls, column in text_columns(multi_line=True):
        error = refused(workspace, cls, **beside_original(cls, column.key),
                        **{column.key: "a\x00b"})
        assert error.field == column.key, (cls.KIND, column.key)


def test_a_quantity_that_is_not_a_finite_number_is_refused(workspace, owners):
    for quantity in ("inf", "-inf", "nan", "NaN", "1e400", float("inf"), float("nan")):
        error = refused(workspace, AidDelivery, project_id=owners["project"],
                        item="Generators", quantity=quantity)
        assert error.field == "quantity" and "is not a number" in str(error), quantity


def test_numbers_beyond_any_real_amount_are_refused(workspace, owners):
    error = refused(workspace, Project, title="P", budget_minor=2**70, currency="EUR")
    assert error.field == "budget_minor" and "too large" in str(error)
    error = refused(workspace, Project, title="P", budget_minor=str(2**63), currency="UAH")
    assert error.field == "budget_minor" and "too large" in str(error)
    error = refused(workspace, ProjectPartner, project_id=owners["project"],
                    organization_id=owners["organization"], contribution_minor=-(2**70))
    assert error.field == "contribution_minor" and "too large" in str(error)
    error = refused(workspace, AidDelivery, project_id=owners["project"], item="Heaters",
                    quantity=1e300)
    assert error.field == "quantity" and "too large" in str(error)
    kept = workspace.create(Project, title="Recovery fund", budget_minor=10**15, currency="EUR")
    assert kept.budget_minor == 10**15


@pytest.mark.parametrize("typed", ["inf", "nan", "-Infinity", "1e999999999",
                                   "99999999999999999999"])
def test_a_money_field_refuses_what_is_not_a_real_amount(typed):
    from coordinator_app.ui.widgets.money import parse_money

    with pytest.raises(ValidationError):
        parse_money(typed, "EUR")

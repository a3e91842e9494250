"""A mapping chosen for a file is offered again for the next file with the same
headers (the same export next month), and a damaged store of them is no error."""

from __future__ import annotations

from coordinator_app.core.store.paths import data_dir
from coordinator_app.interchange import layouts
from coordinator_app.interchange.mapping import Mapping

HEADERS = ["ПІБ", "Де працює", "Мобільний"]


def test_a_mapping_chosen_for_a_file_is_offered_for_the_next_with_the_same_headers():
    assert layouts.saved_mapping(HEADERS) is None
    layouts.save_mapping(HEADERS, Mapping("person", ["full_name", "organization", "phone"],
                                          country="UA"))
    # The same headers typed in another case are the same layout.
    again = layouts.saved_mapping(["піб", "ДЕ ПРАЦЮЄ", "мобільний"])
    assert again is not None
    assert (again.kind, again.columns, again.country) == (
        "person", ["full_name", "organization", "phone"], "UA")
    assert layouts.saved_mapping([*HEADERS, "E-mail"]) is None


def test_a_damaged_store_of_layouts_offers_nothing_and_is_written_anew():
    store = data_dir() / layouts.FILE
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_text("{not json", encoding="utf-8")
    assert layouts.saved_mapping(HEADERS) is None
    layouts.save_mapping(HEADERS, Mapping("person", ["full_name", None, "phone"]))
    assert layouts.saved_mapping(HEADERS).columns == ["full_name", None, "phone"]

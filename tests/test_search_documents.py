"""A search document reads a linked record's words only while that record is live; its
links to the record it is about are not looked up again (that record is live, or it
has no document), and the documents are those that check every link."""

from __future__ import annotations

from coordinator_app.core.records import registry
from coordinator_app.core.records.models import Affiliation, ContactPoint, Organization, Person
from coordinator_app.core.records.tombstones import live_sql
from coordinator_app.core.search import search_index


def _every_link_checked(kind: str) -> str:
    spec = registry.BY_NAME[kind]
    return spec.search.sql.format(
        tags=search_index._TAGS.format(kind=kind, live_l=live_sql(search_index.TagLink, "l")),
        contact=search_index._CONTACT,
        **{f"live_{alias}": live_sql(model, alias)
           for alias, model in spec.search.aliases.items()})


def test_documents_leave_out_no_more_and_no_less_than_checking_every_link(demo_workspace):
    with demo_workspace.edit() as edit:
        town = edit.create(Organization, name="Plungė District", country="LT").id
        closed = edit.create(Organization, name="Closed office", country="LT").id
        edit.create(ContactPoint, organization_id=closed, kind="email", value="a@closed.lt")
        gone = edit.create(Person, full_name="Audrius Klišonis").id
        kept = edit.create(Person, full_name="Ihor Terekhov").id
        for person in (gone, kept):
            edit.create(Affiliation, person_id=person, organization_id=town, position="Mayor")
            edit.create(ContactPoint, person_id=person, kind="phone", value="+370 448 73100")
        edit.create(Affiliation, person_id=kept, organization_id=closed, position="Adviser")
        ended = edit.create(Affiliation, person_id=kept, organization_id=town,
                            position="Deputy").id
    demo_workspace.delete(Person, gone)
    demo_workspace.delete(Affiliation, ended)
    demo_workspace.delete(Organization, closed)
    with demo_workspace.read() as session:
        connection = session.connection()
        for kind, sql in search_index.DOCUMENTS.items():
            read = connection.exec_driver_sql(sql).fetchall()
            assert read == connection.exec_driver_sql(_every_link_checked(kind)).fetchall()
        assert "Adviser" not in str(connection.exec_driver_sql(
            search_index.DOCUMENTS["person"]).fetchall()), "a deleted organisation's post"
    # A person's positions and contacts do not look their own person up again.
    assert "FROM people" not in search_index.DOCUMENTS["person"].split("FROM people x")[0]
    # Nor the organisation they join to read its name.
    positions = search_index.DOCUMENTS["person"].split("FROM affiliations a")[1].split("),")[0]
    assert "FROM organizations" not in positions and "o.deleted_at IS NULL" in positions

"""Needs and pledges of the demo data set (see core.sample.demo): the lists of needs for
heaters and generators that the memorandum's parties agreed to exchange, the
Lithuanian municipalities' pledges, and the deliveries that fulfilled them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from coordinator_app.core.records.models import AidDelivery, Need, Organization, Pledge

from coordinator_app.core.sample.demo_builder import Builder


def _fulfils(b: Builder, pledge_id: str, item: str, recipient: str) -> None:
    """The demo's delivery of `item` to `recipient` fulfils this pledge."""
    delivery_id = b.edit.session.scalar(
        select(AidDelivery.id).join(Organization, Organization.id == AidDelivery.to_id)
        .where(AidDelivery.item == item, Organization.id == recipient).limit(1))
    if delivery_id is not None:
        b.edit.update(AidDelivery, delivery_id, pledge_id=pledge_id)


def needs(b: Builder, org: dict[str, str]) -> dict[str, str]:
    d = b.days
    ids: dict[str, str] = {}
    # (key, community, item, quantity, unit, priority, needed by, status, notes,
    #  pledges: (organisation, quantity, expected, fulfilled by the delivery of item))
    for key, community, item, quantity, unit, priority, needed_by, status, notes, pledges in (
        ("kharkiv_generators", "kharkiv", "Diesel generators 30 kW", 60, "pcs", "urgent",
         date(2025, 12, 15), "partly_delivered",
         "Heat points, water pumping stations and schools after the attacks on the grid.",
         (("plunge", 40, date(2025, 12, 18), "Diesel generators 30 kW"),)),
        ("kharkiv_big_generators", "kharkiv", "Diesel generators 100 kW", 10, "pcs", "high",
         date(2026, 1, 15), "partly_delivered", "For the city's hospitals.",
         (("kaunas", 6, date(2026, 1, 10), "Diesel generators 100 kW"),)),
        ("sumy_heaters", "sumy", "Electric heaters 2 kW", 800, "pcs", "high",
         date(2026, 1, 20), "partly_delivered", "Schools and shelters of Sumy.",
         (("lsa", 600, date(2026, 1, 22), "Electric heaters 2 kW"),)),
        ("zaporizhzhia_generators", "zaporizhzhia", "Diesel generators 30 kW", 25, "pcs",
         "urgent", d(30), "open", "Points of invincibility in the districts nearest the front.",
         ()),
        ("mykolaiv_heaters", "mykolaiv", "Electric heaters 2 kW", 400, "pcs", "normal",
         d(45), "pledged", "Kindergartens and the points of invincibility.",
         (("klaipeda", 150, d(-15), "Electric heaters 2 kW"), ("siauliai", 250, d(20), None))),
    ):
        need = b.add(Need, organization_id=org[community], item=item, quantity=quantity,
                     unit=unit, priority=priority, needed_by=needed_by, status=status,
                     notes=notes)
        ids[key] = need.id
        for pledger, pledged, expected, delivered_item in pledges:
            pledge = b.add(Pledge, need_id=need.id, organization_id=org[pledger],
                           quantity=pledged, expected_on=expected)
            if delivered_item is not None:
                _fulfils(b, pledge.id, delivered_item, org[community])
    return ids

"""The search and list figures as steps: what `make bench` times on one database, and
benchmarks/encryption.py times on two (plain and encrypted) call by call in turns.

A step is (figure, action, after): `action` is timed and its time goes to the
figure named; `after` (untimed) puts the list back as it was; a figure of None is a
warm-up, run and not counted. Steps are made lazily by generators, so the set-up
between two steps runs untimed, and two databases holding the same records yield
the same steps in the same order.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

Step = tuple[str | None, Callable[[], object], Callable[[], object] | None]

#: Names typed letter by letter, in both scripts, with and without diacritics,
#: two misspellings that only the typo-tolerant lookup finds, and other
#: spellings: Russian-style, Lithuanian cases, a gazetteer name.
TYPED = ["Терехов", "Klišonis", "klisonis", "Kharkiv", "Харків", "Шевченко", "Audrius",
         "plunge", "Олена Коваленко", "Rūta Kazlauskienė", "Kharkov", "Terechov",
         "Zaporozhye", "Kauno", "Siauliai", "Nikolaev", "Sergei Tkachenko", "Dnepropetrovsk"]
FILTERS = ["ш", "шев", "Шевченко", "kha", "Klišonis", "Олена Ко", "zzzz"]
LIST_KINDS = ("person", "organization")

#: What the steps are timed with. benchmarks/encryption.py times them in this
#: process's processor time as well: the cost of decrypting pages is processor
#: time, and other programs on a shared machine inflate wall time unevenly.
clock = time.perf_counter


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(figures: list[float]) -> dict[str, float]:
    return {"p50": round(statistics.median(figures), 2),
            "p95": round(percentile(figures, 0.95), 2), "max": max(figures)}


def take(step: Step, figures: dict[str, list[float]]) -> None:
    name, action, after = step
    started = clock()
    action()
    elapsed = clock() - started
    if after is not None:
        after()
    if name is not None:
        figures[name].append(ms(elapsed))


def measure(steps: Iterable[Step]) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = defaultdict(list)
    for step in steps:
        take(step, figures)
    return figures


def in_turns(first: Iterator[Step], second: Iterator[Step]
             ) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Both sequences of steps, call by call, the one going first alternating: a
    moment when the machine is busy slows one call of each, not a whole variant."""
    figures: tuple[dict, dict] = (defaultdict(list), defaultdict(list))
    for number, pair in enumerate(zip(first, second, strict=True)):
        if pair[0][0] != pair[1][0]:
            raise RuntimeError(f"the two databases gave different steps: {pair[0][0]} "
                               f"and {pair[1][0]}")
        for side in ((0, 1) if number % 2 == 0 else (1, 0)):
            take(pair[side], figures[side])
    return figures


def search_steps(workspace, path: Path) -> Iterator[Step]:
    """Every prefix of TYPED through core.search.query, everything and people only,
    beside the same FTS5 MATCH on a bare connection. The first round warms the
    caches; the second is what a person typing sees."""
    from coordinator_app.core.search.query import _is_short, match_expression, search
    from coordinator_app.core.store.connect import connect

    prefixes = [word[:n] for word in TYPED for n in range(1, len(word) + 1)]
    prefixes = [p for p in prefixes if p.strip()]

    def found(text: str, kinds=None):
        with workspace.read() as session:
            return search(session, text, kinds=kinds)

    raw = connect(path)
    try:
        for warm in (True, False):
            for text in prefixes:
                expression = match_expression(
                    text, columns="title" if _is_short(text) else "title names")
                yield (None if warm else "raw FTS5 floor", lambda e=expression: raw.execute(
                    "SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT 20",
                    (e,)).fetchall(), None)
                yield None if warm else "search", lambda t=text: found(t), None
                yield (None if warm else "picker (people only)",
                       lambda t=text: found(t, ["person"]), None)
    finally:
        raw.close()


def search_figures(figures: dict[str, list[float]]) -> dict:
    result = {"queries": len(figures["search"]), "search": summary(figures["search"]),
              "picker (people only)": summary(figures["picker (people only)"]),
              "raw FTS5 floor": summary(figures["raw FTS5 floor"])}
    result["ratio p95 / floor p95"] = round(result["search"]["p95"]
                                            / max(result["raw FTS5 floor"]["p95"], 0.01), 1)
    return result


def list_steps(workspace, kind: str) -> Iterator[Step]:
    """The app's list model of one kind: open, sort by every column, the next page,
    each filter, three options of each facet alone and with a filter, and counting."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from coordinator_app.core.views import facets, listing
    from coordinator_app.ui.list_model import RecordListModel

    QApplication.instance() or QApplication([])
    yield None, lambda: RecordListModel(workspace, kind).reload(), None  # as the app at start
    for _ in range(9):
        yield "open", lambda: RecordListModel(workspace, kind).reload(), None
    model = RecordListModel(workspace, kind)
    model.reload()
    for column, spec in enumerate(listing.SPECS[kind].columns):
        if spec.sortable:
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                for _ in range(3):
                    yield ("sort (every column)",
                           lambda c=column, o=order: model.sort(c, o), None)
    for _ in range(7):
        yield "next page", model.fetchMore, None
    for text in FILTERS:
        for _ in range(3):
            yield "filter", lambda t=text: model.set_filter(t), lambda: model.set_filter("")
    with workspace.read() as session:
        chosen = [((facet.key, (option.code,)),) for facet in facets.facets_of(kind)
                  for option in facets.options(session, kind, facet.key)[:3]]
    for choice in chosen:
        for _ in range(3):
            yield ("facet (three options of each)", lambda c=choice: model.set_facets(c),
                   lambda: model.set_facets(()))
        for text in FILTERS[:3]:
            model.set_filter(text)
            yield ("facet and filter", lambda c=choice: model.set_facets(c),
                   lambda: (model.set_facets(()), model.set_filter("")))

    def counted(limit):
        with workspace.read() as session:
            listing.count(session, listing.ListQuery(kind), limit)
    for _ in range(7):
        yield "count as the list does (up to 10,000)", lambda: counted(listing.COUNT_LIMIT), None
    for _ in range(7):
        yield "floor: counting every record, as before", lambda: counted(None), None


def sort_index_floor_steps(workspace) -> Iterator[Step]:
    from sqlalchemy import text as sql

    def floor() -> None:
        with workspace.read() as session:
            session.execute(sql("SELECT id FROM people WHERE deleted_at IS NULL "
                                "ORDER BY sort_key LIMIT 200")).all()
    for _ in range(7):
        yield "floor: 200 ids from the sort index", floor, None


def all_list_steps(workspace) -> Iterator[Step]:
    """Every kind's list steps, each figure's name prefixed with its kind."""
    for kind in LIST_KINDS:
        for name, action, after in list_steps(workspace, kind):
            yield (None if name is None else f"{kind}: {name}"), action, after
    yield from sort_index_floor_steps(workspace)


def list_figures(figures: dict[str, list[float]]) -> dict:
    result: dict[str, dict] = {}
    for name, values in figures.items():
        kind, _, figure = name.partition(": ")
        if kind not in LIST_KINDS:
            result[name] = summary(values)
        elif figure.startswith(("count as", "floor: counting")):
            result.setdefault(f"{kind} count", {})[figure] = summary(values)
        else:
            result.setdefault(kind, {})[figure] = summary(values)
    return result

"""The status bar's word on USB sync: a badge with the count of open conflicts (a click
opens them) and when each other laptop was last synced ("Plungė: 2 days ago").

Both are read again shortly after data changes (a bundle read, a conflict resolved,
an undo) and once a minute, as "2 days ago" grows old; nothing shows for a copy that
has no other laptops and no conflicts. Conflicts are counted in a thread of their
own: finding them reads every current version (a second at 100,000 people), which
the window must not wait for after each edit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QToolButton

from coordinator_app.core.text.formatting import format_datetime
from coordinator_app.i18n import _, ngettext
from coordinator_app.ui.background import Background
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.sync_peer_picker import last_read_text

#: Peers named in the status bar itself; the tooltip lists them all.
SHOWN_PEERS = 2
#: The first count waits this long after the window is made (ms): counting reads every
#: current version in a thread that shares the interpreter with the window, which
#: would slow the painting of the first page it was made with. The badge is hidden
#: until a count says there are conflicts either way.
FIRST_COUNT_AFTER = 1000


class SyncStatus(QObject):
    """The badge and the label the status bar shows, kept up to date."""

    conflicts_clicked = Signal()

    def __init__(self, context: UiContext, parent: QObject | None = None):
        super().__init__(parent)
        self.context = context
        self.count = 0
        self.badge = QToolButton()
        self.badge.setObjectName("conflicts_badge")
        self.badge.setAutoRaise(True)
        self.badge.clicked.connect(self.conflicts_clicked)
        self.badge.setToolTip(_("Fields changed on two laptops before they synced: "
                                "click to choose which version to keep"))
        self.peers = QLabel()
        self.peers.setObjectName("peers_synced")
        self.peers.setContentsMargins(8, 0, 8, 0)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(300)
        self._soon.timeout.connect(self.refresh)
        self._ageing = QTimer(self)
        self._ageing.setInterval(60_000)
        self._ageing.timeout.connect(self.refresh)
        self._ageing.start()
        self.counting = Background(self)
        self.counting.done.connect(self._counted)
        self.counting.failed.connect(lambda _error: None)  # e.g. the database closing
        #: Data changed while a count ran: count again when it ends.
        self._again = False
        # A slot of this object, not a lambda: Qt drops the connection when the status
        # bar goes with a language change, while the context lives on.
        context.data_changed.connect(self._data_changed)
        self.badge.setVisible(False)
        self._show_peers()
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.setInterval(FIRST_COUNT_AFTER)
        self._first.timeout.connect(self._count)
        self._first.start()

    @Slot(object)
    def _data_changed(self, _changes) -> None:
        self._soon.start()

    def refresh(self) -> None:
        self._count()
        self._show_peers()

    def _show_peers(self) -> None:
        from coordinator_app.sync.glance import heard_from

        with self.context.db.reading() as connection:
            peers = heard_from(connection)
        self.peers.setVisible(bool(peers))
        # The laptops heard from longest ago first: they are the ones to visit.
        peers.sort(key=lambda p: (p.last_received_at is not None,
                                  p.last_received_at or 0))
        text = " · ".join(last_read_text(p) for p in peers[:SHOWN_PEERS])
        if len(peers) > SHOWN_PEERS:
            text += " " + _("(+{count} more)").format(count=len(peers) - SHOWN_PEERS)
        self.peers.setText(_("USB sync — {peers}").format(peers=text) if peers else "")
        lines = [_("Last file read from each laptop:")]
        for peer in peers:
            when = format_datetime(peer.last_received_at) if peer.last_received_at \
                else _("never")
            lines.append(_("{name}: {when}").format(name=peer.name, when=when))
        self.peers.setToolTip("\n".join(lines))

    # -- conflicts, counted in the background --------------------------------------------

    def _count(self) -> None:
        from coordinator_app.sync.glance import maybe_conflicts

        context = self.context

        def work() -> int:
            with context.db.reading() as connection:
                if not maybe_conflicts(connection):
                    return 0  # as nearly always: no need for the database code
            from coordinator_app.sync.conflicts import count

            with context.workspace.read() as session:
                return count(session)

        self._again = not self.counting.start(work)

    def _counted(self, found: int) -> None:
        self.count = found
        self.badge.setText("⚠ " + ngettext("{count} conflict", "{count} conflicts",
                                           found).format(count=found))
        self.badge.setVisible(found > 0)
        if self._again:
            self._again = False
            self._count()

    def stop(self, seconds: float = 5.0) -> None:
        """Before the database closes: let a count that is running end."""
        self._first.stop()
        self._ageing.stop()
        self._soon.stop()
        self.counting.wait(seconds)

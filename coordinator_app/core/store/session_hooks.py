"""Derived data kept in step with a session's writes (the search index, people's
current countries): the one way a module hooks its bookkeeping into a session's life."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

Hook = Callable[[Session, object], None]
#: note(session, record, new): what a written record changes in the derived data, noted
#: in session.info while the record still shows its changes.
Note = Callable[[Session, object, bool], None]
#: The session info key of every installed (note, apply, pending keys), in the order
#: installed.
_HOOKS = "derived_hooks"


def keep_in_step(sessions: sessionmaker[Session], pending: tuple[str, ...],
                 note: Note, apply: Hook) -> None:
    """After each flush `note` is told of every record the flush wrote (new or changed)
    and notes in session.info (under the keys `pending`) what it touches, and `apply`
    brings the derived data up to date. What is still noted at commit (records
    written past the unit of work) is applied then, and a rollback forgets it."""

    def collect(session: Session, _context) -> None:
        new = session.new
        # A form saved unchanged leaves its record dirty but unmodified: nothing to do.
        for obj in list(new) + [obj for obj in session.dirty if session.is_modified(obj)]:
            note(session, obj, obj in new)

    def before_commit(session: Session) -> None:
        if any(session.info.get(key) for key in pending):
            session.flush()  # a flush with changes applies them itself, first
            apply(session, None)

    def forget(session: Session, _transaction) -> None:
        for key in pending:
            session.info.pop(key, None)

    info = sessions.kw.setdefault("info", {})
    info[_HOOKS] = (*info.get(_HOOKS, ()), (note, apply, pending))
    event.listen(sessions, "after_flush", collect)
    event.listen(sessions, "after_flush_postexec", apply)
    event.listen(sessions, "before_commit", before_commit)
    event.listen(sessions, "after_soft_rollback", forget)


def note_updated(session: Session, obj: object, but: Note | None = None) -> None:
    """Note what `obj`, a loaded record whose changes were just written past the unit of
    work (core.records.journal.write_update), touches in the derived data, while it
    still shows its changes, as a flush's hooks would; all hooks but the one whose note
    is `but` (whose data the writer brought up to date itself)."""
    for note, _apply, _pending in session.info.get(_HOOKS, ()):
        if note is not but:
            note(session, obj, False)


def apply_noted(session: Session) -> None:
    """Bring the derived data up to date with what is noted, as after a flush."""
    for _note, apply, _pending in session.info.get(_HOOKS, ()):
        apply(session, None)


def settled(session: Session) -> bool:
    """Whether no hook has anything noted that the commit would still apply."""
    info = session.info
    return not any(info.get(key) for _note, _apply, pending in info.get(_HOOKS, ())
                   for key in pending)

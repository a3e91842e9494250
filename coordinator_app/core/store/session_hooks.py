"""Derived data kept in step with a session's writes (the search index, people's
current countries): the one way a module hooks its bookkeeping into a session's life."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

Hook = Callable[[Session, object], None]


def keep_in_step(sessions: sessionmaker[Session], pending: tuple[str, ...],
                 collect: Hook, apply: Hook) -> None:
    """After each flush `collect` notes in session.info (under the keys `pending`) what
    the flush touched, and `apply` brings the derived data up to date. What is still
    noted at commit (records written past the unit of work) is applied then, and a
    rollback forgets it."""

    def before_commit(session: Session) -> None:
        if any(session.info.get(key) for key in pending):
            session.flush()  # a flush with changes applies them itself, first
            apply(session, None)

    def forget(session: Session, _transaction) -> None:
        for key in pending:
            session.info.pop(key, None)

    event.listen(sessions, "after_flush", collect)
    event.listen(sessions, "after_flush_postexec", apply)
    event.listen(sessions, "before_commit", before_commit)
    event.listen(sessions, "after_soft_rollback", forget)

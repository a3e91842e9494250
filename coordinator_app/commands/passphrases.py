"""Reading passphrases for the command line: from the environment or the terminal.

`COORDINATOR_PASSPHRASE` gives the passphrase (or the recovery key) of an encrypted
database to scripts; `COORDINATOR_NEW_PASSPHRASE` the new one for `encrypt` and
`passphrase`. Otherwise the terminal asks, without echo. Neither is ever printed
or logged.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from coordinator_app.core.crypto import keyring, keyslots
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import _

PASSPHRASE_ENV = "COORDINATOR_PASSPHRASE"
NEW_PASSPHRASE_ENV = "COORDINATOR_NEW_PASSPHRASE"


def _ask(prompt: str, variable: str) -> str:
    given = os.environ.get(variable)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise CoordinatorError(_(
            "A passphrase is needed: set {variable} or run the command in a terminal.")
            .format(variable=variable))
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise CoordinatorError(_("No passphrase was typed.")) from None


def current_secret(path: Path) -> str:
    return _ask(_("Passphrase (or recovery key) of {name}: ").format(name=path.name),
                PASSPHRASE_ENV)


def unlock(path: Path) -> None:
    """Unlock the encrypted database or backup at `path` for this process; a wrong
    passphrase is an error (exit status 1) that says nothing of the contents."""
    keyring.unlock_file(path, current_secret(path))


def new_passphrase() -> str:
    """A new passphrase: from the environment, or typed twice."""
    if os.environ.get(NEW_PASSPHRASE_ENV) is not None:
        chosen, repeated = os.environ[NEW_PASSPHRASE_ENV], None
    else:
        chosen = _ask(_("New passphrase: "), NEW_PASSPHRASE_ENV)
        repeated = _ask(_("The new passphrase again: "), NEW_PASSPHRASE_ENV)
    problem = keyslots.passphrase_problem(chosen, repeated)
    if problem:
        raise CoordinatorError(problem)
    return chosen

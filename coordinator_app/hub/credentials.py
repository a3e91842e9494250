"""The device's hub password, kept in the system keyring (`keyring`): never in the
database, the settings or a log. One entry per server address and device role."""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import _

SERVICE = "Coordinator office server"


def _entry(server: str, role: str) -> str:
    return f"{role}@{server}"


def _unavailable(exc: Exception) -> CoordinatorError:
    return CoordinatorError(_("The system keyring cannot be used ({kind}), so the server's "
                              "password cannot be kept. On Linux, unlock or install a "
                              "keyring (GNOME Keyring, KWallet) and try again.")
                            .format(kind=type(exc).__name__))


def store(server: str, role: str, password: str) -> None:
    try:
        keyring.set_password(SERVICE, _entry(server, role), password)
    except KeyringError as exc:
        raise _unavailable(exc) from None


def password(server: str, role: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, _entry(server, role))
    except KeyringError as exc:
        raise _unavailable(exc) from None


def forget(server: str, role: str) -> None:
    try:
        keyring.delete_password(SERVICE, _entry(server, role))
    except PasswordDeleteError:
        pass  # nothing was kept
    except KeyringError as exc:
        raise _unavailable(exc) from None

"""`encrypt`, `decrypt` and `passphrase`: encryption at rest from the command line."""

from __future__ import annotations

import argparse
import sys

from coordinator_app.commands import DATABASE, database_file
from coordinator_app.commands.passphrases import current_secret, new_passphrase
from coordinator_app.core.crypto import encryption, keyring
from coordinator_app.core.crypto.encryption import no_back_door_text, plain_text_warning
from coordinator_app.core.store.dbfile import FileKind
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import _, ngettext


def register(subparsers) -> None:
    encrypt = subparsers.add_parser(
        "encrypt", help=_("encrypt the database with a passphrase (and a recovery key)"))
    encrypt.add_argument("--remove-plain-backups", action="store_true",
                         help=_("delete older unencrypted backups instead of encrypting them"))
    encrypt.set_defaults(handler=run_encrypt)

    decrypt = subparsers.add_parser("decrypt", help=_("store the database unencrypted again"))
    decrypt.add_argument("--yes", action="store_true",
                         help=_("do not ask for confirmation"))
    decrypt.set_defaults(handler=run_decrypt)

    passphrase = subparsers.add_parser(
        "passphrase", help=_("change the passphrase of an encrypted database"))
    passphrase.set_defaults(handler=run_passphrase)


def _report_copies(done: encryption.Switched) -> None:
    if done.encrypted_backups:
        count = len(done.encrypted_backups)
        print(ngettext("{count} older backup was encrypted too.",
                       "{count} older backups were encrypted too.", count).format(count=count))
    if done.removed_backups:
        count = len(done.removed_backups)
        print(ngettext("{count} older unencrypted backup was deleted.",
                       "{count} older unencrypted backups were deleted.", count).format(
            count=count))


def run_encrypt(args: argparse.Namespace) -> int:
    with database_file(args, accept=DATABASE) as found:
        chosen = None
        if not found.encrypted:
            # Asked before the lock is taken: a refused passphrase touches nothing.
            print(no_back_door_text(), file=sys.stderr)
            chosen = new_passphrase()
    with database_file(args, accept=DATABASE, writes=True) as found:
        if found.encrypted:
            # A switch cut off before its last step may have left plaintext backups.
            done = encryption.protect_old_copies(found.path,
                                                 remove=args.remove_plain_backups)
            if not (done.encrypted_backups or done.removed_backups):
                raise CoordinatorError(_("{path} is already encrypted.").format(
                    path=found.path))
            _report_copies(done)
            return 0
        if chosen is None:
            raise CoordinatorError(_("{path} was encrypted by another program meanwhile.")
                                   .format(path=found.path))
        done = encryption.encrypt_database(found.path, chosen,
                                           remove_plain_backups=args.remove_plain_backups)
        from coordinator_app.sync.keys import seal_with

        seal_with(found.path)
    print(_("{path} is encrypted. Its safety backup, encrypted too: {backup}").format(
        path=found.path, backup=done.safety_backup))
    _report_copies(done)
    print(_("Recovery key (print it or write it down now, and keep it in a safe place; it "
            "is shown only this once and opens the database if the passphrase is "
            "forgotten):"))
    print(f"\n    {done.recovery_key}\n")
    return 0


def run_decrypt(args: argparse.Namespace) -> int:
    with database_file(args, accept=DATABASE, writes=True) as found:
        if not found.encrypted:
            raise CoordinatorError(_("{path} is not encrypted.").format(path=found.path))
        print(plain_text_warning(), file=sys.stderr)
        if not args.yes:
            if not sys.stdin.isatty():
                raise CoordinatorError(_("Add --yes to decrypt without a question."))
            answer = input(_("Type yes to decrypt: "))
            if answer.strip().lower() not in ("yes", _("yes")):
                raise CoordinatorError(_("Nothing was changed."))
        key = keyring.key_for(found.path)
        done = encryption.decrypt_database(found.path)
        if key is not None:
            from coordinator_app.sync.keys import open_seal

            open_seal(key)
    print(_("{path} is no longer encrypted. The backup made before, still encrypted: "
            "{backup}").format(path=found.path, backup=done.safety_backup))
    return 0


def run_passphrase(args: argparse.Namespace) -> int:
    with database_file(args, accept=DATABASE | {FileKind.ENCRYPTED}, writes=True,
                       unlock=False) as found:
        if not found.encrypted:
            raise CoordinatorError(_("{path} is not encrypted.").format(path=found.path))
        current = current_secret(found.path)
        chosen = new_passphrase()
        encryption.change_passphrase(found.path, current, chosen)
    print(_("The passphrase of {path} was changed; the recovery key stays the same.").format(
        path=found.path))
    return 0


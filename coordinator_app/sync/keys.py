"""This installation's sync keys, and the small "join" text that gives them to others.

Each installation makes its own pair of keys once, kept in its data folder (0600):
an Ed25519 key that signs the bundles it writes and an X25519 key that bundles are
encrypted to. When the database is encrypted the file is sealed with the database's
key (ChaCha20-Poly1305 under a key derived from it), so a lost laptop's data folder
gives neither its records nor the key that reads and signs its bundles; the first
use after encrypting seals a plain file, and decrypting opens it again. The members of an association exchange their public keys once, as a
join text (a file, or a line read out or sent by message), and compare the
fingerprint by phone.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.store.file_modes import open_private, private_data_dir
from coordinator_app.core.store.paths import data_dir
from coordinator_app.i18n import _

FILE = "sync-keys"
JOIN_PREFIX = "coordinator-join:1:"
#: A sealed file: SEALED | the database key's id (32) | nonce (12) | the keys sealed.
SEALED = b"COORDKEYS1"
_SEAL_INFO = b"coordinator sync keys sealed with the database key"
_RAW = 64


class KeyError_(CoordinatorError):
    """A join text that cannot be read."""


class KeysLocked(CoordinatorError):
    """The keys are sealed with the key of a database that is not the one open."""


def _raw(public) -> bytes:
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(sign_public: bytes) -> str:
    return hashlib.sha256(sign_public).hexdigest()[:32]


def fingerprint(sign_public: bytes, box_public: bytes) -> str:
    """Twenty characters to compare by phone: "3F2A 91C0 …"."""
    digest = hashlib.sha256(sign_public + box_public).hexdigest().upper()[:20]
    return " ".join(digest[i:i + 4] for i in range(0, 20, 4))


@dataclass(frozen=True)
class PublicKeys:
    name: str
    sign: bytes
    box: bytes

    @property
    def id(self) -> str:
        return key_id(self.sign)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign, self.box)

    def join_text(self) -> str:
        parts = [base64.urlsafe_b64encode(part).decode().rstrip("=")
                 for part in (self.name.encode("utf-8"), self.sign, self.box)]
        return JOIN_PREFIX + ":".join(parts)


@dataclass(frozen=True)
class OwnKeys:
    signer: Ed25519PrivateKey
    box: X25519PrivateKey

    def public(self, name: str) -> PublicKeys:
        return PublicKeys(name, _raw(self.signer.public_key()), _raw(self.box.public_key()))

    @property
    def id(self) -> str:
        return key_id(_raw(self.signer.public_key()))


def _database_key(db_path: Path | None) -> bytearray | None:
    """The unlocked key of the encrypted database at `db_path`; None for a plain one."""
    from coordinator_app.core.crypto import keyring
    from coordinator_app.core.store.connect import is_encrypted

    if db_path is None or not is_encrypted(Path(db_path)):
        return None
    return keyring.key_for(Path(db_path))


def _sealer(db_key: bytes | bytearray) -> ChaCha20Poly1305:
    return ChaCha20Poly1305(HKDF(hashes.SHA256(), 32, None, _SEAL_INFO).derive(bytes(db_key)))


def _seal(raw: bytes, db_key: bytes | bytearray) -> bytes:
    from coordinator_app.core.crypto.keyslots import key_id as database_key_id

    head = SEALED + database_key_id(db_key).encode("ascii")
    nonce = os.urandom(12)
    return head + nonce + _sealer(db_key).encrypt(nonce, raw, head)


def _locked_text() -> str:
    return _("This laptop's sync keys are sealed with the key of another encrypted "
             "database: open that database (with its passphrase) to write or read sync "
             "files, or make new keys and exchange join keys with the others again.")


def _unseal(content: bytes, db_key: bytes | bytearray | None) -> bytes:
    from coordinator_app.core.crypto.keyslots import key_id as database_key_id

    head = content[:len(SEALED) + 32]
    if db_key is None or head[len(SEALED):].decode("ascii", "replace") != database_key_id(db_key):
        raise KeysLocked(_locked_text())
    nonce, sealed = content[len(head):len(head) + 12], content[len(head) + 12:]
    try:
        return _sealer(db_key).decrypt(nonce, sealed, head)
    except InvalidTag:
        raise KeysLocked(_("This laptop's sync keys file is damaged: make new keys and "
                           "exchange join keys with the others again.")) from None


def _store(content: bytes) -> None:
    path = data_dir() / FILE
    partial = private_data_dir() / (FILE + ".partial")
    with open(open_private(partial, os.O_WRONLY | os.O_TRUNC), "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def own_keys(db_path: Path | None = None) -> OwnKeys:
    """This installation's keys, made the first time they are asked for; `db_path`
    is the database they serve: when it is encrypted the keys are kept sealed with
    its key (sealed now if they were plain), and read with it."""
    db_key = _database_key(db_path)
    try:
        content = (data_dir() / FILE).read_bytes()
    except OSError:
        content = b""
    if content.startswith(SEALED):
        raw = _unseal(content, db_key)
    elif len(content) == _RAW:
        raw = content
        if db_key is not None:
            _store(_seal(raw, db_key))
    else:
        raw = os.urandom(_RAW)
        _store(_seal(raw, db_key) if db_key is not None else raw)
    return OwnKeys(Ed25519PrivateKey.from_private_bytes(raw[:32]),
                   X25519PrivateKey.from_private_bytes(raw[32:]))


def seal_with(db_path: Path) -> None:
    """After `db_path` was encrypted: seal the keys with its key, if there are keys."""
    if (data_dir() / FILE).exists():
        own_keys(db_path)


def open_seal(db_key: bytes | bytearray) -> None:
    """After a database was decrypted (its key, `db_key`, read before): keep the keys
    plain again, as the database now is. Keys sealed with another key stay sealed."""
    try:
        content = (data_dir() / FILE).read_bytes()
    except OSError:
        return
    if content.startswith(SEALED):
        try:
            _store(_unseal(content, db_key))
        except KeysLocked:
            pass


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def read_join_file(path: str | Path) -> PublicKeys:
    """The public keys in the join key file at `path`; refused with what to do if it
    cannot be read or holds no join key."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = ""  # a binary file is no join key: said as such below
    except OSError as exc:
        raise KeyError_(_("Cannot read {path}: {reason}.").format(
            path=path, reason=exc.strerror or exc)) from exc
    return parse_join(text)


def write_join_file(path: str | Path, public: PublicKeys) -> None:
    """Write `public` as a join key file at `path`, for another laptop to import."""
    from coordinator_app.core.store.safe_write import write_bytes

    write_bytes(path, (public.join_text() + "\n").encode("utf-8"))


def parse_join(text: str) -> PublicKeys:
    """A join text (or a file holding one) as public keys; refused if malformed."""
    line = next((line.strip() for line in text.splitlines()
                 if line.strip().startswith(JOIN_PREFIX)), "")
    try:
        name, sign, box = (_unb64(part) for part in line[len(JOIN_PREFIX):].split(":"))
        if len(sign) != 32 or len(box) != 32:
            raise ValueError(line)
        return PublicKeys(name.decode("utf-8"), sign, box)
    except (ValueError, UnicodeDecodeError):
        raise KeyError_(_(
            "This is not a Coordinator join key (it should start with “{prefix}”)."
        ).format(prefix=JOIN_PREFIX)) from None

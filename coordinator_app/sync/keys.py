"""This installation's sync keys, and the small "join" text that gives them to others.

Each installation makes its own pair of keys once, kept in its data folder (0600):
an Ed25519 key that signs the bundles it writes and an X25519 key that bundles are
encrypted to. The members of an association exchange their public keys once, as a
join text (a file, or a line read out or sent by message), and compare the
fingerprint by phone.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.store.file_modes import open_private, private_data_dir
from coordinator_app.core.store.paths import data_dir
from coordinator_app.i18n import _

FILE = "sync-keys"
JOIN_PREFIX = "coordinator-join:1:"


class KeyError_(CoordinatorError):
    """A join text that cannot be read."""


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


def own_keys() -> OwnKeys:
    """This installation's keys, made the first time they are asked for."""
    path = data_dir() / FILE
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""
    if len(raw) != 64:
        raw = os.urandom(64)
        partial = private_data_dir() / (FILE + ".partial")
        with open(open_private(partial, os.O_WRONLY | os.O_TRUNC), "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    return OwnKeys(Ed25519PrivateKey.from_private_bytes(raw[:32]),
                   X25519PrivateKey.from_private_bytes(raw[32:]))


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


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

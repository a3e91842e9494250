"""Key slots: what unlocks an encrypted database, kept in `<db>.keys` beside it.

The database is encrypted (SQLCipher 4) with a random 256-bit key that no person
ever types. That key is stored wrapped in slots, as LUKS does: one slot opens with
the passphrase, one with the recovery key printed when encryption was turned on.
Each slot wraps the key with AES-256-GCM under a key derived from the secret by
Argon2id, so a wrong secret fails the slot's authentication and a right one gives
the key. Changing the passphrase rewraps the key in a new passphrase slot; the
database itself is not rewritten.

The slots cannot live inside the database (it cannot be read before it is
unlocked), so they are a small JSON file beside it, written whole and 0600, and
copied with every backup: a backup is the pair `<backup>.sqlite3` and
`<backup>.sqlite3.keys`. The file holds no secret in the clear: without a
passphrase or the recovery key it is noise.

No back door: a forgotten passphrase and a lost recovery key leave the data
unreadable, by design.

Every start reads this module (to tell an encrypted file from a plain one), so the
hashing and cryptography libraries are imported by the functions that use them:
the first window of a plain database never loads them.
"""

from __future__ import annotations

import base64
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from coordinator_app.core.errors import CoordinatorError, DatabaseError
from coordinator_app.i18n import _

SUFFIX = ".keys"
FORMAT = "coordinator-key-slots"
VERSION = 1
KEY_BYTES = 32
PASSPHRASE = "passphrase"
RECOVERY = "recovery"
#: The shortest passphrase accepted: six words or a long sentence are better.
MIN_PASSPHRASE = 10
#: Argon2id as RFC 9106 recommends where memory is limited (t=3, p=4, m=64 MiB). On
#: a two-core laptop it takes about the time of SQLCipher 4's own default
#: (PBKDF2-HMAC-SHA512, 256,000 rounds), and each guess also costs 64 MiB of memory,
#: which makes guessing on graphics cards far dearer: at least as strong.
KDF = {"name": "argon2id", "iterations": 3, "lanes": 4, "memory_kib": 64 * 1024}
#: A recovery key: 25 random bytes in base32, in groups of five (40 characters).
_RECOVERY_BYTES = 25
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
#: Letters people misread in print, taken as the letter base32 has.
_MISREAD = str.maketrans({"0": "O", "1": "I", "8": "B"})


class WrongSecret(CoordinatorError):
    """Neither the passphrase slot nor the recovery slot opens with what was typed."""


@dataclass
class Slot:
    kind: str
    kdf: dict
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict:
        return {"kind": self.kind, "kdf": self.kdf, "salt": _b64(self.salt),
                "nonce": _b64(self.nonce), "wrapped": _b64(self.wrapped)}

    @classmethod
    def from_json(cls, data: dict) -> Slot:
        return cls(kind=str(data["kind"]), kdf=dict(data["kdf"]), salt=_unb64(data["salt"]),
                   nonce=_unb64(data["nonce"]), wrapped=_unb64(data["wrapped"]))


@dataclass
class KeySlots:
    """The slots of one database key; `key_id` names the key without revealing it."""

    key_id: str
    slots: list[Slot] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        return json.dumps({"format": FORMAT, "version": VERSION, "cipher": "sqlcipher4",
                           "key_id": self.key_id,
                           "slots": [s.to_json() for s in self.slots]}, indent=1).encode()

    @classmethod
    def from_bytes(cls, content: bytes) -> KeySlots:
        data = json.loads(content.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a key-slot file")
        if data.get("version") != VERSION:
            raise ValueError(f"key-slot file version {data.get('version')}")
        return cls(key_id=str(data["key_id"]),
                   slots=[Slot.from_json(s) for s in data["slots"]])


def slots_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + SUFFIX)


def key_id(key: bytes | bytearray) -> str:
    """A name for the key that tells nothing about it (an HMAC of a fixed text)."""
    import hashlib
    import hmac

    return hmac.new(bytes(key), b"coordinator database key id", hashlib.sha256).hexdigest()[:32]


def new_key() -> bytearray:
    import secrets

    return bytearray(secrets.token_bytes(KEY_BYTES))


def new_recovery_key() -> str:
    import secrets

    raw = base64.b32encode(secrets.token_bytes(_RECOVERY_BYTES)).decode("ascii")
    return "-".join(raw[i:i + 5] for i in range(0, len(raw), 5))


def looks_like_recovery_key(text: str) -> bool:
    compact = _compact_recovery(text)
    return len(compact) == len(new_recovery_key().replace("-", "")) and all(
        c in _ALPHABET for c in compact)


def _compact_recovery(text: str) -> str:
    return "".join(c for c in text.upper().translate(_MISREAD) if c.isalnum())


def _secret_bytes(kind: str, secret: str) -> bytes:
    if kind == RECOVERY:
        return _compact_recovery(secret).encode("ascii", "ignore")
    # NFC: the same passphrase typed on two keyboards may arrive composed differently.
    return unicodedata.normalize("NFC", secret).encode("utf-8")


def _derive(kdf: dict, salt: bytes, secret: bytes) -> bytes:
    if kdf.get("name") != "argon2id":
        raise ValueError(f"unknown key derivation {kdf.get('name')!r}")
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(salt=salt, length=32, iterations=int(kdf["iterations"]),
                    lanes=int(kdf["lanes"]), memory_cost=int(kdf["memory_kib"])).derive(secret)


def _aad(kind: str, kid: str) -> bytes:
    # The slot's kind and the key's id are authenticated with it: a slot moved to
    # another file or relabelled fails to open.
    return f"{FORMAT}/{VERSION}/{kind}/{kid}".encode()


def make_slot(kind: str, secret: str, key: bytes | bytearray) -> Slot:
    import secrets

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapping = _derive(KDF, salt, _secret_bytes(kind, secret))
    wrapped = AESGCM(wrapping).encrypt(nonce, bytes(key), _aad(kind, key_id(key)))
    return Slot(kind=kind, kdf=dict(KDF), salt=salt, nonce=nonce, wrapped=wrapped)


def new_slots(key: bytes | bytearray, passphrase: str, recovery_key: str) -> KeySlots:
    return KeySlots(key_id=key_id(key), slots=[make_slot(PASSPHRASE, passphrase, key),
                                               make_slot(RECOVERY, recovery_key, key)])


def with_passphrase(slots: KeySlots, key: bytes | bytearray, passphrase: str) -> KeySlots:
    """The same slots with the passphrase slot rewrapped for a new passphrase."""
    kept = [s for s in slots.slots if s.kind != PASSPHRASE]
    return KeySlots(key_id=slots.key_id, slots=[make_slot(PASSPHRASE, passphrase, key), *kept])


def unlock(slots: KeySlots, secret: str) -> bytearray:
    """The database key, from the passphrase or the recovery key; WrongSecret otherwise.

    Only the slot the text can belong to is tried first (each try costs a key
    derivation): a recovery key by its shape, anything else as a passphrase."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kinds = [RECOVERY, PASSPHRASE] if looks_like_recovery_key(secret) else [PASSPHRASE]
    for kind in kinds:
        for slot in (s for s in slots.slots if s.kind == kind):
            try:
                wrapping = _derive(slot.kdf, slot.salt, _secret_bytes(kind, secret))
                key = bytearray(AESGCM(wrapping).decrypt(slot.nonce, slot.wrapped,
                                                         _aad(kind, slots.key_id)))
            except (InvalidTag, ValueError):
                continue
            if key_id(key) == slots.key_id:
                return key
    raise WrongSecret(_("The passphrase (or recovery key) is not right."))


def passphrase_problem(passphrase: str, repeated: str | None = None) -> str | None:
    """Why a new passphrase is refused, or None."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        return _("The passphrase must be at least {count} characters long.").format(
            count=MIN_PASSPHRASE)
    if repeated is not None and repeated != passphrase:
        return _("The two passphrases typed differ.")
    return None


# -- the file ------------------------------------------------------------------------------

def read_slots(db_path: Path) -> KeySlots:
    """The key slots of the database (or backup) at `db_path`; a clear error if its
    key-slot file is missing or damaged."""
    path = slots_path(db_path)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise DatabaseError(_(
            "{path} is encrypted, but its key file {keys} is missing, so nothing can "
            "open it. Put the key file back beside it (it is copied with every "
            "backup).").format(path=db_path, keys=path.name)) from None
    except OSError as exc:
        raise DatabaseError(_("The key file {keys} cannot be read: {reason}.").format(
            keys=path, reason=exc.strerror)) from exc
    try:
        return KeySlots.from_bytes(content)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise DatabaseError(_("The key file {keys} is damaged or of another kind ({reason}).")
                            .format(keys=path, reason=exc)) from exc


def write_slots(db_path: Path, slots: KeySlots) -> Path:
    """Write the key-slot file beside `db_path` whole (0600), replacing any."""
    from coordinator_app.core.store.safe_write import write_bytes

    return write_bytes(slots_path(db_path), slots.to_bytes())


def remove_slots(db_path: Path) -> None:
    from coordinator_app.core.store.safe_write import fsync_dir

    path = slots_path(db_path)
    try:
        path.unlink()
    except FileNotFoundError:
        return
    fsync_dir(path.parent)


def wipe(key: bytearray | None) -> None:
    """Overwrite a key in place: as much as Python allows (copies passed to SQLite as
    text, or made by the interpreter, are beyond reach)."""
    if key is not None:
        for i in range(len(key)):
            key[i] = 0


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


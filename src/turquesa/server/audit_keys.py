"""The audit signing key: a file outside the database, readable by its owner only.

Whoever can write to the database must not be able to re-sign a rewritten chain, so
the private key lives in a key folder (`TURQUESA_KEY_DIR`) that the database never
sees; the public half is written beside it so that an auditor can verify with it
alone. Every checkpoint signed is also appended to `audit-checkpoints.jsonl` in that
folder: a copy of the signed heads that a database administrator cannot reach.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from nacl.encoding import HexEncoder
from nacl.exceptions import CryptoError
from nacl.signing import SigningKey, VerifyKey

from turquesa.errors import TurquesaError, UsageError

KEY_FILE = "audit-signing.key"
PUBLIC_FILE = "audit-signing.pub"
CHECKPOINT_LOG = "audit-checkpoints.jsonl"


class KeyFileError(TurquesaError):
    code = "audit_key"


def key_id(verify_key: VerifyKey) -> str:
    """A short name for a public key, stored with each signature (key rotation)."""
    return hashlib.sha256(bytes(verify_key)).hexdigest()[:16]


def load_signing_key(key_dir: Path) -> SigningKey:
    """The key in `key_dir`, made on first use with mode 0600 (the folder 0700)."""
    key_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = key_dir / KEY_FILE
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_signing_key(path)
    key = SigningKey.generate()
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(key.encode(HexEncoder).decode("ascii") + "\n")
        out.flush()
        os.fsync(out.fileno())
    (key_dir / PUBLIC_FILE).write_text(export_verify_key(key.verify_key) + "\n", "ascii")
    return key


def _read_signing_key(path: Path) -> SigningKey:
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise KeyFileError(f"{path} can be read by others: make it private (chmod 600 {path})")
    try:
        return SigningKey(path.read_text("ascii").strip().encode("ascii"), encoder=HexEncoder)
    except (CryptoError, ValueError, TypeError) as exc:
        raise KeyFileError(f"{path} does not hold an Ed25519 signing key: {exc}") from exc


def export_verify_key(verify_key: VerifyKey) -> str:
    return verify_key.encode(HexEncoder).decode("ascii")


def load_verify_key(path: Path) -> VerifyKey:
    """A public key from a `.pub` file, or from a key folder (its `.pub`, else derived
    from its private key)."""
    if path.is_dir():
        public = path / PUBLIC_FILE
        if public.exists():
            path = public
        elif (path / KEY_FILE).exists():
            return _read_signing_key(path / KEY_FILE).verify_key
        else:
            raise UsageError(f"{path} holds no audit key ({PUBLIC_FILE} or {KEY_FILE})")
    try:
        return VerifyKey(path.read_text("ascii").strip().encode("ascii"), encoder=HexEncoder)
    except FileNotFoundError as exc:
        raise UsageError(f"{path} does not exist") from exc
    except (CryptoError, ValueError, TypeError) as exc:
        raise KeyFileError(f"{path} does not hold an Ed25519 public key: {exc}") from exc

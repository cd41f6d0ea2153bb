"""The OPRF keys: versioned seeds kept in files outside the database.

Whoever holds the key can compute the blind identifier of any phone number, so the key
must not sit beside the identifiers: a copy of the database alone then reveals
nothing. Each version is one file `oprf-<version>.key` (mode 0600, the 32-byte seed in
hex) in a directory the operator chooses (`TURQUESA_KEY_DIR`); the key itself is
derived from the seed with RFC 9497's DeriveKeyPair. A rotation adds version n+1 and
never deletes the old file, because identifiers registered under version n still have
to be matched until their agencies re-register them under n+1; every evaluation
therefore says which version produced it.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from turquesa.errors import TurquesaError
from turquesa.server import oprf

#: DeriveKeyPair's public `info`: names the use, so a seed copied to another purpose
#: gives another key.
KEY_INFO = b"turquesa blind identifiers"
_FILE = re.compile(r"^oprf-([1-9][0-9]*)\.key$")


class OprfKeyError(TurquesaError):
    """A key is missing, unreadable, malformed, or readable by others than its owner."""

    code = "oprf_key"


@dataclass(frozen=True)
class Evaluation:
    """A value the server computed and the key version that computed it: the version is
    stored beside every blind identifier so that a rotation knows what to redo."""

    key_version: int
    value: bytes


@dataclass(frozen=True)
class OprfKey:
    version: int
    secret: bytes = field(repr=False)

    def blind_evaluate(self, blinded_element: bytes) -> Evaluation:
        return Evaluation(self.version, oprf.blind_evaluate(self.secret, blinded_element))

    def evaluate(self, input: bytes) -> Evaluation:
        return Evaluation(self.version, oprf.evaluate(self.secret, input))


class Keyring:
    """The key versions in one directory. Reads the directory on every `current()` so
    that every server process sees a rotation made by another (the CLI, a second
    worker) without a restart; keys already read are kept in memory."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self._keys: dict[int, OprfKey] = {}

    def versions(self) -> list[int]:
        if not self.directory.is_dir():
            return []
        found = (_FILE.match(p.name) for p in self.directory.iterdir())
        return sorted(int(m.group(1)) for m in found if m)

    def current(self) -> OprfKey:
        """The newest version: the one every new evaluation uses."""
        versions = self.versions()
        if not versions:
            raise OprfKeyError(
                f"no OPRF key in {self.directory}; create one with a key rotation (Keyring.rotate)"
            )
        return self.get(versions[-1])

    def get(self, version: int) -> OprfKey:
        """A given version, to evaluate again under the key a stored value came from."""
        key = self._keys.get(version)
        if key is None:
            key = self._load(version)
            self._keys[version] = key
        return key

    def rotate(self) -> OprfKey:
        """Create version n+1 from a fresh random seed, written so that a crash leaves
        either no file or a whole one, and two rotations at once never share a number."""
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        while True:
            version = max(self.versions(), default=0) + 1
            try:
                self._write_new(version, secrets.token_bytes(oprf.SCALAR_BYTES))
            except FileExistsError:
                continue  # another process took this number first: take the next
            return self.get(version)

    def blind_evaluate(self, blinded_element: bytes) -> Evaluation:
        return self.current().blind_evaluate(blinded_element)

    def evaluate(self, input: bytes, version: int | None = None) -> Evaluation:
        key = self.current() if version is None else self.get(version)
        return key.evaluate(input)

    def _path(self, version: int) -> Path:
        return self.directory / f"oprf-{version}.key"

    def _load(self, version: int) -> OprfKey:
        path = self._path(version)
        try:
            info = path.stat()
            text = path.read_text("ascii").strip()
        except FileNotFoundError:
            raise OprfKeyError(f"no OPRF key version {version} in {self.directory}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise OprfKeyError(f"cannot read {path}: {exc}") from exc
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise OprfKeyError(
                f"{path} is open to other users (mode {stat.filemode(info.st_mode)}); "
                "it must be 0600"
            )
        try:
            seed = bytes.fromhex(text)
        except ValueError:
            seed = b""
        if len(seed) != oprf.SCALAR_BYTES:
            raise OprfKeyError(f"{path} does not hold a {oprf.SCALAR_BYTES}-byte seed in hex")
        secret, _public = oprf.derive_key_pair(seed, KEY_INFO)
        return OprfKey(version, secret)

    def _write_new(self, version: int, seed: bytes) -> None:
        final = self._path(version)
        temp = self.directory / f".oprf-{version}.{secrets.token_hex(8)}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(seed.hex() + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.link(temp, final)  # fails if the version exists: never overwrites a key
        finally:
            temp.unlink(missing_ok=True)
        dir_fd = os.open(self.directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

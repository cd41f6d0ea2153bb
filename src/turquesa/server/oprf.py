"""RFC 9497 OPRF, mode 0x00, ciphersuite ristretto255-SHA512: how blind identifiers are made.

An agency turns a phone number or passport number into a value the platform can match
but cannot read: the agency's client hashes the identifier to a group element and
multiplies it by a random `blind`; the server multiplies that by its secret key
without learning the identifier; the client removes the blind and hashes the result.
A plain hash would not do, because a phone number has too few digits: anyone could
hash every number there is. Here only the server can compute the function and only
one blinded element at a time, which it rate-limits like a search.

The group arithmetic is libsodium's (through `pysodium`, since PyNaCl does not bind the
ristretto255 functions); this module adds what RFC 9497 and RFC 9380 put around it:
the domain-separated hashes, key derivation, the serialisation checks and the final
hash. Every function follows the RFC's pseudocode step by step so that a reviewer can
hold the two side by side, and the tests check them against the RFC's own vectors.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache
from types import ModuleType

from turquesa.errors import TurquesaError

MODE_OPRF = 0x00
SUITE = b"ristretto255-SHA512"
CONTEXT_STRING = b"OPRFV1-" + MODE_OPRF.to_bytes(1, "big") + b"-" + SUITE

#: Order of the ristretto255 group (RFC 9496 section 4; RFC 9497 section 4.1).
ORDER = 2**252 + 27742317777372353535851937790883648493
ELEMENT_BYTES = 32  # Ne
SCALAR_BYTES = 32  # Ns
OUTPUT_BYTES = 64  # Nh, SHA-512
#: PrivateInput is length-prefixed with two bytes, hence its limit (RFC 9497 section 1.2).
MAX_INPUT_BYTES = 2**16 - 1
IDENTITY = bytes(ELEMENT_BYTES)

_HASH_TO_GROUP_DST = b"HashToGroup-" + CONTEXT_STRING
_HASH_TO_SCALAR_DST = b"HashToScalar-" + CONTEXT_STRING
_DERIVE_KEY_PAIR_DST = b"DeriveKeyPair" + CONTEXT_STRING


class OprfUnavailable(TurquesaError):
    """The system's libsodium (with ristretto255, 1.0.18 or later) cannot be loaded."""

    code = "oprf_unavailable"


class OprfInputError(TurquesaError):
    """A value received or given is not one the protocol accepts: a malformed or identity
    element, a scalar out of range, an input too long. The server answers the client
    with this, so the message names the field and never echoes key material."""

    code = "invalid_oprf_input"


@cache
def _sodium() -> ModuleType:
    """Load pysodium on first use, so that importing the server never requires libsodium
    and a missing library is reported as what to install rather than as a ctypes error."""
    try:
        import pysodium  # type: ignore[import-untyped]  # lazy: see the docstring
    except (ImportError, OSError, ValueError) as exc:
        raise OprfUnavailable(
            "blind identifiers need the system's libsodium (Debian/Ubuntu package "
            f"libsodium23, 1.0.18 or later) and pysodium: {type(exc).__name__}: {exc}"
        ) from exc
    if not hasattr(pysodium.sodium, "crypto_core_ristretto255_from_hash"):
        raise OprfUnavailable(
            "the system's libsodium has no ristretto255 functions; install libsodium23 "
            "1.0.18 or later (Debian/Ubuntu package libsodium23)"
        )
    module: ModuleType = pysodium
    return module


def available() -> str | None:
    """None when the OPRF can run here, else the reason (for a test skip or a health check)."""
    try:
        _sodium()
    except OprfUnavailable as exc:
        return exc.message
    return None


# --- RFC 9380 hashing ------------------------------------------------------------------


def expand_message_xmd(msg: bytes, dst: bytes, length: int) -> bytes:
    """expand_message_xmd with SHA-512 (RFC 9380 section 5.3.1): the one way both
    HashToGroup and HashToScalar stretch an input into uniform bytes."""
    b_in_bytes = 64  # SHA-512 output
    s_in_bytes = 128  # SHA-512 block
    ell = -(-length // b_in_bytes)
    if ell > 255 or length > 65535 or len(dst) > 255:
        raise OprfInputError("expand_message_xmd: requested length or DST too long")
    dst_prime = dst + len(dst).to_bytes(1, "big")
    msg_prime = bytes(s_in_bytes) + msg + length.to_bytes(2, "big") + b"\x00" + dst_prime
    b_0 = hashlib.sha512(msg_prime).digest()
    b_i = hashlib.sha512(b_0 + b"\x01" + dst_prime).digest()
    uniform = [b_i]
    for i in range(2, ell + 1):
        mixed = bytes(x ^ y for x, y in zip(b_0, b_i, strict=True))
        b_i = hashlib.sha512(mixed + i.to_bytes(1, "big") + dst_prime).digest()
        uniform.append(b_i)
    return b"".join(uniform)[:length]


def hash_to_group(msg: bytes, dst: bytes = _HASH_TO_GROUP_DST) -> bytes:
    """hash_to_ristretto255 (RFC 9380 appendix B): 64 uniform bytes, then the
    one-way map twice and a sum, which is what libsodium's `from_hash` computes."""
    uniform = expand_message_xmd(msg, dst, 64)
    return bytes(_sodium().crypto_core_ristretto255_from_hash(uniform))


def hash_to_scalar(msg: bytes, dst: bytes = _HASH_TO_SCALAR_DST) -> bytes:
    """RFC 9497 section 4.1: 64 uniform bytes read little-endian, reduced modulo the order."""
    uniform = expand_message_xmd(msg, dst, 64)
    return bytes(_sodium().crypto_core_ristretto255_scalar_reduce(uniform))


# --- serialisation ---------------------------------------------------------------------


def deserialize_element(data: bytes, what: str = "element") -> bytes:
    """RFC 9497 section 4.1 DeserializeElement: a canonical ristretto255 encoding that is
    not the identity. Returned unchanged: libsodium works on the encoding itself."""
    if not isinstance(data, bytes | bytearray) or len(data) != ELEMENT_BYTES:
        raise OprfInputError(f"{what} must be {ELEMENT_BYTES} bytes")
    data = bytes(data)
    if hmac.compare_digest(data, IDENTITY):
        raise OprfInputError(f"{what} is the identity element")
    if not _sodium().crypto_core_ristretto255_is_valid_point(data):
        raise OprfInputError(f"{what} is not a valid ristretto255 encoding")
    return data


def deserialize_scalar(data: bytes, what: str = "scalar") -> bytes:
    """RFC 9497 section 4.1 DeserializeScalar: 32 bytes little-endian below the order
    (so the top three bits are zero)."""
    if not isinstance(data, bytes | bytearray) or len(data) != SCALAR_BYTES:
        raise OprfInputError(f"{what} must be {SCALAR_BYTES} bytes")
    if int.from_bytes(data, "little") >= ORDER:
        raise OprfInputError(f"{what} is not reduced modulo the group order")
    return bytes(data)


def _nonzero_scalar(data: bytes, what: str) -> bytes:
    scalar = deserialize_scalar(data, what)
    if not any(scalar):
        raise OprfInputError(f"{what} is zero")
    return scalar


def _check_input(data: bytes) -> bytes:
    if not isinstance(data, bytes | bytearray):
        raise OprfInputError("input must be bytes")
    if len(data) > MAX_INPUT_BYTES:
        raise OprfInputError(f"input longer than {MAX_INPUT_BYTES} bytes")
    return bytes(data)


def _scalar_mult(scalar: bytes, element: bytes) -> bytes:
    try:
        return bytes(_sodium().crypto_scalarmult_ristretto255(scalar, element))
    except ValueError as exc:  # libsodium refuses an identity result
        raise OprfInputError("scalar multiplication gave the identity element") from exc


def _input_element(data: bytes) -> bytes:
    element = hash_to_group(data)
    if hmac.compare_digest(element, IDENTITY):  # RFC 9497: InvalidInputError
        raise OprfInputError("input maps to the identity element")
    return element


def _finalize_hash(data: bytes, element: bytes) -> bytes:
    transcript = (
        len(data).to_bytes(2, "big")
        + data
        + len(element).to_bytes(2, "big")
        + element
        + b"Finalize"
    )
    return hashlib.sha512(transcript).digest()


# --- keys ------------------------------------------------------------------------------


def derive_key_pair(seed: bytes, info: bytes) -> tuple[bytes, bytes]:
    """DeriveKeyPair (RFC 9497 section 3.2.1): the same seed and info give the same key,
    so a key file need only hold a 32-byte seed. Returns (skS, pkS) serialised."""
    if len(seed) != SCALAR_BYTES:
        raise OprfInputError(f"seed must be {SCALAR_BYTES} bytes")
    if len(info) > MAX_INPUT_BYTES:
        raise OprfInputError(f"info longer than {MAX_INPUT_BYTES} bytes")
    derive_input = seed + len(info).to_bytes(2, "big") + info
    for counter in range(256):
        secret = hash_to_scalar(derive_input + counter.to_bytes(1, "big"), _DERIVE_KEY_PAIR_DST)
        if any(secret):
            public = bytes(_sodium().crypto_scalarmult_ristretto255_base(secret))
            return secret, public
    raise OprfInputError("DeriveKeyPair: no non-zero scalar in 256 attempts")


def random_scalar() -> bytes:
    """A uniformly random non-zero scalar (libsodium draws in ]0, order[)."""
    return bytes(_sodium().crypto_core_ristretto255_scalar_random())


# --- the protocol ----------------------------------------------------------------------


def blind(input: bytes, blind: bytes | None = None) -> tuple[bytes, bytes]:
    """Client: Blind (RFC 9497 section 3.3.1). Returns (blind, blinded_element); the
    blind stays with the client, the blinded element goes to the server. A fixed
    `blind` is for the RFC's test vectors only."""
    data = _check_input(input)
    scalar = _nonzero_scalar(random_scalar() if blind is None else blind, "blind")
    return scalar, _scalar_mult(scalar, _input_element(data))


def blind_evaluate(sk: bytes, blinded_element: bytes) -> bytes:
    """Server: BlindEvaluate. The blinded element comes from outside, so it is checked
    (canonical, not the identity) before the key touches it."""
    secret = _nonzero_scalar(sk, "server key")
    element = deserialize_element(blinded_element, "blinded element")
    return _scalar_mult(secret, element)


def finalize(input: bytes, blind: bytes, evaluated_element: bytes) -> bytes:
    """Client: Finalize. Removes the blind and hashes input and result together, giving
    the 64-byte PRF output that is registered as the blind identifier."""
    data = _check_input(input)
    scalar = _nonzero_scalar(blind, "blind")
    element = deserialize_element(evaluated_element, "evaluated element")
    inverse = bytes(_sodium().crypto_core_ristretto255_scalar_invert(scalar))
    return _finalize_hash(data, _scalar_mult(inverse, element))


def evaluate(sk: bytes, input: bytes) -> bytes:
    """Server: Evaluate, the same output computed from the input in clear. The platform
    uses it to index identifiers it already holds in clear (its own records), so that a
    blind identifier registered by an agency matches them."""
    secret = _nonzero_scalar(sk, "server key")
    data = _check_input(input)
    return _finalize_hash(data, _scalar_mult(secret, _input_element(data)))

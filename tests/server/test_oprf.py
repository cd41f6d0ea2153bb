"""The OPRF behind blind identifiers: the RFC's own vectors, then the properties the
platform relies on (the blinded round gives the server's value, keys separate values,
bad points are refused) and the keyring's files."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from turquesa.server import oprf
from turquesa.server.oprf_keys import KEY_INFO, Evaluation, Keyring, OprfKeyError

IN_CI = os.environ.get("CI", "").lower() == "true"
UNAVAILABLE = oprf.available()
# Without libsodium the tests skip and say why; in CI they run and fail loudly instead.
pytestmark = pytest.mark.skipif(UNAVAILABLE is not None and not IN_CI, reason=str(UNAVAILABLE))

# RFC 9497, Appendix A.1.1: OPRF(ristretto255, SHA-512), OPRF mode (0x00).
RFC_SEED = bytes.fromhex("a3" * 32)
RFC_KEY_INFO = bytes.fromhex("74657374206b6579")  # "test key"
RFC_SKSM = bytes.fromhex("5ebcea5ee37023ccb9fc2d2019f9d7737be85591ae8652ffa9ef0f4d37063b0e")
RFC_VECTORS = [
    pytest.param(
        {
            "input": "00",
            "blind": "64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706",
            "blinded": "609a0ae68c15a3cf6903766461307e5c8bb2f95e7e6550e1ffa2dc99e412803c",
            "evaluated": "7ec6578ae5120958eb2db1745758ff379e77cb64fe77b0b2d8cc917ea0869c7e",
            "output": "527759c3d9366f277d8c6020418d96bb393ba2afb20ff90df23fb7708264e2f3"
            "ab9135e3bd69955851de4b1f9fe8a0973396719b7912ba9ee8aa7d0b5e24bcf6",
        },
        id="A.1.1 test vector 1",
    ),
    pytest.param(
        {
            "input": "5a" * 17,
            "blind": "64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706",
            "blinded": "da27ef466870f5f15296299850aa088629945a17d1f5b7f5ff043f76b3c06418",
            "evaluated": "b4cbf5a4f1eeda5a63ce7b77c7d23f461db3fcab0dd28e4e17cecb5c90d02c25",
            "output": "f4a74c9c592497375e796aa837e907b1a045d34306a749db9f34221f7e750cb4"
            "f2a6413a6bf6fa5e19ba6348eb673934a722a7ede2e7621306d18951e7cf2c73",
        },
        id="A.1.1 test vector 2",
    ),
]

# RFC 9380, Appendix K.3: expand_message_xmd(SHA-512), DST below.
XMD_DST = b"QUUX-V01-CS02-with-expander-SHA512-256"
XMD_VECTORS = [
    (b"", 0x20, "6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba"),
    (b"abc", 0x20, "0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc"),
    (
        b"abcdef0123456789",
        0x20,
        "087e45a86e2939ee8b91100af1583c4938e0f5fc6c9db4b107b83346bc967f58",
    ),
    (
        b"",
        0x80,
        "41b037d1734a5f8df225dd8c7de38f851efdb45c372887be655212d07251b921"
        "b052b62eaed99b46f72f2ef4cc96bfaf254ebbbec091e1a3b9e4fb5e5b619d2e"
        "0c5414800a1d882b62bb5cd1778f098b8eb6cb399d5d9d18f5d5842cf5d13d7e"
        "b00a7cff859b605da678b318bd0e65ebff70bec88c753b159a805d2c89c55961",
    ),
]


def test_context_string_is_the_rfcs() -> None:
    assert oprf.CONTEXT_STRING == b"OPRFV1-\x00-ristretto255-SHA512"


@pytest.mark.parametrize(("msg", "length", "expected"), XMD_VECTORS)
def test_expand_message_xmd_matches_rfc_9380(msg: bytes, length: int, expected: str) -> None:
    assert oprf.expand_message_xmd(msg, XMD_DST, length).hex() == expected


def test_derive_key_pair_matches_rfc() -> None:
    secret, public = oprf.derive_key_pair(RFC_SEED, RFC_KEY_INFO)
    assert secret == RFC_SKSM
    assert len(public) == oprf.ELEMENT_BYTES


@pytest.mark.parametrize("vector", RFC_VECTORS)
def test_protocol_matches_rfc_vectors(vector: dict[str, str]) -> None:
    data = bytes.fromhex(vector["input"])
    blind, blinded = oprf.blind(data, bytes.fromhex(vector["blind"]))
    assert blinded.hex() == vector["blinded"]
    evaluated = oprf.blind_evaluate(RFC_SKSM, blinded)
    assert evaluated.hex() == vector["evaluated"]
    assert oprf.finalize(data, blind, evaluated).hex() == vector["output"]
    assert oprf.evaluate(RFC_SKSM, data).hex() == vector["output"]


def test_evaluate_is_deterministic_and_input_sensitive() -> None:
    phone = b"+50760001234"
    assert oprf.evaluate(RFC_SKSM, phone) == oprf.evaluate(RFC_SKSM, phone)
    assert oprf.evaluate(RFC_SKSM, phone) != oprf.evaluate(RFC_SKSM, b"+50760001235")
    assert len(oprf.evaluate(RFC_SKSM, phone)) == oprf.OUTPUT_BYTES


@given(data=st.binary(max_size=300))
def test_blinded_round_equals_server_evaluation(data: bytes) -> None:
    """What an agency registers blind must match what the platform indexes in clear."""
    blind, blinded = oprf.blind(data)
    evaluated = oprf.blind_evaluate(RFC_SKSM, blinded)
    assert oprf.finalize(data, blind, evaluated) == oprf.evaluate(RFC_SKSM, data)


@given(data=st.binary(max_size=64))
def test_two_blindings_of_one_input_look_unrelated(data: bytes) -> None:
    """The server cannot tell that two requests carry the same phone number."""
    _, first = oprf.blind(data)
    _, second = oprf.blind(data)
    assert first != second


def test_different_keys_give_different_outputs() -> None:
    other, _ = oprf.derive_key_pair(RFC_SEED, b"another key")
    assert other != RFC_SKSM
    phone = b"+50760001234"
    assert oprf.evaluate(other, phone) != oprf.evaluate(RFC_SKSM, phone)
    blind, blinded = oprf.blind(phone)
    # A value evaluated under one key does not finalize to the other key's output.
    assert oprf.finalize(phone, blind, oprf.blind_evaluate(other, blinded)) != oprf.evaluate(
        RFC_SKSM, phone
    )


BAD_ELEMENTS = [
    pytest.param(bytes(32), id="identity"),
    pytest.param(b"\x01" + bytes(31), id="negative field element"),
    pytest.param(b"\xff" * 32, id="not reduced"),
    pytest.param(bytes.fromhex("609a0ae6"), id="too short"),
    pytest.param(b"\x00" * 33, id="too long"),
    pytest.param(b"", id="empty"),
]


@pytest.mark.parametrize("element", BAD_ELEMENTS)
def test_server_refuses_invalid_blinded_elements(element: bytes) -> None:
    with pytest.raises(oprf.OprfInputError, match="blinded element"):
        oprf.blind_evaluate(RFC_SKSM, element)


@pytest.mark.parametrize("element", BAD_ELEMENTS)
def test_client_refuses_invalid_evaluated_elements(element: bytes) -> None:
    blind, _ = oprf.blind(b"x")
    with pytest.raises(oprf.OprfInputError, match="evaluated element"):
        oprf.finalize(b"x", blind, element)


def test_scalars_out_of_range_are_refused() -> None:
    _, blinded = oprf.blind(b"x")
    order = oprf.ORDER.to_bytes(32, "little")
    with pytest.raises(oprf.OprfInputError, match="not reduced"):
        oprf.blind_evaluate(order, blinded)
    with pytest.raises(oprf.OprfInputError, match="zero"):
        oprf.blind_evaluate(bytes(32), blinded)
    with pytest.raises(oprf.OprfInputError, match="blind is zero"):
        oprf.blind(b"x", bytes(32))


def test_input_longer_than_the_length_prefix_is_refused() -> None:
    with pytest.raises(oprf.OprfInputError, match="longer than"):
        oprf.evaluate(RFC_SKSM, b"x" * (oprf.MAX_INPUT_BYTES + 1))


def test_missing_libsodium_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    oprf._sodium.cache_clear()
    monkeypatch.setitem(sys.modules, "pysodium", None)  # makes the import fail
    try:
        with pytest.raises(oprf.OprfUnavailable, match="libsodium23"):
            oprf.evaluate(RFC_SKSM, b"x")
        assert "libsodium23" in (oprf.available() or "")
    finally:
        monkeypatch.undo()
        oprf._sodium.cache_clear()
    assert oprf.available() is None


# --- the keyring -----------------------------------------------------------------------


def test_empty_keyring_says_how_to_make_a_key(tmp_path: Path) -> None:
    with pytest.raises(OprfKeyError, match="no OPRF key"):
        Keyring(tmp_path / "keys").current()


def test_rotation_adds_versions_and_keeps_the_old(tmp_path: Path) -> None:
    ring = Keyring(tmp_path / "keys")
    first = ring.rotate()
    second = ring.rotate()
    assert (first.version, second.version) == (1, 2)
    assert ring.versions() == [1, 2]
    assert ring.current().version == 2
    assert ring.get(1).secret == first.secret != second.secret

    phone = b"+50760001234"
    new = ring.evaluate(phone)
    old = ring.evaluate(phone, version=1)
    assert new == Evaluation(2, oprf.evaluate(second.secret, phone))
    assert old == Evaluation(1, oprf.evaluate(first.secret, phone))
    assert new.value != old.value


def test_blind_evaluation_names_its_key_version(tmp_path: Path) -> None:
    ring = Keyring(tmp_path / "keys")
    ring.rotate()
    phone = b"+50760001234"
    blind, blinded = oprf.blind(phone)
    result = ring.blind_evaluate(blinded)
    assert result.key_version == 1
    assert oprf.finalize(phone, blind, result.value) == ring.evaluate(phone).value


def test_another_process_sees_a_rotation(tmp_path: Path) -> None:
    server = Keyring(tmp_path / "keys")
    server.rotate()
    assert server.current().version == 1
    Keyring(tmp_path / "keys").rotate()  # the CLI, say
    assert server.current().version == 2


def test_key_files_are_private(tmp_path: Path) -> None:
    ring = Keyring(tmp_path / "keys")
    ring.rotate()
    path = tmp_path / "keys" / "oprf-1.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    assert len(bytes.fromhex(path.read_text("ascii").strip())) == 32
    assert [p.name for p in (tmp_path / "keys").iterdir()] == ["oprf-1.key"]  # no temp left


def test_key_comes_from_the_seed_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "oprf-1.key"
    path.write_text(RFC_SEED.hex() + "\n", "ascii")
    path.chmod(0o600)
    assert Keyring(tmp_path).get(1).secret == oprf.derive_key_pair(RFC_SEED, KEY_INFO)[0]


def test_rotation_never_overwrites_an_existing_version(tmp_path: Path) -> None:
    path = tmp_path / "oprf-1.key"
    path.write_text(RFC_SEED.hex(), "ascii")
    path.chmod(0o600)
    assert Keyring(tmp_path).rotate().version == 2
    assert path.read_text("ascii") == RFC_SEED.hex()


def test_a_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "oprf-1.key"
    path.write_text(RFC_SEED.hex(), "ascii")
    path.chmod(0o644)
    with pytest.raises(OprfKeyError, match="0600"):
        Keyring(tmp_path).current()


@pytest.mark.parametrize("content", ["", "zz" * 32, "a3" * 31, "a3" * 33])
def test_a_malformed_key_file_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "oprf-1.key"
    path.write_text(content, "ascii")
    path.chmod(0o600)
    with pytest.raises(OprfKeyError, match="32-byte seed"):
        Keyring(tmp_path).get(1)


def test_unknown_version_and_stray_files(tmp_path: Path) -> None:
    ring = Keyring(tmp_path)
    (tmp_path / "audit-ed25519.key").write_text("not ours")
    (tmp_path / "oprf-0.key").write_text("no version zero")
    assert ring.versions() == []
    ring.rotate()
    with pytest.raises(OprfKeyError, match="version 7"):
        ring.get(7)


def test_key_repr_hides_the_secret(tmp_path: Path) -> None:
    key = Keyring(tmp_path).rotate()
    assert key.secret.hex() not in repr(key)
    assert repr(key.secret) not in repr(key)

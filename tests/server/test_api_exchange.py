"""Blind identifiers, uploads and per-scope analyses through the API."""

from __future__ import annotations

import os

import pytest

from tests.server.world import World, username

pytest.importorskip("pysodium")


def _oprf_or_skip() -> None:
    from turquesa.server.oprf import available

    reason = available()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def _blind_output(world: World, headers: dict[str, str], text: bytes) -> tuple[str, int]:
    """The client's side: blind, have the server evaluate, unblind."""
    from turquesa.server import oprf

    blind, blinded = oprf.blind(text)
    answer = world.client.post(
        "/api/v1/blind/evaluate", json={"blinded_element": blinded.hex()}, headers=headers
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    output = oprf.finalize(text, blind, bytes.fromhex(body["evaluated_element"]))
    return output.hex(), body["key_version"]


def test_a_blind_identifier_is_found_without_the_server_seeing_it(world: World) -> None:
    _oprf_or_skip()
    owner = world.headers(username("CO-DIJIN", "investigator"))
    secret = b"phone:+573009998877"
    value, version = _blind_output(world, owner, secret)
    registered = world.client.post(
        "/api/v1/blind/identifiers",
        json={
            "entries": [
                {"owner_record_id": "P4", "kind": "phone", "value": value, "key_version": version}
            ]
        },
        headers=owner,
    )
    assert registered.status_code == 201, registered.text
    # the number is nowhere in the database
    from sqlalchemy import text

    with world.engine.connect() as conn:
        dump = " ".join(
            str(v) for row in conn.execute(text("SELECT * FROM blind_identifiers")) for v in row
        )
    assert "9998877" not in dump
    # another agency that knows the number blinds it the same way and gets a hit
    searcher = world.headers(username("MX-FGR", "investigator"))
    their_value, their_version = _blind_output(world, searcher, secret)
    assert their_value == value  # same input, same key: the same output, never the input
    found = world.client.post(
        "/api/v1/blind/search",
        json={"kind": "phone", "value": their_value, "key_version": their_version},
        headers=searcher,
    )
    assert found.status_code == 200
    (hit,) = found.json()["hits"]
    assert hit["owner_agency"] == "CO-DIJIN" and "P4" not in found.text
    # a different number gives no hit
    other, _ = _blind_output(world, searcher, b"phone:+573009998878")
    none = world.client.post(
        "/api/v1/blind/search",
        json={"kind": "phone", "value": other, "key_version": their_version},
        headers=searcher,
    )
    assert none.json() == {"records": [], "hits": []}


def test_an_invalid_blinded_element_is_refused(world: World) -> None:
    _oprf_or_skip()
    headers = world.headers(username("MX-FGR", "analyst"))
    zero = world.client.post(
        "/api/v1/blind/evaluate", json={"blinded_element": "00" * 32}, headers=headers
    )
    assert zero.status_code == 422
    not_hex = world.client.post(
        "/api/v1/blind/evaluate", json={"blinded_element": "zz" * 32}, headers=headers
    )
    assert not_hex.status_code == 422


def test_another_agencys_record_cannot_carry_a_blind_identifier(world: World) -> None:
    _oprf_or_skip()
    headers = world.headers(username("MX-FGR", "investigator"))
    value, version = _blind_output(world, headers, b"phone:+5215512345678")
    refused = world.client.post(
        "/api/v1/blind/identifiers",
        json={
            "entries": [
                {"owner_record_id": "P1", "kind": "phone", "value": value, "key_version": version}
            ]
        },
        headers=headers,
    )
    assert refused.status_code == 404


PERSONS = (
    "record_id,case_id,role,given_names,surnames,sex,birth_date,nationality,document_type,"
    "document_number,document_country\n"
    "U1,UC1,suspect,Uriel,Subido Porapi,M,1980-01-01,MX,passport,UP123123,MX\n"
)
CASES = "case_id,title,crime_type,opened,status,sharing\nUC1,Subida,smuggling,2024-01-01,open,all\n"


def test_an_upload_loads_whole_under_the_uploaders_agency(world: World) -> None:
    headers = world.headers(username("MX-FGR", "investigator"))
    files = [
        ("files", ("cases.csv", CASES.encode(), "text/csv")),
        ("files", ("persons.csv", PERSONS.encode(), "text/csv")),
    ]
    loaded = world.client.post("/api/v1/submissions", files=files, headers=headers)
    assert loaded.status_code == 201, loaded.text
    assert loaded.json()["agency"] == "MX-FGR"
    seen = world.client.get(
        "/api/v1/records/MX-FGR/U1", headers=world.headers(username("PA-SENAFRONT", "analyst"))
    )
    assert seen.status_code == 200


def test_a_bad_upload_is_refused_and_loads_nothing(world: World) -> None:
    headers = world.headers(username("MX-FGR", "investigator"))
    bad_date = PERSONS.replace("U1,", "U2,").replace("1980-01-01", "31/02/1980")
    refused = world.client.post(
        "/api/v1/submissions",
        files=[("files", ("persons.csv", bad_date.encode(), "text/csv"))],
        headers=headers,
    )
    assert refused.status_code == 422
    assert "persons.csv" in refused.json()["error"]["message"]
    assert world.client.get("/api/v1/records/MX-FGR/U2", headers=headers).status_code == 404
    # a path in the file name is not a path on the server
    sneaky = world.client.post(
        "/api/v1/submissions",
        files=[("files", ("../../etc/passwd", b"x", "text/plain"))],
        headers=headers,
    )
    assert sneaky.status_code == 422
    unknown = world.client.post(
        "/api/v1/submissions",
        files=[("files", ("secrets.csv", b"a\n1\n", "text/csv"))],
        headers=headers,
    )
    assert unknown.status_code == 422


def test_an_oversized_upload_is_refused(world: World) -> None:
    from fastapi.testclient import TestClient

    from turquesa.server.app import create_app

    small = world.settings.__class__(**{**world.settings.__dict__, "upload_max_bytes": 1000})
    client = TestClient(create_app(small, engine=world.engine))
    token = world.login(username("MX-FGR", "investigator"))["token"]
    big = PERSONS + "".join(f"B{i},UC1,suspect,A,B,M,1980-01-01,MX,,,\n" for i in range(100))
    response = client.post(
        "/api/v1/submissions",
        files=[("files", ("persons.csv", big.encode(), "text/csv"))],
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 413


def test_analyses_run_over_what_the_viewer_may_see(world: World) -> None:
    co = world.client.get(
        "/api/v1/analyses/routes", headers=world.headers(username("CO-DIJIN", "analyst"))
    )
    mx = world.client.get(
        "/api/v1/analyses/groups", headers=world.headers(username("MX-FGR", "analyst"))
    )
    assert co.status_code == 200 and mx.status_code == 200
    assert co.json()["scope"] == "agency:CO-DIJIN"
    assert mx.json()["scope"] == "agency:MX-FGR"
    assert "Reservado" not in mx.text  # CO-DIJIN's private suspect is not in MX's scope

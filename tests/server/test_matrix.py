"""The authorisation matrix of the search, entity and export endpoints: every role of
every agency against every sharing rule, on a fresh world (no disclosures yet)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.server.world import AGENCIES, SHARING, SUBMISSIONS, VICTIMS, World, username
from turquesa.server.accounts import ROLES

#: each person record's document, as its agency wrote it (read from the world's files)
DOCUMENTS = {
    row["record_id"]: (row["document_type"], row["document_number"])
    for files in SUBMISSIONS.values()
    for row in csv.DictReader(io.StringIO(files["persons.csv"]))
}
KNOWS_OF_VICTIMS = {"investigator", "prosecutor", "victim_support"}


def may_see(agency: str, role: str, record_id: str) -> bool:
    """The sharing rule written out apart from the server's SQL (no disclosures here)."""
    owner, sharing = SHARING[record_id]
    if role == "judge":
        return False
    networks = set(AGENCIES[agency][1])
    return (
        owner == agency
        or sharing == "all"
        or (sharing.startswith("network:") and sharing[8:] in networks)
        or (sharing.startswith("agencies:") and agency in sharing[9:].split(";"))
    )


@pytest.mark.parametrize(("agency", "role"), [(a, r) for a in AGENCIES for r in ROLES])
def test_search_export_and_entities_answer_each_role_as_the_rules_say(
    world: World, agency: str, role: str
) -> None:
    headers = world.headers(username(agency, role))
    for record_id, (kind, number) in DOCUMENTS.items():
        owner = SHARING[record_id][0]
        response = world.client.post(
            "/api/v1/search", json={"kind": kind, "value": number}, headers=headers
        )
        assert response.status_code == 200, response.text
        body = response.json()
        found = [r["record_id"] for r in body["records"]]
        hits = [h["owner_agency"] for h in body["hits"]]
        if may_see(agency, role, record_id):
            assert (found, hits) == ([record_id], []), (record_id, body)
            if record_id in VICTIMS:  # visible, but never the identity in a search
                assert body["records"][0]["protected"]
        elif record_id in VICTIMS and role not in KNOWS_OF_VICTIMS:
            assert (found, hits) == ([], []), (record_id, body)  # not even a hit
        else:
            assert (found, hits) == ([], [owner]), (record_id, body)
            assert f'"{record_id}"' not in response.text  # a hit never names the record
        assert "Secreta" not in response.text  # a victim's name, never
        if "Oculto" in response.text:  # a suspect's name, only when visible
            assert record_id == "P4" and may_see(agency, role, "P4")
    exported = world.client.get(
        "/api/v1/export/records", params={"kind": "person"}, headers=headers
    )
    rows = {line.split(",")[1] for line in exported.text.splitlines()[1:]}
    assert rows == {r for r in SHARING if may_see(agency, role, r)}
    assert "Secreta" not in exported.text  # a victim is a pseudonym in every export

"""Schemathesis against the OpenAPI schema: whatever a client sends that the schema
allows, the server answers without a server error. An unexpected exception is a 500,
and a 500 fails this test; nothing turns it into a 4xx to pass."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.server.world import World, username


def test_no_request_the_schema_allows_makes_a_server_error(world: World) -> None:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", world.client.app)
    token = world.login(username("CO-DIJIN", "investigator"))["token"]
    # (signing out would end the session the other requests use; test_api covers it)
    operations = [
        op
        for op in (result.ok() for result in schema.get_all_operations())
        if op.label != "POST /api/v1/auth/logout"
    ]
    assert len(operations) >= 20
    statuses: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
            response = case.call_and_validate(checks=[not_a_server_error])
            statuses.append(response.status_code)

        check()
    # the generated requests reached the endpoints: signed in, some of them succeeded
    assert sum(200 <= s < 300 for s in statuses) > len(operations)
    assert max(statuses) < 500

"""schemathesis against the API's own OpenAPI schema: whatever the parameters, never a 500, and every answer
(errors included) has a documented status, content type and shape."""

from __future__ import annotations

import pytest

pytest.importorskip("schemathesis")
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(sample_db):
    from stanceline.web import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(sample_db))


@pytest.mark.slow
def test_api_conforms_to_its_schema(api_schema):
    # Driven by hand (one hypothesis run per operation) rather than through schemathesis' pytest plugin,
    # which does not follow every pytest release.
    operations = [r.ok() for r in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {
        "/api/actors",
        "/api/statements",
        "/api/timeline",
        "/api/shifts",
        "/api/actors/{actor_id}",
        "/api/articles/{article_id}",
    }
    for op in operations:

        @given(case=op.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case) -> None:
            case.call_and_validate(checks=CHECKS)

        run()

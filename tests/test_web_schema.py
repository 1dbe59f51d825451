"""schemathesis against the API's own OpenAPI schema, every check (``--checks all``): whatever the
parameters, never a 500; every answer (errors included) has a documented status, content type and shape;
every value the schema allows is accepted (the schema states the parameters' rules: patterns, enums,
bounds, the cursors' formats) and values it refuses are refused.

The same run from the command line, against ``stanceline serve`` (0 failures at 30 examples)::

    PYTHONPATH=tests SCHEMATHESIS_HOOKS=schemathesis_hooks .venv/bin/schemathesis run \\
        http://127.0.0.1:8000/openapi.json --checks all --max-examples 30
"""

from __future__ import annotations

import re

import pytest

pytest.importorskip("schemathesis")
import schemathesis
import schemathesis_hooks
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from stanceline.web.params import (
    DATE_PATTERN,
    QUERY_PATTERN,
    TEXT_PATTERN,
    ApiError,
    clean_date,
    clean_text,
)

#: Examples per operation and generation mode (the issue's CLI figure is 30 positive ones).
EXAMPLES = {GenerationMode.POSITIVE: 30, GenerationMode.NEGATIVE: 10}


@pytest.fixture(scope="module")
def api_schema(sample_db):
    from stanceline.web import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(sample_db))


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(EXAMPLES), ids=lambda m: m.value)
def test_api_conforms_to_its_schema(api_schema, mode):
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

        @given(case=op.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES[mode],
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case) -> None:
            if mode is GenerationMode.POSITIVE:
                assert schemathesis_hooks.ordered(case.query)
            case.call_and_validate()  # every check schemathesis has

        run()


def test_the_schema_states_the_parameter_rules(api_schema):
    params = {
        (op.path, p["name"]): p["schema"]
        for op in (r.ok() for r in api_schema.get_all_operations())
        for p in op.definition.raw.get("parameters", [])
    }
    assert params[("/api/statements", "from")]["pattern"] == DATE_PATTERN
    assert params[("/api/timeline", "to")]["pattern"] == DATE_PATTERN
    assert params[("/api/statements", "q")]["pattern"] == QUERY_PATTERN
    for key in [
        ("/api/actors/{actor_id}", "actor_id"),
        ("/api/statements", "actor"),
        ("/api/shifts", "topic"),
    ]:
        assert params[key]["pattern"] == TEXT_PATTERN, key
    assert params[("/api/actors", "cursor")]["format"] == "stanceline-cursor-a"
    assert params[("/api/statements", "cursor")]["format"] == "stanceline-cursor-s"
    assert params[("/api/shifts", "cursor")]["format"] == "stanceline-cursor-h"


@pytest.mark.parametrize(
    ("value", "allowed"),
    [
        ("", True),
        ("2024", True),
        ("0001", True),
        ("2024-02", True),
        ("2024-02-29", True),
        ("2000-02-29", True),
        ("2023-12-31", True),
        ("2024-04-30", True),
        ("0000", False),
        ("2023-02-29", False),
        ("1900-02-29", False),
        ("2024-04-31", False),
        ("2024-13", False),
        ("2024-00", False),
        ("2024-01-00", False),
        ("24", False),
        ("20240101", False),
        ("2024-1-5", False),
        ("2024-W38", False),
        ("00000000000000000000", False),
    ],
)
def test_the_date_pattern_is_the_rule_the_server_applies(value, allowed):
    assert bool(re.search(DATE_PATTERN, value)) is allowed
    try:
        clean_date(value, "from")
        taken = True
    except ApiError:
        taken = False
    assert taken is allowed


@pytest.mark.parametrize(
    ("value", "allowed"),
    [
        ("talks", True),
        ('"exact phrase" -excluded', True),
        ("Ōta sanctions", True),
        ("talks\tnow", True),
        ("", True),
        ("talks\x00", False),
        ("-excluded", False),
        ("!!!", False),
        ("_", False),
    ],
)
def test_the_query_pattern_allows_only_queries_the_server_takes(sample_client, value, allowed):
    assert bool(re.search(QUERY_PATTERN, value)) is allowed
    if allowed:
        assert sample_client.get("/api/statements", params={"q": value}).status_code == 200, value


@pytest.mark.parametrize(
    ("value", "allowed"),
    [("Tarsk", True), ("a/b c\td", True), ("", True), ("x\x00", False), ("x\x1f", False), ("x\x7f", False)],
)
def test_the_text_pattern_is_the_control_character_rule(value, allowed):
    assert bool(re.search(TEXT_PATTERN, value)) is allowed
    try:
        clean_text(value, "actor")
        taken = True
    except ApiError:
        taken = False
    assert taken is allowed

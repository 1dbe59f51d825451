"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

import pytest

import stanceline


@pytest.fixture(scope="session")
def nlp():
    return stanceline.pipeline()


@pytest.fixture(scope="session")
def analyze(nlp):
    def run(text: str, **kw):
        return stanceline.analyze(text, nlp=nlp, **kw)

    return run

"""The PostgreSQL test server is reachable (see pg_url in conftest.py)."""

import pytest
from pgserver import libpq_url

pytestmark = pytest.mark.postgres


def test_pg_url_reaches_postgresql(pg_url):
    import psycopg

    assert pg_url.startswith("postgresql+psycopg://")
    with psycopg.connect(libpq_url(pg_url)) as conn:
        (version,) = conn.execute("select version()").fetchone()
    assert "PostgreSQL" in version

"""What the OpenAPI schema names but cannot spell out, for schemathesis (``SCHEMATHESIS_HOOKS``).

* The cursors (formats ``stanceline-cursor-a``, ``-s``, ``-h``, ``-e``): opaque values the server makes; the
  strategies make them as the server does (:func:`stanceline.web.params.encode_cursor`), over every key
  it could hold.
* ``from`` not after ``to``: a rule across two parameters, which OpenAPI cannot state (each parameter's
  description says it).

Used by ``tests/test_web_schema.py`` and by the command line::

    PYTHONPATH=tests SCHEMATHESIS_HOOKS=schemathesis_hooks .venv/bin/schemathesis run URL/openapi.json \\
        --checks all --max-examples 30
"""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st

from stanceline.web.params import CURSOR_INT_LIMIT, encode_cursor, first_day, last_day

_INT = st.integers(min_value=0, max_value=CURSOR_INT_LIMIT - 1)
_TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="".join(map(chr, [*range(32), 127]))),
    max_size=40,
)
CURSORS = {
    "a": st.tuples(_INT, _TEXT).map(lambda k: encode_cursor("a", *k)),
    "s": _INT.map(lambda k: encode_cursor("s", k)),
    "h": st.tuples(_TEXT, _TEXT, _TEXT, _TEXT).map(lambda k: encode_cursor("h", *k)),
    "e": st.tuples(_TEXT, _TEXT).map(lambda k: encode_cursor("e", *k)),
}
for kind, strategy in CURSORS.items():
    schemathesis.openapi.format(f"stanceline-cursor-{kind}", strategy)


def ordered(query: dict | None) -> bool:
    """Whether ``from`` and ``to`` (when both are given and are dates) are in order."""
    lo, hi = (query or {}).get("from"), (query or {}).get("to")
    if not (isinstance(lo, str) and isinstance(hi, str) and lo.strip() and hi.strip()):
        return True
    try:
        return first_day(lo.strip()) <= last_day(hi.strip())
    except (TypeError, ValueError):  # not dates: the schema's own rules decide
        return True


@schemathesis.hook
def filter_query(ctx, query) -> bool:
    return ordered(query)

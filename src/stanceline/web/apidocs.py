"""The API documentation at ``/docs``: the app's OpenAPI schema as one readable page, with nothing from a CDN.

FastAPI's own Swagger UI loads its script and styles from a CDN, which fails offline and breaks the
Content-Security-Policy; this page is rendered on the server from the same schema that
``/openapi.json`` serves, so it cannot drift from the API.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

REF = "#/components/schemas/"


def type_of(schema: dict[str, Any] | None) -> str:
    """A schema as a short phrase: ``integer (1–500)``, ``list of StatementOut``, ``one of csv, jsonl``."""
    if not schema:
        return "any"
    if "$ref" in schema:
        return schema["$ref"].removeprefix(REF)
    if "anyOf" in schema:
        kinds = [type_of(s) for s in schema["anyOf"] if s.get("type") != "null"]
        nullable = any(s.get("type") == "null" for s in schema["anyOf"])
        return " or ".join(kinds) + (" or null" if nullable else "")
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {type_of(schema.get('items'))}"
    if kind == "object" and "additionalProperties" in schema:
        extra = schema["additionalProperties"]
        return f"object of {type_of(extra) if isinstance(extra, dict) else 'any'}"
    limits = []
    if "minimum" in schema and "maximum" in schema:
        limits.append(f"{schema['minimum']}–{schema['maximum']}")
    if "maxLength" in schema:
        limits.append(f"at most {schema['maxLength']} characters")
    if schema.get("format"):
        limits.append(schema["format"])
    return f"{kind} ({', '.join(limits)})" if limits else str(kind)


_CODE = re.compile(r"`([^`\n]+)`")


def inline_code(text: str | None) -> Markup:
    """A description's Markdown code spans (`` `q` ``) as ``<code>``; everything else escaped, as text."""
    out: list[str] = []
    last = 0
    for m in _CODE.finditer(text or ""):
        out += [escape((text or "")[last : m.start()]), Markup("<code>{}</code>").format(m.group(1))]
        last = m.end()
    out.append(escape((text or "")[last:]))
    return Markup("").join(out)


def refs_in(schema: dict[str, Any] | None) -> list[str]:
    """The component schemas that ``schema`` names (for links), in order."""
    out: list[str] = []

    def walk(s: Any) -> None:
        if isinstance(s, dict):
            if isinstance(s.get("$ref"), str):
                name = s["$ref"].removeprefix(REF)
                if name not in out:
                    out.append(name)
            for v in s.values():
                walk(v)
        elif isinstance(s, list):
            for v in s:
                walk(v)

    walk(schema)
    return out


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of ``spec`` with its parameters and responses, as the page shows them."""
    ops = []
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "type": type_of(p.get("schema")),
                    "default": (p.get("schema") or {}).get("default"),
                    "description": p.get("description") or (p.get("schema") or {}).get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            responses = []
            for status, r in op.get("responses", {}).items():
                content = r.get("content", {})
                media = next(iter(content), None)
                schema = content[media].get("schema") if media else None
                responses.append(
                    {
                        "status": status,
                        "description": r.get("description", ""),
                        "media": media,
                        "schema": type_of(schema) if schema else None,
                        "refs": refs_in(schema),
                    }
                )
            ops.append(
                {
                    "id": op.get("operationId") or f"{method}-{path}",
                    "method": method.upper(),
                    "path": path,
                    "tags": op.get("tags", []),
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": params,
                    "responses": responses,
                }
            )
    return ops


def schemas(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The component schemas with their fields (name, type, required, description), by name."""
    out = []
    for name, s in sorted(spec.get("components", {}).get("schemas", {}).items()):
        required = set(s.get("required", []))
        fields = [
            {
                "name": f,
                "type": type_of(fs),
                "refs": refs_in(fs),
                "required": f in required,
                "description": fs.get("description", ""),
            }
            for f, fs in s.get("properties", {}).items()
        ]
        out.append({"name": name, "description": s.get("description", ""), "fields": fields})
    return out

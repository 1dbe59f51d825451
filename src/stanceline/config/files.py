"""Reading stanceline's data files: the shipped ones in ``stanceline/data`` and a user's.

Word files are plain text with ``#`` comments, one word or phrase a line, under ``[section]`` headers;
topic and event files are TOML (or YAML with PyYAML installed).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_text(name: str) -> str:
    return resources.files("stanceline").joinpath("data", name).read_text(encoding="utf-8")


def lines(text: str) -> list[str]:
    return [line for _, line in numbered_lines(text)]


def numbered_lines(text: str) -> list[tuple[int, str]]:
    """The non-empty lines of a data file with their line numbers, comments (``#`` to the end) removed."""
    out = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append((n, line))
    return out


def section_name(line: str) -> str | None:
    """``[outlet nouns]`` -> ``outlet nouns``; ``None`` for a line that is no section header."""
    if line.startswith("[") and line.endswith("]"):
        return " ".join(line[1:-1].lower().split())
    return None


def user_text(path: str, code: str) -> str:
    """A user's data file as text (a BOM dropped); the coded error ``code`` says why it cannot be read."""
    from ..errors import UsageError

    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise UsageError.make(code, path=path, detail=f"cannot read it ({err.strerror or err})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UsageError.make(
            code, path=path, detail=f"not UTF-8 (invalid bytes at offset {err.start})"
        ) from None


def word_sections(
    text: str, *, known: tuple[str, ...], default: str | None, path: str, code: str | None
) -> dict[str, list[str]]:
    """The words of a sectioned word file (``[section]`` headers, one word or phrase a line), lower case
    with single spaces, in file order.

    Args:
        text: The file's contents.
        known: The sections the file may have.
        default: The section of the lines before the first header; ``None``: such lines are an error.
        path: The file, for the error.
        code: The error's code; ``None`` for a file only stanceline writes (a ``ValueError``).

    Raises:
        UsageError: ``code`` for an unknown section or a word outside every section.
    """
    from ..errors import UsageError

    def bad(detail: str) -> Exception:
        return UsageError.make(code, path=path, detail=detail) if code else ValueError(f"{path}: {detail}")

    sections: dict[str, list[str]] = {}
    current = default
    for n, line in numbered_lines(text):
        name = section_name(line)
        if name is not None:
            if name not in known:
                listed = ", ".join(f"[{k}]" for k in known)
                raise bad(f"unknown section [{name}] on line {n}; the sections are {listed}")
            current = name
            sections.setdefault(name, [])
            continue
        if current is None:
            raise bad(f"{line!r} on line {n} is in no section; put it under a [section]")
        sections.setdefault(current, []).append(" ".join(line.lower().split()))
    return sections


def layered(
    name: str, path: str | None, *, known: tuple[str, ...], default: str | None, code: str
) -> dict[str, list[str]]:
    """The shipped word file ``name``, with each section a user's file has replacing the shipped one."""
    shipped = word_sections(
        data_text(name), known=known, default=default, path=f"stanceline/data/{name}", code=code
    )
    if not path:
        return shipped
    return shipped | word_sections(user_text(path, code), known=known, default=default, path=path, code=code)


def read_data_file(path: str, code: str = "E017") -> dict:
    """Read a user's TOML or YAML file (by suffix) into a dict; ``code`` names the error."""
    from ..errors import UsageError

    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise UsageError.make(code, path=path, detail=f"cannot read it ({err.strerror or err})") from None
    if p.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml  # type: ignore[import-untyped]
        except ImportError:
            raise UsageError.make(
                code, path=path, detail="YAML needs PyYAML, which is not installed; write it as TOML"
            ) from None
        try:
            data = yaml.safe_load(raw.decode("utf-8")) or {}
        except Exception as err:  # noqa: BLE001 - yaml's own error types
            raise UsageError.make(code, path=path, detail=f"not valid YAML ({err})") from None
    else:
        import tomllib

        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise UsageError.make(code, path=path, detail=f"not valid TOML ({err})") from None
    if not isinstance(data, dict):
        raise UsageError.make(code, path=path, detail="expected tables at the top level")
    return data

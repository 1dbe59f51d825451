"""What an analysis depends on besides the text, in one frozen object, and what changed since.

``stanceline ingest`` keeps an article's stored analysis only while the text
and these settings are the ones it was made with:

* stanceline's version, and a hash of its rules (the ``.py`` sources of the
  ``stanceline.nlp`` package, found recursively, and of ``analysis.py``,
  ``config/`` and ``model.py``, which read the vocabularies and build the
  record) and of its shipped data files (``stanceline/data``), so an edit to
  either counts even when the version number did not move;
* the spaCy model (its name and the version in its ``meta.json``) and spaCy's
  own version;
* every file the user gives (the topic file today), by content.

:meth:`AnalysisSettings.key` hashes these parts into the short key stored with
each article (``articles.analysed_with`` is ``KEY:TEXT-HASH``);
:meth:`AnalysisSettings.parts` is what the store keeps per key, so that a later
run can say *why* it analyses an article again (:meth:`AnalysisSettings.changes`).

``--max-chars`` travels with the settings (the workers need it) but is not part
of the key: it decides which texts are accepted (E005) and never changes the
analysis of a text that is, so raising it to admit one long article does not
re-analyse a whole corpus.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from . import __version__
from .io.readers import DEFAULT_MAX_CHARS

#: The code an analysis depends on, relative to the ``stanceline`` package: folders are searched
#: recursively for ``.py`` files (so ``nlp/`` may be split into sub-packages), files are taken as they are.
RULES = ("nlp", "config", "analysis.py", "model.py")
#: The shipped data files (cue words, titles, source nouns, topics), all of them.
DATA = "data"
#: Files a user may give: role → (what the messages call it, the error code when it cannot be read).
#: A new kind of user file (cues, titles, a gazetteer read by the pipeline) joins here and in
#: :meth:`AnalysisSettings.current`; the key and the reasons follow.
FILE_ROLES: dict[str, tuple[str, str]] = {
    "topics": ("topic file", "E017"),
    "cues": ("cue file", "E027"),
    "titles": ("titles file", "E025"),
    "sources": ("sources file", "E026"),
    "events": ("event vocabulary file", "E034"),
}


# ---- the parts ----------------------------------------------------------------------------------------


def _walk(node: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    for child in node.iterdir():
        rel = f"{prefix}/{child.name}" if prefix else child.name
        if child.is_dir():
            if child.name != "__pycache__":
                yield from _walk(child, rel)
        elif child.is_file():
            yield rel, child


def tree_files(root: Traversable, entries: Iterable[str], suffix: str = "") -> Iterator[tuple[str, bytes]]:
    """``(path relative to root, contents)`` of the files under ``entries`` (folders searched recursively).

    Args:
        root: The folder the paths are relative to.
        entries: Folders or files in ``root``; one that is missing is skipped.
        suffix: Keep only files whose name ends so (``".py"``); ``""`` keeps all.
    """
    for entry in entries:
        node = root.joinpath(entry)
        if node.is_dir():
            for rel, f in _walk(node, entry):
                if rel.endswith(suffix):
                    yield rel, f.read_bytes()
        elif node.is_file() and entry.endswith(suffix):
            yield entry, node.read_bytes()


def tree_hash(files: Iterable[tuple[str, bytes]]) -> str:
    """A hash of files by relative path and contents, in path order (16 hex digits)."""
    h = hashlib.sha256()
    for rel, data in sorted(files):
        h.update(rel.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()[:16]


@cache
def rules_hash() -> str:
    """The hash of stanceline's rules as installed (:data:`RULES`); computed once per process."""
    return tree_hash(tree_files(resources.files("stanceline"), RULES, ".py"))


@cache
def data_hash() -> str:
    """The hash of the shipped data files (``stanceline/data/*``) but the trained models (they count only
    where they are used: :func:`attribution_model_hash`); computed once per process."""
    return tree_hash(data_files(resources.files("stanceline")))


def data_files(root: Traversable) -> Iterator[tuple[str, bytes]]:
    """The files of ``root/data`` that :func:`data_hash` covers: all but the trained models."""
    return ((rel, data) for rel, data in tree_files(root, [DATA]) if not rel.startswith(f"{DATA}/models/"))


@cache
def attribution_model_hash(folder: str = "attribution") -> str:
    """The hash of a shipped attribution model's manifest (it holds each weight file's SHA-256):
    ``attribution`` the tagger's, ``attribution-encoder`` the encoder's."""
    manifest = resources.files("stanceline").joinpath(f"{DATA}/models/{folder}/manifest.json")
    return hashlib.sha256(manifest.read_bytes()).hexdigest()[:16] if manifest.is_file() else "none"


def model_version(model: str) -> str:
    """The model's name and version as its ``meta.json`` gives them (``nlp.meta``), without loading it.

    Raises:
        UsageError: E011 when the model is not installed.
    """
    from pathlib import Path

    import spacy.util

    from .nlp.pipeline import check_model

    found = check_model(model)  # the package or path it resolves to
    try:
        path = Path(found) if Path(found).exists() else spacy.util.get_package_path(found)
        meta = spacy.util.get_model_meta(path)
    except Exception:  # noqa: BLE001 - no readable meta.json: the installed package's version
        from importlib.metadata import PackageNotFoundError, version

        try:
            return f"{found} {version(found)}"
        except PackageNotFoundError:
            return f"{found} (version unknown)"
    name = f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_") or found
    return f"{name} {meta.get('version', '?')}"


def file_hash(role: str, path: str) -> str:
    """The hash of a user's file, by content (16 hex digits).

    Raises:
        UsageError: the role's code (E017 for the topic file) when it cannot be read.
    """
    from pathlib import Path

    from .errors import UsageError

    try:
        data = Path(path).read_bytes()
    except OSError as err:
        code = FILE_ROLES.get(role, ("", "E017"))[1]
        raise UsageError.make(code, path=path, detail=f"cannot read it ({err.strerror or err})") from None
    return hashlib.sha256(data).hexdigest()[:16]


# ---- the settings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysisSettings:
    """Everything an ingest's analyses depend on besides the text; :meth:`current` fills it in.

    Attributes:
        model: The spaCy model as given (package name or path).
        files: The user's files, ``(role, path)`` pairs (:data:`FILE_ROLES`), in a fixed order.
        max_chars: Longest text accepted (carried for the workers; not in the key).
        version: stanceline's version.
        rules: :func:`rules_hash`.
        data: :func:`data_hash`.
        model_version: :func:`model_version`.
        spacy: spaCy's version.
        file_hashes: ``(role, hash)`` of each of ``files``.
        attribution: How statements are found (``rules``, ``learned``, ``hybrid``, ``encoder``,
            ``encoder-hybrid``; ``auto`` resolved):
            part of the key only when it is not ``rules``, so keys made before the option stay valid.
    """

    model: str
    files: tuple[tuple[str, str], ...] = ()
    max_chars: int = DEFAULT_MAX_CHARS
    version: str = __version__
    rules: str = ""
    data: str = ""
    model_version: str = ""
    spacy: str = ""
    file_hashes: tuple[tuple[str, str], ...] = ()
    attribution: str = "rules"

    @classmethod
    def current(
        cls,
        model: str,
        *,
        topics: str | None = None,
        cues: str | None = None,
        titles: str | None = None,
        sources: str | None = None,
        events: str | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        attribution: str = "auto",
    ) -> AnalysisSettings:
        """The settings of an analysis run now, with this model and these user files.

        Raises:
            UsageError: E011 when the model is not installed; the file's code (:data:`FILE_ROLES`)
                when a user file cannot be read; E023 for an unknown attribution mode.
        """
        import spacy

        from .nlp.pipeline import resolve_attribution

        given = (
            ("topics", topics),
            ("cues", cues),
            ("titles", titles),
            ("sources", sources),
            ("events", events),
        )
        files = tuple((role, path) for role, path in given if path)
        return cls(
            model=model,
            files=files,
            max_chars=max_chars,
            version=__version__,
            rules=rules_hash(),
            data=data_hash(),
            model_version=model_version(model),
            spacy=spacy.__version__,
            file_hashes=tuple((role, file_hash(role, path)) for role, path in files),
            attribution=resolve_attribution(attribution),
        )

    def file(self, role: str) -> str | None:
        """The path of the user's file of this role, or ``None``."""
        return dict(self.files).get(role)

    def model_folder(self) -> str:
        """The shipped model folder the attribution mode reads (under ``data/models/``)."""
        return "attribution-encoder" if self.attribution.startswith("encoder") else "attribution"

    def parts(self) -> dict[str, Any]:
        """What the key is made of, as JSON-ready values (what the store keeps per key)."""
        return {
            "stanceline": self.version,
            "rules": self.rules,
            "data": self.data,
            "model": self.model,
            "model_version": self.model_version,
            "spacy": self.spacy,
            "files": dict(self.file_hashes),
        } | (
            {
                "attribution": self.attribution,
                "attribution_model": attribution_model_hash(self.model_folder()),
            }
            if self.attribution != "rules"
            else {}
        )

    def key(self) -> str:
        """The settings key: a hash of :meth:`parts` (16 hex digits)."""
        blob = json.dumps(self.parts(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def changes(self, before: dict[str, Any] | None) -> tuple[str, ...]:
        """Why an analysis made with the settings ``before`` (their :meth:`parts`) is made again now.

        Args:
            before: The stored parts, or ``None`` when the store has none for that key (an article
                stored by stanceline 0.1, which kept only a hash).

        Returns:
            Short reasons, in a fixed order; empty when nothing differs.
        """
        if before is None:
            return ("they were stored by an older stanceline, which did not record its settings",)
        now = self.parts()
        out = []
        if before.get("stanceline") != now["stanceline"]:
            out.append(f"stanceline changed ({before.get('stanceline')} → {now['stanceline']})")
        if before.get("rules") != now["rules"] or before.get("data") != now["data"]:
            what = [w for w in ("rules", "data") if before.get(w) != now[w]]
            out.append(f"the {' and '.join(what)} changed since they were stored")
        if before.get("model_version") != now["model_version"]:
            out.append(f"the model changed ({before.get('model_version')} → {now['model_version']})")
        elif before.get("model") != now["model"]:  # the same package and version, named otherwise
            out.append(f"the model changed ({before.get('model')} → {now['model']})")
        was, now_mode = before.get("attribution", "rules"), now.get("attribution", "rules")
        if was != now_mode:
            out.append(f"the attribution changed ({was} → {now_mode})")
        elif before.get("attribution_model") != now.get("attribution_model"):
            out.append("the trained attribution model changed")
        if before.get("spacy") != now["spacy"]:
            out.append(f"spaCy changed ({before.get('spacy')} → {now['spacy']})")
        old_files, new_files = before.get("files") or {}, now["files"]
        for role in sorted(set(old_files) | set(new_files), key=_role_order):
            label = FILE_ROLES.get(role, (f"{role} file", ""))[0]
            if role not in old_files:
                out.append(f"a {label} was given")
            elif role not in new_files:
                out.append(f"the {label} was left out")
            elif old_files[role] != new_files[role]:
                out.append(f"the {label} changed")
        return tuple(out) or ("the settings changed",)


def _role_order(role: str) -> tuple[int, str]:
    roles = list(FILE_ROLES)
    return (roles.index(role) if role in roles else len(roles), role)

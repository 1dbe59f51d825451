"""Check the sample corpus gold (examples/gold/*.json, examples/shifts.json) and print its counts.

Run from anywhere: ``python examples/verify_gold.py``. Exits 1 on the first batch of errors.
Standard library only.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = {
    "negotiations",
    "sanctions",
    "agreement",
    "military_action",
    "ceasefire",
    "aid",
    "elections",
    "trade",
}
STANCES = {"support", "oppose", "conditional", "neutral"}
KINDS = {"direct", "indirect", "mixed"}
ACTOR_KINDS = {"person", "organization", "country", "group", "anonymous"}
RESOLVED = {"name", "title", "pronoun", "carryover", "none"}
BASES = {"explicit", "context", "publication", "unknown"}
GRANS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}", "decade": r"\d{3}"}
OPENERS = {'"', "“"}

errors: list[str] = []


def err(where: str, msg: str) -> None:
    errors.append(f"{where}: {msg}")


def keys(where: str, obj: object, expected: set[str]) -> bool:
    if not isinstance(obj, dict):
        err(where, f"expected an object, got {type(obj).__name__}")
        return False
    if set(obj) != expected:
        err(where, f"keys {sorted(obj)} != {sorted(expected)}")
        return False
    return True


def check_span(where: str, text: str, span: object, extra: set[str] = frozenset()) -> bool:
    if not keys(where, span, {"start", "end", "text"} | extra):
        return False
    s, e = span["start"], span["end"]
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        err(where, f"bad offsets {s}..{e}")
        return False
    if text[s:e] != span["text"]:
        err(where, f"text {span['text']!r} != article[{s}:{e}] {text[s:e]!r}")
        return False
    return True


def inside(span: dict, pieces: list[dict]) -> bool:
    return any(p["start"] <= span["start"] and span["end"] <= p["end"] for p in pieces)


def paragraph(text: str, pos: int) -> int:
    return text.count("\n\n", 0, pos)


def check_actors(where: str, actors: list, counts: dict[str, collections.Counter]) -> set[str]:
    """Check an article's actors; returns their ids."""
    actor_ids = set()
    for i, a in enumerate(actors, 1):
        aw = f"{where} actor {i}"
        if not keys(aw, a, {"id", "name", "kind", "titles", "country"}):
            continue
        if a["id"] != f"a{i}":
            err(aw, f"id {a['id']!r} should be a{i}")
        actor_ids.add(a["id"])
        if a["kind"] not in ACTOR_KINDS:
            err(aw, f"kind {a['kind']!r}")
        if not isinstance(a["titles"], list) or not all(isinstance(t, str) for t in a["titles"]):
            err(aw, "titles must be a list of strings")
        if a["country"] is not None and not re.fullmatch(r"[A-Z]{3}", a["country"]):
            err(aw, f"country {a['country']!r}")
        counts["actor kinds"][a["kind"]] += 1
    return actor_ids


def check_source(sw: str, s: dict, text: str, actor_ids: set[str], counts: dict[str, collections.Counter]):
    """Check a statement's source and cue; returns the source."""
    src = s["source"]
    if src is None:
        counts["statements by resolved_by"]["(no source)"] += 1
    elif keys(sw + " source", src, {"start", "end", "text", "actor", "resolved_by"}):
        if src["resolved_by"] not in RESOLVED:
            err(sw, f"resolved_by {src['resolved_by']!r}")
        if src["actor"] is not None and src["actor"] not in actor_ids:
            err(sw, f"unknown actor {src['actor']!r}")
        if src["resolved_by"] == "carryover":
            if (src["start"], src["end"], src["text"]) != (None, None, None) or s["cue"] is not None:
                err(sw, "a carryover has null source offsets and no cue")
            if src["actor"] is None:
                err(sw, "a carryover needs an actor")
        else:
            check_span(sw + " source", text, {k: src[k] for k in ("start", "end", "text")})
        counts["statements by resolved_by"][src["resolved_by"]] += 1
    if s["cue"] is not None:
        if check_span(sw + " cue", text, s["cue"], {"lemma"}):
            if s["cue"]["lemma"] != s["cue"]["lemma"].lower() or not s["cue"]["lemma"]:
                err(sw, "lemma must be lowercase")
            counts["cue lemmas"][s["cue"]["lemma"]] += 1
    elif not (src and src.get("resolved_by") == "carryover"):
        err(sw, "only carryover statements may lack a cue")
    return src


def check_content(sw: str, s: dict, src, text: str, counts: dict[str, collections.Counter]) -> bool:
    """Check a statement's content pieces; False when they are too broken to check the rest."""
    pieces = s["content"]
    if not isinstance(pieces, list) or not pieces:
        err(sw, "content must be a non-empty list")
        return False
    if not all(check_span(f"{sw} content {j}", text, p) for j, p in enumerate(pieces, 1)):
        return False
    if any(a["end"] > b["start"] for a, b in zip(pieces, pieces[1:], strict=False)):
        err(sw, "content pieces must be ordered and disjoint")
    if s["kind"] == "direct":
        for p in pieces:
            if text[p["start"] - 1] not in OPENERS:
                err(sw, f"direct content {p['text'][:30]!r} does not follow an opening mark")
    elif s["kind"] == "mixed" and not (
        re.search('["“”]', "".join(p["text"] for p in pieces))
        or any(text[p["start"] - 1] in OPENERS for p in pieces)
    ):
        err(sw, "mixed content without quoted material")
    elif s["kind"] == "indirect" and re.search('["“”]', "".join(p["text"] for p in pieces)):
        err(sw, "indirect content with quotation marks (should be mixed)")
    paras = {paragraph(text, p["start"]) for p in pieces}
    if len(pieces) > 1:
        counts["quote structure"]["multi-piece content"] += 1
        if len(paras) > 1:
            counts["quote structure"]["multi-paragraph"] += 1
        if len(paras) < len(pieces):
            counts["quote structure"]["split (2+ pieces in one paragraph)"] += 1
    if src and src.get("resolved_by") == "carryover":
        counts["quote structure"]["carryover paragraphs"] += 1
    return True


def check_said_on(sw: str, so: object, art: dict, text: str, counts: dict[str, collections.Counter]) -> None:
    if not keys(sw + " said_on", so, {"value", "granularity", "basis", "evidence"}):
        return
    if so["basis"] not in BASES:
        err(sw, f"basis {so['basis']!r}")
    if so["basis"] in ("publication", "unknown"):
        if so["evidence"] is not None:
            err(sw, "publication/unknown said_on has no evidence")
    else:
        check_span(sw + " evidence", text, so["evidence"])
    if so["basis"] == "publication" and (so["value"], so["granularity"]) != (art["published"], "day"):
        err(sw, "publication said_on must carry the publication date, granularity day")
    if so["basis"] == "unknown":
        if so["value"] is not None or so["granularity"] != "unknown":
            err(sw, "unknown said_on has value null and granularity unknown")
    elif so["granularity"] not in GRANS or not re.fullmatch(GRANS[so["granularity"]], so["value"] or ""):
        err(sw, f"said_on value {so['value']!r} does not fit granularity {so['granularity']!r}")
    elif so["value"] > art["published"]:
        err(sw, "said after publication")
    counts["said_on basis"][so["basis"]] += 1


def check_stances(sw: str, s: dict, text: str, counts: dict[str, collections.Counter]) -> None:
    pieces = s["content"]
    conditional = False
    for j, st in enumerate(s["stances"], 1):
        tw = f"{sw} stance {j}"
        if not keys(tw, st, {"topic", "stance", "target", "conditions"}):
            continue
        if st["topic"] not in TOPICS or st["stance"] not in STANCES:
            err(tw, f"topic/stance {st['topic']!r}/{st['stance']!r}")
        if check_span(tw + " target", text, st["target"]) and not inside(st["target"], pieces):
            err(tw, "target outside the content")
        for c in st["conditions"]:
            if check_span(tw + " condition", text, c) and not inside(c, pieces):
                err(tw, "condition outside the content")
        if (st["stance"] == "conditional") != bool(st["conditions"]):
            err(tw, "conditions are listed exactly for conditional stances")
        conditional |= bool(st["conditions"])
        counts["stances"][f"{st['topic']}/{st['stance']}"] += 1
    if conditional:
        counts["quote structure"]["statements with conditions"] += 1


def check_article(
    gf: Path, counts: dict[str, collections.Counter], index: dict[str, tuple[dict, dict]]
) -> None:
    """Check one gold file and its article; adds its statements to ``index``."""
    where = f"gold/{gf.name}"
    g = json.loads(gf.read_text(encoding="utf-8"))
    if not keys(where, g, {"schema", "article", "actors", "statements"} | ({"events"} & set(g))):
        return
    if g["schema"] != "stanceline.gold/1":
        err(where, f"schema {g['schema']!r}")
    art = g["article"]
    if not keys(where + " article", art, {"path", "title", "published", "source", "kind"}):
        return
    path = HERE / art["path"]
    if path.stem != gf.stem:
        err(where, f"article path {art['path']} does not match the gold file name")
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    if b"\r" in raw:
        err(where, "article has CR characters")
    if not text.endswith("\n") or "\n\n\n" in text or re.search(r"[ \t]+\n", text):
        err(
            where,
            "article layout: must end with LF, one blank line between paragraphs, no trailing blanks",
        )
    if art["title"] != text.split("\n", 1)[0]:
        err(where, "title is not the first line")
    if not re.fullmatch(GRANS["day"], art["published"] or ""):
        err(where, f"published {art['published']!r}")
    if art["kind"] not in {"wire", "oped"}:
        err(where, f"article kind {art['kind']!r}")
    counts["articles"][art["kind"]] += 1
    counts["words"]["total"] += len(text.split())
    actor_ids = check_actors(where, g["actors"], counts)
    for i, s in enumerate(g["statements"], 1):
        sw = f"{where} s{i}"
        if not keys(sw, s, {"id", "kind", "source", "cue", "content", "said_on", "stances"}):
            continue
        if s["id"] != f"s{i}":
            err(sw, f"id {s['id']!r}")
        index[f"{path.name}#{s['id']}"] = (g, s)
        if s["kind"] not in KINDS:
            err(sw, f"kind {s['kind']!r}")
        counts["statements by kind"][s["kind"]] += 1
        src = check_source(sw, s, text, actor_ids, counts)
        if not check_content(sw, s, src, text, counts):
            continue
        check_said_on(sw, s["said_on"], art, text, counts)
        check_stances(sw, s, text, counts)
    for i, e in enumerate(g.get("events", []), 1):
        check_event(f"{where} e{i}", i, e, text, actor_ids, counts)


EVENT_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def check_event(
    ew: str, i: int, e: dict, text: str, actor_ids: set[str], counts: dict[str, collections.Counter]
) -> None:
    """Check one gold event: PLOVER type, trigger span, actor ids, happened_on, flags."""
    fields = {"id", "type", "trigger", "source", "target", "happened_on", "negated", "hypothetical"}
    if not keys(ew, e, fields):
        return
    if e["id"] != f"e{i}":
        err(ew, f"id {e['id']!r}")
    if e["type"] not in EVENT_TYPES:
        err(ew, f"type {e['type']!r}")
    check_span(ew + " trigger", text, e["trigger"])
    for role in ("source", "target"):
        if e[role] is not None and e[role] not in actor_ids:
            err(ew, f"{role} {e[role]!r} is no actor of the article")
    when = e["happened_on"]
    if keys(ew + " happened_on", when, {"value", "granularity", "basis"}):
        if when["basis"] not in BASES or not re.fullmatch(
            GRANS.get(when["granularity"], "x"), when["value"] or ""
        ):
            err(ew, f"happened_on {when}")
    if not isinstance(e["negated"], bool) or not isinstance(e["hypothetical"], bool):
        err(ew, "negated and hypothetical must be true or false")
    counts["events by type"][e["type"]] += 1


def stance_fits(stance: str, expected: str) -> bool:
    """Whether a statement's stance is the one a shift names (support and conditional are one side)."""
    return stance == expected or (stance in ("support", "conditional") and expected != "oppose")


def check_shifts(shifts: list, index: dict[str, tuple[dict, dict]]) -> None:
    for k, sh in enumerate(shifts, 1):
        w = f"shifts.json #{k}"
        if not keys(w, sh, {"actor", "topic", "from", "to", "date", "before", "after"}):
            continue
        for side, expected in (("before", sh["from"]), ("after", sh["to"])):
            for ref in sh[side]:
                if ref not in index:
                    err(w, f"unknown statement {ref}")
                    continue
                g, s = index[ref]
                names = {a["id"]: a["name"] for a in g["actors"]}
                if names.get(s["source"]["actor"]) != sh["actor"]:
                    err(w, f"{ref} is not by {sh['actor']}")
                st = [x["stance"] for x in s["stances"] if x["topic"] == sh["topic"]]
                if not st or not stance_fits(st[0], expected):
                    err(w, f"{ref} has no {side} stance on {sh['topic']}")
                when = s["said_on"]["value"]
                if (
                    side == "before"
                    and when >= sh["date"]
                    or side == "after"
                    and when[: len(sh["date"])] < sh["date"][: len(when)]
                ):
                    err(w, f"{ref} said on {when} is on the wrong side of {sh['date']}")


def main() -> int:
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    index: dict[str, tuple[dict, dict]] = {}
    for gf in sorted((HERE / "gold").glob("*.json")):
        check_article(gf, counts, index)
    shifts = json.loads((HERE / "shifts.json").read_text(encoding="utf-8"))
    check_shifts(shifts, index)
    if errors:
        print("\n".join(errors[:60]), file=sys.stderr)
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    total = sum(counts["statements by kind"].values())
    print(
        f"OK: {sum(counts['articles'].values())} articles ({dict(counts['articles'])}), "
        f"{counts['words']['total']} words, {total} statements, {len(shifts)} shifts, "
        f"{sum(counts['events by type'].values())} events"
    )
    for name in (
        "statements by kind",
        "statements by resolved_by",
        "quote structure",
        "said_on basis",
        "actor kinds",
        "stances",
        "cue lemmas",
        "events by type",
    ):
        print(f"{name}: " + ", ".join(f"{k}={v}" for k, v in counts[name].most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

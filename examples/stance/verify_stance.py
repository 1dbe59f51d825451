"""Check the stance gold set (dev.jsonl, test.jsonl) and print its counts. Standard library only.

python examples/stance/verify_stance.py            # checks, then counts per split
python examples/stance/verify_stance.py --markdown # the count tables for README.md
"""

import collections
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).parent
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
KEYS = {"id", "text", "stances", "construction", "note"}


def check(split):
    errors, items = [], []
    for n, line in enumerate((HERE / f"{split}.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        it = json.loads(line)
        items.append(it)
        where = f"{split}:{n} {it.get('id')}"
        if set(it) - KEYS or not {"id", "text", "stances", "construction"} <= set(it):
            errors.append(f"{where}: bad keys {sorted(it)}")
        if not it["id"].startswith(split + "-"):
            errors.append(f"{where}: id prefix")
        text, seen = it["text"], set()
        for s in it["stances"]:
            if s["topic"] not in TOPICS:
                errors.append(f"{where}: topic {s['topic']}")
            if s["topic"] in seen:
                errors.append(f"{where}: topic twice {s['topic']}")
            seen.add(s["topic"])
            if s["stance"] not in STANCES:
                errors.append(f"{where}: stance {s['stance']}")
            if s["target"] not in text:
                errors.append(f"{where}: target not in text {s['target']!r}")
            for c in s["conditions"]:
                if c not in text:
                    errors.append(f"{where}: condition not in text {c!r}")
            if (s["stance"] == "conditional") != bool(s["conditions"]):
                errors.append(f"{where}: conditions must be non-empty exactly when stance is conditional")
            for span in [s["target"], *s["conditions"]]:
                i = text.find(span)
                j = i + len(span)
                if (i > 0 and text[i - 1].isalnum()) or (j < len(text) and text[j].isalnum()):
                    errors.append(f"{where}: first occurrence of {span!r} is inside a word")
    return items, errors


def counts(items):
    c = {k: collections.Counter() for k in ("topic", "stance", "construction")}
    c["empty"] = sum(1 for it in items if not it["stances"])
    c["pairs"] = sum(len(it["stances"]) for it in items)
    for it in items:
        c["construction"][it["construction"]] += 1
        for s in it["stances"]:
            c["topic"][s["topic"]] += 1
            c["stance"][s["stance"]] += 1
    return c


def main():
    splits = {s: check(s) for s in ("dev", "test")}
    errors = [e for _, errs in splits.values() for e in errs]
    ids = [it["id"] for items, _ in splits.values() for it in items]
    errors += [f"duplicate id {i}" for i, k in collections.Counter(ids).items() if k > 1]
    for e in errors:
        print("ERROR", e)
    cs = {s: counts(items) for s, (items, _) in splits.items()}
    cs["total"] = counts([it for items, _ in splits.values() for it in items])
    md = "--markdown" in sys.argv
    print(
        "items: "
        + ", ".join(f"{s} {sum(cs[s]['construction'].values())}" for s in cs)
        + "; stances []: "
        + ", ".join(f"{s} {cs[s]['empty']}" for s in cs)
        + "; (statement, topic) pairs: "
        + ", ".join(f"{s} {cs[s]['pairs']}" for s in cs)
    )
    for key in ("topic", "stance", "construction"):
        names = sorted(cs["total"][key])
        if md:
            print(f"\n| {key} | dev | test | total |\n|---|---:|---:|---:|")
            for n in names:
                print(f"| `{n}` | {cs['dev'][key][n]} | {cs['test'][key][n]} | {cs['total'][key][n]} |")
        else:
            print(f"\n{key:<26}{'dev':>5}{'test':>6}{'total':>7}")
            for n in names:
                print(f"{n:<26}{cs['dev'][key][n]:>5}{cs['test'][key][n]:>6}{cs['total'][key][n]:>7}")
    print("\nOK" if not errors else f"\n{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

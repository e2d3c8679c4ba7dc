"""Score extractions against gold annotations in the SPEC format (corpora/gold/SPEC.md).

The scoring rules are exactly those of the reference scorer (shared/eval/score.py, stdlib
only; ``tests/test_evaluate.py`` diff-tests the two on the corpora): units
match exactly after width/space folding; deadlines match on the date (dated ones) and an
overlapping phrase; amounts on their bounds; items on (part, path).  ``evaluate`` runs the
extractor over the gold's source files in-process and scores the result.
"""
from __future__ import annotations

import glob
import json
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

TRAILING = " \t\r\n,，、;；:：。."


def norm(s) -> str:
    """Fold width and white space; strip trailing punctuation."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s))
    s = "".join(ch for ch in s if not ch.isspace())
    return s.strip(TRAILING) or s


def unit_name(u) -> str:
    if isinstance(u, dict):
        u = u.get("name") or u.get("text") or ""
    return norm(u)


class PRF:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp, fp, fn):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def p(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self):
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self):
        return {"p": round(self.p, 3), "r": round(self.r, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def item_key(it) -> tuple:
    return (int(it.get("part", 0) or 0), tuple(int(x) for x in it.get("path", [])))


def num(x):
    if x is None:
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def same_num(a, b) -> bool:
    a, b = num(a), num(b)
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def match_greedy(gold: list, pred: list, same) -> tuple[int, int, int, list]:
    used = [False] * len(pred)
    tp, misses = 0, []
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and same(g, p):
                used[i] = True
                tp += 1
                break
        else:
            misses.append(g)
    return tp, used.count(False), len(gold) - tp, misses


def texts_overlap(a: str, b: str) -> bool:
    """The two phrases name the same place: one contains the other, or they share 3+ characters."""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= 3


def deadline_same(g, p) -> bool:
    if not isinstance(p, dict):
        return False
    dates = g.get("date") or []
    if isinstance(dates, str):
        dates = [dates]
    pdate, ptext = p.get("date"), norm(p.get("text"))
    if dates:
        # a dated deadline: the right day, found at the right phrase
        return pdate in dates and texts_overlap(norm(g.get("text")), ptext)
    # relative, recurring or open: no calendar date may be invented for it
    return not pdate and texts_overlap(norm(g.get("text")), ptext)


def amount_same(g, p) -> bool:
    if not isinstance(p, dict):
        return False
    return same_num(g.get("min"), p.get("min")) and same_num(g.get("max"), p.get("max"))


def bucket(items: list, field: str, doc_field: str, doc: dict) -> dict:
    out = defaultdict(list)
    for it in items:
        out[item_key(it)].extend(it.get(field) or [])
    out[(None, ())].extend(doc.get(doc_field) or [])
    return out


def date_value(v):
    if isinstance(v, dict):
        v = v.get("date") or v.get("value")
    return v


def score_items(tag, gold, pred, pitems, fields, misses, starts):
    gitems = gold.get("items", [])
    gkeys = {item_key(it): it for it in gitems}
    pkeys = {item_key(it): it for it in pitems}
    tp = len(gkeys.keys() & pkeys.keys())
    fields["items"].add(tp, len(pkeys.keys() - gkeys.keys()), len(gkeys.keys() - pkeys.keys()))
    misses["items"] += [f"{tag}: missing {k}" for k in sorted(gkeys.keys() - pkeys.keys(), key=str)]
    misses["items"] += [f"{tag}: extra {k}" for k in sorted(pkeys.keys() - gkeys.keys(), key=str)]
    for k, g in gkeys.items():
        if k in pkeys and g.get("starts_with"):
            starts[1] += 1
            text = norm(pkeys[k].get("text") or "")
            head = norm(pkeys[k].get("heading") or "")
            if text.startswith(norm(g["starts_with"])) or (head + text).startswith(norm(g["starts_with"])):
                starts[0] += 1
            else:
                misses["item_text"].append(f"{tag} {k}: gold starts {g['starts_with']!r}, pred {text[:20]!r}")

    # units: exact (after folding) per item and role
    for role in ("lead_units", "responsible_units", "cooperating_units"):
        gb = bucket(gitems, role, role, {})
        pb = bucket(pitems, role, role, {})
        for k in set(gb) | set(pb):
            g = [norm(x) for x in gb.get(k, [])]
            p = [unit_name(x) for x in pb.get(k, [])]
            tp, fp, fn, miss = match_greedy(g, p, lambda a, b: a == b)
            fields[role].add(tp, fp, fn)
            misses[role] += [f"{tag} {k}: {m}" for m in miss]
            if fp:
                extra = [x for x in p if x not in g]
                misses[role] += [f"{tag} {k}: extra {x}" for x in extra]
        # role-free view: the same unit anywhere in the item
    gb = bucket(gitems, "deadlines", "doc_deadlines", gold)
    pb = bucket(pitems, "deadlines", "deadlines", pred)
    for k in set(gb) | set(pb):
        tp, fp, fn, miss = match_greedy(gb.get(k, []), pb.get(k, []), deadline_same)
        fields["deadlines"].add(tp, fp, fn)
        misses["deadlines"] += [f"{tag} {k}: {m.get('text')} {m.get('date')}" for m in miss]
        if fp:
            misses["deadlines"] += [f"{tag} {k}: extra {p.get('text') if isinstance(p, dict) else p}"
                                    for p in pb.get(k, []) if not any(deadline_same(g, p) for g in gb.get(k, []))]
    gb = bucket(gitems, "amounts", "doc_amounts", gold)
    pb = bucket(pitems, "amounts", "amounts", pred)
    for k in set(gb) | set(pb):
        tp, fp, fn, miss = match_greedy(gb.get(k, []), pb.get(k, []), amount_same)
        fields["amounts"].add(tp, fp, fn)
        misses["amounts"] += [f"{tag} {k}: {m.get('text')} [{m.get('min')},{m.get('max')}]" for m in miss]
        if fp:
            misses["amounts"] += [f"{tag} {k}: extra {p.get('text') if isinstance(p, dict) else p}"
                                  for p in pb.get(k, []) if not any(amount_same(g, p) for g in gb.get(k, []))]


def score(gold_dir: Path, pred_dir: Path) -> tuple[dict, dict]:
    fields = defaultdict(PRF)
    misses = defaultdict(list)
    meta_ok = defaultdict(int)
    meta_n = defaultdict(int)
    body_in = [0, 0]
    body_out = [0, 0]
    starts = [0, 0]
    docs = 0
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        docs += 1
        ppath = pred_dir / gpath.name
        if not ppath.exists():  # `docextract extract -o DIR` names a record after its input: <stem>.<ext>.json
            named = sorted(pred_dir.glob(glob.escape(gpath.stem) + ".*.json"))
            ppath = named[0] if len(named) == 1 else ppath
        try:
            pred = json.loads(ppath.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pred = {}
            misses["missing_output"].append(gpath.name)
        tag = gpath.stem

        # metadata
        for key in ("title", "issuer", "doc_number"):
            if key in gold:
                meta_n[key] += 1
                accepted = gold[key] if isinstance(gold[key], list) else [gold[key]]
                # joint issuers may be joined by spaces or 、 in the text
                fold = (lambda v: norm(v).replace("、", "")) if key == "issuer" else norm
                if fold(pred.get(key)) in {fold(x) for x in accepted}:
                    meta_ok[key] += 1
                else:
                    misses[key].append(f"{tag}: gold={gold[key]!r} pred={pred.get(key)!r}")
        for key in ("date", "published"):
            if key in gold:
                meta_n[key] += 1
                ok = gold[key] or [None]
                got = date_value(pred.get(key))
                if got in ok:
                    meta_ok[key] += 1
                else:
                    misses[key].append(f"{tag}: gold={gold[key]} pred={got!r}")
        if "recipients" in gold:
            g = [norm(x) for x in gold["recipients"]]
            p = [unit_name(x) for x in pred.get("recipients") or []]
            tp, fp, fn, miss = match_greedy(g, p, lambda a, b: a == b)
            fields["recipients"].add(tp, fp, fn)
            misses["recipients"] += [f"{tag}: {m}" for m in miss]

        pitems = [it for it in pred.get("items") or [] if isinstance(it, dict)]
        scope = set(gold.get("scope") or ("metadata", "body", "values", "items"))
        # path-free view: every value in the document, wherever the extractor attached it
        for role in ("lead_units", "responsible_units", "cooperating_units"):
            g = [norm(x) for it in gold.get("items", []) for x in it.get(role) or []]
            p = [unit_name(x) for it in pitems for x in it.get(role) or []]
            tp, fp, fn, _ = match_greedy(g, p, lambda a, b: a == b)
            if "values" in scope:
                fields[role.replace("_units", "") + "_any"].add(tp, fp, fn)
        for name, doc_key, pred_key, same in (("deadlines", "doc_deadlines", "deadlines", deadline_same),
                                              ("amounts", "doc_amounts", "amounts", amount_same)):
            g = [x for it in gold.get("items", []) for x in it.get(name) or []] + list(gold.get(doc_key) or [])
            p = [x for it in pitems for x in it.get(name) or []] + list(pred.get(pred_key) or [])
            tp, fp, fn, miss = match_greedy(g, p, same)
            if "values" in scope:
                fields[name + "_any"].add(tp, fp, fn)
                if name == "deadlines":
                    # dated deadlines are crisp; undated ones (relative, recurring, open) are fuzzier
                    dated = [x for x in g if x.get("date")]
                    pdated = [x for x in p if isinstance(x, dict) and x.get("date")]
                    fields["deadlines_dated"].add(*match_greedy(dated, pdated, same)[:3])
                    undated = [x for x in g if not x.get("date")]
                    pundated = [x for x in p if not (isinstance(x, dict) and x.get("date"))]
                    fields["deadlines_undated"].add(*match_greedy(undated, pundated, same)[:3])
        if "items" in scope:
            # a partial gold lists document-level values only: no item structure to compare
            score_items(tag, gold, pred, pitems, fields, misses, starts)
        body = norm(pred.get("body") or "")
        for s in gold.get("body_includes", []):
            body_in[1] += 1
            if norm(s) in body:
                body_in[0] += 1
            else:
                misses["body_includes"].append(f"{tag}: {s}")
        for s in gold.get("body_excludes", []):
            body_out[1] += 1
            if norm(s) not in body:
                body_out[0] += 1
            else:
                misses["body_excludes"].append(f"{tag}: {s}")

    summary = {"documents": docs, "fields": {k: v.row() for k, v in sorted(fields.items())}}
    summary["metadata"] = {k: round(meta_ok[k] / meta_n[k], 3) for k in sorted(meta_n)}
    summary["item_text"] = round(starts[0] / starts[1], 3) if starts[1] else 1.0
    summary["body_includes"] = round(body_in[0] / body_in[1], 3) if body_in[1] else 1.0
    summary["body_excludes"] = round(body_out[0] / body_out[1], 3) if body_out[1] else 1.0
    return summary, misses


def value_of(summary, name):
    """A field's F1 or accuracy; None when there is nothing to score (0/0/0: n/a)."""
    if name in summary["fields"]:
        row = summary["fields"][name]
        return None if row["tp"] + row["fp"] + row["fn"] == 0 else row["f1"]
    if name in summary["metadata"]:
        return summary["metadata"][name]
    return summary.get(name)


def format_summary(summary: dict) -> str:
    out = [f"documents: {summary['documents']}", f"{'field':20} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    for k, r in summary["fields"].items():
        if r["tp"] + r["fp"] + r["fn"] == 0:  # nothing in gold or output: no evidence either way
            out.append(f"{k:20} {'n/a':>6} {'n/a':>6} {'n/a':>6}   0/0/0")
            continue
        out.append(f"{k:20} {r['p']:6.3f} {r['r']:6.3f} {r['f1']:6.3f}   {r['tp']}/{r['fp']}/{r['fn']}")
    for k, v in summary["metadata"].items():
        out.append(f"{k:20} accuracy {v:.3f}")
    for k in ("item_text", "body_includes", "body_excludes"):
        out.append(f"{k:20} accuracy {summary[k]:.3f}")
    return "\n".join(out)


def format_misses(misses: dict) -> str:
    return "\n".join(f"  {k}: {r}" for k, rows in misses.items() for r in rows)


def source_for(gold: dict, gold_path: Path, docs_dir: Path) -> Path | None:
    """The source file a gold file annotates: its ``file`` name in docs_dir, else any file
    with the gold's stem."""
    name = gold.get("file")
    if name and (docs_dir / name).exists():
        return docs_dir / name
    matches = sorted(p for p in docs_dir.glob(gold_path.stem + ".*") if p.suffix != ".json")
    return matches[0] if matches else None


def extract_for_gold(gold_dir: Path, docs_dir: Path, pred_dir: Path, settings=None) -> list[str]:
    """Extract every gold file's source into pred_dir as <stem>.json; return the failures."""
    from .errors import DocextractError
    from .pipeline import extract_file

    failures = []
    pred_dir.mkdir(parents=True, exist_ok=True)
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        source = source_for(gold, gpath, docs_dir)
        if source is None:
            failures.append(f"{gpath.name}: no source file in {docs_dir}")
            continue
        try:
            notice = extract_file(source, settings)
        except DocextractError as exc:
            failures.append(f"{source}: {exc}")
            continue
        (pred_dir / gpath.name).write_text(notice.model_dump_json(indent=1), encoding="utf-8")
    return failures

"""Direct quotations and their speakers: crosswire vs textacy on PolNeAR, in the same run.

Data: PolNeAR (Newell, Margolin & Ruths, LREC 2018; github.com/networkdynamics/PolNeAR),
political news from seven US publishers with attribution source, cue and content spans
annotated by its authors' annotators. ``eval/data/polnear/polnear_quotes.jsonl`` holds its dev
split (84 articles, held out: never tuned on) and every fifth article of its train split (168,
tuned on); its test split is never read. See ``eval/data/polnear/README.md``.

Gold quotes: a span between quotation marks (paired within a paragraph: “…”, "…", ''…'', « »,
„ “; an unclosed one runs to the paragraph end) that lies inside an annotated attribution's
content and is speech there, not a quoted title: two words or more, and at least half of the
content piece or six words. A shorter quoted phrase of two words or more inside reported
content ("called it a “respectful arrangement” that…") may be a partial quote or a quoted title
and the annotation does not say which: a prediction on it is neither counted nor penalised.
Every other quoted span of the article is not a quote (predicting it is a false positive).

Metric: micro P/R/F1 over quotes, a prediction matching a gold quote when their character spans
overlap (one to one, greedy). Speaker accuracy over matched gold quotes whose source names
somebody: the annotated source span's name ("Trump campaign manager Kellyanne Conway" →
Kellyanne Conway; titles such as "Mr." dropped), or for a pronoun or description source ("he",
"the spokesman") the representative proper-noun mention of its CoreNLP coreference chain
(PolNeAR ships CoreNLP's output), unless CoreNLP's own NER types that mention as a place, a
date, a number or MISC (a chain for "he" that ends on "Thursday", "United States" or
"Republican" is a resolution error, not a speaker); unresolvable sources are not scored
(counted in ``unscored``). A capitalised run before a title ("California Rep. Duncan Hunter's
chief of staff, Joe Kasper") modifies it, like one before a common noun. A predicted speaker is right when its name words contain the gold name's words or
the reverse (case-insensitive). textacy's speaker is a list of tokens and is never resolved, so
it is also right when one of its tokens lies inside the annotated source span (the baseline gets
that benefit; crosswire gives names, not spans). Because textacy finds about half the quotes
(the plainly attributed ones), speaker accuracy is also printed on the quotes both found.

OURS runs ``crosswire.extract.quotes.extract_quotes`` exactly as the pipeline does (entities from
``extract_entities`` on the same spaCy doc, ``crosswire.nlp.load_nlp()``); BASELINE is
``textacy.extract.triples.direct_quotations`` on the same doc. Exit status 1 when ours falls
under a floor in ``eval/quotes_floor.json``.

    PYTHONPATH=src .venv/bin/python eval/quotes.py [--no-baseline] [--show-errors N] [--split dev]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from crosswire.extract.entities import Sentences, extract_entities  # noqa: E402
from crosswire.extract.quotes import extract_quotes  # noqa: E402
from crosswire.nlp import load_nlp  # noqa: E402

sys.path.insert(0, str(HERE))
from common import check_floors, flat, load_floor, print_table, prf  # noqa: E402

DATA = HERE / "data" / "polnear" / "polnear_quotes.jsonl"
SPLITS = {"train": "train (tuned on)", "dev": "dev (held out)"}

_OPEN_CLOSE = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c\u201d", '"': '"', "''": "''",
               "``": "''"}
_MARK = re.compile("''|``|[\u201c\u201d\"\u00ab\u00bb\u201e]")
_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "prof", "rev",
           "president", "senator", "governor", "sens", "reps", "reporter", "spokesman", "spokeswoman",
           "secretary", "representative", "speaker", "captain", "judge", "justice", "chairman",
           "mayor", "general", "attorney", "professor", "former", "vice", "mr.", "mrs.", "ms.", "dr.", "sen.",
           "rep.", "gov.", "gen.", "prof.", "rev.", "the"}
_TITLE_ABBR = r"Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|Rev|Capt|Adm|Sens|Reps"
_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "him", "her", "them", "which",
             "that", "this", "his", "their"}


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(inner start, inner end) of each span between quotation marks, paired per paragraph."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        open_at, closers = None, ""
        for m in _MARK.finditer(para):
            mark = m.group(0)
            if open_at is None:
                if mark in _OPEN_CLOSE and mark not in "\u201d\u00bb":
                    open_at, closers = m.end(), _OPEN_CLOSE[mark]
            elif mark in closers:
                spans.append((pos + open_at, pos + m.start()))
                open_at = None
        if open_at is not None and para[open_at:].strip():
            spans.append((pos + open_at, pos + len(para)))
        pos += len(para) + 1
    return spans


def _words(s: str) -> int:
    return len(re.findall(r"\w+", s))


def gold_quotes(row: dict) -> list[dict]:
    """The article's gold quotes: {start, end, source (span or None), name (or None)}."""
    text = row["text"]
    out = []
    for s, e in quoted_spans(text):
        for att in row["attributions"]:
            piece = next(((a, b) for a, b in att["content"] if a <= s and e <= b + 1), None)
            if piece is None:
                continue
            w = _words(text[s:e])
            src = att.get("source")
            item = {"start": s, "end": e, "source": [src[0][0], src[-1][1]] if src else None,
                    "name": gold_name(att.get("source_text"), att.get("source_coref"),
                                      att.get("source_coref_ner"))}
            if w >= 2 and (w >= 6 or 2 * w >= _words(text[piece[0]:piece[1]])):
                out.append(item)
            elif w >= 2:
                # A short quoted phrase inside reported content: a partial quote or a quoted
                # title, which the annotation does not tell apart; neither counted nor penalised.
                out.append({**item, "ignore": True})
            break
    return out


def _name_words(phrase: str | None) -> list[str]:
    return [w for w in re.findall(r"[\w\-]+", (phrase or "").replace("\u2019", "'"))]


def head_name(phrase: str | None) -> str | None:
    """The name a source phrase gives. The phrase's first part (up to a comma or "of", "at",
    "from", "who") holds the head; its head name is that part's last run of capitalised words
    not followed by 's ("Trump attorney Alan Garten" → "Alan Garten", "Matt Borges, chairman of
    the Ohio Republican Party" → "Matt Borges"), titles dropped. A part naming only a possessor
    ("Ryan's spokeswoman, AshLee Strong") passes to the next; the possessor is the last resort."""
    if not phrase:
        return None
    poss_all = []
    for part in re.split(r",|\(|\b(?:of|at|from|who|for|with|in)\b", phrase):
        toks = re.findall(r"[\w\-\.]+(?:['\u2019]s)?|[^\w\s]", part)
        runs, cur = [], []
        for t in toks + [";"]:
            bare = re.sub(r"['\u2019]s$", "", t).rstrip(".")
            if bare and bare[0].isupper() and bare.lower() not in _TITLES | _PRONOUNS:
                cur.append(bare)
                if t != bare and re.search(r"['\u2019]s$", t):
                    poss_all.append(cur)
                    cur = []
                continue
            if cur:
                runs.append(cur)
            cur = []
        # A run followed by a common noun modifies it ("the Indiana governor", "Trump campaign
        # spokeswoman ..."); a party tag ("R-Fla.") names nobody.
        # So does a run followed by a title ("California Rep. Duncan Hunter's chief of staff").
        heads = [r for r in runs if not re.fullmatch(r"[RDI]-[A-Za-z]+", r[0])
                 and not re.search(re.escape(r[-1]) + r"\s+[a-z]", part)
                 and not re.search(re.escape(r[-1]) + r"\s+(?:" + _TITLE_ABBR + r")\b", part)]
        if heads:
            return " ".join(heads[-1])
    return " ".join(poss_all[0]) if poss_all else None


# CoreNLP's NER of a coreference chain's representative that cannot be who spoke: a chain for
# "he" ending on "Thursday", "United States" or "Republican" is a resolution error.
_NOT_SPEAKERS = {"LOCATION", "DATE", "TIME", "DURATION", "NUMBER", "ORDINAL", "MONEY", "PERCENT",
                 "MISC", "SET"}


def gold_name(source_text: str | None, coref: str | None, coref_ner: str | None = None) -> str | None:
    """The source's own head name, else its coreference chain's when that chain ends on a
    person, an organisation or a name CoreNLP left untyped."""
    if coref_ner in _NOT_SPEAKERS:
        coref = None
    return head_name(source_text) or head_name(coref)


def _norm(name: str | None) -> set[str]:
    return {w.lower() for w in _name_words(name) if w.lower() not in _TITLES | {"s"}}


def same_person(pred: str | None, gold: str | None) -> bool:
    p, g = _norm(pred), _norm(gold)
    return bool(p and g) and (p <= g or g <= p)


def score(golds: list[list[dict]], preds: list[list[dict]]) -> dict:
    """Quote P/R/F1 and speaker accuracy; preds are {start, end, speaker, speaker_span}."""
    tp = n_pred = n_gold = right = scored = unscored = 0
    errors = []
    judged: dict[tuple[int, int], bool] = {}  # (article, gold start) -> speaker right
    for ai, (gold, pred) in enumerate(zip(golds, preds)):
        ignored = [g for g in gold if g.get("ignore")]
        gold = [g for g in gold if not g.get("ignore")]
        pred = [p for p in pred if not any(p["start"] < g["end"] and g["start"] < p["end"]
                                           for g in ignored)
                or any(p["start"] < g["end"] and g["start"] < p["end"] for g in gold)]
        n_pred += len(pred)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            hit = next((i for i, p in enumerate(pred) if i not in used
                        and p["start"] < g["end"] and g["start"] < p["end"]), None)
            if hit is None:
                continue
            used.add(hit)
            tp += 1
            if g["name"] is None:
                unscored += 1
                continue
            scored += 1
            p = pred[hit]
            ok = same_person(p["speaker"], g["name"])
            span = p.get("speaker_span")
            if not ok and span and g["source"]:
                ok = any(g["source"][0] <= a < g["source"][1] for a, _ in span)
            right += ok
            judged[(ai, g["start"])] = bool(ok)
            if not ok:
                errors.append((ai, g, p))
    prec, rec, f1 = prf(tp, n_pred, tp, n_gold)
    return {"precision": prec, "recall": rec, "f1": f1,
            "speaker_acc": right / scored if scored else 0.0,
            "n_gold": n_gold, "n_pred": n_pred, "scored": scored, "unscored": unscored,
            "_errors": errors, "_judged": judged}


def ours(text: str, doc) -> list[dict]:
    sents = Sentences(text, doc)
    mentions = extract_entities(doc if doc is not None else text, text=text, sentences=sents)
    return [{"start": q.start, "end": q.end, "speaker": q.speaker, "speaker_span": None}
            for q in extract_quotes(text, doc, mentions, sentences=sents)]


def textacy_quotes(doc) -> list[dict]:
    from textacy.extract.triples import direct_quotations

    out = []
    try:
        triples = list(direct_quotations(doc))
    except (ValueError, IndexError, AttributeError):  # textacy raises on some unbalanced marks
        triples = []
    for t in triples:
        c = t.content
        out.append({"start": c.start_char, "end": c.end_char,
                    "speaker": " ".join(tok.text for tok in t.speaker),
                    "speaker_span": [(tok.idx, tok.idx + len(tok)) for tok in t.speaker]})
    return out


def run(rows: list[dict], nlp, baseline: bool = True) -> dict[str, dict]:
    results: dict[str, dict] = {}
    by_split: dict[str, list[dict]] = {}
    for r in rows:
        by_split.setdefault(r["split"], []).append(r)
    for split, part in by_split.items():
        golds = [gold_quotes(r) for r in part]
        docs = list(nlp.pipe([r["text"] for r in part], batch_size=16)) if nlp else [None] * len(part)
        results[f"crosswire.{split}"] = score(golds, [ours(r["text"], d) for r, d in zip(part, docs)])
        if baseline and nlp is not None:
            results[f"textacy.{split}"] = score(golds, [textacy_quotes(d) for d in docs])
        results[f"crosswire.{split}"]["_rows"] = part
        if f"textacy.{split}" in results:
            # Speaker accuracy on the quotes both systems found (textacy finds the easier half).
            ours_j, theirs_j = results[f"crosswire.{split}"]["_judged"], results[f"textacy.{split}"]["_judged"]
            both = ours_j.keys() & theirs_j.keys()
            for key, judged in ((f"crosswire.{split}", ours_j), (f"textacy.{split}", theirs_j)):
                results[key]["speaker_on_both"] = (sum(judged[k] for k in both) / len(both)
                                                   if both else 0.0)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N")
    ap.add_argument("--split", choices=sorted(SPLITS), help="only this split")
    args = ap.parse_args()
    nlp = load_nlp()
    rows = [r for r in load() if not args.split or r["split"] == args.split]
    results = run(rows, nlp, baseline=not args.no_baseline)
    table = []
    for key, m in sorted(results.items(), key=lambda kv: (kv[0].split(".")[1], kv[0])):
        system, split = key.split(".")
        table.append([SPLITS[split], system, m["precision"], m["recall"], m["f1"], m["speaker_acc"],
                      m.get("speaker_on_both", "-"), m["n_gold"], m["n_pred"], m["scored"],
                      m["unscored"]])
    print_table("PolNeAR direct quotations (quote P/R/F1 by span overlap; speaker accuracy on "
                "matched quotes with a named source)",
                ["split", "system", "P", "R", "F1", "speaker", "speaker(both found)", "gold", "pred",
                 "scored", "unscored"],
                table)
    if args.show_errors:
        for key, m in results.items():
            if not key.startswith("crosswire"):
                continue
            print(f"\n{key}: speaker errors (first {args.show_errors})")
            for ai, g, p in m["_errors"][:args.show_errors]:
                text = m["_rows"][ai]["text"]
                ctx = text[max(0, g["start"] - 120):g["end"] + 80].replace("\n", " | ")
                print(f"- gold {g['name']!r} got {p['speaker']!r}: …{ctx}…")
    measured = flat({k: {m: v for m, v in r.items() if m in ("precision", "recall", "f1", "speaker_acc")}
                     for k, r in results.items()})
    floors = {k: v for k, v in load_floor("quotes").items()
              if not args.split and not args.no_baseline or f".{args.split}." in k or not args.split}
    failures = check_floors(measured, floors)
    for f in failures:
        print("BELOW FLOOR:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

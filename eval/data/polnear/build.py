"""Rebuild ``polnear_quotes.jsonl`` from a checkout of github.com/networkdynamics/PolNeAR.

    python eval/data/polnear/build.py /path/to/PolNeAR [--train-every 5]

Reads only the ``train`` and ``dev`` compartments (never ``test``). For each article it keeps
the raw text and the attributions whose content holds a quotation mark (the only ones a quote
evaluation needs): source, cue and content character spans as annotated, plus, for the source,
the representative mention of its CoreNLP coreference chain (PolNeAR ships CoreNLP's ``dcoref``
output beside each text) so that a pronoun source ("he said") has a name to be judged against.
An article annotated by several annotators keeps the first annotator's file (sorted by id).
Train is sampled: every ``--train-every``-th article in file-name order.
"""

from __future__ import annotations

import argparse
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

QUOTE_MARKS = re.compile("[\u201c\u201d\"\u00ab\u00bb\u201e]|''|``")


def read_ann(path: Path) -> list[dict]:
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, where = parts[1].partition(" ")
            pieces = [tuple(int(x) for x in p.split()) for p in where.split(";")]
            spans[parts[0]] = (label, pieces)
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
            events.append(roles)
    out = []
    for roles in events:
        rec = {}
        for role in ("Source", "Cue", "Content"):
            if role in roles and roles[role] in spans:
                rec[role.lower()] = [list(p) for p in spans[roles[role]][1]]
        if "content" in rec:
            out.append(rec)
    return out


def corenlp_chains(path: Path) -> list[list[dict]]:
    """Coreference chains as lists of {start, end, text, rep, proper} (char offsets)."""
    root = ET.parse(path).getroot()
    doc = root.find("document")
    tokens = {}
    for sent in doc.find("sentences"):
        sid = int(sent.get("id"))
        for tok in sent.find("tokens"):
            tokens[(sid, int(tok.get("id")))] = (int(tok.findtext("CharacterOffsetBegin")),
                                                 int(tok.findtext("CharacterOffsetEnd")),
                                                 tok.findtext("POS"), tok.findtext("NER") or "O")
    chains = []
    coref = doc.find("coreference")
    for chain in (coref if coref is not None else []):
        ms = []
        for m in chain.findall("mention"):
            s, a, b = (int(m.findtext(k)) for k in ("sentence", "start", "end"))
            toks = [tokens[(s, i)] for i in range(a, b) if (s, i) in tokens]
            if not toks:
                continue
            proper = [t for t in toks if t[2].startswith("NNP")]
            ms.append({"start": toks[0][0], "end": toks[-1][1], "text": m.findtext("text"),
                       "rep": m.get("representative") == "true", "proper": bool(proper),
                       # CoreNLP's own NER of the mention's proper nouns (PERSON, LOCATION…)
                       "ner": max({t[3] for t in proper}, key=[t[3] for t in proper].count)
                       if proper else "O"})
        chains.append(ms)
    return chains


def resolve(source: list[list[int]], chains: list[list[dict]]) -> tuple[str | None, str | None]:
    """The representative proper-noun mention of the chain holding the source, if any, and
    CoreNLP's NER type of it (so the eval can tell a chain ending on "Thursday" or "United
    States" for a source "he" from one ending on a person)."""
    lo, hi = source[0][0], source[-1][1]
    for chain in chains:
        if any(lo <= m["start"] and m["end"] <= hi for m in chain):
            named = [m for m in chain if m["rep"] and m["proper"]] or \
                    [m for m in chain if m["proper"]]
            if named:
                return named[0]["text"], named[0]["ner"]
    return None, None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("polnear", type=Path)
    ap.add_argument("--train-every", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("polnear_quotes.jsonl"))
    args = ap.parse_args()
    rows = []
    for split in ("train", "dev"):
        base = args.polnear / "data" / split
        texts = sorted((base / "text").glob("*.txt"))
        if split == "train":
            texts = texts[::args.train_every]
        for tp in texts:
            name = tp.stem
            anns = sorted((base / "attributions").glob(f"{name}_*.ann"))
            if not anns:
                continue
            text = tp.read_text(encoding="utf-8")
            xml = base / "corenlp" / f"{name}.txt.xml"
            chains = corenlp_chains(xml) if xml.exists() else []  # a few are absent from the mirror
            attrs = []
            for rec in read_ann(anns[0]):
                if not any(QUOTE_MARKS.search(text[a:b]) for a, b in rec["content"]):
                    continue
                if "source" in rec:
                    rec["source_text"] = " ".join(text[a:b] for a, b in rec["source"])
                    rec["source_coref"], ner = resolve(rec["source"], chains)
                    if ner is not None:
                        rec["source_coref_ner"] = ner
                attrs.append(rec)
            rows.append({"id": name, "split": split, "annotator": anns[0].stem.rsplit("_", 1)[1],
                         "text": text, "attributions": attrs})
    with args.out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles -> {args.out}")


if __name__ == "__main__":
    main()

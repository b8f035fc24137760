"""Check the hand-written gold of ``eval/data/realstories/*.json`` against the ECB+ texts.

Every entry must stand on the text it quotes, or the scores built on it mean nothing:

- the file names its story (``story`` = file stem = an ECB+ subtopic), its ``split`` is the
  subtopic's ``split_cybulska_vossen_2015`` and ``articles`` lists every document of the
  subtopic in ``docs.jsonl`` order;
- every article id an entry names is one of the story's articles;
- every snippet is a verbatim substring of its article's text (runs of whitespace collapsed),
  5-40 words long and inside ONE sentence (ECB+ gives one sentence per line);
- every position value appears in each of its snippets: the numbers of the value as digits or
  number words ("three" for 3), or for a value without numbers one of its content words;
- a discrepancy has 2+ positions with distinct values and no article in two positions;
- a core fact has 3+ articles; a copy pair names two different articles and its passage
  (15+ words) occurs in both.

Run it alone (``python eval/realstories_verify.py [FILE...]``, exit 1 with every failure
named by file and entry) or through :func:`verify_all`, which ``eval/realstories.py`` calls
before scoring.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "data" / "realstories"
DOCS = HERE / "data" / "ecbplus" / "docs.jsonl"

KINDS = ("numeric", "status", "temporal")
SPLITS = ("train", "dev")
SNIPPET_WORDS = (5, 40)
PASSAGE_MIN_WORDS = 15

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "thousand": 1000, "million": 1e6, "billion": 1e9, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "half": 0.5, "once": 1, "twice": 2,
}
# Words that never carry a non-numeric value on their own.
STOPWORDS = {"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "by", "for", "with",
             "was", "were", "is", "are", "be", "been", "as", "from", "his", "her", "its", "their"}
DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
WORD = re.compile(r"[a-z]+")
SPLIT_THOUSANDS = re.compile(r"\b\d{1,3}(?:, \d{3})+(?!\d)")
ALTERNATIVES = re.compile(r"[()/]| or ")


class GoldError(Exception):
    """The gold does not stand on the text: every failure, one line each."""

    def __init__(self, failures: list[str]):
        super().__init__("\n".join(failures))
        self.failures = failures


def collapse(text: str) -> str:
    """Runs of whitespace as one space: the form snippets are compared in."""
    return " ".join(str(text).split())


def load_docs(path: Path = DOCS) -> dict[str, dict]:
    """ECB+ documents by id, in file order (dicts keep it)."""
    with open(path, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return {d["doc_id"]: d for d in docs}


def numbers_in(text: str) -> set[float]:
    """Every number a text states, as digits or as a number word. ECB+'s detokeniser left some
    thousands split ("2, 000ft"): both readings count, the joined one and its parts."""
    found = {float(m.group().replace(",", "")) for m in DIGITS.finditer(text)}
    found |= {float(m.group().replace(",", "").replace(" ", ""))
              for m in SPLIT_THOUSANDS.finditer(text)}
    found |= {float(NUMBER_WORDS[w]) for w in WORD.findall(text.lower()) if w in NUMBER_WORDS}
    return found


def value_alternatives(value: str) -> list[set[float]]:
    """The numbers of each way a value is written: "2,000 ft (about 600 m)" or "30 miles / 48 km"
    states one amount in two units, and a snippet need only hold one of them."""
    parts = [p for p in ALTERNATIVES.split(value) if p.strip()]
    return [nums for nums in (numbers_in(p) for p in parts) if nums]


def value_in_snippet(value: str, snippet: str) -> bool:
    """A value appears in a snippet: all the numbers of one of its alternative spellings do,
    or (no numbers) one content word does, compared on its first five letters so that
    'arrested' finds 'arrest'."""
    alternatives = value_alternatives(value)
    if alternatives:
        have = numbers_in(snippet)
        return any(nums <= have for nums in alternatives)
    words = [w for w in WORD.findall(value.lower()) if w not in STOPWORDS]
    have = WORD.findall(snippet.lower())
    return any(h.startswith(w[:5]) for w in words for h in have)


class StoryChecker:
    """Collects every failure of one gold story (a dict) against the ECB+ documents."""

    def __init__(self, name: str, gold: object, docs: dict[str, dict]):
        self.name, self.gold, self.docs = name, gold, docs
        self.failures: list[str] = []
        self.sentences: dict[str, list[str]] = {}
        self.texts: dict[str, str] = {}

    def fail(self, where: str, message: str) -> None:
        self.failures.append(f"{self.name}: {where}: {message}")

    def run(self) -> list[str]:
        if not isinstance(self.gold, dict):
            self.fail("file", "not a JSON object")
            return self.failures
        if not self.check_header():
            return self.failures
        for i, d in enumerate(self.list_of("discrepancies")):
            self.check_discrepancy(f"discrepancies[{i}] ({self.about(d)})", d)
        for i, t in enumerate(self.list_of("traps")):
            self.check_trap(f"traps[{i}] ({self.about(t)})", t)
        facts = self.list_of("core_facts")
        if len(facts) < 3:
            self.fail("core_facts", f"{len(facts)} core facts, at least 3 wanted")
        for i, f in enumerate(facts):
            self.check_fact(f"core_facts[{i}] ({self.about(f, 'fact')})", f)
        for i, c in enumerate(self.list_of("copies")):
            self.check_copy(f"copies[{i}]", c)
        return self.failures

    @staticmethod
    def about(entry: object, key: str = "about") -> str:
        return str(entry.get(key, "?"))[:60] if isinstance(entry, dict) else "?"

    def list_of(self, key: str) -> list:
        value = self.gold.get(key, [])
        if not isinstance(value, list):
            self.fail(key, "not a list")
            return []
        return value

    def check_header(self) -> bool:
        g = self.gold
        story = g.get("story")
        if story != self.name:
            self.fail("story", f"{story!r} differs from the file name {self.name!r}")
        members = [d for d in self.docs.values() if d["subtopic"] == story]
        if not members:
            self.fail("story", f"{story!r} is no ECB+ subtopic of docs.jsonl")
            return False
        split = members[0]["split_cybulska_vossen_2015"]
        if g.get("split") != split or split not in SPLITS:
            self.fail("split", f"{g.get('split')!r}, the subtopic's split is {split!r}")
        if not isinstance(g.get("title"), str) or not g["title"].strip():
            self.fail("title", "missing")
        expected = [d["doc_id"] for d in members]
        if g.get("articles") != expected:
            self.fail("articles", f"must list the subtopic's documents in docs.jsonl order: {expected}")
        for doc_id in expected:
            self.texts[doc_id] = collapse(self.docs[doc_id]["text"])
            self.sentences[doc_id] = [collapse(s) for s in self.docs[doc_id]["sentences"]]
        return True

    def check_snippet(self, where: str, article: object, snippet: object) -> bool:
        if article not in self.texts:
            self.fail(where, f"article {article!r} is not one of the story's articles")
            return False
        if not isinstance(snippet, str):
            self.fail(where, f"{article}: snippet is not a string")
            return False
        s = collapse(snippet)
        n = len(s.split())
        if not SNIPPET_WORDS[0] <= n <= SNIPPET_WORDS[1]:
            self.fail(where, f"{article}: snippet has {n} words (5-40): {s!r}")
        if s not in self.texts[article]:
            self.fail(where, f"{article}: snippet is not verbatim in the article: {s!r}")
            return False
        if not any(s in sent for sent in self.sentences[article]):
            self.fail(where, f"{article}: snippet spans more than one sentence: {s!r}")
        return True

    def check_articles_map(self, where: str, mapping: object, at_least: int) -> dict:
        if not isinstance(mapping, dict):
            self.fail(where, "articles is not an object {article: snippet}")
            return {}
        if len(mapping) < at_least:
            self.fail(where, f"{len(mapping)} articles, at least {at_least} wanted")
        for article, snippet in mapping.items():
            self.check_snippet(where, article, snippet)
        return mapping

    def check_discrepancy(self, where: str, d: object) -> None:
        if not isinstance(d, dict):
            self.fail(where, "not an object")
            return
        if d.get("kind") not in KINDS:
            self.fail(where, f"kind {d.get('kind')!r} not in {KINDS}")
        for key in ("about", "measure", "note"):
            if not isinstance(d.get(key), str) or not d[key].strip():
                self.fail(where, f"{key} missing")
        positions = d.get("positions")
        if not isinstance(positions, list) or len(positions) < 2:
            self.fail(where, "needs 2+ positions")
            return
        seen_values, seen_articles = set(), {}
        for j, p in enumerate(positions):
            here = f"{where} position {j}"
            if not isinstance(p, dict) or not isinstance(p.get("value"), str) or not p["value"].strip():
                self.fail(here, "needs a value (string) and articles")
                continue
            value = p["value"]
            if value in seen_values:
                self.fail(here, f"value {value!r} given twice")
            seen_values.add(value)
            for article, snippet in self.check_articles_map(here, p.get("articles"), 1).items():
                if article in seen_articles:
                    self.fail(here, f"{article} also holds position {seen_articles[article]}")
                seen_articles[article] = j
                if isinstance(snippet, str) and not value_in_snippet(value, snippet):
                    self.fail(here, f"{article}: value {value!r} does not appear in {snippet!r}")

    def check_trap(self, where: str, t: object) -> None:
        if not isinstance(t, dict):
            self.fail(where, "not an object")
            return
        for key in ("about", "why"):
            if not isinstance(t.get(key), str) or not t[key].strip():
                self.fail(where, f"{key} missing")
        self.check_articles_map(where, t.get("articles"), 1)

    def check_fact(self, where: str, f: object) -> None:
        if not isinstance(f, dict) or not isinstance(f.get("fact"), str):
            self.fail(where, "needs fact (string) and articles")
            return
        self.check_articles_map(where, f.get("articles"), 3)

    def check_copy(self, where: str, c: object) -> None:
        if not isinstance(c, dict):
            self.fail(where, "not an object")
            return
        a, b, passage = c.get("a"), c.get("b"), c.get("passage")
        if a == b:
            self.fail(where, f"a and b are the same article {a!r}")
        if not isinstance(passage, str) or len(passage.split()) < PASSAGE_MIN_WORDS:
            self.fail(where, f"passage must hold {PASSAGE_MIN_WORDS}+ words")
            return
        for article in (a, b):
            if article not in self.texts:
                self.fail(where, f"article {article!r} is not one of the story's articles")
            elif collapse(passage) not in self.texts[article]:
                self.fail(where, f"passage is not verbatim in {article}")


def gold_files(directory: Path = GOLD_DIR) -> list[Path]:
    return sorted(directory.glob("*.json"))


def read_gold(path: Path) -> object:
    """A gold file's JSON, or a GoldError naming the file (never a traceback)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError([f"{path.stem}: file: unreadable JSON ({exc})"]) from None


def verify(path: Path, docs: dict[str, dict] | None = None) -> dict:
    """The gold story in ``path``, or GoldError with every failure."""
    gold = read_gold(path)
    failures = StoryChecker(path.stem, gold, docs if docs is not None else load_docs()).run()
    if failures:
        raise GoldError(failures)
    return gold


def verify_all(paths: list[Path] | None = None, docs: dict[str, dict] | None = None) -> list[dict]:
    """Every gold story (all files of the gold folder by default), checked; GoldError lists the
    failures of all files at once, so one run shows everything to fix."""
    docs = docs if docs is not None else load_docs()
    stories, failures = [], []
    for path in paths if paths is not None else gold_files():
        try:
            stories.append(verify(path, docs))
        except GoldError as exc:
            failures.extend(exc.failures)
    if failures:
        raise GoldError(failures)
    return stories


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] or gold_files()
    if not paths:
        print(f"no gold files in {GOLD_DIR}", file=sys.stderr)
        return 1
    try:
        stories = verify_all(paths)
    except GoldError as exc:
        print(f"GOLD FAILS ({len(exc.failures)}):", file=sys.stderr)
        for line in exc.failures:
            print("  " + line, file=sys.stderr)
        return 1
    for g in stories:
        print(f"ok {g['story']} ({g['split']}): {len(g.get('discrepancies', []))} discrepancies, "
              f"{len(g.get('traps', []))} traps, {len(g.get('core_facts', []))} core facts, "
              f"{len(g.get('copies', []))} copies")
    return 0


if __name__ == "__main__":
    sys.exit(main())

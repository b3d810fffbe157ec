"""Figures on every evaluation event: what answers show, and what the extractor finds.

    python -m bench.figures [--corpus all|seeds,beirut,flood] [--verbose] [--repeat N]

Per corpus (each indexed on its own in a temporary folder):
- Answers, scored as the Beirut corpus's README defines: an expected value is found when one of
  its spellings appears in a shown value (its label or a source's words); a shown value holding
  a forbidden spelling is an error; every shown quote must be the article's exact text and hold
  the value's words; no figure may come from a noise article. Reported for the questions used
  while choosing settings and for the held-back ones apart (bench/evalset.is_tuning_question),
  and the corpora bench/evalset.CORPORA marks held back are never tuned on at all. The tuned questions are
  also asked again in other words (eval/reworded/tuned_questions.json: three rewordings each,
  scored against the same values): how much an answer depends on the question's wording.
  Development events may also have extra questions (eval/extra/<event>.json, asking about
  figures their QUESTIONS.json does not), written later to tune on: reported apart as "extra".
- Extraction against EXPECTED.json: recall and precision per kind (count, money, percent,
  range, measurement, category, duration, date/time), other-event labelling, figures found
  in text the corpus lists as not figures, and sources: of the found figures whose expected
  source is named in the text (not the outlet itself), how many the extractor credits to it, to
  no one, or to someone else (a source counts as right when the two names share a word).
- Time: extraction per article, and what figures add to an answer (median over --repeat runs).
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.evalset import Corpus, corpora, has_value, is_tuning_question, load_questions
from bot.answer import Answer, Engine, FigureValue
from config import settings as configured_settings
from index.build import build_index
from index.embeddings import SentenceEncoder
from index.figures import extract_figures
from index.models import Article, Figure
from index.store import load_index

REWORDED = Path(__file__).resolve().parents[1] / "eval" / "reworded" / "tuned_questions.json"
EXTRA = Path(__file__).resolve().parents[1] / "eval" / "extra"
KINDS = ("count", "money", "percent", "range", "measurement", "category", "duration", "date/time")


def shown_texts(value: FigureValue) -> list[str]:
    """Every way a shown value reads: its label and each source's own words."""
    return [value.label, *(q.words for q in value.quotes)]


@dataclass
class AnswerScore:
    found: int = 0
    expected: int = 0
    forbidden: int = 0
    quotes_ok: int = 0
    quotes: int = 0
    noise: int = 0
    missing: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: "AnswerScore") -> None:
        for name in ("found", "expected", "forbidden", "quotes_ok", "quotes", "noise"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line_of_question(self) -> str:
        return (f"{self.found}/{self.expected}, forbidden {self.forbidden}"
                + (f", missing {self.missing}" if self.missing else "")
                + (f", wrong {self.wrong}" if self.wrong else ""))

    def line(self) -> str:
        return (f"recall {self.found}/{self.expected} = {self.found / max(self.expected, 1):.0%}, "
                f"forbidden {self.forbidden}, quotes exact {self.quotes_ok}/{self.quotes}, noise figures {self.noise}")


def score_answer(answer: Answer, expect, forbid, texts: dict[str, str], noise_ids: set[str]) -> AnswerScore:
    values = [v for m in answer.figures for v in m.values]
    score = AnswerScore(expected=len(expect))
    for options in expect:
        if any(has_value(text, s) for v in values for text in shown_texts(v) for s in options):
            score.found += 1
        else:
            score.missing.append(options[0])
    for spelling in forbid:
        hits = [v.label for v in values if any(has_value(text, spelling) for text in shown_texts(v))]
        score.forbidden += len(hits)
        score.wrong += [f"{spelling} (in {h})" for h in hits]
    for v in values:
        for q in v.quotes:
            score.quotes += 1
            score.quotes_ok += texts[q.source.id][q.start:q.end] == q.quote and q.words in q.quote
            score.noise += q.source.id in noise_ids
    return score


# --------------------------------------------------------------------------- extraction

def expected_kind(value: str) -> str:
    """The kind of an expected figure, read from how it is written."""
    text = value.lower()
    if re.search(r"\d\s*(?:to|-|–)\s*[$€£]?\d|\bbetween\b.*\band\b|\d\s+and\s+\d", text):
        return "range"
    if re.search(r"[$€£¥]|\b(?:dollars?|euros?|pounds?|us\$|bn)\b", text):
        return "money"
    if re.search(r"%|\bper ?cent\b|\bhalf\b|\bthird\b|\bquarter\b|\bfifth\b|\btenth\b|\btwentieth\b|\bone in\b", text):
        return "percent"
    if re.search(r"\b(?:category|level|grade|phase)\s+\w+", text):
        return "category"
    if re.search(r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                 r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|"
                 r"saturday|sunday)\b|[ap]\.?m\b|\d:\d\d|\bgmt\b|\butc\b|^(?:since |in )?(?:18|19|20)\d\d$|\bnoon\b|"
                 r"\bmidnight\b", text):
        return "date/time"
    if re.search(r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|fortnight)\b|-(?:day|week|"
                 r"month|year|hour)\b", text):
        return "duration"
    if re.search(r"\b(?:km|kilomet|miles?|met(?:re|er)s?|m|cm|mm|tonnes?|tons?|kilotons?|kt|kg|magnitude|mw|"
                 r"hectares?|acres?|sq|square|cubic|degrees?|°|mph|knots?|feet|ft|litres?|gallons?)\b|km/h|°c", text):
        return "measurement"
    return "count"


def figure_kind(figure: Figure) -> str:
    if figure.qualifier == "between":
        return "range"
    if figure.kind in ("date", "time", "weekday"):
        return "date/time"
    if figure.kind in ("rate", "ordinal"):
        return "count" if figure.kind == "ordinal" else "measurement"
    return figure.kind if figure.kind in KINDS else "count"


def _find_squashed(text: str, quote: str) -> int | None:
    """Start of quote in text, matching runs of white space loosely."""
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    match = re.search(pattern, text)
    return match.start() if match else None


def _value_span(text: str, quote: str, value: str) -> tuple[int, int] | None:
    start = _find_squashed(text, quote)
    if start is None:
        return None
    inside = _find_squashed(text[start:start + len(quote) + 50], value)
    if inside is None:
        return None
    return start + inside, start + inside + len(value)


@dataclass
class KindScore:
    expected: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    extracted: Counter = field(default_factory=Counter)
    correct: Counter = field(default_factory=Counter)
    other_event_expected: int = 0
    other_event_labelled: int = 0
    not_figures: int = 0
    unplaced: int = 0
    sources: Counter = field(default_factory=Counter)     # "right", "none", "other"
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def score_extraction(expected_path: Path, articles: dict[str, Article]) -> KindScore:
    """Every figure of EXPECTED.json looked for among the extractor's figures of its article."""
    score = KindScore()
    for entry in json.loads(expected_path.read_text(encoding="utf-8")):
        article = articles.get(entry["file"])
        if article is None:
            continue
        text = article.text
        figures = extract_figures(entry["file"], text, article.published)
        matched: set[int] = set()
        for expected in entry["figures"]:
            kind = expected_kind(expected["value"])
            score.expected[kind] += 1
            span = _value_span(text, expected["quote"], expected["value"])
            if span is None:
                score.unplaced += 1
                continue
            hits = [i for i, f in enumerate(figures) if f.start < span[1] and span[0] < f.end]
            if hits:
                score.found[kind] += 1
                matched.update(hits)
                verdict = source_verdict(expected.get("attributed_to"), figures[hits[0]].attributed_to, article.outlet)
                if verdict:
                    score.sources[verdict] += 1
                if expected.get("event"):
                    score.other_event_expected += 1
                    score.other_event_labelled += any(figures[i].other_event for i in hits)
            else:
                score.misses.append(f"{entry['file']}: {expected['value']!r} ({expected['measure']})")
        for i, figure in enumerate(figures):
            kind = figure_kind(figure)
            score.extracted[kind] += 1
            if i in matched:
                score.correct[kind] += 1
            else:
                score.extras.append(f"{entry['file']}: {figure.text!r} -> {figure.measure}")
        for words in entry.get("not_figures", []):
            for match in re.finditer(re.escape(words), text):
                score.not_figures += any(f.start < match.end() and match.start() < f.end for f in figures)
    return score


# Words of an expected source that only say how it was given: "Ardenvolt (projection)", "headline (police)".
_SOURCE_NOTES = frozenset({"the", "of", "and", "for", "in", "a", "an", "headline", "table", "projection", "legal",
                           "limit", "s"})


def _source_words(name: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (name or "").lower()) if w not in _SOURCE_NOTES}


def source_verdict(expected: str | None, found: str | None, outlet: str | None) -> str | None:
    """"right", "none" or "other" for a figure whose expected source the text names; None when
    it names none (the outlet states the figure itself)."""
    wanted = _source_words(expected)
    if not wanted or wanted <= _source_words(outlet) or "headline" in (expected or "").lower():
        return None                     # a headline names no source: its figure is the story's
    if not found:
        return "none"
    initials = "".join(w[0] for w in re.findall(r"[A-Z][\w'’]*", expected or ""))
    acronym = found.isupper() and len(found) > 1 and found in initials       # "FCDS" for "... Fire and Civil Defence Service"
    return "right" if _source_words(found) & wanted or acronym else "other"


def print_extraction(score: KindScore, verbose: bool) -> None:
    print(f"  {'kind':12} {'recall':>14} {'precision':>14}")
    for kind in KINDS:
        e, f, x, c = score.expected[kind], score.found[kind], score.extracted[kind], score.correct[kind]
        if e or x:
            print(f"  {kind:12} {f:4}/{e:<4} {f / max(e, 1):4.0%} {c:4}/{x:<4} {c / max(x, 1):4.0%}")
    e, f = sum(score.expected.values()), sum(score.found.values())
    x, c = sum(score.extracted.values()), sum(score.correct.values())
    print(f"  {'all':12} {f:4}/{e:<4} {f / max(e, 1):4.0%} {c:4}/{x:<4} {c / max(x, 1):4.0%}")
    print(f"  other-event figures labelled {score.other_event_labelled}/{score.other_event_expected}; "
          f"figures in not-figure text {score.not_figures}; expected quotes not placed {score.unplaced}")
    named = sum(score.sources.values())
    print(f"  sources right {score.sources['right']}/{named} {score.sources['right'] / max(named, 1):.0%}; "
          f"credited to no one {score.sources['none']}, to another {score.sources['other']}")
    if verbose:
        for line in score.misses:
            print("    missed", line)
        for line in score.extras:
            print("    extra ", line)


# --------------------------------------------------------------------------- run

def evaluate(corpus: Corpus, encoder, verbose: bool, repeat: int) -> dict:
    questions = [q for q in load_questions(corpus.questions)]
    with tempfile.TemporaryDirectory() as tmp:
        seeds = corpus.copy_articles(Path(tmp) / "seeds")
        settings = configured_settings().replace(seeds_dir=seeds, index_dir=Path(tmp) / "index")
        build_index(settings, encoder_factory=lambda: encoder)
        index = load_index(Path(settings.index_dir))
    engine = Engine(index, encoder, settings)
    texts = {a.id: a.text for a in index.articles}
    noise = {a.id for a in index.articles if a.id.startswith("noise")}
    parts = {"tuned": AnswerScore(), "held back": AnswerScore()}
    print(f"\n== {corpus.name}{' (held-back event)' if corpus.held_back else ''}: {len(index.articles)} articles, "
          f"{len(index.figures)} figures")
    for q in questions:
        answer = engine.ask(q.question)
        score = score_answer(answer, q.expect, q.forbid, texts, noise)
        part = "held back" if corpus.held_back or not is_tuning_question(q.id) else "tuned"
        parts[part].add(score)
        if q.expect or verbose:
            shown = "; ".join(m.summary for m in answer.figures) or "no figures"
            print(f"{q.id} [{part}]: {score.line_of_question()}")
            if verbose:
                print(f"    {shown}")
    rewordings = json.loads(REWORDED.read_text(encoding="utf-8")).get(corpus.name, {})
    for q in questions:
        for text in rewordings.get(q.id, []) if is_tuning_question(q.id) and not corpus.held_back else []:
            score = score_answer(engine.ask(text), q.expect, q.forbid, texts, noise)
            parts.setdefault("tuned, reworded", AnswerScore()).add(score)
            if verbose or score.missing or score.wrong:
                print(f"{q.id} reworded {text!r}: {score.line_of_question()}")
    extra = EXTRA / f"{corpus.name}.json"
    for q in load_questions(extra) if extra.exists() and not corpus.held_back else []:
        score = score_answer(engine.ask(q.question), q.expect, q.forbid, texts, noise)
        parts.setdefault("extra", AnswerScore()).add(score)
        if verbose or score.missing or score.wrong:
            print(f"{q.id} [extra] {q.question!r}: {score.line_of_question()}")
    for name, score in parts.items():
        if score.quotes or score.expected:
            print(f"answers, {name}: {score.line()}")
    extraction = None
    if corpus.expected:
        print("extraction against EXPECTED.json:")
        extraction = score_extraction(corpus.expected, {a.id: a for a in index.articles})
        print_extraction(extraction, verbose)
    began = time.perf_counter()
    for _ in range(3):
        for article in index.articles:
            extract_figures(article.id, article.text, article.published)
    per_article = (time.perf_counter() - began) / (3 * len(index.articles)) * 1000
    search_ms, answer_ms = [], []
    for _ in range(repeat):
        for q in questions:
            began = time.perf_counter()
            engine.searcher.search(q.question)
            search_ms.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            engine.ask(q.question)
            answer_ms.append((time.perf_counter() - began) * 1000)
    s, a = statistics.median(search_ms), statistics.median(answer_ms)
    print(f"extraction {per_article:.1f} ms per article; answer median {a:.2f} ms, search alone {s:.2f} ms "
          f"(figures and assembly add {a - s:.2f} ms)")
    return {"parts": parts, "extraction": extraction}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="all")
    parser.add_argument("--verbose", action="store_true", help="print every answer's values, misses and extras")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    encoder = SentenceEncoder.for_settings(configured_settings())
    for corpus in corpora(args.corpus):
        evaluate(corpus, encoder, args.verbose, args.repeat)


if __name__ == "__main__":
    main()

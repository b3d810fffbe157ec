"""The development question set and its metrics, shared by the bench scripts and tests.

Relevance (from the set's "about"): a retrieved passage is relevant when its text contains one
of the question's relevant quotes from the named source, ignoring case and runs of white space.
Sources are named by the article id's leading number ("001" for 001_89f4….txt).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from index.articles import sidecar_of

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
DEFAULT_QUESTIONS = SHARED / "eval" / "questions.json"
ARTICLE_SUFFIXES = (".txt", ".md", ".html")
NOT_ARTICLES = {"README.md", "SOURCES.md"}


@dataclass(frozen=True)
class Corpus:
    """One event to evaluate on: its articles, its questions and (optionally) every figure an
    extractor should find. held_back: never used while choosing settings; reported apart."""
    name: str
    folder: Path
    questions: Path
    expected: Path | None = None
    held_back: bool = False

    def article_files(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.suffix in ARTICLE_SUFFIXES
                      and p.name not in NOT_ARTICLES)

    def copy_articles(self, target: Path) -> Path:
        """The articles (and their sidecars) copied into target, a seeds folder of their own."""
        target.mkdir(parents=True, exist_ok=True)
        for path in self.article_files():
            shutil.copy(path, target / path.name)
            sidecar = sidecar_of(path)
            if sidecar.exists():
                shutil.copy(sidecar, target / sidecar.name)
        return target


def _event(name: str, held_back: bool = False) -> Corpus:
    """An invented event under eval/events/<name>/: its articles, QUESTIONS.json and EXPECTED.json."""
    folder = PROJECT / "eval" / "events" / name
    return Corpus(name, folder, folder / "QUESTIONS.json", folder / "EXPECTED.json", held_back)


CORPORA = {
    "seeds": Corpus("seeds", SHARED / "seeds", DEFAULT_QUESTIONS),
    "beirut": Corpus("beirut", SHARED / "eval" / "beirut", SHARED / "eval" / "beirut" / "QUESTIONS.json",
                     SHARED / "eval" / "beirut" / "EXPECTED.json"),
    # Written during the work to tune on openly (their tuning halves).
    "outbreak": _event("outbreak"),
    "storm": _event("storm"),
    # Written before any tuning; never tuned on.
    "flood": _event("flood", held_back=True),
    # Written by helpers who never saw the extractor, then tuned on openly (their tuning halves).
    "strike": _event("strike"),
    "wildfire": _event("wildfire"),
    "heatwave": _event("heatwave"),
    "ransomware": _event("ransomware"),
    "chemfire": _event("chemfire"),
    "protest": _event("protest"),
    "oilspill": _event("oilspill"),
    "volcano": _event("volcano"),
    "crush": _event("crush"),
    "drought": _event("drought"),
    "bankrun": _event("bankrun"),
    "blizzard": _event("blizzard"),
    "nuclear": _event("nuclear"),
    "collapse": _event("collapse"),
    "layoffs": _event("layoffs"),
    "overrun": _event("overrun"),
    "fishkill": _event("fishkill"),
    "airline": _event("airline"),
    "inquiry": _event("inquiry"),
    "border": _event("border"),
    "currency": _event("currency"),
    "breach": _event("breach"),
    "marathon": _event("marathon"),
    "hail": _event("hail"),
    "sinkhole": _event("sinkhole"),
    "solarstorm": _event("solarstorm"),
    "cruise": _event("cruise"),
    "tsunami": _event("tsunami"),
    "meteor": _event("meteor"),
    "rocket": _event("rocket"),
    "busplunge": _event("busplunge"),
    "cablecar": _event("cablecar"),
    "whales": _event("whales"),
    "flashcrash": _event("flashcrash"),
    "dambreak": _event("dambreak"),
    "waitlist": _event("waitlist"),
    "algae": _event("algae"),
    "drones": _event("drones"),
    "riverlow": _event("riverlow"),
    # Written by helpers who never saw the extractor, held back whole.
    "mine": _event("mine", held_back=True),
    "ferry": _event("ferry", held_back=True),
    "railcrash": _event("railcrash", held_back=True),
    "quake": _event("quake", held_back=True),
    "election": _event("election", held_back=True),
    "blackout": _event("blackout", held_back=True),
    "aircrash": _event("aircrash", held_back=True),
    "birdflu": _event("birdflu", held_back=True),
    "bridge": _event("bridge", held_back=True),
    "landslide": _event("landslide", held_back=True),
    "locusts": _event("locusts", held_back=True),
    "methanol": _event("methanol", held_back=True),
    "water": _event("water", held_back=True),
    "fuel": _event("fuel", held_back=True),
    "outage": _event("outage", held_back=True),
    "canal": _event("canal", held_back=True),
    "towerfire": _event("towerfire", held_back=True),
    "avalanche": _event("avalanche", held_back=True),
    "recall": _event("recall", held_back=True),
    "siege": _event("siege", held_back=True),
    "examleak": _event("examleak", held_back=True),
    "tailings": _event("tailings", held_back=True),
    "smog": _event("smog", held_back=True),
    "prison": _event("prison", held_back=True),
    "census": _event("census", held_back=True),
    "tornado": _event("tornado", held_back=True),
    "fraud": _event("fraud", held_back=True),
    "pileup": _event("pileup", held_back=True),
    "heist": _event("heist", held_back=True),
    "silo": _event("silo", held_back=True),
    "footmouth": _event("footmouth", held_back=True),
    "harvest": _event("harvest", held_back=True),
    "doping": _event("doping", held_back=True),
    "gridlock": _event("gridlock", held_back=True),
    "mortgage": _event("mortgage", held_back=True),
    "museum": _event("museum", held_back=True),
    "vaccine": _event("vaccine", held_back=True),
}


def corpora(names: str) -> list[Corpus]:
    """"seeds,beirut" -> those corpora; "all" -> every one."""
    wanted = list(CORPORA) if names == "all" else [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in CORPORA]
    if unknown:
        raise SystemExit(f"unknown corpus {unknown}: choose from {sorted(CORPORA)}")
    return [CORPORA[n] for n in wanted]


def is_tuning_question(question_id: str) -> bool:
    """Half of every question set is held back while settings are chosen: a fixed split by a hash
    of the id, so it does not depend on order and cannot be picked by hand."""
    return int(hashlib.sha256(question_id.encode()).hexdigest(), 16) % 2 == 0


def has_value(text: str, spelling: str) -> bool:
    """Whether spelling occurs in text as a whole value: "100" not inside "1,100", "four" not
    inside "fourteen" (the scoring rule of the Beirut corpus's verify.py)."""
    text, spelling = squash(text), squash(spelling)
    if not spelling:
        return False
    pattern = re.escape(spelling)
    first, last = spelling[0], spelling[-1]
    if first.isdigit():
        pattern = r"(?<![0-9])(?<![0-9][.,])" + pattern
    elif first.isalpha():
        pattern = r"(?<![a-z0-9])" + pattern
    if last.isdigit():
        pattern += r"(?![0-9])(?![.,][0-9])"
    elif last.isalpha():
        pattern += r"(?![a-z0-9])"
    return re.search(pattern, text) is not None


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    relevant: tuple[tuple[str, str], ...]       # (source prefix, quote)
    expect: tuple[tuple[str, ...], ...] = ()    # spellings of each expected value
    forbid: tuple[str, ...] = ()


def questions_path() -> Path:
    return Path(os.environ.get("CROSSCHECK_EVAL_QUESTIONS", DEFAULT_QUESTIONS))


def load_questions(path: Path | None = None) -> list[Question]:
    data = json.loads((path or questions_path()).read_text(encoding="utf-8"))
    return [
        Question(
            id=q["id"], question=q["question"],
            relevant=tuple((r["source"], r["quote"]) for r in q.get("relevant", [])),
            expect=tuple(tuple(v) for v in q.get("values", {}).get("expect", [])),
            forbid=tuple(q.get("values", {}).get("forbid", [])),
        )
        for q in data["questions"]
    ]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def source_matches(article_id: str, source: str) -> bool:
    name = article_id.rsplit("/", 1)[-1]
    return name == source or name.startswith(source + "_") or name.startswith(source + ".")


def relevant_source(question: Question, article_id: str, text: str) -> str | None:
    """The relevant source a passage stands for, or None when it is not relevant."""
    body = squash(text)
    for source, quote in question.relevant:
        if source_matches(article_id, source) and squash(quote) in body:
            return source
    return None


@dataclass(frozen=True)
class RetrievalScores:
    hit_at_5: float
    mrr_at_10: float
    source_recall_at_5: float


def retrieval_scores(questions: list[Question], ranked: list[list[tuple[str, str]]]) -> RetrievalScores:
    """Metrics over ranked (article id, passage text) lists, one per question.

    SourceRecall@5: of the sources with a relevant quote, the share that appear with a relevant
    passage in the top 5 (out of at most 5 such sources).
    """
    hits, reciprocal, recall = [], [], []
    for question, results in zip(questions, ranked):
        marks = [relevant_source(question, article_id, text) for article_id, text in results[:10]]
        first = next((i for i, mark in enumerate(marks) if mark), None)
        hits.append(1.0 if first is not None and first < 5 else 0.0)
        reciprocal.append(1.0 / (first + 1) if first is not None else 0.0)
        wanted = {source for source, _ in question.relevant}
        found = {mark for mark in marks[:5] if mark}
        recall.append(len(found) / min(5, len(wanted)))
    count = len(questions)
    return RetrievalScores(sum(hits) / count, sum(reciprocal) / count, sum(recall) / count)

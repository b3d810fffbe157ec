"""The synthetic corpus generator of the scale benchmarks (bench/synth.py): distinct, readable
articles built from the seeds' sentences, with figures, names and dates that vary."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from bench.synth import Generator, generate, load_seeds
from conftest import SEEDS_DIR
from index.articles import read_articles
from index.figures import extract_figures

COUNT = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    generate(out, COUNT, SEEDS_DIR)
    return out


@pytest.fixture(scope="module")
def articles(corpus):
    return read_articles(corpus, 2_000_000)


def test_writes_the_seeds_and_distinct_synthetic_articles(corpus, articles):
    files = sorted(p.name for p in corpus.iterdir())
    assert len(files) == COUNT
    assert set(p.name for p in SEEDS_DIR.glob("*.txt")) <= set(files)
    # The reader drops a file whose text repeats another's, with a warning: none here.
    assert len(articles.articles) == COUNT and articles.warnings == []
    assert len({a.content_hash for a in articles.articles}) == COUNT


def test_articles_are_readable_and_sized_like_the_seeds(articles):
    seed_sizes = [len(p.read_text(encoding="utf-8")) for p in SEEDS_DIR.glob("*.txt")]
    for article in articles.articles:
        if not article.id.startswith("syn"):
            continue
        assert min(seed_sizes) * 0.4 <= len(article.text) <= max(seed_sizes) * 1.6, article.id
        assert article.title and not article.title.startswith("syn"), article.id  # a headline, not the file name
        paragraphs = [line for line in article.text.splitlines() if line.strip()]
        assert len(paragraphs) >= 5
        assert len(set(paragraphs)) == len(paragraphs), f"{article.id} repeats a paragraph"
        assert all(re.search(r"[A-Za-z]{2}", line) or "|" in line for line in paragraphs), "lines have words"
        assert not re.search(r"\d{5,}", article.text), "numbers stay plausible"


def test_figures_names_and_dates_vary(articles):
    synthetic = [a for a in articles.articles if a.id.startswith("syn")]
    killed = Counter()
    for article in synthetic:
        for figure in extract_figures(article.id, article.text):
            if figure.measure == "killed" and figure.kind == "count" and not figure.other_event:
                killed[figure.value] += 1
    assert len(killed) >= 10, killed  # many different death tolls, as real coverage would disagree
    assert sum("Kerman" in a.text for a in synthetic) not in (0, len(synthetic))  # renamed in some, not all
    dates = Counter(m.group() for a in synthetic for m in re.finditer(
        r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}", a.text))
    assert len(dates) >= 8


def test_generation_is_deterministic_and_seeded():
    seeds = load_seeds(SEEDS_DIR)
    assert Generator(seeds, 0).article(123) == Generator(seeds, 0).article(123)
    assert Generator(seeds, 0).article(123) != Generator(seeds, 1).article(123)
    assert Generator(seeds, 0).article(123) != Generator(seeds, 0).article(124)


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.md").write_text("mine")
    with pytest.raises(SystemExit):
        generate(tmp_path, 10, SEEDS_DIR)
    assert (tmp_path / "notes.md").read_text() == "mine"

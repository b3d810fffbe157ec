"""Building the index: command line, incremental reuse, atomic swap under SIGKILL, bad inputs,
corruption detection and the one-build-at-a-time lock."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from conftest import PROJECT, SEEDS_DIR, copy_seeds, make_settings
from fakes import FAKE_MODEL, HashEncoder, hash_vector
from index.articles import read_articles
from index.bm25 import Postings, tokenize
from index import build as build_module
from index.build import BuildError, build_index, build_lock
from index.passages import chunk_article
from index.store import POINTER, IndexCorrupt, IndexMissing, current_generation, load_index

SEED_IDS = tuple(sorted(p.name for p in SEEDS_DIR.glob("*.txt")))
HINT = "python -m index build"
LONG_TESTS = bool(os.environ.get("CROSSCHECK_LONG_TESTS"))


# --------------------------------------------------------------------------- helpers

class CountingEncoder:
    """Wraps an encoder and records every text it is asked to embed."""

    def __init__(self, inner, name: str | None = None):
        self.inner = inner
        self.name = name or inner.name
        self.dimension = inner.dimension
        self.texts: list[str] = []

    def encode(self, texts):
        self.texts.extend(texts)
        return self.inner.encode(texts)

    def passage_texts(self, index) -> list[str]:
        """What was encoded as passages: every text but the names the build encodes beside them
        (index/name_vectors.py)."""
        names = set(index.names.texts)
        return [t for t in self.texts if t not in names]


def subprocess_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CROSSCHECK_")}
    env["PYTHONPATH"] = str(PROJECT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    env["HF_HUB_OFFLINE"] = "1"
    return env


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "index", *args], cwd=PROJECT, env=subprocess_env(),
                          capture_output=True, text=True, timeout=timeout)


def copy_index(source: Path, destination: Path) -> Path:
    shutil.copytree(source, destination)
    return destination


def rows_by_article(index) -> dict[str, bytes]:
    """Each article's embedding rows as bytes (passages are stored in article order)."""
    rows: dict[str, list[np.ndarray]] = {}
    for passage, row in zip(index.passages, index.embeddings):
        rows.setdefault(passage.article_id, []).append(row)
    return {article: np.array(r).tobytes() for article, r in rows.items()}


def assert_bm25_fresh(index) -> None:
    """The stored postings (possibly reused in part from the previous build) are exactly what
    Postings.build computes from the passages' text."""
    fresh = Postings.build([tokenize(p.text) for p in index.passages], index.bm25.k1, index.bm25.b)
    assert index.bm25.vocabulary == fresh.vocabulary
    for name in ("term_start", "doc_ids", "term_freqs", "idf", "doc_len"):
        np.testing.assert_array_equal(getattr(index.bm25, name), getattr(fresh, name), err_msg=name)
    assert index.bm25.avgdl == pytest.approx(fresh.avgdl, rel=1e-12)
    for query in ("how many were killed", "Kerman cemetery explosion", "Islamic State claimed", "Report 3"):
        np.testing.assert_array_equal(index.bm25.scores(tokenize(query)), fresh.scores(tokenize(query)))


def leftovers(root: Path) -> list[str]:
    current = (root / POINTER).read_text().strip()
    return sorted(e.name for e in root.iterdir()
                  if e.name.startswith("tmp-") or (e.name.startswith("gen-") and e.name != current)
                  or (e.name.startswith(POINTER + ".") and e.name.endswith(".tmp")))


@pytest.fixture
def workspace(tmp_path, seed_index_dir):
    """A writable seeds copy and a copy of the session's seed index (built with the real model)."""
    seeds = copy_seeds(tmp_path / "seeds")
    root = copy_index(seed_index_dir, tmp_path / "index")
    return seeds, root


# --------------------------------------------------------------------------- (a) build and the CLI

def test_build_seeds_into_tmp_index(seed_index_dir, seed_index):
    assert tuple(a.id for a in seed_index.articles) == SEED_IDS
    assert len(seed_index.passages) > 50
    assert seed_index.embeddings.shape == (len(seed_index.passages), 384)
    assert seed_index.embeddings.dtype == np.float32
    assert np.allclose(np.linalg.norm(seed_index.embeddings, axis=1), 1, atol=1e-4)
    texts = {a.id: a.text for a in seed_index.articles}
    for p in seed_index.passages:
        assert texts[p.article_id][p.start:p.end] == p.text
    assert seed_index.figures and all(texts[f.article_id][f.start:f.end] == f.text for f in seed_index.figures)
    assert seed_index.manifest.model == "all-MiniLM-L6-v2" and seed_index.manifest.dimension == 384
    assert seed_index.path == current_generation(seed_index_dir) and leftovers(seed_index_dir) == []


def test_stored_bm25_equals_fresh_postings(seed_index):
    fresh = Postings.build([tokenize(p.text) for p in seed_index.passages], seed_index.bm25.k1, seed_index.bm25.b)
    for query in ("how many were killed", "Kerman cemetery explosion", "Islamic State claimed", "zzz", ""):
        tokens = tokenize(query)
        np.testing.assert_array_equal(seed_index.bm25.scores(tokens), fresh.scores(tokens))


def test_cli_build_and_search(tmp_path, seed_index_dir, seed_index):
    seeds = copy_seeds(tmp_path / "seeds")
    root = tmp_path / "index"
    # Both need the model (several seconds to load): run the search on the session index meanwhile.
    search = subprocess.Popen(
        [sys.executable, "-m", "index", "search", "how many were killed", "--json",
         "--seeds", str(seeds), "--index", str(seed_index_dir)],
        cwd=PROJECT, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        build = run_cli("build", "--seeds", str(seeds), "--index", str(root))
    finally:
        search_out, search_err = search.communicate(timeout=300)

    assert build.returncode == 0, build.stderr
    assert "5 added, 0 changed, 0 removed, 0 unchanged" in build.stdout
    assert f"{len(seed_index.passages)} passages ({len(seed_index.passages)} embedded)" in build.stdout
    for article_id in SEED_IDS:
        assert f"added: {article_id}" in build.stdout
    built = load_index(root)
    assert [p for p in built.passages] == [p for p in seed_index.passages]

    assert search.returncode == 0, search_err
    result = json.loads(search_out)
    assert result["query"] == "how many were killed"
    texts = {a.id: a.text for a in read_articles(seeds, 2_000_000).articles}
    assert len(result["passages"]) == 5
    for row in result["passages"]:
        assert set(row) >= {"source", "start", "end", "text", "score", "bm25", "embedding"}
        assert texts[row["source"]][row["start"]:row["end"]] == row["text"]
        assert row["score"] > 0
    scores = [row["score"] for row in result["passages"]]
    assert scores == sorted(scores, reverse=True)

    # A second build of unchanged seeds embeds nothing (and so never loads the model).
    again = run_cli("build", "--seeds", str(seeds), "--index", str(root))
    assert again.returncode == 0, again.stderr
    assert "0 added, 0 changed, 0 removed, 5 unchanged" in again.stdout
    assert "(0 embedded)" in again.stdout


def test_cli_reports_errors_with_exit_code_1(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    build = run_cli("build", "--seeds", str(empty), "--index", str(tmp_path / "index"))
    assert build.returncode == 1
    assert build.stderr.startswith("error:") and str(empty) in build.stderr
    search = run_cli("search", "killed", "--seeds", str(empty), "--index", str(tmp_path / "index"))
    assert search.returncode == 1
    assert "error:" in search.stderr and HINT in search.stderr
    assert "Traceback" not in build.stderr + search.stderr


# --------------------------------------------------------------------------- (b) incremental reuse

def test_unchanged_rebuild_encodes_nothing(workspace, encoder):
    seeds, root = workspace
    before = load_index(root)
    counting = CountingEncoder(encoder)
    report = build_index(make_settings(seeds, root), encoder_factory=lambda: counting)
    assert counting.texts == [] and report.encoded == 0
    assert report.unchanged == SEED_IDS and report.added == report.changed == report.removed == ()
    after = load_index(root)
    assert after.path != before.path  # a new generation all the same, swapped in
    assert after.embeddings.tobytes() == before.embeddings.tobytes()
    assert after.passages == before.passages and after.figures == before.figures
    assert_bm25_fresh(after)
    assert leftovers(root) == []


def test_editing_one_article_encodes_only_its_passages(workspace, encoder):
    seeds, root = workspace
    before = load_index(root)
    edited = SEED_IDS[2]
    path = seeds / edited
    path.write_text(path.read_text(encoding="utf-8") + "\nOfficials later revised the toll to 95 dead.\n",
                    encoding="utf-8")
    counting = CountingEncoder(encoder)
    report = build_index(make_settings(seeds, root), encoder_factory=lambda: counting)
    after = load_index(root)

    assert report.changed == (edited,) and report.added == report.removed == ()
    assert report.unchanged == tuple(i for i in SEED_IDS if i != edited)
    assert counting.passage_texts(after) == [p.text for p in after.passages if p.article_id == edited]
    assert report.encoded == len(counting.passage_texts(after))
    assert any("revised the toll to 95" in p.text for p in after.passages)
    assert_bm25_fresh(after)
    old_rows, new_rows = rows_by_article(before), rows_by_article(after)
    for article_id in SEED_IDS:
        if article_id != edited:
            assert new_rows[article_id] == old_rows[article_id], article_id
    # Rows are where their passages are: the edited article's rows are its fresh vectors.
    fresh = encoder.encode(counting.passage_texts(after))
    mine = np.array([row for p, row in zip(after.passages, after.embeddings) if p.article_id == edited])
    np.testing.assert_allclose(mine, fresh, atol=1e-5)
    # Figures of unchanged articles are reused; the edited one's are extracted again.
    assert [f for f in after.figures if f.article_id != edited] == [f for f in before.figures if f.article_id != edited]
    new_text = next(a.text for a in after.articles if a.id == edited)
    assert all(new_text[f.start:f.end] == f.text for f in after.figures if f.article_id == edited)


def test_adding_an_article_encodes_only_its_passages(workspace, encoder):
    seeds, root = workspace
    before = load_index(root)
    (seeds / "005_new.txt").write_text(
        "Iran arrests suspects after Kerman bombing\n"
        "Iranian intelligence said it arrested eleven people linked to the twin bombings in Kerman. "
        "The ministry said the bombers had entered the country from the east.\n", encoding="utf-8")
    counting = CountingEncoder(encoder)
    report = build_index(make_settings(seeds, root), encoder_factory=lambda: counting)
    after = load_index(root)
    assert report.added == ("005_new.txt",) and report.changed == report.removed == ()
    new_passages = [p.text for p in after.passages if p.article_id == "005_new.txt"]
    assert new_passages and counting.passage_texts(after) == new_passages
    old_rows, new_rows = rows_by_article(before), rows_by_article(after)
    assert all(new_rows[i] == old_rows[i] for i in SEED_IDS)
    assert tuple(a.id for a in after.articles) == (*SEED_IDS, "005_new.txt")
    assert_bm25_fresh(after)


def test_deleting_an_article_removes_it(workspace, encoder):
    seeds, root = workspace
    before = load_index(root)
    gone = SEED_IDS[1]
    (seeds / gone).unlink()
    counting = CountingEncoder(encoder)
    report = build_index(make_settings(seeds, root), encoder_factory=lambda: counting)
    after = load_index(root)
    assert report.removed == (gone,) and report.added == report.changed == ()
    assert counting.texts == [] and report.encoded == 0
    assert gone not in {a.id for a in after.articles}
    assert all(p.article_id != gone for p in after.passages)
    assert all(f.article_id != gone for f in after.figures)
    assert gone not in after.manifest.articles
    old_rows, new_rows = rows_by_article(before), rows_by_article(after)
    assert all(new_rows[i] == old_rows[i] for i in SEED_IDS if i != gone)
    assert len(after.passages) == len(before.passages) - sum(p.article_id == gone for p in before.passages)
    assert after.bm25.size == len(after.passages)
    assert_bm25_fresh(after)


def test_changed_passage_size_reencodes_everything(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    root = tmp_path / "index"
    build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=HashEncoder)
    counting = CountingEncoder(HashEncoder())
    settings = make_settings(seeds, root, model=FAKE_MODEL, passage_target_chars=300)
    report = build_index(settings, encoder_factory=lambda: counting)
    after = load_index(root)
    assert counting.passage_texts(after) == [p.text for p in after.passages]
    assert report.encoded == len(after.passages)
    assert after.manifest.chunking["target_chars"] == 300
    assert max(len(p.text) for p in after.passages) <= settings.passage_max_chars
    assert list(after.passages) == [p for a in after.articles for p in chunk_article(a, 300, settings.passage_max_chars)]
    assert_bm25_fresh(after)


def test_changed_model_reencodes_everything(workspace, encoder):
    seeds, root = workspace
    before = load_index(root)
    fake = CountingEncoder(HashEncoder())
    report = build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=lambda: fake)
    faked = load_index(root)
    assert fake.passage_texts(faked) == [p.text for p in before.passages] and report.encoded == len(before.passages)
    assert faked.manifest.model == FAKE_MODEL
    np.testing.assert_array_equal(faked.embeddings[0], hash_vector(faked.passages[0].text))
    # And back to the real model: everything again, vectors as the real model gives them.
    real = CountingEncoder(encoder)
    build_index(make_settings(seeds, root), encoder_factory=lambda: real)
    restored = load_index(root)
    assert real.passage_texts(restored) == [p.text for p in before.passages]
    np.testing.assert_allclose(restored.embeddings, before.embeddings, atol=1e-5)


def test_embedding_rows_stay_aligned_through_many_updates(tmp_path):
    """After every kind of change, row i of the embeddings is the vector of passage i."""
    seeds = copy_seeds(tmp_path / "seeds")
    root = tmp_path / "index"
    settings = make_settings(seeds, root, model=FAKE_MODEL)

    def build_and_check(expected_encoded: list[str] | None = None):
        counting = CountingEncoder(HashEncoder())
        build_index(settings, encoder_factory=lambda: counting)
        index = load_index(root)
        expected = np.array([hash_vector(p.text) for p in index.passages])
        np.testing.assert_array_equal(index.embeddings, expected)
        assert_bm25_fresh(index)
        texts = {a.id: a.text for a in index.articles}
        assert all(texts[p.article_id][p.start:p.end] == p.text for p in index.passages)
        assert [p.article_id for p in index.passages] == sorted(p.article_id for p in index.passages)
        if expected_encoded is not None:
            assert sorted(counting.passage_texts(index)) == sorted(expected_encoded)
        return index, counting

    build_and_check()
    (seeds / "000_first.txt").write_text("An article sorting first.\nIt has two paragraphs.\n")
    (seeds / SEED_IDS[2]).unlink()
    (seeds / SEED_IDS[3]).write_text((seeds / SEED_IDS[3]).read_text() + "\nOne more line.\n")
    index, counting = build_and_check()
    assert {p.article_id for p in index.passages if p.text in counting.passage_texts(index)} == {"000_first.txt", SEED_IDS[3]}
    (seeds / "zzz_last.txt").write_text("The last article, about Kerman.\n")
    (seeds / SEED_IDS[0]).rename(seeds / "renamed.txt")
    index, counting = build_and_check()
    assert {p.article_id for p in index.passages if p.text in counting.passage_texts(index)} == {"zzz_last.txt", "renamed.txt"}
    build_and_check(expected_encoded=[])
    settings = make_settings(seeds, root, model=FAKE_MODEL, passage_target_chars=200)
    index, counting = build_and_check()
    assert sorted(counting.passage_texts(index)) == sorted(p.text for p in index.passages)
    assert list(index.passages) == [p for a in index.articles for p in chunk_article(a, 200, 600)]


def test_the_names_answers_compare_are_stored_with_their_vectors(seed_index, encoder):
    """Every measure name, in each form the engine may give it, its head, group and words, and
    the vocabulary's phrases: stored with the model's own vectors, so answers need not encode them."""
    names = seed_index.names
    assert len(names.texts) == len(set(names.texts)) == len(names.vectors) > 0
    for figure in seed_index.figures:
        head, _, group = figure.measure.partition(": ")
        for text in (figure.measure, head, group or head, *re.findall(r"[a-z]+", figure.measure.lower())):
            assert names.get(text) is not None, text
        if figure.scope:
            assert names.get(f"{figure.measure} in {figure.scope}") is not None
    assert names.get("How many were killed?") is None   # a question is not a name
    sample = list(names.texts[:5])
    np.testing.assert_allclose(np.stack([names.get(t) for t in sample]), encoder.encode(sample), atol=1e-5)


def test_a_rebuild_encodes_only_names_it_has_not_stored(workspace, encoder):
    seeds, root = workspace
    before = load_index(root)
    (seeds / "005_new.txt").write_text(
        "Rescuers searched the rubble\nVolunteers said 37 ambulances and 12 fire engines reached the cemetery.\n",
        encoding="utf-8")
    counting = CountingEncoder(encoder)
    build_index(make_settings(seeds, root), encoder_factory=lambda: counting)
    after = load_index(root)
    names_encoded = [t for t in counting.texts if t not in counting.passage_texts(after)]
    assert names_encoded and set(names_encoded) == set(after.names.texts) - set(before.names.texts)
    for text in set(before.names.texts) & set(after.names.texts):
        np.testing.assert_array_equal(after.names.get(text), before.names.get(text))


def test_answers_encode_no_name_the_index_stores(seed_index_dir, seed_index, encoder, settings_for):
    from bot.answer import Engine

    class Recording:
        name, dimension = encoder.name, encoder.dimension

        def __init__(self):
            self.texts: list[str] = []

        def encode(self, texts):
            self.texts.extend(texts)
            return encoder.encode(texts)

        def encode_query(self, text):
            self.texts.append(text)
            return encoder.encode_query(text)

    recording = Recording()
    engine = Engine(seed_index, recording, settings_for(seed_index_dir.parent / "seeds", seed_index_dir))
    answers = [engine.ask(question) for question in ("How many people were killed?", "How many were injured?",
                                                     "How long after the first blast came the second?",
                                                     "What did the first reports say on the day?")]
    assert all(a.figures for a in answers[:2])
    compared = set(seed_index.names.texts)
    assert recording.texts and not compared & set(recording.texts)


def test_a_generation_without_names_still_answers(workspace, encoder, settings_for):
    """An index written before names were stored loads with none; the engine encodes what it compares."""
    from bot.answer import Engine

    seeds, root = workspace
    generation = current_generation(root)
    path, manifest = _manifest(root)
    for name in ("names.json", "names.npy"):
        (generation / name).unlink()
        del manifest["files"][name]
    path.write_text(json.dumps(manifest))
    index = load_index(root)
    assert index.names.texts == ()
    answer = Engine(index, encoder, settings_for(seeds, root)).ask("How many people were killed?")
    assert answer.figures and answer.figures[0].values


# --------------------------------------------------------------------------- (c) atomic swap

def write_variants(folder: Path, count: int) -> list[str]:
    """count different articles made from the seeds (rotated paragraphs, numbered)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))]
    names = []
    for i in range(count):
        lines = [line for line in texts[i % len(texts)].split("\n") if line.strip()]
        shift = (i // len(texts)) % len(lines)
        lines = lines[shift:] + lines[:shift]
        name = f"variant-{i:04d}.txt"
        (folder / name).write_text("\n".join(f"Report {i}, part {j}. {line}" for j, line in enumerate(lines)) + "\n",
                                   encoding="utf-8")
        names.append(name)
    return names


_PROGRESS = re.compile(r"(\d+)/(\d+) \[")


def kill_build_at(seeds: Path, root: Path, log: Path, moment: tuple[str, float]) -> str:
    """Run `python -m index build`, SIGKILL it at the moment, return its stderr.

    moment: ("start", s) s seconds after launch; ("bar", s) s seconds after the embedding
    progress bar appears; ("done", n) as soon as the bar shows at least n passages embedded.
    """
    kind, value = moment
    with open(log, "w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "index", "build", "--seeds", str(seeds), "--index", str(root)],
                                   cwd=PROJECT, env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            deadline = time.monotonic() + 300
            while kind != "start" and time.monotonic() < deadline and process.poll() is None:
                err = log.read_text(errors="replace")
                if kind == "bar" and "embedding" in err:
                    break
                if kind == "done" and any(int(done) >= value for done, _ in _PROGRESS.findall(err)):
                    break
                time.sleep(0.02)
            if kind in ("start", "bar"):
                time.sleep(value)
            assert process.poll() is None, f"build ended before {moment}: {log.read_text(errors='replace')[-2000:]}"
            os.kill(process.pid, signal.SIGKILL)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    return log.read_text(errors="replace")


def check_killed_builds(tmp_path, seed_index_dir, variants: int, moments) -> None:
    """Kill one CLI build per moment (each on its own copy of the seed index, all at once so
    their model loading overlaps); each copy must still serve the seed index, and a later build
    must complete and leave no tmp-* or superseded folders."""
    seeds = copy_seeds(tmp_path / "seeds")
    names = write_variants(seeds, variants)
    roots = [copy_index(seed_index_dir, tmp_path / f"index-{number}") for number in range(len(moments))]
    previous = load_index(roots[0])
    pointer = (roots[0] / POINTER).read_text()
    with ThreadPoolExecutor(len(moments)) as pool:
        list(pool.map(lambda n: kill_build_at(seeds, roots[n], tmp_path / f"build-{n}.log", moments[n]),
                      range(len(moments))))
    for root, moment in zip(roots, moments):
        index = load_index(root)  # still the previous complete index
        assert tuple(a.id for a in index.articles) == SEED_IDS, moment
        assert (root / POINTER).read_text() == pointer, moment
        assert index.embeddings.tobytes() == previous.embeddings.tobytes(), moment
        # The next build completes and leaves nothing half-written behind (a fake model keeps
        # this fast: the swap does not depend on the vectors).
        report = build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=HashEncoder)
        assert report.added == tuple(names)
        index = load_index(root)
        assert tuple(a.id for a in index.articles) == (*SEED_IDS, *names)
        assert leftovers(root) == []
        assert [e.name for e in root.iterdir() if e.name.startswith(("gen-", "tmp-"))] == [index.path.name]


def test_sigkill_during_cli_build_keeps_the_previous_index(tmp_path, seed_index_dir):
    # 22 articles, about 390 passages: the bar reaches 256 (its first slice) with more to embed.
    check_killed_builds(tmp_path, seed_index_dir, variants=22, moments=[
        ("start", 0.3), ("start", 1.0), ("start", 2.0), ("bar", 0.0), ("done", 256),
    ])


@pytest.mark.slow
@pytest.mark.skipif(not LONG_TESTS, reason="set CROSSCHECK_LONG_TESTS=1 for the 300-article variant")
def test_sigkill_during_long_cli_build_keeps_the_previous_index(tmp_path, seed_index_dir):
    check_killed_builds(tmp_path, seed_index_dir, variants=300, moments=[
        ("start", 0.3), ("start", 1.0), ("start", 2.0), ("bar", 0.3), ("bar", 1.0), ("bar", 2.0), ("done", 1024),
    ])


_KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import numpy as np
    import config
    import index.store as store
    from index.build import build_index
    from tests.fakes import HashEncoder

    seeds, root, stage = sys.argv[1], sys.argv[2], sys.argv[3]

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    save_npy, write_bytes, rename, replace = store._save_npy, store._write_bytes, os.rename, os.replace

    def patched_save_npy(path, array):
        if stage == "half " + path.name:
            with open(path, "wb") as handle:
                np.save(handle, array)
            with open(path, "r+b") as handle:
                handle.truncate(path.stat().st_size // 2)
            die()
        save_npy(path, array)
        if stage == path.name:
            die()

    def patched_write_bytes(path, data):
        write_bytes(path, data)
        if stage == path.name:
            die()

    def patched_rename(source, target, *args, **kwargs):
        rename(source, target, *args, **kwargs)
        if stage == "renamed" and Path(target).name.startswith("gen-"):
            die()

    def patched_replace(source, target, *args, **kwargs):
        replace(source, target, *args, **kwargs)
        if stage == "swapped" and Path(target).name == "CURRENT":
            die()

    store._save_npy, store._write_bytes = patched_save_npy, patched_write_bytes
    os.rename, os.replace = patched_rename, patched_replace
    settings = config.load_settings(environ={}).replace(seeds_dir=Path(seeds), index_dir=Path(root), model="fake-hash")
    build_index(settings, encoder_factory=HashEncoder)
    print("finished")
""")


@pytest.mark.parametrize("stage, survives", [
    ("articles.jsonl", "previous"),
    ("half embeddings.npy", "previous"),
    ("embeddings.npy", "previous"),
    ("figures.jsonl", "previous"),
    ("manifest.json", "previous"),
    ("renamed", "previous"),       # the new generation is complete but CURRENT still names the old
    ("swapped", "new"),            # killed right after the atomic moment, before clean-up
])
def test_sigkill_at_each_step_of_the_write(tmp_path, workspace, stage, survives):
    seeds, root = workspace
    (seeds / "005_extra.txt").write_text("A sixth article on the Kerman attack.\nIt was written later.\n")
    script = tmp_path / "kill_build.py"
    script.write_text(_KILL_SCRIPT)
    result = subprocess.run([sys.executable, str(script), str(seeds), str(root), stage], cwd=PROJECT,
                            env=subprocess_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == -signal.SIGKILL, result.stdout + result.stderr

    index = load_index(root)
    if survives == "previous":
        assert tuple(a.id for a in index.articles) == SEED_IDS
        assert index.manifest.model == "all-MiniLM-L6-v2"
    else:
        assert tuple(a.id for a in index.articles) == (*SEED_IDS, "005_extra.txt")
        assert index.manifest.model == FAKE_MODEL
    assert leftovers(root), "the kill should have left a half-written or superseded folder"

    report = build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=HashEncoder)
    assert leftovers(root) == []
    assert load_index(root).path == report.path
    assert [e.name for e in root.iterdir() if e.name.startswith(("gen-", "tmp-"))] == [report.path.name]


def test_read_only_index_folder_raises_build_error(workspace):
    seeds, root = workspace
    before = load_index(root)
    original = root.stat().st_mode
    os.chmod(root, 0o555)
    try:
        if os.access(root, os.W_OK):
            pytest.skip("running as root: a read-only mode does not stop writes")
        with pytest.raises(BuildError) as raised:
            build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=HashEncoder)
    finally:
        os.chmod(root, original)
    assert str(root) in str(raised.value)
    assert load_index(root).path == before.path


_FILE_SIZE_SCRIPT = textwrap.dedent("""
    import json, resource, signal, sys
    from pathlib import Path
    import numpy as np
    import config
    from index.build import BuildError, build_index

    class HashEncoder:
        name, dimension = "fake-hash", 384
        def encode(self, texts):
            return np.full((len(texts), 384), 384 ** -0.5, dtype=np.float32)

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit then fails with EFBIG
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, hard))
    settings = config.load_settings(environ={}).replace(
        seeds_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]), model="fake-hash")
    try:
        build_index(settings, encoder_factory=HashEncoder)
        print(json.dumps({"error": None}))
    except BuildError as error:
        print(json.dumps({"error": "BuildError", "message": str(error)}))
""")


def test_failed_write_raises_build_error_and_keeps_the_index(tmp_path, workspace):
    """Works as root too: a file size limit makes writing embeddings.npy (about 137 kB) fail."""
    seeds, root = workspace
    before = load_index(root)
    script = tmp_path / "limited_build.py"
    script.write_text(_FILE_SIZE_SCRIPT)
    result = subprocess.run([sys.executable, str(script), str(seeds), str(root)], cwd=PROJECT,
                            env=subprocess_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["error"] == "BuildError"
    assert str(root) in outcome["message"] and "previous index is kept" in outcome["message"]
    after = load_index(root)
    assert after.path == before.path and after.embeddings.tobytes() == before.embeddings.tobytes()
    assert leftovers(root) == []  # the half-written generation was removed


# --------------------------------------------------------------------------- (d) bad inputs

def test_empty_seeds_folder_keeps_the_index(tmp_path, workspace):
    _, root = workspace
    before = load_index(root)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BuildError) as raised:
        build_index(make_settings(empty, root), encoder_factory=HashEncoder)
    assert str(empty) in str(raised.value)
    assert load_index(root).path == before.path


def test_missing_seeds_folder_raises_build_error(tmp_path, workspace):
    _, root = workspace
    with pytest.raises(BuildError, match="not found"):
        build_index(make_settings(tmp_path / "nowhere", root), encoder_factory=HashEncoder)
    assert tuple(a.id for a in load_index(root).articles) == SEED_IDS


def test_binary_article_is_skipped_with_a_warning(workspace):
    seeds, root = workspace
    (seeds / "broken.txt").write_bytes(bytes(range(256)) * 20)
    report = build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=HashEncoder)
    assert any(w.startswith("broken.txt") and "binary" in w for w in report.warnings), report.warnings
    index = load_index(root)
    assert tuple(a.id for a in index.articles) == SEED_IDS
    assert report.added == () and report.unchanged == SEED_IDS


def test_an_extractor_fault_on_one_article_keeps_the_build_and_the_article(workspace, monkeypatch):
    seeds, root = workspace
    (seeds / "faulty.txt").write_text("Officials said 12 people died in the flood.\n", encoding="utf-8")
    real = build_module.figure_extraction.extract_figures

    def failing(article_id, text, published=None):
        if article_id == "faulty.txt":
            raise IndexError("list index out of range")
        return real(article_id, text, published)

    monkeypatch.setattr(build_module.figure_extraction, "extract_figures", failing)
    report = build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=HashEncoder)
    assert any(w.startswith("faulty.txt") and "figures could not be read" in w for w in report.warnings)
    index = load_index(root)
    assert "faulty.txt" in {a.id for a in index.articles}                 # still searchable
    assert not any(f.article_id == "faulty.txt" for f in index.figures)
    assert any(f.article_id == SEED_IDS[0] for f in index.figures)        # the others keep theirs


@pytest.mark.parametrize("with_previous", [False, True])
def test_articles_without_any_words_raise_build_error(tmp_path, with_previous):
    """A seeds folder whose only readable articles are page furniture ("---", "|") gives no
    passages. Expected: BuildError (the bot's /reindex and the CLI report it). Actual: an
    AttributeError without a previous index, a ValueError from Postings.build with one."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    root = tmp_path / "index"
    settings = make_settings(seeds, root, model=FAKE_MODEL)
    if with_previous:
        (seeds / "a.txt").write_text("Forty people were killed in Kerman.\n")
        build_index(settings, encoder_factory=HashEncoder)
        (seeds / "a.txt").unlink()
    (seeds / "furniture.txt").write_text("---\n|\n***\n")
    with pytest.raises(BuildError):
        build_index(settings, encoder_factory=HashEncoder)
    if with_previous:
        assert [a.id for a in load_index(root).articles] == ["a.txt"]


# --------------------------------------------------------------------------- (e) corruption

def _manifest(root: Path) -> tuple[Path, dict]:
    path = current_generation(root) / "manifest.json"
    return path, json.loads(path.read_text())


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _set_manifest(root: Path, **changes) -> None:
    path, manifest = _manifest(root)
    manifest.update(changes)
    path.write_text(json.dumps(manifest))


def _truncate_and_fix_size(root: Path) -> None:
    generation = current_generation(root)
    _truncate(generation / "embeddings.npy")
    _, manifest = _manifest(root)
    _set_manifest(root, files={**manifest["files"], "embeddings.npy": (generation / "embeddings.npy").stat().st_size})


def _narrow_names_and_fix_size(root: Path) -> None:
    generation = current_generation(root)
    np.save(generation / "names.npy", np.zeros((3, 2), dtype=np.float32))
    _, manifest = _manifest(root)
    _set_manifest(root, files={**manifest["files"], "names.npy": (generation / "names.npy").stat().st_size})


CORRUPTIONS = {
    "missing bm25.npz": lambda root: (current_generation(root) / "bm25.npz").unlink(),
    "missing embeddings.npy": lambda root: (current_generation(root) / "embeddings.npy").unlink(),
    "missing manifest.json": lambda root: (current_generation(root) / "manifest.json").unlink(),
    "truncated embeddings.npy": lambda root: _truncate(current_generation(root) / "embeddings.npy"),
    "truncated embeddings.npy, size fixed": _truncate_and_fix_size,
    "garbled passages.npy": lambda root: (current_generation(root) / "passages.npy").write_bytes(
        b"\0" * (current_generation(root) / "passages.npy").stat().st_size),
    "names.npy of another width, size fixed": _narrow_names_and_fix_size,
    "manifest dimension": lambda root: _set_manifest(root, dimension=512),
    "manifest not JSON": lambda root: _manifest(root)[0].write_text("{\"format\": 1,"),
    "manifest missing a key": lambda root: _manifest(root)[0].write_text(
        json.dumps({k: v for k, v in _manifest(root)[1].items() if k != "articles"})),
    "manifest lists another article": lambda root: _set_manifest(root, articles={"ghost.txt": "0" * 64}),
    "manifest files is not a mapping": lambda root: _set_manifest(root, files=None),
    "CURRENT names a missing generation": lambda root: (root / POINTER).write_text("gen-gone"),
}


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_corrupt_index_is_reported_and_rebuilt(workspace, corruption):
    seeds, root = workspace
    CORRUPTIONS[corruption](root)
    with pytest.raises(IndexCorrupt) as raised:
        load_index(root)
    assert HINT in str(raised.value)
    assert str(root) in str(raised.value)
    # The hint works: a build starts from scratch and the index loads again.
    report = build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=HashEncoder)
    assert report.encoded == report.passages
    assert tuple(a.id for a in load_index(root).articles) == SEED_IDS


def test_missing_pointer_is_index_missing(tmp_path, workspace):
    _, root = workspace
    (root / POINTER).unlink()
    with pytest.raises(IndexMissing) as raised:
        load_index(root)
    assert HINT in str(raised.value)
    with pytest.raises(IndexMissing):
        load_index(tmp_path / "never-built")


# --------------------------------------------------------------------------- (f) one build at a time

def test_second_build_while_locked_raises_build_error(workspace):
    seeds, root = workspace
    before = load_index(root)
    with build_lock(root):
        with pytest.raises(BuildError, match="another build"):
            build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=HashEncoder)
        # Across processes too.
        cli = run_cli("build", "--seeds", str(seeds), "--index", str(root))
        assert cli.returncode == 1 and "another build" in cli.stderr
    assert load_index(root).path == before.path
    # Released: the next build runs.
    report = build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=HashEncoder)
    assert load_index(root).path == report.path


def test_lock_is_released_when_a_build_fails(workspace):
    seeds, root = workspace
    def failing():
        raise RuntimeError("encoder exploded")
    with pytest.raises(RuntimeError, match="exploded"):
        build_index(make_settings(seeds, root, model=FAKE_MODEL), encoder_factory=failing)
    with build_lock(root):
        pass
    assert leftovers(root) == []


def test_a_new_publication_date_re_extracts_an_unchanged_articles_figures(workspace, encoder):
    # The publication year says which figures are another event's, so a sidecar edit alone must
    # not keep the figures read under the old date.
    seeds, root = workspace
    article = seeds / "hospital_attack.txt"
    article.write_text("Hospital attack\n\nIn March 2025 the gang attacked another hospital, demanding 80 bitcoin. "
                       "The gang now demands 250 bitcoin.\n", encoding="utf-8")
    build_index(make_settings(seeds, root), encoder_factory=lambda: encoder)
    flags = {f.text: f.other_event for f in load_index(root).figures
             if f.article_id == "hospital_attack.txt" and f.kind == "money"}
    assert flags == {"80 bitcoin": False, "250 bitcoin": False}
    (seeds / "hospital_attack.txt.meta.json").write_text('{"published": "2026-10-07"}', encoding="utf-8")
    build_index(make_settings(seeds, root), encoder_factory=lambda: encoder)
    flags = {f.text: f.other_event for f in load_index(root).figures
             if f.article_id == "hospital_attack.txt" and f.kind == "money"}
    assert flags == {"80 bitcoin": True, "250 bitcoin": False}

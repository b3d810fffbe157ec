"""The running service: rebuilds beside live answers, uploads, degraded mode, failures that lose nothing."""
from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

import pytest

from bot import service as service_module
from bot.service import RebuildBusy, Service, UploadRejected, open_engine
from conftest import copy_seeds, make_settings
from index.build import BuildError

NEW_REPORT = (b"Kerman toll revised\n"
              b"Officials said 95 people were killed in the Kerman blasts.\n")


@pytest.fixture
async def live(tmp_path, encoder, seed_index_dir, monkeypatch) -> Service:
    monkeypatch.setattr(service_module, "load_encoder", lambda settings: (encoder, None))
    seeds = copy_seeds(tmp_path / "seeds")
    shutil.copytree(seed_index_dir, tmp_path / "index")  # the start-up rebuild then reuses every embedding
    service = Service(make_settings(seeds, tmp_path / "index"))
    await service.start()
    return service


async def test_rebuild_with_an_upload_reports_what_changed_and_new_disagreement(live):
    report = await live.rebuild([("toll-update.txt", NEW_REPORT)])
    assert report.saved_uploads == ("toll-update.txt",)
    assert report.added == ("toll-update.txt",) and len(report.unchanged) == 5
    killed = [m for m in report.new_disagreements if m.measure == "killed"]
    assert killed and "95" in {v.label for v in killed[0].values}
    answer = await live.ask("How many people were killed?")
    assert "95" in {v.label for m in answer.figures for v in m.values}


async def test_questions_are_answered_from_the_old_index_while_a_rebuild_runs(live):
    old_engine = live.engine
    (Path(live.settings.seeds_dir) / "extra.txt").write_bytes(NEW_REPORT)
    rebuild = asyncio.create_task(live.rebuild())
    await asyncio.sleep(0)  # the rebuild has started in its thread
    answers = await asyncio.gather(*(live.ask("How many were injured?") for _ in range(5)))
    assert all(a.figures for a in answers)
    with pytest.raises(RebuildBusy):
        await live.rebuild()
    await rebuild
    assert live.engine is not old_engine and "extra.txt" in live.source_ids()


@pytest.mark.parametrize("name, data, reason", [
    ("../escape.txt", NEW_REPORT, "plain file name"),
    ("sub\\escape.txt", NEW_REPORT, "plain file name"),
    (".hidden.txt", NEW_REPORT, "plain file name"),
    ("report.exe", NEW_REPORT, "files are accepted"),
    ("big.txt", b"word " * 400_000, "larger than"),
    ("binary.txt", b"\x00\x01\x02" * 100, "binary"),
    ("blank.md", b"   \n\n", "empty"),
    ("000_f88b6be7cb54ebcd.txt", NEW_REPORT, "already exists"),
])
async def test_bad_uploads_are_refused_and_nothing_is_saved(live, name, data, reason):
    before = sorted(p.name for p in Path(live.settings.seeds_dir).iterdir())
    with pytest.raises(UploadRejected, match=reason):
        await live.rebuild([("fine.txt", b"A fine report\nNine people were hurt.\n"), (name, data)])
    assert sorted(p.name for p in Path(live.settings.seeds_dir).iterdir()) == before


async def test_duplicate_text_upload_is_refused(live):
    seed_text = (Path(live.settings.seeds_dir) / "000_f88b6be7cb54ebcd.txt").read_bytes()
    with pytest.raises(UploadRejected, match="already indexed"):
        await live.rebuild([("copy.txt", seed_text)])


async def test_a_failed_rebuild_keeps_the_last_good_index_serving(live):
    engine = live.engine
    for path in Path(live.settings.seeds_dir).iterdir():
        path.unlink()
    with pytest.raises(BuildError, match="no readable articles"):
        await live.rebuild()
    assert live.engine is engine
    assert (await live.ask("How many were killed?")).figures


def test_missing_model_answers_from_bm25_alone_marked_degraded(tmp_path, seed_index_dir, caplog):
    index = tmp_path / "index"
    shutil.copytree(seed_index_dir, index)
    settings = make_settings(copy_seeds(tmp_path / "seeds"), index, model=str(tmp_path / "no-such-model"))
    (index / "CURRENT").touch()  # newer than the seeds copy: no rebuild wanted
    with caplog.at_level(logging.ERROR):
        engine = open_engine(settings)
    assert "could not be loaded" in caplog.text
    answer = engine.ask("How many people were killed?")
    assert answer.degraded and "keywords alone" in answer.degraded
    assert answer.citations and {"84", "103"} <= {v.label for m in answer.figures for v in m.values}


def test_missing_model_and_no_index_is_a_clear_error(tmp_path):
    from index.store import IndexMissing

    settings = make_settings(copy_seeds(tmp_path / "seeds"), tmp_path / "index", model=str(tmp_path / "none"))
    with pytest.raises(IndexMissing, match="python -m index build"):
        open_engine(settings)

"""Moderators' corrections without Discord: where they apply, how they are stored, how every
answer shows them, how they move between installs, and that a kill mid-write leaves each one
wholly there or not at all."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bot import render
from bot.answer import Engine
from bot.moderation import shown_values
from bot.service import Service, open_engine
from config import load_settings
from corrections.apply import Stale, anchor, resolve
from corrections.model import Correction, FigureRef
from corrections.transfer import BadCorrectionsFile, from_json, to_json
from state import SCHEMA_VERSION, ReportClosed, State
from state.database import MIGRATIONS
from test_answer import FLOOD_ARTICLES, engine_of

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Headline\nFloods killed 17 people on Monday. Rescuers said 41 people were hurt.\n"


def ref(text: str, words: str, sentence: str, measure: str = "killed") -> FigureRef:
    sentence_start = text.index(sentence)
    start = text.index(words, sentence_start)
    return FigureRef("a.txt", start, start + len(words), words, sentence_start, sentence, measure, words)


SEVENTEEN = ref(TEXT, "17", "Floods killed 17 people on Monday.")


def decision(figure: FigureRef, action: str = "hide", number: int = 1, target: str | None = None) -> Correction:
    return Correction(number, action, (figure,), target, "", "mod", 1.0)


# ---------------------------------------------------------------- where a correction applies


def test_a_figure_is_found_where_it_was_and_where_its_unchanged_sentence_moved():
    assert anchor(SEVENTEEN, TEXT) == SEVENTEEN.start
    edited = TEXT.replace("Headline\n", "Headline, updated with a longer title\n")
    assert anchor(SEVENTEEN, edited) == edited.index("17")


@pytest.mark.parametrize("edited", [
    TEXT.replace("killed 17", "killed 19"),                 # the figure changed
    TEXT.replace("on Monday", "late on Monday"),            # its sentence changed
    TEXT.replace("Headline\n", "New headline\nFloods killed 17 people on Monday. "),  # moved, and there twice
    None,                                                   # the article is gone
])
def test_a_figure_whose_sentence_changed_is_not_found(edited):
    assert anchor(SEVENTEEN, edited) is None


def test_stale_decisions_say_why_and_the_later_of_two_applies():
    fixes, stale = resolve([decision(SEVENTEEN, "hide", 1), decision(SEVENTEEN, "confirm", 2)], {"a.txt": TEXT})
    assert fixes["a.txt", SEVENTEEN.start, "17"].correction.action == "confirm" and stale == {}
    _, stale = resolve([decision(SEVENTEEN)], {"a.txt": TEXT.replace("17", "19")})
    assert stale == {1: Stale("the sentence in a.txt changed", True)}
    _, stale = resolve([decision(SEVENTEEN)], {})
    assert stale == {1: Stale("a.txt no longer exists", True)}
    both = Correction(2, "hide", (SEVENTEEN, ref(TEXT, "41", "Rescuers said 41 people were hurt.")), None, "", "m", 1.0)
    fixes, stale = resolve([both], {"a.txt": TEXT.replace("said 41", "said 43")})
    assert stale == {2: Stale("1 of 2 statements: the sentence in a.txt changed", False)} and len(fixes) == 1


# ---------------------------------------------------------------- export and import files


def test_an_export_reads_back_as_the_same_decisions():
    moved = decision(SEVENTEEN, "move", target="killed in 2009")
    data = json.loads(json.dumps(to_json([moved, decision(SEVENTEEN)])))
    back = from_json(data)
    assert [(c.action, c.target, c.figures) for c in back] == [("move", "killed in 2009", (SEVENTEEN,)),
                                                                ("hide", None, (SEVENTEEN,))]


@pytest.mark.parametrize("breakage, message", [
    (lambda d: d.update(format="something else"), "not a crosscheck corrections file"),
    (lambda d: d.update(version=99), "version 99"),
    (lambda d: d["corrections"][0].update(action="delete"), "unknown action 'delete'"),
    (lambda d: d["corrections"][0].update(target=None, action="move"), "a move needs a target"),
    (lambda d: d["corrections"][0]["figures"][0].update(start=0), "not at its offsets"),
    (lambda d: d["corrections"][0]["figures"][0].pop("sentence"), "needs exactly the fields"),
    (lambda d: d["corrections"][0].update(figures=[]), "non-empty list"),
])
def test_a_damaged_export_is_refused_with_where_and_why(breakage, message):
    data = to_json([decision(SEVENTEEN)])
    breakage(data)
    with pytest.raises(BadCorrectionsFile, match=message):
        from_json(data)


# ---------------------------------------------------------------- the state database


def new_report(state: State, figures=(SEVENTEEN,), reporter_id: int = 7) -> int:
    return state.add_report(reason="misread", note="it was 19", asked="ask: How many died?", measure="killed",
                            value="17", figures=figures, reporter_id=reporter_id, reporter="alice", guild_id=1,
                            channel_id=2, message_url=None)


def test_acting_on_a_report_closes_it_once_and_a_new_decision_replaces_the_old(tmp_path):
    state = State(tmp_path / "s.db")
    report = new_report(state)
    assert [r.id for r in state.reports()] == [report] and state.reports()[0].figures == (SEVENTEEN,)
    first = state.correct("hide", (SEVENTEEN,), by="mod", report_id=report)
    assert state.reports() == [] and state.report(report).status == "acted"
    with pytest.raises(ReportClosed):      # a second moderator clicking the same report
        state.correct("confirm", (SEVENTEEN,), by="other", report_id=report)
    assert [c.id for c in state.corrections()] == [first]      # the failed decision left nothing
    second = state.correct("move", (SEVENTEEN,), by="mod", target="killed in 2009")
    [in_force] = state.corrections()
    assert in_force.id == second and in_force.target == "killed in 2009"
    replaced = next(c for c in state.corrections(in_force=False) if c.id == first)
    assert replaced.undone_by == f"replaced by #{second}"
    assert state.undo(second, "mod") and not state.undo(second, "mod") and state.corrections() == []


def test_dismissing_and_counting_reports_per_reader(tmp_path):
    state = State(tmp_path / "s.db")
    for _ in range(3):
        new_report(state, reporter_id=7)
    new_report(state, reporter_id=8)
    assert state.reports_since(7, time.time() - 60) == 3 and state.reports_since(7, time.time() + 1) == 0
    state.dismiss(1, "mod")
    assert state.report(1).status == "dismissed" and len(state.reports()) == 3
    with pytest.raises(ReportClosed):
        state.dismiss(1, "mod")


def test_an_import_takes_each_decision_once_and_all_or_nothing(tmp_path):
    state = State(tmp_path / "s.db")
    decisions = [decision(SEVENTEEN), decision(ref(TEXT, "41", "Rescuers said 41 people were hurt.", "injured"))]
    assert state.import_corrections(decisions, by="import") == (2, 0)
    assert state.import_corrections(decisions, by="import") == (0, 2)
    broken = [decision(SEVENTEEN, "confirm"), Correction(0, "hide", (), None, "", "x", 0.0)]
    with pytest.raises(ValueError):
        state.import_corrections(broken, by="import")
    assert len(state.corrections()) == 2                        # the confirm before the error rolled back


def test_thumbs_count_once_per_reader_and_feedback_lists_the_weakest_first(tmp_path):
    state = State(tmp_path / "s.db")
    state.vote("How many died?", 1, 1, None)
    state.vote("how many  DIED?", 1, -1, None)     # the same question, the same reader: the thumb changes
    state.vote("How many died?", 2, -1, None)
    state.vote("Who claimed it?", 1, 1, None)
    new_report(state)
    weakest, other = state.feedback()
    assert (weakest.up, weakest.down, weakest.reports) == (0, 2, (1,))
    assert (other.question, other.up, other.down) == ("Who claimed it?", 1, 0)


def test_a_version_1_database_is_brought_up_to_date_keeping_its_data(tmp_path):
    path = tmp_path / "s.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO feeds (url, followed_at) VALUES ('http://a.example/feed', 1)")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    state = State(path)
    assert [f.url for f in state.feeds()] == ["http://a.example/feed"]
    assert state.reports() == [] and state.channel_settings(5).style == "compact"
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2


# ---------------------------------------------------------------- every answer applies them


@pytest.fixture(scope="module")
def flood(tmp_path_factory) -> tuple[Engine, Path]:
    base = tmp_path_factory.mktemp("flood-corrections")
    seeds = base / "seeds"
    seeds.mkdir()
    for name, text in FLOOD_ARTICLES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    return open_engine(load_settings().replace(seeds_dir=seeds, index_dir=base / "index")), base


def value_of(engine: Engine, question: str, measure: str, label: str):
    return next(v for v in shown_values(engine.ask(question).figures) if (v.measure, v.value.label) == (measure, label))


def killed(answer) -> list[str]:
    return [v.label for m in answer.figures if m.measure == "killed" for v in m.values]


def test_hiding_moving_and_confirming_change_the_next_answer_without_a_rebuild(flood):
    engine, _ = flood
    question = "How many people were killed?"
    assert {"17", "23"} <= set(killed(engine.ask(question)))
    wrong = value_of(engine, question, "killed", "23")
    right = value_of(engine, question, "killed", "17")
    corrected = engine.with_corrections([Correction(1, "hide", wrong.figures(), None, "", "mod", 1.0),
                                         Correction(2, "confirm", right.figures(), None, "", "mod", 1.0)])
    assert corrected.searcher is engine.searcher                  # the same index and search: no rebuild
    answer = corrected.ask(question)
    assert "23" not in killed(answer) and "17" in killed(answer)
    [measure] = [m for m in answer.figures if m.measure == "killed"]
    assert measure.hidden == 1 and measure.corrected
    seventeen = next(v for v in measure.values if v.label == "17")
    assert {q.correction for q in seventeen.quotes} == {"checked correct by mod"}
    data = render.answer_json(answer)["figures"][0]
    assert data["hidden_by_corrections"] == 1 and data["corrected"]
    assert any(v["corrected"] for v in data["values"])
    assert "1 statement of killed hidden by a moderator's correction" in render.glance_text(answer)
    assert "corrected: checked correct by mod" in render.answer_text(answer)
    assert "23" in killed(engine.ask(question))                   # the engine it came from is unchanged

    moved = engine.with_corrections([Correction(3, "move", wrong.figures(), "killed upstream", "", "mod", 1.0)])
    assert "23" not in killed(moved.ask(question))
    upstream = moved.measure_figures("killed upstream")
    assert [v.label for v in upstream.values] == ["23"]
    assert upstream.values[0].quotes[0].correction == "moved here from killed by mod"


def test_a_measure_whose_every_value_is_hidden_still_says_so(flood):
    engine, _ = flood
    values = [v for v in shown_values(engine.ask("How many people were killed?").figures) if v.measure == "killed"]
    hidden = engine.with_corrections([Correction(i, "other_event", v.figures(), None, "", "mod", 1.0)
                                      for i, v in enumerate(values, start=1)])
    [measure] = [m for m in hidden.ask("How many people were killed?").figures if m.measure == "killed"]
    assert measure.values == () and measure.hidden >= len(values)
    assert measure.summary.startswith("No value shown for killed:")


def test_a_place_narrowed_answer_over_some_articles_counts_only_their_hidden_statements(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Protests in Varsel\nPolice put the crowd in Varsel at 40,000. In Kostrin police put the crowd at "
                 "18,000.\n",
        "b.txt": "Varsel marches again\nThe crowd in Varsel was 85,000, police said. Kostrin marched too.\n",
        "c.txt": "Varsel again\nOrganisers in Varsel said 250,000 marched. Kostrin was calm.\n"})
    question = "How many people marched in Varsel?"
    [value] = [v for v in shown_values(engine.ask(question).figures) if v.value.label == "85,000"]
    hidden = engine.with_corrections([Correction(1, "hide", value.figures(), None, "", "mod", 1.0)])
    assert sum(m.hidden for m in hidden.ask(question).figures) == 1
    # article a's own answer drops its Kostrin crowd; b's hidden statement is no part of it
    [of_a] = [m for m in hidden.measures_asked(question, {"a.txt"}) if m.values]
    assert [v.label for v in of_a.values] == ["40,000"] and of_a.hidden == 0


def test_a_correction_outlives_a_rebuild_and_goes_stale_when_its_sentence_is_edited(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in FLOOD_ARTICLES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    settings = load_settings().replace(seeds_dir=seeds, index_dir=tmp_path / "index")
    engine = open_engine(settings)
    wrong = value_of(engine, "How many people were killed?", "killed", "23")
    state = State(settings.state_path)
    state.correct("hide", wrong.figures(), by="mod")

    # Another paragraph is added above the sentence: rebuilt, the correction still applies.
    b = seeds / "b.txt"
    b.write_text(b.read_text(encoding="utf-8").replace("dead\n", "dead\nThe water was still rising at dawn.\n"),
                 encoding="utf-8")
    os.utime(b, (time.time() + 5, time.time() + 5))
    rebuilt = open_engine(settings)
    assert "23" not in killed(rebuilt.ask("How many people were killed?")) and rebuilt.stale_corrections == {}

    # The sentence itself is edited: stale, listed with the reason, and no longer applied.
    b.write_text(b.read_text(encoding="utf-8").replace("rose to 23", "rose to 25"), encoding="utf-8")
    os.utime(b, (time.time() + 10, time.time() + 10))
    edited = open_engine(settings)
    [correction] = state.corrections()
    assert edited.stale_corrections == {correction.id: Stale("the sentence in b.txt changed", True)}
    assert "25" in killed(edited.ask("How many people were killed?"))
    assert "stale, no longer applied: the sentence in b.txt changed" in render.corrections_text(
        edited.corrections, edited.stale_corrections)


async def test_a_running_service_applies_corrections_another_process_wrote(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in FLOOD_ARTICLES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    service = Service(load_settings().replace(seeds_dir=seeds, index_dir=tmp_path / "index"))
    await service.start()
    service.corrections_check_seconds = 0.0
    question = "How many people were killed?"
    wrong = value_of(service._ready(), question, "killed", "23")
    imported = [Correction(0, "hide", wrong.figures(), None, "", "elsewhere", 1.0)]
    State(service.settings.state_path).import_corrections(imported, by="import")   # as `corrections import` does
    assert "23" not in killed(await service.ask(question))
    engine = service._ready()
    await service.ask(question)
    assert service._ready() is engine                  # unchanged since: not regrouped again


# ---------------------------------------------------------------- the command line


def run_bot(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_corrections_move_between_installs_and_every_cli_answer_applies_them(flood, tmp_path):
    engine, base = flood
    here = ["--seeds", str(base / "seeds"), "--index", str(base / "index")]
    wrong = value_of(engine, "How many people were killed?", "killed", "23")
    source = State(tmp_path / "one" / "state.sqlite3")
    source.correct("hide", wrong.figures(), by="mod", note="the toll of another valley")
    exported = tmp_path / "corrections.json"
    done = run_bot("corrections", "export", str(exported), "--index", str(tmp_path / "one" / "index"))
    assert done.returncode == 0, done.stderr
    assert json.loads(exported.read_text())["corrections"][0]["note"] == "the toll of another valley"

    # The flood's own install takes them, once, and its CLI answers apply them.
    for expected in ("imported 1 corrections (0 already here)", "imported 0 corrections (1 already here)"):
        done = run_bot("corrections", "import", str(exported), *here)
        assert done.returncode == 0 and expected in done.stderr
    try:
        answer = json.loads(run_bot("ask", "How many people were killed?", "--json", *here).stdout)
        [measure] = [m for m in answer["figures"] if m["measure"] == "killed"]
        assert measure["hidden_by_corrections"] == 1 and "23" not in [v["label"] for v in measure["values"]]
        listed = run_bot("corrections", "list", *here).stdout
        assert "23 (killed) hidden" in listed and "stale" not in listed.split("\n", 1)[1]
    finally:
        (base / "state.sqlite3").unlink()


def test_the_console_applies_and_lists_corrections(flood):
    engine, base = flood
    wrong = value_of(engine, "How many people were killed?", "killed", "23")
    state = State(base / "state.sqlite3")
    state.correct("hide", wrong.figures(), by="mod")
    state.close()
    try:
        done = subprocess.run([sys.executable, "-m", "bot", "console", "--seeds", str(base / "seeds"),
                               "--index", str(base / "index")], input="How many people were killed?\n/corrections\n",
                              capture_output=True, text=True, cwd=ROOT, env={**os.environ, "DISCORD_TOKEN": ""})
    finally:
        (base / "state.sqlite3").unlink()
    assert done.returncode == 0, done.stderr
    assert "(1 statement of killed hidden by a moderator's correction: /corrections)" in done.stdout
    assert "#1 23 (killed) hidden (by mod)" in done.stdout


def test_a_bad_corrections_file_is_refused_and_nothing_is_imported(tmp_path):
    bad = tmp_path / "bad.json"
    data = to_json([decision(SEVENTEEN)])
    data["corrections"].append({"action": "hide", "figures": [{"article_id": "x"}]})
    bad.write_text(json.dumps(data))
    index = ["--index", str(tmp_path / "index")]
    done = run_bot("corrections", "import", str(bad), *index)
    assert done.returncode == 1
    assert "correction 2, figure 1: needs exactly the fields" in done.stderr and "nothing was imported" in done.stderr
    bad.write_text("{not json")
    assert run_bot("corrections", "import", str(bad), *index).returncode == 1
    assert run_bot("corrections", "list", *index).stdout.strip() == "No correction is in force."


def test_feedback_lists_questions_with_thumbs_and_reports(tmp_path):
    state = State(tmp_path / "state.sqlite3")
    state.vote("How many died?", 1, -1, None)
    new_report(state)
    state.close()
    done = run_bot("feedback", "--json", "--index", str(tmp_path / "index"))
    assert done.returncode == 0, done.stderr
    [question] = json.loads(done.stdout)["questions"]
    assert (question["question"], question["down"], question["up"]) == ("How many died?", 1, 0)
    assert question["reports"][0]["reason"] == "misread" and question["reports"][0]["value"] == "17"


# ---------------------------------------------------------------- a kill while writing

WRITER = textwrap.dedent("""
    import sys
    from corrections.model import FigureRef
    from state import State
    state = State(sys.argv[1])
    print("ready", flush=True)
    figures = [FigureRef("a.txt", i * 10, i * 10 + 2, "17", i * 10, "17 killed.", "killed", "17") for i in range(40)]
    while True:
        report = state.add_report(reason="misread", note="", asked="ask: q", measure="killed", value="17",
                                  figures=figures, reporter_id=1, reporter="r", guild_id=None, channel_id=None,
                                  message_url=None)
        state.correct("hide", figures, by="mod", report_id=report)
""")


def test_a_kill_while_a_correction_is_written_leaves_it_wholly_there_or_not_at_all(tmp_path):
    """SIGKILL at random moments while decisions (40 figures each, and their report's status)
    are written: after each, every decision has all its figures and closed its report, and
    every closed report has its decision."""
    path = tmp_path / "state.sqlite3"
    rng = random.Random(13)
    for _ in range(6):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.4))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        state = State(path)
        corrections = state.corrections(in_force=False)
        assert all(len(c.figures) == 40 for c in corrections)
        acted = {r.id for r in state.reports(None) if r.status == "acted"}
        assert acted == {c.report_id for c in corrections}
        state.close()
    assert len(acted) > 0

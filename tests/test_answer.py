"""The answer engine and its command line, on the seeds and on articles nobody has seen."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot import render
from bot.answer import Engine
from bot.answer.naming import final_name, merge_same_names
from bot.service import open_engine
from config import load_settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds_engine(tmp_path_factory) -> Engine:
    base = tmp_path_factory.mktemp("seeds-engine")
    settings = load_settings().replace(seeds_dir=ROOT / "seeds", index_dir=base / "index")
    return open_engine(settings)


# Three invented reports of an invented event: their figures exist nowhere else.
FLOOD_ARTICLES = {
    "a.txt": "River floods hit Lowtown\n"
             "Floods killed 17 people in Lowtown on Monday, officials said.\n"
             "At least 230 homes were destroyed and 41 people were injured.\n"
             "In 2009, a similar flood killed 6 people in the same valley.\n",
    "b.txt": "Lowtown counts its dead\n"
             "The death toll rose to 23, up from 17, according to the regional governor.\n"
             "Rescuers said 41 people were wounded.\n",
    "c.md": "# Water recedes in Lowtown\n\nMore than 20 people died in the floods, and about "
            "40 were hurt, the Red Cross reported.\n",
}


def engine_of(base: Path, articles: dict[str, str]) -> Engine:
    """An engine over an index of the given articles, written into base/seeds."""
    seeds = base / "seeds"
    seeds.mkdir()
    for name, text in articles.items():
        (seeds / name).write_text(text, encoding="utf-8")
    return open_engine(load_settings().replace(seeds_dir=seeds, index_dir=base / "index"))


@pytest.fixture(scope="module")
def flood_engine(tmp_path_factory) -> Engine:
    return engine_of(tmp_path_factory.mktemp("flood"), FLOOD_ARTICLES)


def labels(answer, measure):
    return [v.label for m in answer.figures if m.measure == measure for v in m.values]


def test_every_killed_value_is_shown_with_its_sources(seeds_engine):
    answer = seeds_engine.ask("How many people were killed in the Kerman bombings?")
    shown = labels(answer, "killed")
    assert {"84", "103", "nearly 100"} <= set(shown)
    assert "15" not in shown  # a 2022 attack, not this one
    killed = next(m for m in answer.figures if m.measure == "killed")
    assert killed.disagree and killed.summary.startswith("Sources disagree")
    texts = {a.id: a.text for a in seeds_engine.index.articles}
    for value in killed.values:
        for quote in value.quotes:
            assert texts[quote.source.id][quote.start:quote.end] == quote.quote
            assert quote.words in quote.quote


def test_unseen_event_figures_revision_and_attribution(flood_engine):
    answer = flood_engine.ask("What is the death toll of the floods?")
    shown = labels(answer, "killed")
    assert "23" in shown and "17" in shown and any("20" in label for label in shown)
    assert "6" not in shown  # the 2009 flood
    killed = next(m for m in answer.figures if m.measure == "killed")
    quotes = [q for v in killed.values for q in v.quotes]
    assert any(q.revision == "current" and q.words == "23" for q in quotes)
    assert any(q.revision == "earlier" and q.words == "17" for q in quotes)
    assert any(q.attributed_to and "governor" in q.attributed_to for q in quotes)


def test_injured_synonyms_are_one_measure(flood_engine):
    answer = flood_engine.ask("How many people were hurt?")
    injured = next(m for m in answer.figures if m.measure == "injured")
    forty_one = next(v for v in injured.values if v.label == "41")
    assert {q.source.id for q in forty_one.quotes} == {"a.txt", "b.txt"}  # "injured" and "wounded"


def test_question_without_a_figure_has_passages_only(seeds_engine):
    answer = seeds_engine.ask("Who claimed responsibility for the attack?")
    assert answer.figures == ()
    assert len(answer.citations) == seeds_engine.settings.results
    assert [c.number for c in answer.citations] == list(range(1, len(answer.citations) + 1))


@pytest.mark.parametrize("question", ["", "   ", "@everyone " * 1000, "\u200b\u0000\x1b[31m?",
                                      "How many killed? " + "x" * 10_000])
def test_hostile_questions_are_answered_without_error(seeds_engine, question):
    answer = seeds_engine.ask(question)
    assert len(answer.question) <= 1000
    assert "\u200b" not in answer.question and "\x00" not in answer.question


def test_compare_names_silent_sources(flood_engine):
    comparison = flood_engine.compare("death toll")
    assert {v.source.id for v in comparison.views} | {s.id for s in comparison.silent} == set(FLOOD_ARTICLES)
    assert all(v.best is not None or v.figures for v in comparison.views)
    only_b = flood_engine.compare("death toll", ["b.txt"])
    assert [v.source.id for v in only_b.views] == ["b.txt"]
    silent = flood_engine.compare("volcanic eruption in Iceland quantum chess")
    assert len(silent.silent) >= 1


def test_disagreement_map_lists_only_disputed_measures(flood_engine):
    disputed = flood_engine.disagreements().measures
    assert disputed and all(len(m.values) > 1 for m in disputed)
    assert "killed" in {m.measure for m in disputed}


def test_json_shape(seeds_engine):
    data = render.answer_json(seeds_engine.ask("How many people were injured?"))
    assert set(data) >= {"question", "passages", "figures"}
    assert set(data["passages"][0]) >= {"source", "start", "end", "text", "score"}
    value = data["figures"][0]["values"][0]
    assert set(value) >= {"value", "low", "high", "sources"}
    assert set(value["sources"][0]) >= {"source", "start", "end", "quote", "attributed_to"}
    json.dumps(data)


def test_cli_ask_json_and_batch(tmp_path):
    index = tmp_path / "index"
    run = [sys.executable, "-m", "bot", "ask", "--seeds", str(ROOT / "seeds"), "--index", str(index)]
    done = subprocess.run(run + ["How many were injured?", "--json"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["figures"][0]["measure"] == "injured"
    batch = tmp_path / "questions.txt"
    batch.write_text("How many were killed?\n\nWho was Soleimani?\n", encoding="utf-8")
    done = subprocess.run(run + ["--batch", str(batch)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["question"] for line in lines] == ["How many were killed?", "Who was Soleimani?"]


def test_cli_sources_and_figures(tmp_path):
    common = ["--seeds", str(ROOT / "seeds"), "--index", str(tmp_path / "index"), "--json"]
    sources = subprocess.run([sys.executable, "-m", "bot", "sources", *common], capture_output=True, text=True, cwd=ROOT)
    assert sources.returncode == 0, sources.stderr
    assert len(json.loads(sources.stdout)["sources"]) == 5
    figures = subprocess.run([sys.executable, "-m", "bot", "figures", *common], capture_output=True, text=True, cwd=ROOT)
    measures = {m["measure"] for m in json.loads(figures.stdout)["measures"]}
    assert {"killed", "anniversary"} <= measures
    # 284, "more than 200" and "more than 280" can all be true: no disagreement to list.
    assert "injured" not in measures


def test_cli_reports_a_missing_seeds_folder(tmp_path):
    done = subprocess.run([sys.executable, "-m", "bot", "sources", "--seeds", str(tmp_path / "none"),
                           "--index", str(tmp_path / "index")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert "error:" in done.stderr and "Traceback" not in done.stderr


def test_cli_timeline_and_pictures(tmp_path):
    common = ["--seeds", str(ROOT / "seeds"), "--index", str(tmp_path / "index")]
    png = tmp_path / "timeline.png"
    done = subprocess.run([sys.executable, "-m", "bot", "timeline", "killed", "--json", "--png", str(png), *common],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    timeline = json.loads(done.stdout)
    assert timeline["measure"] == "killed"
    # The seed articles carry no date: only a sentence with a full date places a statement.
    assert {s["value"] for s in timeline["steps"] + timeline["unknown"]} >= {"84", "nearly 100", "103"}
    assert all(s["how"] == "text" for s in timeline["steps"])
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    figures = tmp_path / "figures.png"
    done = subprocess.run([sys.executable, "-m", "bot", "figures", "--png", str(figures), *common],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "Sources disagree on killed" in done.stdout
    assert figures.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    done = subprocess.run([sys.executable, "-m", "bot", "timeline", "kill", *common], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 1 and "did you mean: killed" in done.stderr and "Traceback" not in done.stderr


def test_console_runs_commands(tmp_path):
    script = ("/help\nHow many were killed?\n/quotes\n/timeline killed\n/sources\n/figures\n/compare anniversary\n"
              "/bogus\n/quit\n")
    done = subprocess.run([sys.executable, "-m", "bot", "console", "--seeds", str(ROOT / "seeds"),
                           "--index", str(tmp_path / "index")], input=script, capture_output=True,
                          text=True, cwd=ROOT, env={**__import__("os").environ, "DISCORD_TOKEN": ""})
    assert done.returncode == 0, done.stderr
    assert "Sources disagree on killed:\n  84: 4 sources (" in done.stdout             # the compact answer
    flat = " ".join(done.stdout.split())
    assert "(according to IRNA; earlier figure, revised to 84)" in flat                # /quotes: every sentence
    assert "Timeline: killed" in done.stdout and "Time unknown (not placed):" in done.stdout
    assert "5 articles indexed" in done.stdout
    assert "unknown command /bogus" in done.stdout


# An invented dock strike: money, shares, ranges and durations nobody tuned on.
STRIKE_ARTICLES = {
    "s1.txt": "Dock strike shuts Portvale\n"
              "The strike at Portvale's docks has cost exporters $40 million so far, the chamber of commerce said.\n"
              "About 70% of the country's grain exports pass through Portvale.\n"
              "Between 3,000 and 4,000 dockers walked out on Monday.\n"
              "In 1998, a strike at the same docks lasted six weeks and cost $12 million.\n",
    "s2.txt": "Portvale strike enters second week\n"
              "Exporters put their losses at $55 million, far above earlier estimates.\n"
              "The union said 4,200 dockers had joined the stoppage, which has lasted nine days.\n"
              "Nearly 60% of grain exports normally leave through Portvale, the ministry said.\n",
    "s3.md": "# Talks resume at Portvale\n\nThe walkout has now lasted 12 days. Dock workers want a 9 percent pay rise.\n",
}


@pytest.fixture(scope="module")
def strike_engine(tmp_path_factory) -> Engine:
    return engine_of(tmp_path_factory.mktemp("strike"), STRIKE_ARTICLES)


def shown(answer) -> set[str]:
    return {v.label for m in answer.figures for v in m.values}


def test_money_question_shows_the_cost_and_no_other_event(strike_engine):
    values = shown(strike_engine.ask("How much has the strike cost exporters?"))
    assert "$40 million" in values
    assert "$12 million" not in values                      # the 1998 strike's cost
    assert "9%" not in values and "4,200" not in values     # money only


def test_share_question_reaches_shares_without_a_vocabulary_word(strike_engine):
    values = shown(strike_engine.ask("What share of grain exports goes through the port?"))
    assert {"about 70%", "nearly 60%"} <= values
    assert "9%" not in values                                # the pay rise is another share


def test_range_and_count_compatible_by_bounds(strike_engine):
    answer = strike_engine.ask("How many dockers walked out?")
    values = {v.label: v for m in answer.figures for v in m.values}
    assert {"between 3,000 and 4,000", "4,200"} <= set(values)
    # 4,200 cannot be inside 3,000-4,000: a real conflict, shown as one.
    assert "4,200" in values["between 3,000 and 4,000"].conflicts_with


def test_a_question_asking_for_no_figure_gets_none(strike_engine):
    assert strike_engine.ask("Why did the dock workers stop work?").figures == ()


def test_a_figure_about_another_place_is_its_own_measure(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Floods in Lowtown\nThe floods killed 40 people in Lowtown, officials said.\n"
                 "In the north, the river killed 12 people.\n",
        "b.txt": "Lowtown mourns\nThe toll in Lowtown rose to 41, the mayor said.\n",
        "c.txt": "Lowtown rebuilds\nForty people died in the Lowtown floods.\n"})
    answer = engine.ask("How many people were killed?")
    by_measure = {m.measure: [v.label for v in m.values] for m in answer.figures}
    assert set(by_measure) == {"killed"} and set(by_measure["killed"]) == {"40", "41"}   # Lowtown is the event's own
    asked = engine.ask("How many people were killed in the north?")
    by_measure = {m.measure: [v.label for v in m.values] for m in asked.figures}
    assert by_measure["killed in the north"] == ["12"]          # shown apart, never a value of the event's toll


def test_another_places_money_is_shown_only_when_the_question_names_the_place(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Storm Brannoc batters Eastmoor\nStorm Brannoc caused damage estimated at $50 million in Eastmoor, "
                 "insurers said.\nIn Westvale, which the storm crossed first, officials put damage at $8 million.\n",
        "b.txt": "Eastmoor counts the cost\nThe Eastmoor council said damage from Storm Brannoc could reach "
                 "$65 million.\nRepairs to Eastmoor's sea wall alone will cost $12 million.\n",
        "c.txt": "Eastmoor clean-up begins\nCrews in Eastmoor cleared fallen trees after Storm Brannoc.\n",
    })
    shown = {v.label for m in engine.ask("How much damage did Storm Brannoc cause?").figures for v in m.values}
    assert "$50 million" in shown and "$8 million" not in shown
    named = {v.label for m in engine.ask("How much damage did the storm cause in Westvale?").figures
             for v in m.values}
    assert "$8 million" in named and "$50 million" not in named     # Westvale's, not also the event's


def test_how_long_is_answered_by_a_duration_and_the_date_a_span_runs_to(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Curfew declared in Harlow\nThe governor declared a 30-day curfew in Harlow on Monday.\n"
                 "Police said 14 people were arrested overnight.\n",
        "b.txt": "Harlow curfew extended\nThe curfew in Harlow now runs until April 12, the governor said.\n"
                 "Shops reopened in the afternoon.\n",
        "c.txt": "Calm returns to Harlow\nResidents of Harlow described a quiet night under the curfew.\n",
    })
    shown = {v.label for m in engine.ask("How long will the curfew in Harlow last?").figures for v in m.values}
    assert {"30 days", "until April 12"} <= shown and "14" not in shown


def test_a_measure_the_question_names_keeps_its_neighbours_of_another_kind_out(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Relief for Harlow\nThe government set aside £2bn for a relief package, roughly a third of what "
                 "unions demanded.\n",
        "b.txt": "Harlow protests\nThousands marched in Harlow on Saturday against the cost of living.\n",
        "c.txt": "Harlow unions\nUnions in Harlow said the relief package was too small.\n",
    })
    shown = {v.label for m in engine.ask("How much is the relief package?").figures for v in m.values}
    assert shown == {"£2 billion"}


def test_names_renamed_into_each_other_in_a_ring_end_at_one_name():
    # The strike corpus once hung the engine: three names, each merged into the next.
    ring = {"strikers number": "number of strikers", "number of strikers": "strikers total",
            "strikers total": "strikers number", "workers out": "strikers total"}
    assert {name: final_name(name, ring) for name in ring} == dict.fromkeys(ring, "strikers total")
    assert final_name("a", {"a": "b", "b": "c"}) == "c"
    assert final_name("a", {"a": "a"}) == "a"


def test_a_name_kept_apart_on_purpose_is_joined_by_no_shorter_name():
    from index.models import Figure

    def money(measure: str, start: int) -> Figure:
        return Figure(article_id="a", measure=measure, kind="money", value=1.0, low=1.0, high=1.0, qualifier="exact",
                      text="$1", start=start, end=start + 2, sentence_start=0, sentence_end=10, unit="USD")
    merged, renamed = merge_same_names({"payment": [money("payment", 0)], "payment per family": [money(
        "payment per family", 20)], "suspected": [money("suspected", 40)], "suspected cases": [money("suspected cases", 60)]})
    # a sum per recipient stays apart; a name opening exactly one longer one joins it
    assert renamed == {"suspected": "suspected cases"}
    assert sorted(merged) == ["payment", "payment per family", "suspected cases"]


def test_one_measure_whether_a_verb_or_an_adjective_says_what_happened(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Port of Harlow jammed\nSome 61,000 containers were stranded at the port on Monday.\n",
        "b.txt": "Harlow backlog grows\nBy Friday the port held 74,000 stranded containers, the port authority said.\n",
        "c.txt": "Harlow dockers\nDockers in Harlow met on Saturday to discuss the backlog.\n",
    })
    measures = {m.measure: [v.label for v in m.values] for m in engine.ask("How many containers were stranded?").figures}
    assert any({"about 61,000", "74,000"} <= set(values) for values in measures.values()), measures


def test_one_measure_when_one_source_adds_a_modifier_to_what_was_done(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Harlow hospitals hit\nThe health region said 640 planned operations had been cancelled since "
                 "Monday.\n",
        "b.txt": "Harlow review\nThe health region's final tally is 2,870 cancelled operations.\n",
        "c.txt": "Harlow nurses\nNurses in Harlow met on Saturday to discuss pay.\n",
    })
    measures = {m.measure: [v.label for v in m.values] for m in engine.ask("How many operations were cancelled?").figures}
    assert {name: sorted(values) for name, values in measures.items()} == {"cancelled operations": ["2,870", "640"]}


def test_figures_named_only_by_their_kind_are_separate_facts_never_a_disagreement(tmp_path):
    engine = engine_of(tmp_path, {
        # (no word names the sums: "cost" would name them costs)
        "a.txt": "Harlow fire costs\nThe fire service said the operation had swallowed $86 million. The finance "
                 "minister set up a relief fund, and households will get $50 million from it.\n",
        "b.txt": "Harlow fire bill\nFighting the fire has swallowed $142 million so far, the service said.\n",
        "c.txt": "Harlow recovers\nResidents of Harlow returned home on Monday.\n",
    })
    answer = engine.ask("How much money has been spent?")
    generic = [m for m in answer.figures if m.measure == "amount of money"]
    assert generic and not any(m.disagree for m in generic)
    assert all(m.separate for m in generic if len(m.values) > 1)


def test_a_group_named_by_a_compound_word_brings_the_tolls_that_name_it(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Oil reaches the coast\nThe wildlife service said 230 dead seabirds had been found on the shore.\n",
        "b.txt": "Toll rises\nThe wildlife service has now counted 640 dead seabirds.\n"
                 "A rescue trust estimates that 4,000 birds died in all.\n",
        "c.txt": "Clean-up\nVolunteers cleaned the beaches after the spill.\n"})
    shown = {v.label for m in engine.ask("How many sea birds have been killed?").figures for v in m.values}
    assert {"230", "640"} <= shown


def test_a_group_asked_in_other_words_finds_the_group_the_articles_name(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Protests turn violent\nThe health ministry said 412 protesters were injured, and 118 police "
                 "officers were injured.\n",
        "b.txt": "Clashes\nThe final count is 455 protesters injured; 134 police officers were injured.\n",
        "c.txt": "Calm returns\nShops reopened in the capital on Monday after a week of protests.\n"})
    shown = {v.label for m in engine.ask("How many demonstrators were injured?").figures for v in m.values}
    assert {"412", "455"} <= shown and not {"118", "134"} & shown


def test_a_question_naming_one_of_the_events_places_gets_that_places_values(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Protests in Varsel\nPolice put the crowd in Varsel at 40,000. In Kostrin police put the crowd at "
                 "18,000. Police said 312 people were arrested in Varsel and Kostrin.\n",
        "b.txt": "Varsel marches again\nThe crowd in Varsel was 85,000, police said. Officials said 486 people had "
                 "been arrested in Kostrin.\n",
        "c.txt": "Varsel again\nOrganisers in Varsel said 250,000 marched.\n",
        "d.txt": "Varsel counts arrests\nThe interior ministry said 1,912 people had been arrested.\n"})
    crowd = {v.label for m in engine.ask("How many people marched in Varsel?").figures for v in m.values}
    assert "40,000" in crowd and "18,000" not in crowd
    arrests = {v.label for m in engine.ask("How many people were arrested in Kostrin?").figures for v in m.values}
    assert "486" in arrests and "1,912" not in arrests


def test_a_rate_the_question_names_answers_a_question_about_each_day(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Helpline swamped\nThe helpline was handling about 8,500 calls a day this week.\n",
        "b.txt": "Helpline figures\nThe helpline has taken more than 60,000 calls since it opened, and about 9,000 "
                 "calls a day at its peak.\n",
        "c.txt": "Hospitals recover\nSystems came back online at the hospitals on Friday.\n"})
    shown = {v.label for m in engine.ask("How many calls a day did the helpline receive?").figures for v in m.values}
    assert any(label.startswith("about 8,500") for label in shown)


def test_a_vocabulary_measure_no_article_gives_is_not_answered_with_another(seeds_engine):
    # the seeds give no arrests: the dead and the injured are other things, not its answer
    measures = {m.measure for m in seeds_engine.ask("How many people were arrested?").figures}
    assert not {m for m in measures if m.partition(":")[0] in ("killed", "injured", "casualties")}
    assert "killed" in {m.measure for m in seeds_engine.ask("How many people were killed?").figures}


def test_a_question_naming_another_events_year_gets_that_events_values(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Varos erupts\nThe eruption of Mount Varos killed 3 people on Sunday, officials said.\n"
                 "In 1987 Varos killed 212 people.\n",
        "b.txt": "Toll rises\nThe eruption of Varos has killed 9 people, officials said on Tuesday.\n",
        "c.txt": "Lessons of 1987\nVaros last erupted on this scale in 1987, when its flows killed 212 people and "
                 "an ash column rose 14 km.\nWhen Mount Tesh erupted in Ostrana in 2019, 34 people died.\n"})
    then = engine.ask("What was the death toll when Varos erupted in 1987?").figures
    assert [(m.measure, [v.label for v in m.values]) for m in then] == [("killed (1987)", ["212"])]
    # another event named by its name: a name written only beside other events' figures
    tesh = engine.ask("How many people died when Mount Tesh erupted?").figures
    assert [(m.measure, [v.label for v in m.values]) for m in tesh] == [("killed (Tesh)", ["34"])]
    now = {v.label for m in engine.ask("How many people were killed?").figures for v in m.values}
    assert {"3", "9"} <= now and "212" not in now


def test_a_chat_query_naming_a_measure_gets_its_values(flood_engine):
    shown = {v.label for m in flood_engine.ask("injured in the floods").figures for v in m.values}
    assert {"41", "about 40"} <= shown and "17" not in shown


def test_a_chat_query_counting_things_gets_the_measure_it_names_beside_the_rest(tmp_path):
    # "fishermen out of work" asks for a count ("out of work") and names "fishers"
    engine = engine_of(tmp_path, {
        "a.txt": "Harbour idle\nAbout 1,800 fishers have stayed ashore since Monday, the cooperative said.\n",
        "b.txt": "Ban widened\nThe ban zone now covers 12 fishing grounds, where about 1,400 people work.\n"
                 "The ministry says 2,100 fishers are affected.\n",
        "c.txt": "Slick spreads\nThe oil slick now covers 140 square kilometres, the coastguard said.\n"})
    shown = {v.label for m in engine.ask("fishermen out of work from the ban?").figures for v in m.values}
    assert {"about 1,800", "2,100"} <= shown and not any("140" in label for label in shown)


def test_a_measure_picked_by_meaning_brings_the_one_named_by_its_head(tmp_path):
    # "fire trucks" names no measure; "fire engines" is found by meaning and brings "engines"
    engine = engine_of(tmp_path, {
        "a.txt": "Wildfire spreads\nThe fire service deployed 60 fire engines on Monday, its chief said.\n",
        "b.txt": "Crews battle blaze\nSome 130 engines and 900 firefighters were at the fire line, officials said.\n",
        "c.txt": "Evacuations\nAbout 4,000 residents left their homes as the wildfire spread on Tuesday.\n"})
    found = shown(engine.ask("fire trucks deployed?"))
    assert {"60", "about 130"} <= found and "about 4,000" not in found


def test_a_question_naming_a_group_in_other_words_gets_that_group(tmp_path):
    # "members of the press" are the journalists among the arrested, not every arrest
    engine = engine_of(tmp_path, {
        "a.txt": "Protests go on\nPolice have arrested 1,912 people since the protests began, the ministry said.\n",
        "b.txt": "Reporters held\nSeventeen journalists were arrested while covering the protests, their union said.\n",
        "c.txt": "Curfew\nA curfew from 9 p.m. was imposed in the capital on Friday, officials said.\n"})
    press = shown(engine.ask("How many members of the press were arrested?"))
    assert "17" in press and "1,912" not in press
    everyone = shown(engine.ask("How many people were arrested?"))
    assert "1,912" in everyone


def test_a_question_about_each_day_gets_one_days_counts_not_totals(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Helpline swamped\nThe helpline has taken more than 60,000 calls and was handling about 8,500 calls a "
                 "day this week.\n",
        "b.txt": "Helpline figures\nThe helpline peaked at 14,200 calls on 17 October, the agency said.\n",
        "c.txt": "Hospitals recover\nSystems came back online at the hospitals on Friday after the attack.\n",
        "d.txt": "Helpline opens\nThe helpline received more than 52,000 calls on its first day, the agency said.\n"})
    shown = {v.label for m in engine.ask("How many calls a day did the helpline receive?").figures for v in m.values}
    assert "14,200" in shown and any(label.startswith("about 8,500") for label in shown)
    assert "more than 52,000" in shown                  # a count of one day: its first
    assert not any("60,000" in label for label in shown)


def test_a_question_about_the_worst_day_gets_that_days_amounts_not_the_total(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Run on the bank\nCustomers withdrew $3.4bn on Friday, the central bank said.\n",
        "b.txt": "Bank shut\nCustomers withdrew $6.8bn between Thursday morning and the Saturday freeze.\n",
        "c.txt": "Run on the bank\nOn Friday alone savers withdrew $4.2bn from the bank, the administrators said.\n"})
    shown = {v.label for m in engine.ask("How much was withdrawn on the worst day of the run?").figures
             for v in m.values}
    assert {"$3.4 billion", "$4.2 billion"} <= shown and "$6.8 billion" not in shown
    # a question about the whole run keeps them all
    shown = {v.label for m in engine.ask("How much was withdrawn during the run?").figures for v in m.values}
    assert {"$3.4 billion", "$4.2 billion", "$6.8 billion"} <= shown


def test_households_evacuated_answer_a_question_about_people_evacuated(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Fire forces evacuations\nAbout 11,000 people were evacuated from the valley, police said.\n",
        "b.txt": "Fire spreads\nSome 2,300 households were evacuated as the fire spread, the council said.\n",
        "c.txt": "Fire crews\nThe fire destroyed 40 homes in the valley overnight.\n"})
    shown = {m.measure: {v.label for v in m.values} for m in engine.ask("How many people were evacuated?").figures}
    assert "about 11,000" in shown.get("evacuated", set())
    assert "about 2,300" in shown.get("evacuated: households", set())
    assert "homes" not in shown and "destroyed: homes" not in shown


def test_a_named_group_brings_groups_of_the_same_measure_named_alike(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Drought kills animals\nTens of thousands of animals have died in the drought, farmers said.\n",
        "b.txt": "Drought herds\nLivestock deaths in the drought stand at 36,500 head, the ministry said.\n",
        "c.txt": "Drought deepens\nThe drought has killed 12 children in the north, doctors said.\n"})
    shown = {m.measure: {v.label for v in m.values}
             for m in engine.ask("How many animals have died in the drought?").figures}
    assert "36,500" in shown.get("killed: livestock", set())
    assert "killed: children" not in shown


def test_the_events_own_country_named_by_its_demonym_is_home(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Bird flu spreads\nThe Kestrian ministry said 900 hens died on three farms.\n",
        "b.txt": "Cull widens\nThe Kestrian ministry now says 1,400 hens died.\n",
        "c.txt": "Farmers angry\nQuellarian officials said 300 hens died across the border.\n"})
    measures = {m.measure: {v.label for v in m.values} for m in engine.ask("How many hens died?").figures}
    assert {"900", "1,400"} <= measures.get("killed: hens", set()) and "300" not in measures.get("killed: hens", set())


def test_sums_paid_to_different_recipients_stay_apart_and_the_question_picks_its_recipient(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Payouts set\nThe state will pay $25,000 to the family of each person who died, and $4,000 to "
                 "everyone seriously injured.\n",
        "b.txt": "Payouts raised\nFamilies of those killed will now receive $40,000 each, the ministry said.\n",
        "c.txt": "Fund opens\nThe club will add a further $10,000 per family from a joint fund. Payments to the "
                 "injured stay unchanged.\n"})
    measures = {m.measure: {v.label for v in m.values}
                for m in engine.ask("How much money will families get?").figures}
    assert measures.get("payment per family") == {"$25,000", "$40,000", "$10,000"}
    assert not any("$4,000" in labels for labels in measures.values())
    injured = {v.label for m in engine.ask("How much will each injured person be paid?").figures for v in m.values}
    assert "$4,000" in injured


def test_a_question_about_part_of_a_group_is_not_answered_with_the_whole_group(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Arrests rise\nPolice said 2,300 people were arrested during the week of protests.\n",
        "b.txt": "Detainees\nThe Rights Observatory says 310 people are still held, many without a lawyer.\n",
        "c.txt": "Curfew lifted\nThe curfew in the capital was lifted on Tuesday after seven nights.\n"})
    shown = {v.label for m in engine.ask("How many of the people who were arrested are still held?").figures
             for v in m.values}
    assert "310" in shown and "2,300" not in shown
    assert "2,300" in {v.label for m in engine.ask("How many people were arrested?").figures for v in m.values}
    fronted = {v.label for m in engine.ask("Of all those arrested, how many are still held?").figures for v in m.values}
    assert "310" in fronted and "2,300" not in fronted


def test_a_measure_named_by_what_was_done_brings_the_same_count_named_by_a_noun(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Trains halted\nThe rail operator said 320 trains were cancelled on Monday as ice closed the line.\n",
        "b.txt": "Rail chaos\nThe regulator put cancellations across the network at 410, out of 2,600 trains planned.\n",
        "c.txt": "Ice storm\nForged tickets worth $9,000 were seized, and 85 trains were delayed.\n"})
    shown = {v.label for m in engine.ask("How many trains were cancelled?").figures for v in m.values}
    assert {"320", "410"} <= shown
    assert "85" not in shown and "2,600" not in shown


def test_a_question_naming_another_place_and_the_events_own_gets_both(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Storm floods Arvik\nThe storm dropped 140 mm of rain on Arvik, forecasters in Arvik said.\n",
        "b.txt": "Storm in Arvik\nAbout 120 mm of rain fell on Arvik overnight, the weather service said.\n",
        "c.txt": "Storm reaches Tolm\nIn Tolm, 60 mm of rain fell on Tuesday, the council said.\n",
        "d.txt": "Arvik cleans up\nThe rain in Arvik has stopped, and 400 homes were flooded.\n"})
    only = {v.label for m in engine.ask("How much rain fell in Tolm?").figures for v in m.values}
    assert only == {"60 mm"}
    both = {v.label for m in engine.ask("How much rain fell in Arvik and Tolm?").figures for v in m.values}
    assert {"60 mm", "140 mm"} <= both


def test_a_question_about_the_highest_grade_gets_each_sources_top_grade(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Storm warning\nThe weather office issued a level 4 warning for three provinces on Sunday "
                 "and a level 3 warning for Ostrel.\n",
        "b.txt": "Storm rages\nThe coast guard said the storm warning stood at level 3 for the coast.\n",
        "c.txt": "Storm passes\nThe snow stopped overnight, and 40 roads were cleared by the army.\n"})

    def sources_by_label(question: str) -> dict[str, list[str]]:
        return {v.label.lower(): sorted(q.source.id for q in v.quotes)
                for m in engine.ask(question).figures for v in m.values}

    # a's lower level (another province) goes; b's top is level 3, so sources still disagree
    assert sources_by_label("What was the highest warning level issued?") == {
        "level 4": ["a.txt"], "level 3": ["b.txt"]}
    assert sources_by_label("What warning levels were issued?")["level 3"] == ["a.txt", "b.txt"]


def test_a_dose_named_only_by_its_dimension_brings_the_doses_sources_name_with_the_same_noun(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Workers exposed\nFour workers received doses, the highest of them 18 millisieverts.\n",
        "b.txt": "Dose revised\nThe highest individual dose was 46 millisieverts, the operator said.\n",
        "c.txt": "Limits\nThe annual limit for nuclear workers is 20 mSv. Readings reached 6.8 µSv/h.\n"})
    shown = {m.measure: {v.label for v in m.values}
             for m in engine.ask("What was the biggest radiation dose received by any worker?").figures}
    assert "18 mSv" in shown.get("radiation dose", set())
    assert shown.get("highest individual dose") == {"46 mSv"}
    assert not any("20 mSv" in labels or "6.8 µSv/h" in labels for labels in shown.values())


def test_limits_and_normal_levels_answer_only_a_question_about_them(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Readings rise\nMonitors at the fence showed 6.8 µSv/h, against a normal level there of 0.09.\n",
        "b.txt": "Lab results\nAn independent network measured 21.4 µSv/h at Skarnholm on Wednesday.\n",
        "c.txt": "Zone widened\nThe evacuation zone now covers 14,200 people across the coast.\n"})
    shown = {v.label for m in engine.ask("How high did radiation readings get?").figures for v in m.values}
    assert {"6.8 µSv/h", "21.4 µSv/h"} <= shown and "0.09 µSv/h" not in shown
    normal = {v.label for m in engine.ask("What is the normal background radiation level?").figures
              for v in m.values}
    assert "0.09 µSv/h" in normal


def test_a_question_about_when_one_thing_happened_gets_that_things_times_not_the_others(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Refinery fire\nSensors detected the fire at 02:10 and the plant shut down automatically "
                 "at 02:31, the operator said.\n",
        "b.txt": "Union account\nThe union says crews did not finish shutting the plant down until 03:05, "
                 "an hour after the first alarm at 02:05.\n",
        "c.txt": "Smoke cloud\nSmoke drifted over the town between 04:00 and 06:30 on Tuesday.\n"})
    shown = {v.label for m in engine.ask("What time was the plant shut down?").figures for v in m.values}
    assert shown == {"02:31", "03:05"}


def test_a_named_measure_answers_with_its_values_of_the_kind_asked(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Zone cleared\nAbout 2,100 people living within 3 km of the works were evacuated on Monday "
                 "after the fire.\n",
        "b.txt": "Zone widened\nThe county said 9,500 people had been evacuated by Wednesday as the fire spread.\n",
        "c.txt": "Fire review\nThe fire at the works emptied the zone: about 3,400 evacuees per 100,000 residents, "
                 "the county said.\n"})
    shown = {v.label for m in engine.ask("How many people were evacuated?").figures for v in m.values}
    assert {"about 2,100", "9,500"} <= shown
    assert not any("km" in label or "per 100,000" in label for label in shown)
    per_head = {v.label for m in engine.ask("How many were evacuated per 100,000 residents?").figures
                for v in m.values}
    assert "about 3,400 per 100,000 residents" in per_head


def test_a_sum_named_only_a_cost_joins_no_other_measures_values(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Plant to close\nArvant has raised the cost of closing its Keldby plant to SVR 2.4bn, up from "
                 "SVR 1.9bn.\n",
        "b.txt": "Ski season\nThe Holmseter gondola will be replaced in 2029 at a cost of SVR 310m.\n"})
    shown = {v.label for m in engine.ask("How much will closing the plant cost?").figures for v in m.values}
    assert "SVR 2.4 billion" in shown
    assert "SVR 310 million" not in shown


def test_a_money_question_naming_a_vocabulary_measure_brings_all_its_values(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Harbour tunnel over budget\nThe harbour tunnel will cost $2.1bn, the ministry said, an overrun of "
                 "$400m.\nThe state pays $30m a year in interest on the loans.\n",
        "b.txt": "Auditors: tunnel far over budget\nAuditors put the overrun at $650m.\nThe delay alone will add "
                 "$45m in extra interest, they said.\nThe ferry operator lost $3m.\n",
        "c.txt": "Harbour tunnel over budget and late\nThe harbour tunnel, over budget by $400m, will open in mid-2031 "
                 "rather than spring 2029, the ministry said.\n",
    })
    overrun = {v.label for m in engine.ask("What is the overrun?").figures for v in m.values}
    assert {"$400 million", "$650 million"} <= overrun and "$3 million" not in overrun
    interest = {v.label for m in engine.ask("What are the interest costs?").figures for v in m.values}
    assert {"$30 million per year", "$45 million"} <= interest and "$3 million" not in interest
    opening = {v.label for m in engine.ask("When will the tunnel open?").figures for v in m.values}
    assert {"mid-2031", "spring 2029"} <= opening


def test_a_neighbouring_country_named_in_most_articles_is_still_not_the_events_place(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Fish die-off in Velt\nCrews in Velt have collected 30 tonnes of dead fish. "
                 "In neighbouring Brask 12 tonnes of fish have died.\n",
        "b.txt": "Velt counts its fish\nThe dead fish collected in Velt reached 34 tonnes. In Brask 14 tonnes of fish "
                 "have died.\n",
        "c.txt": "Velt cleans up\nCrews in Velt collected 34 tonnes of dead fish. Crews in Brask are clearing theirs.\n"})
    from bot.answer.event import home_places
    places = home_places(engine.index)
    assert "Velt" in places and "Brask" not in places


def test_a_question_about_what_may_happen_gets_the_projections_of_the_measure_it_names(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Cholera spreads in Marsel\nThe ministry has recorded 5,420 suspected cases so far.\n",
        "b.txt": "Cholera cases climb\nSuspected cases rose to 7,450 on Sunday, the ministry said. A WHO planning "
                 "scenario assumes between 8,000 and 11,000 suspected cases by the end of March.\n",
        "c.txt": "Appeal launched\nAid agencies launched a $12 million appeal on Friday.\n"})
    assert shown(engine.ask("What could the suspected case count climb to by the end of March?")) == {
        "between 8,000 and 11,000"}
    # what was counted, when the question asks for no projection
    counted = shown(engine.ask("How many suspected cases have there been?"))
    assert {"5,420", "7,450"} <= counted and "between 8,000 and 11,000" not in counted


def test_a_whole_is_no_answer_to_a_question_about_its_part(tmp_path):
    # "out of roughly 9,000" homes in all: the whole, not the homes damaged
    engine = engine_of(tmp_path, {
        "a.txt": "Storm\nSome 4,000 homes were damaged, out of roughly 9,000 in the town.\n",
        "b.txt": "Clean-up\nThe council said 3,200 homes were damaged and 400 destroyed.\n",
        "c.txt": "Flights\nThe airport cancelled 210 flights as the storm passed.\n"})
    for question in ("How many homes were damaged?", "How many houses were damaged by the storm?"):
        found = shown(engine.ask(question))
        assert {"about 4,000", "3,200"} <= found and not any("9,000" in label for label in found), found


def _index_with_similarities(similarities: list[float], passages: int = 8):
    """A stand-in index whose i-th article has cosine similarity similarities[i] to a common topic
    vector; the last one has `passages` passages, the others eight each."""
    from types import SimpleNamespace

    from index.models import Article, Passage

    topic, other = np.eye(8)[0], np.eye(8)[1:]
    articles, rows, vectors = [], [], []
    for i, similarity in enumerate(similarities):
        articles.append(Article(f"a{i}.txt", "text", f"a{i}"))
        for _ in range(passages if i == len(similarities) - 1 else 8):
            rows.append(Passage(f"a{i}.txt", 0, 4, "text"))
            vectors.append(similarity * topic + np.sqrt(1 - similarity ** 2) * other[i % 7])
    return SimpleNamespace(articles=articles, passages=rows, embeddings=np.array(vectors, dtype=np.float32))


def test_an_article_far_below_its_folders_median_is_off_topic_even_above_the_absolute_floor():
    from bot.answer.event import off_topic_articles

    # a sports report among crash reports shares words with them, but stands far below the rest
    index = _index_with_similarities([0.95, 0.95, 0.93, 0.94, 0.92, 0.9, 0.56])
    assert off_topic_articles(index, 0.5) == set()
    assert off_topic_articles(index, 0.5, 0.7) == {"a6.txt"}
    # an on-topic article that is only somewhat less alike (an insurers' piece) stays
    index = _index_with_similarities([0.95, 0.95, 0.93, 0.94, 0.92, 0.9, 0.72])
    assert off_topic_articles(index, 0.5, 0.7) == set()
    # and so does a two-line update: the mean of two passages says too little to set it apart
    index = _index_with_similarities([0.95, 0.95, 0.93, 0.94, 0.92, 0.9, 0.56], passages=2)
    assert off_topic_articles(index, 0.5, 0.7) == set()


def test_a_question_naming_a_measure_by_a_name_merged_into_a_longer_one_gets_its_values(tmp_path):
    # "trades" opens one longer name, "trades undone" (from the head), and is merged into it
    # (bot/answer/naming.py): the question still names it, with no passage to find it by
    engine = engine_of(tmp_path, {
        "a.txt": "Varda exchange cancels trades\nThe exchange cancelled 11,482 trades struck during the crash.\n",
        "b.txt": "Varda review\nTRADES UNDONE. The exchange reinstated 55 after appeals, leaving 11,427.\n",
        "c.txt": "Varda brokers\nBrokers in Varda met on Friday to discuss the crash and its trades.\n",
    })
    found = engine.measures_asked("How many trades were cancelled after the crash?", hits=[])
    assert {v.label for m in found for v in m.values} == {"11,482", "11,427"}


def test_a_question_asking_so_many_in_every_hundred_thousand_gets_rates_not_counts(tmp_path):
    engine = engine_of(tmp_path, {
        "a.txt": "Stop-loss orders\nStop-loss orders fired in 27,400 retail accounts, about 1,700 per 100,000 "
                 "retail accounts, the commission said.\n",
        "b.txt": "Small investors\nThe league counted 31,000 retail accounts hit, nearly 1,900 per 100,000 retail "
                 "accounts.\n",
        "c.txt": "Markets\nThe index recovered on Friday as buyers returned to the market.\n",
    })
    answer = engine.ask("How many retail accounts in every 100,000 were hit by stop-loss orders?")
    shown = {v.label for m in answer.figures for v in m.values}
    assert {"about 1,700 per 100,000 retail accounts", "nearly 1,900 per 100,000 retail accounts"} <= shown
    assert not shown & {"27,400", "31,000"}


# An invented boat rescue with a neighbouring island's separate one: what was done, asked by its verb.
RESCUE_ARTICLES = {
    "r1.txt": "Ferry passengers rescued off Dunmore\n"
              "Coastguard crews hoisted 52 passengers from the water off Dunmore on Friday, the coastguard said.\n"
              "On Tarn Island, a separate crew hoisted 12 fishermen from a capsized trawler.\n",
    "r2.txt": "Rescue at Dunmore ends\n"
              "Volunteers say they hoisted 64 people over two days, more than the coastguard counts.\n"
              "The Dunmore lifeboat station was founded in 1911.\n",
    "r3.md": "# Dunmore rescue: the numbers\n\nThe final count of passengers hoisted off Dunmore is 61, "
             "the coastguard said.\n",
}


@pytest.fixture(scope="module")
def rescue_engine(tmp_path_factory) -> Engine:
    return engine_of(tmp_path_factory.mktemp("rescue"), RESCUE_ARTICLES)


def test_a_question_naming_what_was_done_by_its_verb_reaches_it_and_not_another_place(rescue_engine):
    values = shown(rescue_engine.ask("How many people did the crews manage to hoist?"))
    assert "64" in values                                    # "hoisted 64 people" for "hoist"
    assert "12" not in values                                # the island's separate rescue

"""Figure extraction: what is read from a sentence, its measure, bounds and context rules.

Sentences here are written for the tests; the last section also runs on the real seed
articles and checks the disagreements the product exists to show.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from index.figures import ValueGroup, canonical_measure, extract_figures, group_values, question_measures
from index.figures.grouping import label
from index.figures.vocabulary import rate_currency
from index.models import Figure
from index.sentences import text_sentence_spans

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def figures(text: str, kind: str | None = None) -> list[Figure]:
    found = extract_figures("a1", text)
    return [f for f in found if kind is None or f.kind == kind]


def extract_figures_at(text: str, words: str, published: str) -> Figure:
    """The figure written as `words` in text published on that date."""
    return next(f for f in extract_figures("a", text, published) if f.text == words)


def figure(text: str, words: str) -> Figure:
    """The one figure whose words are `words`."""
    matches = [f for f in extract_figures("a1", text) if f.text == words]
    assert len(matches) == 1, [(f.text, f.measure) for f in extract_figures("a1", text)]
    return matches[0]


def counts(text: str) -> list[tuple[str, str, float]]:
    return [(f.text, f.measure, f.value) for f in figures(text, "count")]


# --------------------------------------------------------------------------- qualifiers and bounds

@pytest.mark.parametrize("sentence, words, qualifier, low, high", [
    ("Officials said 37 people were killed in the flood.", "37", "exact", 37, 37),
    ("At least 52 people died when the bridge collapsed.", "At least 52", "at least", 52, None),
    ("No fewer than 12 people were arrested.", "No fewer than 12", "at least", 12, None),
    ("More than 140 were wounded in the clashes.", "More than 140", "more than", 140, None),
    ("Over 60 people were injured.", "Over 60", "more than", 60, None),
    ("Nearly 300 people were hurt.", "Nearly 300", "nearly", 270, 300),
    ("Almost 50 people are missing.", "Almost 50", "nearly", 45, 50),
    ("About 20 people were arrested.", "About 20", "about", 18, 22),
    ("Around 1,200 people were displaced.", "Around 1,200", "about", 1080, 1320),
    ("Some 400 people were evacuated.", "Some 400", "about", 360, 440),
    ("Up to 35 people are missing.", "Up to 35", "up to", None, 35),
    ("As many as 70 people were rescued.", "As many as 70", "up to", None, 70),
    ("Fewer than 10 people were injured.", "Fewer than 10", "fewer than", None, 10),
    ("40 or more people were killed.", "40 or more", "at least", 40, None),
])
def test_qualifiers_set_bounds(sentence, words, qualifier, low, high):
    found = figure(sentence, words)
    assert (found.qualifier, found.low, found.high) == (qualifier, low, high)
    assert found.kind == "count"


def test_value_is_the_number_as_written_whatever_the_qualifier():
    assert figure("More than 280 people were wounded.", "More than 280").value == 280
    assert figure("Nearly 100 people were killed.", "Nearly 100").value == 100


def test_qualifier_must_touch_the_number():
    # "over" here qualifies "the past", not the number.
    found = figure("Police made arrests over the past five years.", "five years")
    assert found.qualifier == "exact" and found.low == 5


# --------------------------------------------------------------------------- number words and vague words

@pytest.mark.parametrize("sentence, words, value", [
    ("Twelve people were killed.", "Twelve", 12),
    ("Nearly one hundred people died in the fire.", "Nearly one hundred", 100),
    ("Twenty-five people were injured.", "Twenty-five", 25),
    ("A dozen people were arrested.", "A dozen", 12),
    ("One hundred and three people were killed.", "One hundred and three", 103),
    ("Two thousand people were displaced.", "Two thousand", 2000),
    ("1.5 million people were displaced.", "1.5 million", 1_500_000),
    ("The storm left 2,350 people homeless.", "2,350", 2350),
])
def test_numbers_in_digits_and_words(sentence, words, value):
    assert figure(sentence, words).value == value


@pytest.mark.parametrize("sentence, words, low, high", [
    ("Dozens of people were injured.", "Dozens", 24, 99),
    ("Hundreds of people were arrested.", "Hundreds", 200, 999),
    ("Tens of thousands of people were displaced.", "Tens of thousands", 20_000, 99_999),
    ("Thousands of people were evacuated.", "Thousands", 2000, 9999),
    ("Several hundred people were evacuated.", "Several hundred", 300, 900),
    ("Excess deaths may run to a few thousand.", "a few thousand", 2000, 5000),
])
def test_vague_words_are_ranges(sentence, words, low, high):
    found = figure(sentence, words)
    assert (found.low, found.high) == (low, high)
    assert found.qualifier == words.lower()


@pytest.mark.parametrize("sentence, words, measure, qualifier, value, low, high", [
    ("Nearly two dozen people remain missing.", "Nearly two dozen", "missing", "nearly", 24, 21, 24),
    ("Police said a dozen people were arrested.", "a dozen", "arrested", "exact", 12, 12, 12),
    ("Three dozen people remain in custody.", "Three dozen", "held", "exact", 36, 36, 36),
    ("About two dozen people remained hospitalised.", "About two dozen", "hospitalised", "about", 24, 21, 27),
    ("One person remains missing.", "One", "missing", "exact", 1, 1, 1),
])
def test_dozens_and_verbs_like_remain(sentence, words, measure, qualifier, value, low, high):
    # "dozen" is a number word (a value as written), not a vague word; "remain" links a
    # count to its measure the way "were" does.
    found = figure(sentence, words)
    assert (found.measure, found.qualifier, found.value, found.low, found.high) == (measure, qualifier, value, low, high)


# --------------------------------------------------------------------------- ordinals

@pytest.mark.parametrize("sentence, words, measure, value", [
    ("The city marked the fifth anniversary of the flood.", "fifth", "anniversary", 5),
    ("A second explosion followed minutes later.", "second", "explosion", 2),
    ("The first blast hit the market.", "first", "explosion", 1),
    ("Mourners marked the 21st anniversary of the crash.", "21st", "anniversary", 21),
    ("It was the twenty-first anniversary of the war.", "twenty-first", "anniversary", 21),
])
def test_ordinals_rank_the_noun_after_them(sentence, words, measure, value):
    found = figure(sentence, words)
    assert (found.kind, found.measure, found.value) == ("ordinal", measure, value)


@pytest.mark.parametrize("sentence", [
    "It was the first time the group struck the capital.",
    "First Deputy Minister Hassan Ali visited the site.",
    "The city is the second-largest in the country.",
    "Two bombs exploded, with the second being more powerful.",
    "The quake was brief, but the second hit 19 minutes later.",
])
def test_ordinals_that_are_no_figures(sentence):
    assert figures(sentence, "ordinal") == []


# --------------------------------------------------------------------------- dates, weekdays, times

@pytest.mark.parametrize("sentence, words, value", [
    ("The vote took place on March 5, 2023.", "March 5, 2023", "2023-03-05"),
    ("The bombing happened on 3 January 2020.", "3 January 2020", "2020-01-03"),
    ("The explosions happened on Friday, June 14.", "June 14", "--06-14"),
    ("The protests began in June 2021.", "June 2021", "2021-06"),
    ("The attack was logged on 2024-05-17.", "2024-05-17", "2024-05-17"),
    ("The raid took place on Sept. 9, 2019.", "Sept. 9, 2019", "2019-09-09"),
])
def test_dates_are_iso(sentence, words, value):
    found = figure(sentence, words)
    assert (found.kind, found.value) == ("date", value)
    assert found.low is None and found.high is None


def test_date_measure_comes_from_the_event_it_dates():
    assert figure("The vote took place on March 5, 2023.", "March 5, 2023").measure == "election date"
    text = "The explosions happened on Friday, June 14."
    assert figure(text, "June 14").measure == "attack date"
    assert figure(text, "Friday").measure == "attack day"


@pytest.mark.parametrize("sentence, words, measure", [
    ("Protests were held across the country on Saturday.", "Saturday", "protest day"),
    ("The group claimed responsibility on Tuesday.", "Tuesday", "claim day"),
    ("Tuesday's attack shocked the town.", "Tuesday", "attack day"),
    ("The funeral will be held on Sunday.", "Sunday", "funeral day"),
    # A date attached to a reporting verb or to a figure's level is the report's, not the event's.
    ("Officials said on Friday that 95 people had died.", "Friday", "report day"),
    ("Police said on Tuesday the attack killed 5.", "Tuesday", "report day"),
    ("The governor told reporters on Monday that the blast killed 12.", "Monday", "report day"),
    ("Police on Thursday said the bombing killed 7.", "Thursday", "report day"),
    ("The number of dead in the twin explosions climbed to 91 on Saturday.", "Saturday", "report day"),
    ("Police said Tuesday's attack killed 5.", "Tuesday", "attack day"),
    ("Officials said the blasts on Wednesday killed 84.", "Wednesday", "attack day"),
    ("The attack on Friday claimed 20 lives.", "Friday", "attack day"),
    ("The group claimed on Tuesday that 100 soldiers were killed.", "Tuesday", "claim day"),
])
def test_weekdays_belong_to_the_nearest_event(sentence, words, measure):
    found = figure(sentence, words)
    assert (found.kind, found.value, found.measure) == ("weekday", words, measure)


def test_a_participle_is_not_the_event_it_follows():
    text = "The earthquake struck late on Friday, September 8, killing at least 2,000 people."
    assert figure(text, "September 8").measure == "earthquake date"


def test_a_date_beside_a_report_weekday_is_the_report_date():
    text = "The ministry said late on Sunday, March 3, that 40 people were hurt."
    assert figure(text, "Sunday").measure == "report day"
    assert figure(text, "March 3").measure == "report date"


def test_a_weekday_in_a_clause_after_the_reference_event_dates_the_main_verb():
    text = "On Friday, two days after the bombing, the militia claimed responsibility."
    assert figure(text, "Friday").measure == "claim day"


@pytest.mark.parametrize("sentence, words, value, qualifier", [
    ("The blast happened at 10:30 a.m. local time.", "10:30 a.m.", "10:30", "exact"),
    ("The funeral began at 3 p.m. in the main square.", "3 p.m.", "15:00", "exact"),
    ("The explosion came at 22:15 on the same day.", "22:15", "22:15", "exact"),
    ("The blast struck at around 9:45 pm near the station.", "around 9:45 pm", "21:45", "about"),
    ("Meridian's cameras caught the burst at 08:40:52.", "08:40:52", "08:40:52", "exact"),
])
def test_clock_times(sentence, words, value, qualifier):
    found = figure(sentence, words)
    assert (found.kind, found.value, found.qualifier) == ("time", value, qualifier)


def test_fronted_time_dates_the_main_clause_not_the_subordinate_one():
    text = ("At 9:15 a.m., as the governor addressed the crowd at the rally, "
            "a car bomb exploded near the stage.")
    assert figure(text, "9:15 a.m.").measure == "attack time"


@pytest.mark.parametrize("sentence, words, measure", [
    # each time is what happened in its own clause, not the sentence's one event word
    ("Sensors detected the fire at 02:10 and the turbine shut down automatically at 02:31.", "02:10",
     "fire time"),
    ("Sensors detected the fire at 02:10 and the turbine shut down automatically at 02:31.", "02:31",
     "shut down time"),
    ("Crews did not finish pumping the tunnel out until 17:45, hours after the first warning at 11:20.",
     "17:45", "pumping out time"),
    ("Crews did not finish pumping the tunnel out until 17:45, hours after the first warning at 11:20.",
     "11:20", "warning time"),
    ("Gas had vented through a relief valve between 05:10 and 06:30 on Tuesday.", "05:10", "vented time"),
    ("Gas had vented through a relief valve between 05:10 and 06:30 on Tuesday.", "06:30", "vented time"),
    ("Along the coast, the cyclone's first landfall was at about 11 p.m. on Sunday.", "about 11 p.m.",
     "landfall time"),
    # an apposition saying whose moment it is names it
    ("Mourners gathered at the square at 6:07 p.m. (1507 GMT), the exact time the blast struck.",
     "6:07 p.m.", "attack time"),
    # a relative clause's time is what its antecedent did
    ("The blast that tore through the port at 6:08 p.m. killed 200 people.", "6:08 p.m.", "attack time"),
    # a time a quantity comes before is not named by the quantity's noun
    ("Shuttles ran every 20 minutes until 10 p.m. as the explosion site stayed closed.", "10 p.m.",
     "attack time"),
])
def test_a_clock_time_is_named_by_what_happened_in_its_clause(sentence, words, measure):
    assert figure(sentence, words).measure == measure


# --------------------------------------------------------------------------- durations

@pytest.mark.parametrize("sentence, words, measure, unit, low, high", [
    ("The two blasts went off about 15 minutes apart.", "about 15 minutes", "attack interval", "minute", 13, 17),
    ("The bombs exploded within 10 minutes of each other.", "within 10 minutes", "attack interval", "minute", None, 10),
    ("The group claimed the attack more than 12 hours after the bombing.", "more than 12 hours",
     "time from attack to claim", "hour", 12, None),
    ("The earthquake struck two years ago.", "two years", "time since earthquake", "year", 2, 2),
    ("Officials declared three days of mourning.", "three days", "mourning duration", "day", 3, 3),
    ("The king declared five days of national mourning.", "five days", "mourning duration", "day", 5, 5),
    ("A second tremor hit 19 minutes later.", "19 minutes", "earthquake interval", "minute", 19, 19),
    # Measured from another one of a series: the interval between two events of one kind.
    ("The second blast came 13 minutes after the first.", "13 minutes", "attack interval", "minute", 13, 13),
    ("A third bomb exploded an hour after the previous one.", "an hour", "attack interval", "hour", 1, 1),
    ("The first blast came 10 minutes before the second.", "10 minutes", "attack interval", "minute", 10, 10),
    ("The second explosion went off about 20 minutes after the first blast.", "about 20 minutes",
     "attack interval", "minute", 18, 22),
    ("Police arrived an hour after the second blast.", "an hour", "time after attack", "hour", 1, 1),
])
def test_durations(sentence, words, measure, unit, low, high):
    found = figure(sentence, words)
    assert (found.kind, found.measure, found.unit, found.low, found.high) == ("duration", measure, unit, low, high)


def test_a_duration_is_not_also_a_count():
    assert counts("The claim came 24 hours after the blasts.") == []


def test_an_interval_has_one_measure_however_it_is_phrased():
    apart = figures("Two separate explosions were detonated within about 20 minutes of each other.", "duration")
    after = figures("The second blast came 13 minutes after the first.", "duration")
    assert [f.measure for f in apart] == [f.measure for f in after] == ["attack interval"]


# --------------------------------------------------------------------------- tables

def test_table_rows_are_sentences_with_figures():
    text = "Casualties by province |\n---|\n15 killed |\nOver 40 injured |\n"
    assert counts(text) == [("15", "killed", 15), ("Over 40", "injured", 40)]
    row = figure(text, "Over 40")
    assert text[row.sentence_start:row.sentence_end] == "Over 40 injured |"


# --------------------------------------------------------------------------- measures from context

@pytest.mark.parametrize("sentence, words, measure", [
    ("The floods left 284 injuries in the province.", "284", "injured"),
    ("Officials confirmed 84 fatalities.", "84", "killed"),
    ("The bombing killed 103 people.", "103", "killed"),
    ("Gunmen wounded more than 200 at the market.", "more than 200", "injured"),
    ("The death toll was put at 61 by officials.", "61", "killed"),
    ("Some 40 people lost their lives.", "Some 40", "killed"),
    ("Police detained 17 protesters.", "17", "arrested: protesters"),
    ("Three police officers were wounded in the attack.", "Three", "injured: police officers"),
    ("Two gunmen opened fire on the crowd.", "Two", "attackers"),
    ("A magnitude 6.8 earthquake struck the region.", "magnitude 6.8", "magnitude"),
])
def test_measure_from_words_after_or_verb_before(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_one_sentence_two_measures():
    text = "The blasts killed nearly 90 people and wounded more than 150 at the shrine."
    assert counts(text) == [("nearly 90", "killed", 90), ("more than 150", "injured", 150)]


def test_people_were_verb():
    text = "41 people were killed and more than 120 wounded in the attack."
    assert counts(text) == [("41", "killed", 41), ("more than 120", "injured", 120)]


def test_unseen_nouns_become_their_own_measure():
    assert figure("Rescuers sent 3 ambulances to the scene.", "3").measure == "ambulances"
    # What happened to them tells one count of ambulances from another.
    assert figure("1 ambulance was damaged by debris.", "1").measure == "damaged: ambulances"
    assert figure("Police seized 14 rifles and ammunition.", "14").measure == "rifles"


def test_a_count_of_nothing_is_not_emitted():
    assert counts("The toll rose to 38 overnight and officials left.") == [("38", "killed", 38)]
    assert counts("The group said it had three.") == []


@pytest.mark.parametrize("sentence, words, measure", [
    ("The death toll from the Kerman blasts rose to 95, officials said on Friday.", "95", "killed"),
    ("The number of dead in the twin explosions climbed to 91 on Saturday.", "91", "killed"),
    ("The toll has reached 40.", "40", "killed"),
    ("The number of injured stood at 300.", "300", "injured"),
    ("The death toll from the market bombings has now risen to at least 120.", "at least 120", "killed"),
    ("The number of people arrested after the protests jumped to 1,200.", "1,200", "arrested"),
    ("The toll from the explosions was put at 61.", "61", "killed"),
    ("The toll from the explosions is 57.", "57", "killed"),
    ("The death toll from the bombings, which struck a market, rose to 30.", "30", "killed"),
    ("The toll, officials said, has climbed to 30.", "30", "killed"),
    ("The number of bombs found at the site rose to 4.", "4", "explosions"),
    # a level after a modal or a perfect, or in the progressive
    ("Insured losses will be about $740 million, the association said.", "about $740 million", "insured losses"),
    ("Insured losses are running at an estimated $520 million.", "an estimated $520 million", "insured losses"),
    ("Donations were standing at €2.1m on Friday.", "€2.1m", "aid"),
])
def test_a_level_verb_takes_its_measure_from_the_head_of_its_subject(sentence, words, measure):
    # "from the blasts" / "in the explosions" only place the toll: they are not what is counted.
    assert figure(sentence, words).measure == measure


def test_a_change_from_one_level_to_another_keeps_the_subjects_measure():
    text = "The number of people killed in the blasts rose from 90 to 95."
    assert counts(text) == [("90", "killed", 90), ("95", "killed", 95)]
    assert (figure(text, "95").revision, figure(text, "90").revision) == ("current", "earlier")


@pytest.mark.parametrize("sentence, measure", [
    ("The explosion caused 30 casualties and left 80 people wounded.", "killed"),
    ("The explosion caused 30 casualties.", "casualties"),
])
def test_casualties_are_the_dead_only_when_injured_are_given_apart(sentence, measure):
    assert figure(sentence, "30").measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("Among the dead were 7 Syrians.", "7", "killed: citizens of Syria"),
    ("Among the casualties, 5 were Pakistani nationals.", "5", "killed: citizens of Pakistan"),
    ("Officials said 9 Afghan citizens were killed.", "9", "killed: citizens of Afghanistan"),
    ("At least 20 people were killed, including 6 children.", "6", "killed: children"),
    ("Among the injured were 4 journalists.", "4", "injured: journalists"),
])
def test_subgroups_name_their_group(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_parts_of_a_counted_group_are_not_totals():
    # a part is a group of the measure, as "Among the dead were two children" (not the toll)
    assert counts("Two of the dead were children.") == [("Two", "killed: children", 2)]
    assert counts("Twenty-three of the injured remained in hospital.") == [("Twenty-three", "hospitalised", 23)]
    assert counts("Nine of the dead were under 18.") == []
    assert counts("One of the attackers escaped.") == []
    assert counts("Two of its members were arrested.") == [("Two", "arrested: members", 2)]
    # "of them" names the group before: what follows is what they did
    assert counts("About 4,000 of them walked out.") == [("About 4,000", "on strike", 4000)]


# --------------------------------------------------------------------------- revisions

@pytest.mark.parametrize("sentence, current, earlier", [
    ("The death toll was revised to 41 from 45.", "41", "45"),
    ("The death toll rose from 30 to 38 overnight.", "38", "30"),
    ("The toll stood at 62, down from 70.", "62", "70"),
    ("The toll reached 50, up from 44.", "50", "44"),
    ("The toll was 57, previously reported as 55.", "57", "55"),
])
def test_revisions_mark_current_and_earlier(sentence, current, earlier):
    now, before = figure(sentence, current), figure(sentence, earlier)
    assert (now.revision, now.revision_of) == ("current", earlier)
    assert (before.revision, before.revision_of) == ("earlier", current)
    assert now.measure == before.measure == "killed"


def test_a_revision_reaches_past_a_count_saying_where():
    text = "The final tally is 1,912 arrests in three cities, revised up from 1,874 after late returns."
    now, before = figure(text, "1,912"), figure(text, "1,874")
    assert (now.revision, before.revision, before.revision_of) == ("current", "earlier", "1,912")
    assert now.measure == before.measure == "arrested"
    assert figure(text, "three").revision is None


def test_two_figures_side_by_side_are_not_revisions():
    text = "The blasts killed 30 people and injured 80."
    assert all(f.revision is None for f in figures(text))


# --------------------------------------------------------------------------- attribution

@pytest.mark.parametrize("sentence, source", [
    ("According to the health ministry, 23 people were killed.", "health ministry"),
    ("According to the state news agency, SANA, 30 people died.", "SANA"),
    ("Reuters reported that 14 people were injured.", "Reuters"),
    ("Local authorities say 9 people are missing.", "Local authorities"),
    ("At least 31 people died, said the provincial governor.", "provincial governor"),
    ("The militants claimed 100 soldiers were killed.", "militants"),
    ("As reported by state media, 12 people were arrested.", "state media"),
    ("The army also noted that 6 soldiers were wounded.", "army"),
    ("At least 20 people died, state TV said.", "state TV"),
    ("Five soldiers were wounded, state radio reported.", "state radio"),
    ("At least 20 people died, the interior ministry said.", "interior ministry"),
    ("Police on Tuesday said 5 people were arrested.", "Police"),
    # "X put/placed/set the <measure> at N" names X as the source.
    ("Iran's health minister put the number of injured at 211.", "Iran's health minister"),
    ("Police placed the death toll at nearly 90.", "Police"),
    ("The governor set the number of missing at 14.", "governor"),
    # any plain noun that reports is a source; a pronoun or a participle is not
    ("The union said 46,000 members were on strike.", "union"),
    ("The airline said 148 passengers were on board.", "airline"),
])
def test_attribution(sentence, source):
    assert {f.attributed_to for f in figures(sentence, "count")} == {source}


@pytest.mark.parametrize("sentence", [
    "The group claimed responsibility for the bombing that killed 20 people.",
    "The bombing killed 20 people and was claimed by the group.",
    "The death toll was reported as 20 on Monday.",
    "The army put 20 soldiers on alert.",
    "The attack on Friday claimed 20 lives.",
    "He said 20 people had died.",
    "Figures released on Monday said 20 people died.",
])
def test_no_attribution_without_a_source(sentence):
    assert figure(sentence, "20").attributed_to is None


# --------------------------------------------------------------------------- other events

@pytest.mark.parametrize("sentence, words", [
    ("In 2019, a similar bombing in the same market killed 27 people.", "27"),
    ("The group also carried out twin bombings in 2015 that killed 18 people.", "18"),
    ("A previous attack on the base killed 11 soldiers.", "11"),
    ("Last year, a bombing at the shrine killed 13 worshippers.", "13"),
    ("A similar attack three years ago killed 9 people.", "9"),
    # a verb sharing the clause's subject, and "that <event>" pointing back, stay with the other event
    ("The general strike of 2009 lasted 11 days, drew some 310,000 workers and cost the economy €2.6bn.",
     "some 310,000"),
    ("It is longer than the strike of 2009, which lasted 11 days, although that stoppage involved 310,000 workers.",
     "310,000"),
    ("The 2011 quake killed 300 and injured 2,000.", "300"),
    ("The Greyhollow fire of 2011, the province's worst, cost insurers 95 million dollars.", "95 million dollars"),
    ("The fire of 2011 cost insurers 95 million dollars, or roughly 160 million dollars in today's money.",
     "roughly 160 million dollars"),
    # a failure and a meteor's airburst are events too
    ("After the Arden 1 failure in 2023, fishing was stopped for four days.", "four days"),
    ("Rebuilding after the Lake Senna airburst in Pellonia in 2011 cost the equivalent of $33 million.",
     "$33 million"),
])
def test_figures_of_other_events(sentence, words):
    assert figure(sentence, words).other_event is True


@pytest.mark.parametrize("sentence, words", [
    ("The blast killed 40 people, the deadliest attack since the 1979 revolution.", "40"),
    ("The blast killed 40 people in the deadliest attack since 1979.", "40"),
    ("Earlier on Tuesday, police said 8 people had been arrested.", "8"),
    ("The earlier blast killed 6 people near the gate.", "6"),
])
def test_main_event_figures_stay_main(sentence, words):
    assert figure(sentence, words).other_event is False


def test_a_clause_about_another_event_leaves_the_rest_of_the_sentence_alone():
    text = "Tuesday's attack killed 40 people, more than the 2015 bombing that killed 18."
    assert figure(text, "40").other_event is False
    assert figure(text, "18").other_event is True
    since = "The blast killed 40 people, the worst since a 2015 bombing that killed 18."
    assert (figure(since, "40").other_event, figure(since, "18").other_event) == (False, True)


def test_a_relative_clause_belongs_to_its_anchor():
    text = "The quake was the deadliest since 1960, when a tremor killed about 12,000 people."
    assert figure(text, "about 12,000").other_event is True
    # a relative clause after a preposition, past a place phrase
    text = ("The spill is the worst since the 2004 explosion at the Harl platform, in which two divers died "
            "and 900 people were evacuated from the coast.")
    assert (figure(text, "two").other_event, figure(text, "900").other_event) == (True, True)


def test_a_month_is_no_march_and_a_fronted_month_and_year_anchors_another_event():
    text = "Leak at the plant\nSensors detected the leak on 9 March and the zone was cleared on 11 March.\n"
    assert [f.measure for f in figures(text, "date")] == ["spill date", "spill date"]
    earlier = ("Hospital systems down\nThe gang attacked the hospital on 4 October 2026, officials said.\n"
               "In March 2025 it attacked a clinic in Hestria, demanding 80 bitcoin.\n")
    assert figure(earlier, "80 bitcoin").other_event is True
    assert figure("March organisers said 40,000 people joined on Sunday.", "Sunday").measure == "protest day"


def test_the_articles_own_year_is_not_another_event():
    text = ("The explosion struck the port on March 2, 2021.\n"
            "In 2021 alone, 40 people were killed in such blasts, officials said.\n"
            "In 2017, a fire at the same port killed 12 people.\n")
    assert figure(text, "40").other_event is False
    assert figure(text, "12").other_event is True


def test_a_date_of_another_event_is_another_event():
    text = "The bombing on May 3, 2023 killed 20 people.\nAn explosion on June 1, 2016 killed five.\n"
    assert figure(text, "May 3, 2023").other_event is False
    assert figure(text, "June 1, 2016").other_event is True


@pytest.mark.parametrize("sentence, words", [
    # people killed or driven out in another year are that year's event's, though no event word names it
    ("In 1987 Varos killed 212 people and forced 31,000 from their homes.", "212"),
    ("The 1987 lava covered only 5.2 km², yet its flows killed 212 people.", "212"),
    # a fronted "when" clause dates the whole sentence
    ("When Mount Tesh erupted in Ostrana in 2019, 34 people died and 52,000 were evacuated.", "52,000"),
    ("For comparison, when the Rasten plant shut in 2019, a protest march drew around 4,000 people.", "around 4,000"),
    ("When the mill last shut, in 2019, 1,200 workers lost their jobs.", "1,200"),
    # a phrase put before the clause, naming an incident or a time ago, dates all of it
    ("During the 2011 floods in the north, 40 people drowned.", "40"),
    ("And only two decades ago in Varna, 30 miners died underground.", "30"),
])
def test_harm_in_a_clause_of_another_year_is_another_events(sentence, words):
    assert figure(sentence, words).other_event is True


@pytest.mark.parametrize("sentence, words", [
    ("When the river rose on Tuesday, 19 people died.", "19"),
    ("When the bridge opened in 1964, it carried 9,000 cars a day.", "9,000 cars a day"),
    ("Since 2019, 40 people have been killed on the road.", "40"),
    ("Officials said the cuts would cost 3,350 jobs by 2027.", "3,350"),       # a deadline, not another event
    ("In its 2025 report, the agency said stadiums need 40 stewards per gate.", "40"),   # a document's year
    ("Last year the bank reported a profit of €640 million.", "€640 million"),
])
def test_a_clause_of_the_storys_past_or_now_stays_the_events(sentence, words):
    assert figure(sentence, words).other_event is False


@pytest.mark.parametrize("sentence, words", [
    ("The clean-up after that tanker grounded off Cape Ivel in 1987 cost $210m.", "$210m"),
    ("It is a fraction of the 35,000 tonnes lost when the Aurelia Star grounded in 1987.", "35,000 tonnes"),
    ("It still beats the 45.1C recorded at Aldeca in 2019.", "45.1C"),
])
def test_a_grounding_or_a_reading_recorded_in_another_year_is_another_events(sentence, words):
    assert figure(sentence, words).other_event is True


def test_flights_grounded_for_days_stay_the_events():
    assert figure("All flights were grounded for six days.", "six days").other_event is False


def test_a_fronted_place_with_a_where_clause_of_another_year_and_a_second_source_after_although():
    text = ("In Quenvia, where 11 people died in the Helmsund concert crush in 2024, the government paid "
            "€20,000 per family.")
    assert [f.other_event for f in extract_figures("a", text, "2027-04-30") if f.kind != "duration"] == [True, True]
    text = "Officially 14 people died in the 1981 disaster, although PASA has long counted 15."
    assert [f.other_event for f in extract_figures("a", text, "2027-05-20")] == [True, True]
    now = "The 1981 disaster killed 14, while this week police counted 25."
    assert [f.other_event for f in extract_figures("a", now, "2027-05-20")] == [True, False]


@pytest.mark.parametrize("sentence, scope", [
    ("Quellarian police made 85 arrests.", "Quellaria"),
    ("The Iranian government said 40 people died.", "Iran"),
    ("Police made 85 arrests.", None),
    ("The Tirvan University study estimated 290 deaths.", None),
])
def test_a_demonym_opening_the_subject_places_the_sentence(sentence, scope):
    assert [f.scope for f in extract_figures("a", sentence)] == [scope]


@pytest.mark.parametrize("sentence, words", [
    ("The ground hosted a league match watched by about 52,000 people.", "about 52,000"),
    ("The rally drew 120,000 people, organisers said.", "120,000"),
    ("The concert attracted about 22,000 people.", "about 22,000"),
])
def test_people_a_thing_drew_or_who_watched_it_are_a_crowd(sentence, words):
    assert figure(sentence, words).measure == "attendance"


def test_then_after_a_sentence_on_another_event_is_that_events_time():
    text = ("Orvath erupts, 8,400 evacuated\nThe eruption forced 8,400 people from their homes on Sunday.\n\n"
            "Orvath last erupted on this scale in 1987, when pyroclastic flows killed 212 people. Some 31,000 "
            "people were evacuated then, most of them for more than two months. Then, as now, 40 roads shut.\n\n"
            "The ash reached 12 km. Police then closed 3 roads.\n")
    flags = {f.text: f.other_event for f in extract_figures("a", text, "2026-10-05") if f.kind != "weekday"}
    assert flags == {"8,400": False, "212": True, "Some 31,000": True, "more than two months": True, "40": False,
                     "12 km": False, "3": False}


def test_the_name_a_headline_opens_with_is_the_storys_not_another_events():
    text = ("Arvant to cut 3,350 jobs\nArvant will cut 3,350 jobs at Keldby, it said on Tuesday.\n\n"
            "When Arvant staff went on strike in 2019, 4,000 workers walked out.\n\n"
            "Arvant has 9,000 staff in all.\n")
    flags = {f.text: f.other_event for f in extract_figures("a", text, "2026-02-10") if f.kind in ("count", "money")}
    assert flags == {"3,350": False, "4,000": True, "9,000": False}


def test_a_name_given_as_the_event_of_another_year_marks_its_later_figures():
    text = ("Experts compare it with the eruption of Mount Tesh in neighbouring Ostrana in 2019.\n"
            "Tesh's lava covered about 11 square kilometres; 34 people died there.\nVaros has killed 3 people.\n")
    found = {f.text: f.other_event for f in extract_figures("a", text, "2026-10-07")}
    assert found == {"about 11 square kilometres": True, "34": True, "3": False}


def test_a_thing_named_in_another_years_when_clause_is_another_event_later():
    text = ("Varos erupts again.\nWhen Mount Tesh erupted in Ostrana in 2019, 34 people died.\n"
            "Tesh's lava covered about 11 square kilometres.\nOn Sunday Varos killed 3 people.\n")
    found = {f.text: f.other_event for f in extract_figures("a", text, "2026-10-05")}
    assert found["about 11 square kilometres"] is True and found["3"] is False


@pytest.mark.parametrize("sentence, words, measure", [
    ("The eruption forced 31,000 people from their homes.", "31,000", "displaced"),
    ("Officials told 500 families to leave.", "500", "evacuated: families"),
    ("The flood forced 12 schools to close.", "12", "schools"),
])
def test_a_count_inside_a_vocabulary_phrase_takes_its_measure(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_past_date_of_the_story_is_not_another_event():
    # The story's own past ("the ship arrived in November 2013") names no other incident.
    text = ("The bombing on May 3, 2023 killed 20 people.\nThe leader was arrested on June 1, 2016.\n"
            "Police said 2,750 tonnes of fertiliser had arrived in 2013.\n")
    assert figure(text, "June 1, 2016").other_event is False
    assert figure(text, "2,750 tonnes").other_event is False


# --------------------------------------------------------------------------- not figures

@pytest.mark.parametrize("text", [
    "He moved there in 2020 and has lived there since 1979.",
    "The 1979 revolution changed the country.",
    "Updated 2 hours ago",
    "4 hours ago",
    "Call +1 202-555-0143 for details.",
    "Read more at https://example.com/news/2024/05/12345 today.",
    "Flight MH17 was shot down, and an F-16 crashed during COVID-19.",
    "Page 2 of 5",
    "Share 1.2K",
    "In other news, the home side beat the visitors 2-1 in the derby.",
    "Al-Furqan 24 published the video. Route 66 was closed for repairs.",
    "The 9/11 attacks changed everything.",
    "The fund raised $5 million for the victims.",
    "A 45-year-old man was questioned.",
    "Turnout was 47% in the capital.",
    "The mid-2010s were turbulent.",
    "One side of the square was sealed off.",
])
def test_not_figures(text):
    assert figures(text, "count") == [] and figures(text, "duration") == []


def test_numbers_inside_dates_and_times_are_not_counts():
    text = "The blast at 10:30 a.m. on January 3, 2024 killed 12 people."
    assert counts(text) == [("12", "killed", 12)]


# --------------------------------------------------------------------------- spans

def test_every_figure_text_is_its_span_inside_its_sentence():
    text = ("Nearly 100 people died and over 200 were hurt on Monday, March 4, 2024, "
            "officials said.\nAt 10:30 a.m., a second blast killed 12 people.\n")
    found = figures(text)
    assert len(found) >= 6
    sentences = set(text_sentence_spans(text))
    for f in found:
        assert text[f.start:f.end] == f.text
        assert f.sentence_start <= f.start < f.end <= f.sentence_end
        assert (f.sentence_start, f.sentence_end) in sentences
    assert [f.start for f in found] == sorted(f.start for f in found)


words_for_fuzz = st.sampled_from([
    "84", "people", "were", "killed", "and", "over", "200", "injured", "on", "Wednesday", ",",
    ".", "January", "3", "2024", "nearly", "one", "hundred", "the", "second", "anniversary", "in",
    "2017", "according", "to", "IRNA", "down", "from", "103", "|", "\n", "dozens", "of", "hours",
    "ago", "10:30", "a.m.", "among", "dead", "12", "Afghans", "said", "since", "1979", "-",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(words_for_fuzz, max_size=40))
def test_any_text_gives_consistent_figures(words):
    text = " ".join(words)
    for f in extract_figures("fuzz", text):
        assert text[f.start:f.end] == f.text
        assert f.sentence_start <= f.start < f.end <= f.sentence_end
        assert f.measure
        if f.low is not None and f.high is not None:
            assert f.low <= f.high


# --------------------------------------------------------------------------- canonical_measure

@pytest.mark.parametrize("phrase, measure", [
    ("death toll", "killed"), ("the death toll", "killed"), ("wounded", "injured"),
    ("fatalities", "killed"), ("lives lost", "killed"), ("detained", "arrested"),
    ("injury", "injured"), ("Hurt", "injured"), ("ambulances", None), ("", None),
    ("flash appeal", "appeal"), ("requested", "appeal"), ("insured losses", "insured losses"),
    ("economic losses", "losses"),
])
def test_canonical_measure(phrase, measure):
    assert canonical_measure(phrase) == measure


# --------------------------------------------------------------------------- question_measures

KNOWN = ["killed", "injured", "killed: citizens of Afghanistan", "ambulances", "anniversary",
         "explosion", "explosions", "attack date", "attack day"]


@pytest.mark.parametrize("question, measures", [
    ("How many people were killed?", ["killed"]),
    ("What is the death toll?", ["killed"]),
    ("How many died?", ["killed"]),
    ("How many were injured or hurt?", ["injured"]),
    ("How many killed and wounded?", ["killed", "injured"]),
    ("How many people were killed in the bombings?", ["killed"]),
    ("How many people were injured in the blasts?", ["injured"]),
    ("How much ammonium nitrate blew up?", ["exploded"]),      # what exploded, not the explosions
    ("Which anniversary was it?", ["anniversary"]),
    ("When did the attack happen?", ["attack date", "attack day", "attack time"]),
    ("What day did the blasts happen?", ["attack day", "attack date"]),
    ("What time did the explosion go off?", ["attack time"]),
    ("How long between the blasts?", ["attack interval"]),
    ("How long after the attack did the group claim it?", ["time from attack to claim"]),
    ("How long ago did the earthquake happen?", ["time since earthquake"]),
    ("Who claimed responsibility?", []),
    ("Who was killed?", []),
    ("What did the minister say about the attack?", []),
    ("Which countries condemned the attacks?", []),
    ("What retaliation is expected?", []),
])
def test_question_measures(question, measures):
    assert question_measures(question) == measures


def test_the_people_of_a_place_are_asked_with_the_whole_count():
    known = ["evacuated", "evacuated: residents", "killed", "killed: children"]
    assert set(question_measures("How many residents were ordered to evacuate?", known)) == \
        {"evacuated", "evacuated: residents"}
    assert question_measures("How many children were killed?", known) == ["killed: children"]


def test_a_questions_turnout_is_the_crowd_unless_some_figure_is_turnout():
    question = "What was the turnout for the demonstrations in the capital?"
    assert question_measures(question, ["attendance", "arrested"]) == ["attendance"]
    assert question_measures(question, ["attendance", "turnout"]) == []
    assert question_measures(question) == []
    # a question's shares fall in price, unless the folder counts shares
    assert question_measures("How far did Selvane shares fall?", ["share price", "withdrawn"]) == ["share price"]
    assert question_measures("How many shares were sold?", ["share price", "shares"]) == ["shares"]


def test_fishermen_are_the_articles_fishers():
    assert question_measures("How many fishermen have been kept off the water?", ["fishers", "boats"]) == ["fishers"]


def test_the_object_of_a_vocabulary_phrase_is_not_asked_for():
    assert question_measures("How many people were told to leave their homes?", ["homes", "evacuated"]) == \
        ["evacuated"]
    assert question_measures("How many homes were destroyed?", ["homes", "evacuated"]) == ["homes"]


def test_question_measures_reach_unseen_measures_through_known_ones():
    assert question_measures("How many Afghans were among the dead?", KNOWN) == ["killed: citizens of Afghanistan"]
    assert question_measures("How many Afghans were among the dead?") == ["killed"]
    assert question_measures("How many ambulances were sent?", KNOWN) == ["ambulances"]
    assert question_measures("How many ambulances were sent?") == []
    # The vocabulary answers for explosions; the ordinal measure "explosion" is not a count.
    assert question_measures("How many explosions were there?", KNOWN) == ["explosions"]


def test_a_state_and_a_rate_are_named_by_their_own_words_in_questions():
    known = ["in critical condition: patients", "density per square metre", "casualties"]
    assert "in critical condition: patients" in question_measures("How many were in a critical condition?", known)
    assert "density per square metre" in question_measures("What was the crowd density?", known, any_form=True)


@pytest.mark.parametrize("sentence, words, kind, measure, scope", [
    ("The inquiry calculated a density of 9.6 people per square metre.", "9.6 people per square metre", "rate",
     "density per square metre", None),
    ("The density in the central pens reached 10 people per square metre.", "10 people per square metre", "rate",
     "density per square metre", None),
    ("Yields fell to 2.1 tonnes per hectare.", "2.1 tonnes per hectare", "rate", "yields t per hectare", None),
    ("Thirty-one patients remain in a critical condition.", "Thirty-one", "count",
     "in critical condition: patients", None),
    ("Health ministry: 25 dead, 151 injured, 27 still in a critical condition.", "27", "count",
     "in critical condition", None),
    ("Deaths in the northern hills reached 40.", "40", "count", "killed", "the northern hills"),
])
def test_densities_states_and_regions_named_by_an_adjective(sentence, words, kind, measure, scope):
    found = figure(sentence, words)
    assert (found.kind, found.measure, found.scope) == (kind, measure, scope)


@pytest.mark.parametrize("sentence, words, measure", [
    ("The eruption has caused damage worth 3.1 billion dalans ($68m), the ministry said.", "$68m", "damage"),
    ("Riots caused damage to shops worth about 180 million euros.", "about 180 million euros", "damage"),
    ("Lava has now covered 7.9 km² of Veyra, according to the bulletin.", "7.9 km²", "area"),
    ("The blast equalled 1,000 to 1,500 tonnes of TNT.", "1,000 to 1,500 tonnes", "tnt"),
    ("The volcano erupted, sending a column of ash about 12 km into the sky.", "about 12 km", "ash height"),
    # a bare share after a reporting verb measures what the sentence's last share did
    ("The ministry now says 41% of the vanilla crop was lost, up from 35%; the growers' cooperative says 58%.",
     "58%", "share of vanilla crop"),
])
def test_money_worth_areas_of_places_heights_and_shares_said_again(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("The helpline peaked at 14,200 calls on 17 October and averaged 6,900 a day.", "6,900 a day", "calls per day"),
    ("Farms culled 1.3m birds, about 250,000 a day.", "about 250,000 a day", "birds per day"),
])
def test_a_rate_with_no_noun_counts_what_the_sentence_counted(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, kind, value", [
    ("They waited half an hour.", "half an hour", "duration", 0.5),
    ("The delay lasted a quarter of an hour.", "a quarter of an hour", "duration", 0.25),
    ("Ambulances took more than half an hour to arrive.", "more than half an hour", "duration", 0.5),
    ("The queue stretched half a kilometre.", "half a kilometre", "measurement", 0.5),
    ("Organisers said more than half a million people marched.", "more than half a million", "count", 500_000),
    ("A quarter of the homes were destroyed.", "A quarter", "percent", 25),
])
def test_a_share_of_a_unit_or_a_scale_is_that_share_of_it(sentence, words, kind, value):
    found = figure(sentence, words)
    assert (found.kind, found.value) == (kind, value)


def test_a_source_before_now_says_is_read_and_a_unit_is_never_a_source():
    assert figure("The agriculture ministry now says 41% of the crop was lost.", "41%").attributed_to \
        == "agriculture ministry"
    assert figure("The column rose to 17.5 km, far above the 12 km reported on the day.", "12 km").attributed_to is None


def test_chat_queries_and_what_was_the_name_measures_only_when_any_form_is_asked_for():
    known = ["attendance", "issued: tickets", "tickets", "injured"]
    assert question_measures("injured in the stadium crush", known) == []
    assert question_measures("injured in the stadium crush", known, any_form=True) == ["injured"]
    assert question_measures("tickets sold for the semi-final", known, any_form=True) == ["issued: tickets", "tickets"]
    assert question_measures("What was the actual attendance at the match?", known, any_form=True) == ["attendance"]
    # a question with its own form names what that form reads, never more
    assert question_measures("Why were so many injured?", known, any_form=True) == []


# --------------------------------------------------------------------------- group_values

def fig(article: str, words: str, value: float | str, qualifier: str = "exact", low=None, high=None,
        kind: str = "count", measure: str = "killed", **extra) -> Figure:
    return Figure(article_id=article, measure=measure, kind=kind, value=value, low=low, high=high,
                  qualifier=qualifier, text=words, start=0, end=len(words), sentence_start=0,
                  sentence_end=len(words), **extra)


def labels(groups: list[ValueGroup]) -> list[str]:
    return [g.label for g in groups]


def test_exact_and_at_least_agree():
    groups = group_values([fig("a", "84", 84.0, low=84, high=84), fig("b", "at least 84", 84.0, "at least", 84)])
    assert labels(groups) == ["84"]
    assert (groups[0].low, groups[0].high, len(groups[0].figures)) == (84, 84, 2)


def test_at_least_alone_says_so():
    assert labels(group_values([fig("a", "at least 84", 84.0, "at least", 84)])) == ["at least 84"]


def test_over_and_more_than_agree_but_differ_from_other_values():
    groups = group_values([
        fig("a", "over 200", 200.0, "more than", 200, measure="injured"),
        fig("b", "more than 200", 200.0, "more than", 200, measure="injured"),
        fig("c", "284", 284.0, low=284, high=284, measure="injured"),
        fig("d", "more than 280", 280.0, "more than", 280, measure="injured"),
    ])
    assert labels(groups) == ["more than 200", "more than 280", "284"]     # two sources, then by value


def test_nearly_is_its_own_value_and_order_is_sources_then_value():
    groups = group_values([
        fig("a", "103", 103.0, low=103, high=103),
        fig("b", "nearly 100", 100.0, "nearly", 90, 100),
        fig("c", "84", 84.0, low=84, high=84),
        fig("d", "84", 84.0, low=84, high=84),
        fig("d", "84", 84.0, low=84, high=84),
    ])
    assert labels(groups) == ["84", "nearly 100", "103"]
    assert len(groups[0].figures) == 3


def test_revised_figures_stay_values_other_events_do_not():
    groups = group_values([
        fig("a", "84", 84.0, low=84, high=84, revision="current", revision_of="103"),
        fig("a", "103", 103.0, low=103, high=103, revision="earlier", revision_of="84"),
        fig("b", "15", 15.0, low=15, high=15, other_event=True),
    ])
    assert labels(groups) == ["84", "103"]


def test_labels_for_other_kinds():
    assert labels(group_values([fig("a", "over 24 hours", 24.0, "more than", 24, kind="duration", unit="hour")])) \
        == ["more than 24 hours"]
    assert labels(group_values([fig("a", "fourth", 4.0, kind="ordinal", measure="anniversary")])) == ["fourth"]
    assert labels(group_values([fig("a", "dozens", 24.0, "dozens", 24, 99)])) == ["dozens"]
    assert labels(group_values([fig("a", "around 10:30", "10:30", "about", kind="time")])) == ["about 10:30"]


def test_a_date_without_its_year_joins_the_full_date():
    groups = group_values([
        fig("a", "January 3", "--01-03", kind="date", measure="attack date"),
        fig("b", "January 3, 2024", "2024-01-03", kind="date", measure="attack date"),
        fig("c", "January 4, 2024", "2024-01-04", kind="date", measure="attack date"),
    ])
    assert labels(groups) == ["January 3, 2024", "January 4, 2024"]
    assert groups[0].value == "2024-01-03"


# --------------------------------------------------------------------------- the seed articles

@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="module")
def seed_figures(seed_texts) -> list[Figure]:
    return [f for name, text in seed_texts.items() for f in extract_figures(name, text)]


def values_of(seed_figures: list[Figure], measure: str) -> list[ValueGroup]:
    return group_values([f for f in seed_figures if f.measure == measure])


def test_seed_spans_are_exact(seed_texts, seed_figures):
    assert len(seed_figures) > 40
    for f in seed_figures:
        text = seed_texts[f.article_id]
        assert text[f.start:f.end] == f.text
        assert f.sentence_start <= f.start < f.end <= f.sentence_end


def test_seed_killed_values(seed_figures):
    groups = values_of(seed_figures, "killed")
    assert sorted(labels(groups)) == ["103", "84", "nearly 100"]
    assert all(g.value != 15 for g in groups)
    assert len({f.article_id for f in groups[0].figures}) == 4      # "84" is the most cited


def test_seed_other_event_toll_is_flagged_not_dropped(seed_figures):
    fifteen = [f for f in seed_figures if f.kind == "count" and f.value == 15]
    assert len(fifteen) == 2 and all(f.other_event and f.measure == "killed" for f in fifteen)


def test_seed_injured_values(seed_figures):
    assert sorted(labels(values_of(seed_figures, "injured"))) == ["284", "more than 200", "more than 280"]


def test_seed_anniversary_values(seed_figures):
    assert sorted(labels(values_of(seed_figures, "anniversary"))) == ["fourth", "second"]


def test_seed_attack_day_disagreement(seed_figures):
    assert sorted(labels(values_of(seed_figures, "attack day"))) == ["Thursday", "Wednesday"]


def test_seed_revision_and_subgroup(seed_figures):
    revised = {f.text: f for f in seed_figures if f.revision}
    assert revised["84"].revision == "current" and revised["103"].revision == "earlier"
    assert revised["84"].attributed_to == "IRNA"
    afghans = [f for f in seed_figures if f.measure == "killed: citizens of Afghanistan"]
    assert [f.value for f in afghans] == [12]


# --------------------------------------------------------------------------- every kind of figure

@pytest.mark.parametrize("sentence, words, kind, unit, low, high", [
    ("The strike cost the company $2 billion, officials said.", "$2 billion", "money", "USD", 2e9, 2e9),
    ("Analysts put the loss at US$3.8bn.", "US$3.8bn", "money", "USD", 3.8e9, 3.8e9),
    ("The city spent 15 billion dollars on repairs.", "15 billion dollars", "money", "USD", 15e9, 15e9),
    ("The council approved €2m for the harbour.", "€2m", "money", "EUR", 2e6, 2e6),
    ("Turnout fell to 45% in the north.", "45%", "percent", "%", 45, 45),
    ("Only 9 percent of homes had power.", "9 percent", "percent", "%", 9, 9),
    ("More than half of the wards were closed.", "More than half", "percent", "%", 50, None),
    ("One in four nurses joined the walkout.", "One in four", "percent", "%", 25, 25),
    ("Between 400 and 1,200 people were injured.", "Between 400 and 1,200", "count", None, 400, 1200),
    ("Police detained 10-15 people overnight.", "10-15", "count", None, 10, 15),
    ("Repairs will cost $3.8 billion to $4.6 billion.", "$3.8 billion to $4.6 billion", "money", "USD", 3.8e9, 4.6e9),
    ("Losses could reach $3.8-4.6 billion.", "$3.8-4.6 billion", "money", "USD", 3.8e9, 4.6e9),
    ("The infection rate reached 3.2 per 100,000.", "3.2 per 100,000", "rate", "per 100,000", 3.2, 3.2),
    ("Gusts of 90 km/h toppled trees.", "90 km/h", "measurement", "km/h", 90, 90),
    ("The convoy travelled 240 km to the border.", "240 km", "measurement", "km", 240, 240),
    ("The ship carried 2,750 tonnes of wheat.", "2,750 tonnes", "measurement", "t", 2750, 2750),
    ("The tremor measured magnitude 3.3 near the coast.", "magnitude 3.3", "measurement", "magnitude", 3.3, 3.3),
    ("Forecasters raised the storm to Category 3 overnight.", "Category 3", "category", "category", 3, 3),
    ("The pickets lasted nearly 11 months.", "nearly 11 months", "duration", "month", 9, 11),
])
def test_every_kind_with_unit_and_bounds(sentence, words, kind, unit, low, high):
    found = figure(sentence, words)
    assert (found.kind, found.unit, found.low, found.high) == (kind, unit, low, high)


@pytest.mark.parametrize("sentence, words, measure", [
    ("The storm caused $4.6bn in physical damage.", "$4.6bn", "damage"),
    ("The bank put the economic losses at 2.9 billion dollars.", "2.9 billion dollars", "losses"),
    ("Some 60% of the country's imports pass through the port.", "Some 60%", "share of imports"),
    ("The dam held 2,750 tonnes of sediment.", "2,750 tonnes", "sediment"),
    ("The blast left a crater 43 metres deep.", "43 metres", "crater depth"),
    ("The quake was felt 240 km away.", "240 km", "distance"),
    ("More than 400 mm of rain fell in 24 hours.", "More than 400 mm", "rain"),
    ("The service confirmed that 512 mm fell on the town.", "512 mm", "fell"),
    # the noun an amount or a percentage modifies
    ("The World Bank approved a $500 million loan for reconstruction.", "$500 million", "loan"),
    ("The union wants a 12% pay rise this year.", "12%", "pay rise"),
    ("He said $2 billion last year was not enough.", "$2 billion", "amount of money"),
    # what a verb sets, raises or estimates, across a clause and with the qualifier for "at"
    ("The president puts losses above $15 billion.", "above $15 billion", "losses"),
    ("He estimated the damage, which he said stretched across the city, at between $3 billion and $5 billion.",
     "between $3 billion and $5 billion", "damage"),
    ("On March 28 the UN raised its appeal to $18.5 million.", "$18.5 million", "appeal"),
    # a speed is of what moves, never a distance for its direction; a level verb names its subject
    ("Winds were blowing at 45 km/h from the west.", "45 km/h", "wind speed"),
    ("The train was travelling at 160 km/h on a curve limited to 80 km/h.", "160 km/h", "train speed"),
    ("The weather bureau said winds eased to 30 km/h.", "30 km/h", "wind"),
    ("The town lies 40 km from the coast.", "40 km", "distance"),
    ("The bill came to $4 million, officials said.", "$4 million", "bill"),
    # a verb before an amount names what its subject did: two donors' amounts are two facts
    ("France promised nearly 100 million euros.", "nearly 100 million euros", "amount of money"),
    # a noun measured by a figure of its own does not name the one before it
    ("Drivers approved it by 77% on a turnout of 58%.", "77%", "share"),
    ("Drivers approved it by 77% on a turnout of 58%.", "58%", "turnout"),
])
def test_quantities_are_named_by_what_they_measure(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("text", [
    "The home side won 2-1.",
    "Call our newsroom on +44 20 7946 0958.",
    "Updated 23:40 local time (20:40 GMT), Tuesday 4 August 2020",
    "RELATED: Page 15 - Inside the ruined port",
    "(c) 2020 Levant Wire Service. All rights reserved.",
])
def test_scores_phone_numbers_and_page_furniture_are_not_figures(text):
    assert figures(text) == []


@pytest.mark.parametrize("dateline", ["BEIRUT, Aug 4 (LWS) - ", "KESSEL, 16 May - ", "PORT HALMA, 17 June 2026 - ",
                                      "BEIRUT, Aug 4, 2020 - "])
def test_a_dateline_gives_no_figure_but_the_story_does(dateline):
    found = figures(dateline + "At least 78 people were killed.")
    assert [(f.text, f.measure) for f in found] == [("At least 78", "killed")]


def test_a_box_of_other_events_is_another_event():
    text = ("Floods killed 12 people in Lowtown on Monday.\n\nOther deadly floods\n\n"
            "- In the valley, a flood killed 40 people and left 900 homeless.\n")
    flags = {f.text: f.other_event for f in figures(text, "count")}
    assert flags == {"12": False, "40": True, "900": True}


def test_a_clause_about_another_incident_is_another_event():
    text = ("The explosion killed 78 people and wounded 4,000.\nThe blast flattened the port.\n"
            "The country also reported 309 new coronavirus infections and 87 deaths on Tuesday.\n")
    flags = {f.text: f.other_event for f in figures(text, "count")}
    assert flags["78"] is False and flags["87"] is True


@pytest.mark.parametrize("story, sentence", [
    ("Fire rages at chemical plant\nThe fire at the plant burned for 11 hours, the fire service said.\n",
     "The health authority said 26 people had been treated for injuries from the blast itself."),
    ("Volcano erupts on Veyra\nThe eruption forced 8,400 people from their homes.\n",
     "The column of ash fell back to about 9 km, although explosions continued every few minutes."),
    ("Blast at fertiliser plant\nThe explosion at the Norrant plant killed two workers.\n",
     "The fire service says the blaze was under control after about 11 hours."),
])
def test_a_blast_is_part_of_the_storys_own_fire_or_eruption(story, sentence):
    assert not any(f.other_event for f in figures(story + sentence + "\n"))


def test_a_collapse_is_part_of_a_storm_and_a_person_collapsing_is_no_incident():
    storm = ("Hurricane Ilsa hits the coast\nThe hurricane killed 20 people, officials said.\n"
             "The toll rose to 23 after three bodies were recovered from a collapsed warehouse.\n")
    assert not any(f.other_event for f in figures(storm, "count"))
    crush = ("Stadium crush kills 97\nThe crush killed 97 fans.\n"
             "Two men collapsed and died outside the stadium after helping others.\n")
    assert not any(f.other_event for f in figures(crush, "count"))
    # in a story about a crush, a barrier's collapse is another incident
    older = "Stadium crush kills 97\nThe crush killed 97 fans.\nA barrier collapse on the terrace killed 14 people.\n"
    assert figure(older, "14").other_event is True


@pytest.mark.parametrize("story, sentence, other", [
    ("Mine collapse kills 31\nThe tunnel collapse killed 31 miners on Tuesday.\n",
     "It was the region's deadliest accident since an explosion at the Dorna pit killed 52 people.", "52"),
    ("Mine collapse kills 31\nThe tunnel collapse killed 31 miners on Tuesday.\n",
     "The collapse came three weeks after a blast at a neighbouring mine killed four miners.", "four"),
    ("Fire rages at chemical plant\nThe fire at the plant injured 40 workers.\n",
     "A blast at another plant in the district had injured 19 people.", "19"),
    ("Volcano erupts on Veyra\nThe eruption forced 8,400 people from their homes.\n",
     "An explosion at the crater a decade ago killed 11 hikers.", "11"),
])
def test_a_blast_told_apart_from_the_storys_own_is_another_incident(story, sentence, other):
    assert {f.text for f in figures(story + sentence + "\n", "count") if f.other_event} == {other}


@pytest.mark.parametrize("story, sentence, other", [
    ("Wildfire rages in Almera\nThe fire has burned 14,000 hectares and killed eight people.\n",
     "Last week, a smaller fire near the coastal town of Marabel burned 600 hectares.", {"600 hectares"}),
    ("Dengue outbreak spreads\nThe outbreak has infected 8,214 people and killed 37.\n",
     "A smaller cluster in the town of Durrow in December infected 140 people.", {"140"}),
    ("Quake kills 212 in Valderan\nThe earthquake killed 212 people on Saturday.\n",
     "Corvathia, still recovering from a February quake that killed 57 people, sent help.", {"57"}),
    ("Blast at fertiliser plant\nThe explosion at the Norrant plant killed two workers.\n",
     "It was the deadliest since a blast at the Kalvik depot killed 52 people.", {"52"}),
    # one of the story's kind in another place is the story's there, not another event
    ("Wildfire rages in Almera\nThe fire has burned 14,000 hectares and killed eight people.\n",
     "The Fenn Valley fire in neighbouring Lower Tessary has burned 1,500 hectares.", set()),
    ("Cholera outbreak spreads\nThe outbreak has killed 40 people.\n",
     "In neighbouring Velt province officials have linked a separate cluster of 620 cases to a market.", set()),
])
def test_an_incident_told_as_another_is_another_even_of_the_storys_kind(story, sentence, other):
    assert {f.text for f in figures(story + sentence + "\n") if f.other_event} == other


@pytest.mark.parametrize("sentence, words, other", [
    ("Last spring's floods in the south displaced 15,000 people.", "15,000", True),
    ("Only last month, seven people drowned when a boat overturned on the river.", "seven", True),
    ("Last spring the plant built 40,000 cars.", "40,000", False),        # no event, no harm
])
def test_last_season_or_a_focused_last_month_anchors_another_event(sentence, words, other):
    assert figure(sentence, words).other_event is other


@pytest.mark.parametrize("story, sentence, other", [
    ("Train derails near Kelm\nThe derailment killed 14 people on Tuesday.\n",
     "Across the border in Drusia, a derailment last October killed nine people.", {"nine"}),
    ("Dock strike enters eighth day\nAbout 4,300 dockworkers stayed off the job.\n",
     "The stoppage has outlasted the 2019 walkout at Harwick, which lasted five days.", {"five days"}),
    # another named storm than the story's, after a phrase of time
    ("Typhoon Kara hits the coast\nTyphoon Kara killed 26 people.\n",
     "In early August, Typhoon Mero killed six people in neighbouring Tavora.", {"six"}),
    ("Typhoon Kara hits the coast\nTyphoon Kara killed 26 people.\n",
     "On Monday, Typhoon Kara cut power to 90,000 homes.", set()),
    # set against "then", the sentence is about now
    ("Election result disputed\nKorvan won 51.3% of the vote.\n",
     "In 2014 protests left 11 people dead. Unlike then, the court has promised to rule within 10 days.",
     {"11"}),
])
def test_last_month_a_walkout_or_another_named_storm_is_another_event(story, sentence, other):
    assert {f.text for f in figures(story + sentence + "\n") if f.other_event and f.kind != "date"} == other


def test_a_later_year_after_in_is_when_the_storys_plans_come_due():
    text = "Pay will rise by 5% from 1 April and a further 3.5% in April 2027."
    assert not extract_figures_at(text, "3.5%", "2026-03-04").other_event
    assert extract_figures_at("The last strike, in 2019, cost 3.5% of output.", "3.5%", "2026-03-04").other_event


def test_an_event_named_after_since_is_known_by_name_later():
    text = ("Dam failure floods Tervale valley\nThe dam failure killed 23 people on Saturday.\n\n"
            "It is the worst dam failure since the Brenholt dam burst in 1979. Compared with the Brenholt "
            "disaster, in which 312 died, the evacuation was fast.\n")
    assert {f.text: f.other_event for f in figures(text, "count")} == {"23": False, "312": True}


@pytest.mark.parametrize("sentence", [
    "France promised 500,000 doses of COVID-19 vaccine and €30m in aid.",      # given against a disease
    "The observatory said it was equivalent to a magnitude 4.5 tremor.",      # a comparison
])
def test_a_disease_or_quake_named_only_as_a_thing_or_a_likeness_is_no_other_incident(sentence):
    text = f"Blast at the port kills 78\nThe explosion killed 78 people on Tuesday.\n\n{sentence}\n"
    assert not any(f.other_event for f in figures(text))


def test_a_blast_that_causes_the_storys_collapse_is_its_own():
    text = ("Mine collapse kills 31\nThe tunnel collapse killed 31 miners on Tuesday.\n"
            "The roof gave way after an explosion in the shaft, injuring 22 others.\n")
    assert not any(f.other_event for f in figures(text, "count"))


def test_a_blast_in_a_story_about_a_flood_is_still_another_incident():
    text = ("Floods swamp the valley\nThe floods forced 3,000 people from their homes.\n"
            "In the capital, a bomb blast killed 12 people on Tuesday.\n")
    assert {f.text: f.other_event for f in figures(text, "count")} == {"3,000": False, "12": True}


# --------------------------------------------------------------------------- agreement by bounds

def _group(text: str) -> ValueGroup:
    found = figures(text)
    return group_values(found)[0]


@pytest.mark.parametrize("first, second, conflict", [
    ("More than 200 people were injured.", "284 people were injured.", False),   # two precisions of one fact
    ("84 people were killed.", "103 people were killed.", True),
    ("Nearly 100 people were killed.", "84 people were killed.", True),
    ("About 5,000 people were hurt.", "5,200 people were hurt.", False),
    ("Between 30 and 40 people are missing.", "More than 60 people are missing.", True),
    ("The shock was felt 240 km away.", "The shock was felt 150 miles away.", False),   # one distance, two units
    ("Damage reached $3 billion.", "Damage reached €3 billion.", None),                   # no exchange rate
])
def test_values_conflict_only_when_both_cannot_hold(first, second, conflict):
    from index.figures.grouping import conflicts
    assert conflicts(_group(first), _group(second)) is conflict


# --------------------------------------------------------------------------- scope, statements, range ends

@pytest.mark.parametrize("sentence, words, scope", [
    ("Floods killed 12 people in the north, officials said.", "12", "the north"),
    ("The shock was felt in Cyprus, about 240 km away.", "about 240 km", "Cyprus"),
    ("The outbreak also appeared in neighbouring Velt province, where officials counted 620 cases.", "620", "Velt province"),
    ("At least 78 people were killed in the blast in Beirut's port district.", "At least 78", "Beirut"),
    ("At least 78 people were killed in the blast.", "At least 78", None),
    ("Shares in Ardenvolt fell 9% in early trading.", "9%", None),            # a company, not a place
    ("Its stake in Norrant Chemicals lost 12% of its value.", "12%", None),
])
def test_the_place_a_figure_is_about(sentence, words, scope):
    assert figure(sentence, words).scope == scope


@pytest.mark.parametrize("sentence, words, statement", [
    ("A planning scenario assumes between 8,000 and 11,000 cases by March.", "between 8,000 and 11,000", "projection"),
    ("The opposition claimed more than 500 people had died.", "more than 500", "claim"),
    ("A university study estimated that 290 people died.", "290", "estimate"),
    ("The health ministry said 203 people have died.", "203", "official"),
])
def test_what_kind_of_statement_a_figure_is(sentence, words, statement):
    assert figure(sentence, words).statement == statement


def test_the_end_of_a_range_split_by_attributions_counts_the_same():
    text = "Estimates of the injured range from more than 6,500, according to AFP, to about 7,000, by other counts."
    assert figure(text, "about 7,000").measure == figure(text, "more than 6,500").measure == "injured"


@pytest.mark.parametrize("sentence, words, measure", [
    ("The ministry said 1,310 were confirmed in the laboratory.", "1,310", "confirmed"),
    ("Confirmed cases were revised down to 1,050 from 1,200.", "1,050", "confirmed cases"),
    ("Laboratory tests had confirmed 112 of them.", "112", "confirmed"),
    ("Sixteen people had been taken into custody.", "Sixteen", "taken into custody"),
    ("The ward held 11,860 suspected cases.", "11,860", "suspected cases"),
])
def test_counts_no_vocabulary_word_names(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_another_disease_in_a_story_about_an_outbreak_is_another_event():
    text = ("The cholera outbreak has killed 203 people, the ministry said.\n"
            "Cholera cases rose again on Monday as the outbreak spread.\n"
            "Doctors are also fighting malaria, which has killed 88 people since January.\n"
            "Officials compared it with the COVID-19 pandemic, which killed 6,812 people between 2020 and 2022.\n")
    flags = {f.text: f.other_event for f in figures(text, "count")}
    assert flags == {"203": False, "88": True, "6,812": True}


def test_a_number_pointing_back_counts_what_was_named_before():
    text = ("It registered a magnitude 3.3 earthquake, while another agency put it at 3.5.\n"
            "A year on, even the death toll is disputed. An AFP tally puts it at 214. A spokesman counts 218.\n"
            "The ministry had reported 209 deaths, but it revised its count down to 203.\n")
    assert (figure(text, "3.5").measure, figure(text, "3.5").unit) == ("magnitude", "magnitude")
    assert [figure(text, w).measure for w in ("214", "218", "203")] == ["killed"] * 3


def test_what_may_happen_is_a_projection_and_a_total_is_its_own_measure():
    text = ("Forecasters said the storm could bring up to 600 mm of rain to the hills.\n"
            "About 1.2 million customers were without power, out of roughly 3.4 million nationwide.\n"
            "Roughly 60% of the 2,400 residents had left by nightfall.\n")
    assert figure(text, "up to 600 mm").statement == "projection"
    assert figure(text, "About 1.2 million").measure == "customers"
    assert figure(text, "roughly 3.4 million").measure == "customers (total)"
    assert figure(text, "2,400").measure == "residents (total)"


@pytest.mark.parametrize("sentence, words, projected", [
    # A modal governs the verb phrases joined to its own, however long the first one is.
    ("Engineers warned the river could overtop the old levee along the lower valley overnight and flood "
     "some 2,000 homes in the district.", "some 2,000", True),
    ("The levee, which engineers feared might fail, held, and 40 families returned home.", "40", False),
    ("Officials who had expected a quiet night counted 12 breaches by dawn.", "12", False),
    ("The ministry said the pumps would run all week; 35 villages remained under water.", "35", False),
])
def test_what_a_modal_reaches(sentence, words, projected):
    assert (figure(sentence, words).statement == "projection") is projected


@pytest.mark.parametrize("sentence, words, unit", [
    ("The finance ministry put the bill at 11.5 billion crowns.", "11.5 billion crowns", "SEK"),
    ("In Norvania, which the storm crossed first, officials put damage at $310 million.", "$310 million", "USD"),
])
def test_more_currencies_and_a_fronted_place(sentence, words, unit):
    found = figure(sentence, words)
    assert found.kind == "money" and found.unit == unit
    assert found.scope == ("Norvania" if "Norvania" in sentence else None)


def test_a_measure_word_of_the_same_meaning_counts_as_the_questions():
    import numpy as np

    from index.figures.relevance import coverage, question_words
    meanings = {"exploded": [1.0, 0.0], "detonated": [0.8, 0.6], "stored": [0.0, 1.0], "amount": [0.6, 0.8]}
    vector = lambda word: np.array(meanings.get(word, [0.0, 0.0]))  # noqa: E731
    words = question_words("How much of the cargo exploded?")
    question_vectors = [vector("exploded")]

    def same_word(word: str) -> bool:
        return any(float(vector(word) @ v) >= 0.65 for v in question_vectors)

    # "amount" only says what kind of figure it is; "detonated" means "exploded", "stored" does not.
    assert coverage("amount detonated", words, same_word) == 1.0
    assert coverage("amount stored", words, same_word) == 0.0
    assert coverage("amount detonated", words) == 0.0                 # without meanings, words must be shared


def test_people_in_hospital_are_their_own_measure_not_the_injured():
    text = ("The blast injured 284 people, and 150 of them remain hospitalised.\n"
            "About 2,900 people have been admitted to hospital since the outbreak began.\n")
    assert [figure(text, w).measure for w in ("284", "150", "About 2,900")] == ["injured", "hospitalised",
                                                                              "hospitalised"]


@pytest.mark.parametrize("sentence, words, value, qualifier", [
    ("The chemicals had been stored in the warehouse since 2016, inspectors said.", "since 2016", "2016", "since"),
    ("The curfew stays in force until March 3.", "until March 3", "--03-03", "until"),
    ("Schools will remain shut till June 2025.", "till June 2025", "2025-06", "until"),
])
def test_the_date_a_span_runs_from_or_to(sentence, words, value, qualifier):
    found = figure(sentence, words)
    assert (found.kind, found.value, found.qualifier) == ("date", value, qualifier)
    assert label(found).startswith(qualifier)


def test_a_rating_after_a_change_is_its_own_measure():
    text = ("The cyclone struck the coast as a Category 4 storm early on Sunday.\n"
            "It was downgraded to a Category 1 storm by the evening as it crossed the hills.\n")
    assert figure(text, "Category 4").measure == "category"
    assert figure(text, "Category 1").measure == "category (downgraded to)"


@pytest.mark.parametrize("line, words", [
    ("By Wednesday the toll had risen to 52, with 12 people still missing.", "52"),
    ("By the time rescuers arrived, 40 people had died.", "40"),
    ("Contact tracing teams reached 4,000 people on Monday.", "4,000"),
    ("Share prices of the insurer fell 6% on Friday.", "6%"),
    ("Published figures show 300 deaths in the province.", "300"),
    ("Related outbreaks in two towns killed 9 people.", "9"),
])
def test_a_sentence_opening_with_a_furniture_word_keeps_its_figures(line, words):
    assert figure(f"Quake toll rises\n{line}\n", words)


@pytest.mark.parametrize("line", [
    "By Hala Zein", "By the Weather Desk", "By Clara Venn, Chief Reporter", "Contact the newsroom: 0800 600 2211",
    "Updated 21:05 local time (01:05 GMT Wednesday)", "CORRECTION: An earlier version said 60 people were missing.",
    "Corrections and clarifications: +44 20 7946 0615", "Published 14:10 CET", "Share on Facebook",
])
def test_furniture_lines_give_no_figures(line):
    found = [(f.text, f.measure) for f in figures(f"Quake toll rises\n{line}\nThe quake killed 12 people.\n")]
    assert found == [("12", "killed")]


def test_words_that_only_look_like_another_incident_leave_figures_with_the_story():
    wildfire = ("Wildfire forces thousands to flee\nThe wildfire has burned 42,000 hectares, the fire service said.\n"
                "One resident died of a heart attack while fleeing the fire, and 2 firefighters were hurt.\n")
    flood = ("Floods swamp the valley\nThe floods forced 3,000 people from their homes.\n"
             "The fire brigade said it had rescued 45 people from rooftops.\n"
             "The cholera attack rate in the camps reached 2%.\n")
    assert not any(f.other_event for f in figures(wildfire))
    assert [f.other_event for f in figures(flood, "count")] == [False, False]


def test_a_body_named_after_an_incident_and_fire_safety_words_name_no_incident():
    # the story is a collapse: a name like "Fire and Rescue Service" and a "fire certificate"
    # must not make a fire its main incident, nor mark the collapse's own clauses as another event
    collapse = ("Mill collapse\nThe Varn Fire and Rescue Service said 31 people were killed when the mill collapsed.\n"
                "The Varn Fire and Rescue Service said crews had pulled 140 people out by midday.\n"
                "Its fire certificate allowed 900 workers; 1,250 were inside, the Fire and Rescue Service said.\n"
                "Hospitals treated 410 people injured in the collapse.\n")
    assert not any(f.other_event for f in figures(collapse))
    assert figure(collapse, "midday").measure == "time"
    # a storm's own name is still a storm
    assert figure("Storm Ciara\nStorm Ciara killed 4 people on Sunday.\n", "Sunday").measure == "storm day"


def test_a_paragraph_pointing_back_to_the_one_before():
    text = ("Quake hits Ardel\nA magnitude 6.4 earthquake struck Ardel on Tuesday, the ministry said.\n"
            "The US Geological Survey put it at 6.2.\n")
    found = figure(text, "6.2")
    assert (found.kind, found.measure, found.unit) == ("measurement", "magnitude", "magnitude")


def test_nouns_without_a_plural_ending_are_counted():
    text = "Fire spreads\nMore than 1,800 firefighters, 45 aircraft and 210 engines are assigned; floods drowned 300 sheep.\n"
    assert [(f.text, f.measure) for f in figures(text, "count")] == [
        ("More than 1,800", "firefighters"), ("45", "aircraft"), ("210", "engines"), ("300", "killed: sheep")]


@pytest.mark.parametrize("sentence, current, earlier", [
    ("Crews had contained 35% of the blaze by Sunday evening, up from 10% a day earlier.", "35%", "10%"),
    ("Insurers now put losses at $3.1 billion, up from $2.4 billion last week.", "$3.1 billion", "$2.4 billion"),
])
def test_a_revision_of_any_quantity_keeps_one_measure(sentence, current, earlier):
    new, old = figure(sentence, current), figure(sentence, earlier)
    assert (new.revision, old.revision) == ("current", "earlier") and new.measure == old.measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("The strike cancelled roughly 4,000 services a day.", "roughly 4,000 services a day", "services per day"),
    ("Hospitals reported 45 deaths per day at the peak.", "45 deaths per day", "killed per day"),
    ("About 1.2 million passengers a day normally use the network.", "About 1.2 million passengers a day",
     "passengers per day"),
])
def test_a_rate_is_what_it_counts_per_period_never_the_count_itself(sentence, words, measure):
    found = figure(sentence, words)
    assert (found.kind, found.measure) == ("rate", measure)


def test_a_decimal_before_an_earthquake_word_is_its_magnitude():
    text = "Quake hits\nIn 1997 a 6.9 tremor killed 240 people in the same valley.\nTwo quakes struck on Monday.\n"
    tremor = figure(text, "6.9")
    assert (tremor.kind, tremor.measure, tremor.unit) == ("measurement", "magnitude", "magnitude")
    assert figure(text, "Two").kind == "count"


@pytest.mark.parametrize("sentence, words, qualifier", [
    ("Drivers want a rise of 8.5% over two years.", "two years", "exact"),
    ("Rain fell over three days.", "three days", "exact"),
    ("The talks lasted over nine hours.", "over nine hours", "more than"),
    ("He was jailed for over two years.", "over two years", "more than"),
])
def test_over_before_a_duration_is_during_unless_it_follows_a_verb_of_length(sentence, words, qualifier):
    assert figure(sentence, words).qualifier == qualifier


def test_a_part_of_a_counted_whole_and_what_was_declared():
    text = ("Vote count\nThe party won 88 of the 150 seats in parliament.\n"
            "Observers visited 1,240 of the country's 9,800 polling stations.\n"
            "Of 4.1 million ballots, 38,000 were declared invalid.\n")
    assert [(f.text, f.measure) for f in figures(text, "count")] == [
        ("88", "seats"), ("150", "seats (total)"), ("1,240", "polling stations"),
        ("9,800", "polling stations (total)"), ("4.1 million", "ballots"), ("38,000", "invalid")]


@pytest.mark.parametrize("sentence, words, kind, measure, value", [
    ("At least 1.5m workers joined the general strike.", "At least 1.5m", "count", "workers", 1_500_000),
    ("A 4.6m wall collapsed onto the road.", "4.6m", "measurement", None, 4.6),
    ("Unemployment rose to 9.4% in the third quarter from 8.1% a year earlier.", "9.4%", "percent",
     "unemployment", 9.4),
    ("Police put the crowd at 18,000, while organisers spoke of 50,000.", "18,000", "count", "attendance", 18_000),
])
def test_millions_glued_to_a_number_shares_named_by_their_subject_and_crowds(sentence, words, kind, measure, value):
    found = figure(sentence, words)
    assert (found.kind, found.value) == (kind, value)
    assert measure is None or found.measure == measure


@pytest.mark.parametrize("question, sentence, words", [
    ("What is the unemployment rate?", "Unemployment rose to 9.4% in March.", "9.4%"),
    ("How much is the strike costing?", "The strike costs an estimated £45 million a day.", "an estimated £45 million a day"),
    ("What pay rise do the drivers want?", "Drivers want a pay rise of 8.5%.", "8.5%"),
    ("How long will the line stay closed?", "The line will stay closed until Thursday.", "until Thursday"),
    ("How many tonnes exploded?", "Only 500 tonnes had exploded.", "500 tonnes"),
    ("How many millimetres of rain fell?", "More than 400 mm of rain fell.", "More than 400 mm"),
    ("How many litres of oil leaked?", "About 9,000 litres of oil leaked.", "About 9,000 litres"),
    ("turnout of the vote?", "Turnout was 64%.", "64%"),
    ("What has the firefighting operation cost?", "Firefighting has cost $86 million so far.", "$86 million"),
    ("cost of fighting the fire?", "Firefighting has cost $86 million so far.", "$86 million"),
    ("What was the air quality index in Sarreth?", "In Sarreth the air quality index reached 212.", "212"),
    ("How many members voted, as a share?", "Turnout was 64%.", "64%"),
    ("What interest did the bank charge?", "The line was charged at 7%.", "7%"),
    ("What interest did the bank charge?", "It set a premium of 250 basis points.", "250 basis points"),
    ("What was the highest weather warning issued?", "Forecasters issued a red warning for the hills.", "red warning"),
    ("How cold did it get?", "The gauge showed minus 22 at dawn.", "minus 22"),
    ("total repair cost", "Repairs will cost $14m, the council said.", "$14m"),
    ("What were the overall insured losses?", "Insured losses reached $90m.", "$90m"),
    ("How much warning did the sirens give?", "Residents said the sirens gave them barely four minutes.",
     "barely four minutes"),
    ("How much notice were tenants given?", "Tenants were given 48 hours to leave.", "48 hours"),
])
def test_question_forms_take_the_figures_that_answer_them(question, sentence, words):
    from index.figures import relevance
    wanted = relevance.wanted(question)
    assert wanted is not None and wanted.fits(figure(sentence, words))


def test_a_scaled_number_is_exact():
    assert figure("About 4.1 million ballots were cast.", "About 4.1 million").value == 4_100_000
    assert label(figure("The strike costs £45m a day.", "£45m a day")) == "£45 million per day"


@pytest.mark.parametrize("sentence, words, unit", [
    ("An estimated 12,000 barrels of crude oil leaked from the tanker.", "An estimated 12,000 barrels", "bbl"),
    ("The tanker struck a reef about 5 nautical miles from shore.", "about 5 nautical miles", "nmi"),
    ("Electricity demand hit a record 61 gigawatts.", "61 gigawatts", "GW"),
])
def test_volumes_sea_distances_and_power(sentence, words, unit):
    found = figure(sentence, words)
    assert (found.kind, found.unit) == ("measurement", unit)


def test_ransoms_in_bitcoin_and_how_long_a_thing_is():
    from index.figures import relevance
    assert figure("The hackers demanded 50 bitcoin.", "50 bitcoin").unit == "BTC"
    coast = figure("The slick has spread along roughly 80 km of coastline.", "roughly 80 km")
    assert relevance.wanted("How long is the affected coastline?").fits(coast)
    assert not relevance.wanted("How long will fishing be banned?").fits(coast)


def test_what_happened_to_a_counted_group_tells_its_counts_apart():
    text = ("Mine collapse\nRescuers tried to reach 46 miners trapped 300 metres underground.\n"
            "Twelve miners were brought to the surface alive.\nAbout 1,400 miners work at the pit.\n")
    assert [(f.text, f.measure) for f in figures(text, "count")] == [
        ("46", "trapped: miners"), ("Twelve", "brought: miners"), ("About 1,400", "miners")]


def test_a_second_source_putting_the_number_elsewhere_counts_the_same():
    text = "Mine\nThe union said 27 miners were still missing, while the company put the number at 22.\n"
    assert figure(text, "22").measure == figure(text, "27").measure == "missing: miners"


@pytest.mark.parametrize("sentence, words, measure", [
    ("Fourteen people remain in intensive care.", "Fourteen", "in intensive care"),
    ("About 150 people are still in hospital.", "About 150", "hospitalised"),
    ("The stadium, which holds 28,000 people, was full.", "28,000", "holds"),
    ("The mine employs about 1,400 people.", "about 1,400", "employs"),
])
def test_plain_people_named_by_where_they_are_or_the_verb_they_follow(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_ages_are_no_figures_and_a_crush_is_an_incident():
    text = ("Stadium crush kills 17\nAt least 17 people were killed in the crush.\n"
            "Nine of the dead were under 18.\nA crush at the same stadium in 1997 killed four people.\n")
    assert [(f.text, f.other_event) for f in figures(text, "count")] == [
        ("17", False), ("At least 17", False), ("four", True)]


def test_a_unit_asked_for_by_name_wants_its_dimension_only():
    from index.figures import relevance
    wanted = relevance.wanted("How many tonnes exploded?")
    assert not wanted.fits(figure("Only 500 people had left.", "500"))
    assert not wanted.fits(figure("The blast was felt 240 km away.", "240 km"))
    # the unit the answer is to be given in
    volume = relevance.wanted("What is the volume of the hole, in cubic metres?")
    assert volume.fits(figure("Its volume is put at 7,200 cubic metres.", "7,200 cubic metres"))
    assert not volume.fits(figure("The hole is 31 metres across.", "31 metres"))


@pytest.mark.parametrize("sentence, words, measure", [
    ("The ministry said 27,300 workers were on strike.", "27,300", "on strike"),
    ("The union said 46,000 of its members were on strike.", "46,000", "on strike: members"),
    ("Some 38,000 dockers had walked out by midday.", "Some 38,000", "on strike: dockers"),
    ("The union said 44,000 members were now staying away from work.", "44,000", "on strike"),
    ("The union has about 52,000 members.", "about 52,000", "members"),
    ("Three workers were killed in the fire.", "Three", "killed"),
    ("Twelve miners were injured.", "Twelve", "injured: miners"),
])
def test_the_people_of_a_body_are_its_count_a_role_is_a_part(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_year_before_a_singular_noun_counts_nothing():
    assert [f.text for f in figures("The 2011 quake killed 300 people.", "count")] == ["300"]


@pytest.mark.parametrize("sentence, words, measure", [
    ("The mine has a workforce of 1,400.", "1,400", "workforce"),
    ("The ballot covered 41,800 members, out of a total membership of about 52,000.", "about 52,000", "membership"),
    ("The city, home to a population of 2 million, was flooded.", "2 million", "population"),
    ("A crowd of 18,000 gathered outside.", "18,000", "attendance"),
])
def test_a_count_is_of_the_noun_before_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence", ["It was one of 12 such events.", "The striker scored in the 89th minute of 90."])
def test_of_a_number_or_a_time_names_no_count(sentence):
    assert figures(sentence, "count") == []


def test_a_bare_noun_asks_for_a_value_but_a_question_word_without_one_does_not():
    from index.figures import relevance
    assert relevance.wanted("strike pay?") is not None
    assert relevance.wanted("Who called the strike?") is None


def test_an_articles_own_currency_word_makes_money():
    text = ("The operation has cost 142 million florins so far. Insurers put losses at 400 million to "
            "600 million florins. About 2 million florins came from donors.\n")
    money = {f.text: (f.kind, f.unit, f.low, f.high) for f in figures(text, "money")}
    assert money["142 million florins"] == ("money", "florins", 142e6, 142e6)
    assert money["400 million to 600 million florins"][2:] == (400e6, 600e6)
    assert "About 2 million florins" in money
    # a word after amounts that counts people is never a currency
    assert figures("The fund helped 2 million workers and cost 3 million workers nothing.", "money") == []


def test_a_currency_word_once_with_its_conversion_is_money():
    text = "The government set aside 2.4 billion zorins (about $30 million) for the response.\n"
    assert [(f.text, f.unit) for f in figures(text, "money")] == [("2.4 billion zorins", "zorins"),
                                                                  ("about $30 million", "USD")]


@pytest.mark.parametrize("sentence, words, measure", [
    ("About 27,500 people remain under evacuation orders.", "About 27,500", "evacuated"),
    ("Officials ordered 6,000 people in Ardwen, Mollin Falls and Kesselbrook to leave.", "6,000", "evacuated"),
])
def test_people_named_by_the_order_they_are_under(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_how_bad_asks_for_a_value():
    from index.figures import relevance
    assert relevance.wanted("How bad did the smoke make the air?") is not None


def test_a_clause_about_now_is_this_events():
    found = figures("In 2011, the worst year on record, a fire killed nine people, and this week 40 died.", "count")
    assert [(f.text, f.other_event) for f in found] == [("nine", True), ("40", False)]


@pytest.mark.parametrize("sentence, words, measure", [
    ("In Sarreth the air quality index reached 212.", "212", "air quality index"),
    ("Across the region the number of homes destroyed rose to 4,000.", "4,000", "homes destroyed"),
])
def test_a_subject_after_a_fronted_place(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_toll_in_brackets_after_another_event_is_that_events():
    text = ("Crash update, 15 March 2026\n\nThe crash on 14 March 2026 killed 41 people. It was the deadliest since "
            "the 1979 Ostra Bridge disaster (63 dead).\n")
    assert [(f.text, f.other_event) for f in figures(text, "count")] == [("41", False), ("63", True)]


@pytest.mark.parametrize("sentence, other", [
    ("In the last election, turnout was 58%.", True),
    ("A previous quake in the same valley killed 40 people.", True),
    ("The last blast killed 6 people near the gate.", False),
])
def test_previous_and_last_events(sentence, other):
    assert all(f.other_event is other for f in figures(sentence) if f.kind != "date")


@pytest.mark.parametrize("sentence, words, measure", [
    ("President Mara Voss won 52.4% of the vote, ahead of challenger Ilan Brek with 44.1%.", "52.4%",
     "share of vote (Voss)"),
    ("President Mara Voss won 52.4% of the vote, ahead of challenger Ilan Brek with 44.1%.", "44.1%", "share (Brek)"),
    ("Final results: Voss received 51.8% and Brek 45.0%.", "45.0%", "share (Brek)"),
    ("Brek's Civic Front won 49 seats.", "49", "seats (Front)"),
    ("Rescuers said 41 people had died.", "41", "killed"),
    ("Turnout was 61%, the commission said.", "61%", "turnout"),
])
def test_a_named_sides_share_is_its_own(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_weekday_with_a_possessive_is_no_place():
    assert figure("Voss won 52.4% in Sunday's presidential election.", "52.4%").scope is None


def test_another_event_named_by_its_year_is_known_by_name_later():
    text = ("Fire review, 18 August 2026\n\nIt is the largest fire on record, ahead of the Greyhollow fire of 2011, "
            "which burned 38,000 hectares. Seven people died. Greyhollow remains the deadlier fire: it killed nine "
            "people.\n")
    assert [(f.text, f.other_event) for f in figures(text, "count")] == [("Seven", False), ("nine", True)]


def test_a_year_pointed_back_to_is_no_count():
    text = "Fire review, 18 August 2026\n\nSeven people died. It was worse than the 1979 Ostra Bridge disaster.\n"
    assert [f.text for f in figures(text, "count")] == ["Seven"]


@pytest.mark.parametrize("sentence, words, unit, measure", [
    # a reading says nothing of what was read: what its unit measures
    ("Readings near the plant reached 25 parts per million.", "25 parts per million", "ppm", "concentration"),
    ("Fine particle levels reached 212 µg/m³ in the capital.", "212 µg/m³", "µg/m³", "fine particle level"),
])
def test_concentrations_are_measurements(sentence, words, unit, measure):
    found = figure(sentence, words)
    assert (found.kind, found.unit, found.measure) == ("measurement", unit, measure)


@pytest.mark.parametrize("sentence, words, unit, measure", [
    ("Lead in the tap water reached 14 µg/l on Monday.", "14 µg/l", "µg/l", "lead"),
    ("The soil held 3.1 milligrams per kilogram of arsenic.", "3.1 milligrams per kilogram", "mg/kg", None),
    ("Its instruments at the fence showed 4.2 microsieverts per hour.", "4.2 microsieverts per hour", "µSv/h",
     "dose rate"),
    ("The monitors read 6.8 µSv/h on Wednesday.", "6.8 µSv/h", "µSv/h", "dose rate"),
    ("Inside the hall dose rates reached 85 mSv/h.", "85 mSv/h", "mSv/h", None),
    ("Four workers received doses, the highest of them 18 millisieverts (mSv).", "18 millisieverts", "mSv",
     "radiation dose"),
    ("Milk from Haldby showed 640 becquerels per kilogram.", "640 becquerels per kilogram", "Bq/kg",
     "radioactivity in food"),
    ("Tap water held 12 Bq/l of iodine-131.", "12 Bq/l", "Bq/l", None),
    ("The plant released about 900 terabecquerels into the sea.", "about 900 terabecquerels", "TBq", None),
])
def test_radiation_and_concentrations_in_water_and_soil_are_measurements(sentence, words, unit, measure):
    found = figure(sentence, words)
    assert (found.kind, found.unit) == ("measurement", unit)
    assert measure is None or found.measure == measure


def test_doses_of_the_same_dimension_compare_across_prefixes():
    from index.figures.vocabulary import VOCAB
    dimension, factor = VOCAB.dimensions["mSv"]
    assert (dimension, factor * 1000) == (VOCAB.dimensions["Sv"][0], VOCAB.dimensions["Sv"][1])
    assert VOCAB.dimensions["µSv/h"][0] == "dose rate" != VOCAB.dimensions["µSv"][0]


@pytest.mark.parametrize("question, dimensions", [
    ("How high did radiation readings get outside the plant?", {"dose rate"}),
    ("What was the biggest radiation dose received by any worker?", {"radiation dose"}),
    ("max worker dose msv", {"radiation dose"}),
    ("peak µSv/h near plant", {"dose rate"}),
    ("How radioactive was the milk?", {"radioactivity", "radioactivity in food", "radioactivity in water"}),
    ("How much radiation was released?", {"radioactivity", "radioactivity in food", "radioactivity in water"}),
    ("How much radiation was there?", {"radiation dose", "dose rate"}),
])
def test_a_question_about_radiation_asks_for_a_dose_a_dose_rate_or_radioactivity(question, dimensions):
    from index.figures import relevance
    wanted = relevance.wanted(question)
    assert wanted.kinds == frozenset({"measurement"}) and wanted.dimensions == frozenset(dimensions)


@pytest.mark.parametrize("question, kinds", [
    ("What was the total amount of deposits withdrawn?", {"money", "measurement", "percent"}),
    ("What was the total number of deaths?", {"count", "rate"}),
])
def test_an_amount_of_something_is_a_quantity_a_number_of_things_a_count(question, kinds):
    from index.figures import relevance
    assert relevance.wanted(question).kinds == kinds


def test_vaccine_doses_are_not_radiation():
    from index.figures import relevance
    assert "radiation dose" not in relevance.wanted("How many vaccine doses were given?").dimensions


@pytest.mark.parametrize("sentence, words, measure", [
    ("About 2,100 people living within 3 km of the plant were told to leave their homes.", "About 2,100",
     "evacuated"),
    ("Police said about 2,100 people living nearby had to leave.", "about 2,100", "evacuated"),
    ("About 300 people sheltering in the mine were rescued on Friday.", "About 300", "rescued"),
    ("The provincial government said 3,800 people had now been moved out of the zone.", "3,800", "evacuated"),
])
def test_a_clause_of_where_people_were_stands_between_them_and_what_happened(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words", [
    # a verb whose particle comes after its object: the longest phrase it makes is what it says
    ("Its crews had pulled more than 140 people out alive by noon.", "more than 140"),
    ("Miners have now brought 66 colleagues out alive, the company said.", "66"),
    ("The brigade says 1,046 people were dug out alive.", "1,046"),
])
def test_people_brought_out_alive_are_rescued(sentence, words):
    assert figure(sentence, words).measure.partition(":")[0] == "rescued"


def test_a_pronoun_of_quantity_names_no_measure():
    found = figure("The inspectorate estimates that nobody evacuated from Haldby received more than 1 mSv.",
                   "more than 1 mSv")
    assert found.measure == "radiation dose"


def test_a_monetary_or_financial_value_asks_for_money():
    from index.figures import relevance
    for question in ("What is the monetary value of the harvest that has been lost?",
                     "What was the financial hit to farmers?"):
        assert relevance.wanted(question).kinds == frozenset({"money"})


def test_how_hard_a_thing_was_hit_asks_for_a_quantity():
    from index.figures import relevance
    for question in ("How hard was the operator's share price hit?", "How badly were farms hit?"):
        wanted = relevance.wanted(question)
        assert wanted is not None and {"percent", "money", "count"} <= wanted.kinds


def test_taken_to_hospital_is_hospitalised():
    assert figure("Officials said 63 people were taken to hospital.", "63").measure == "hospitalised"


def test_how_high_a_level_is_no_height():
    from index.figures import relevance
    assert "measurement" in relevance.wanted("How high were chlorine levels?").kinds
    assert relevance.wanted("How high were chlorine levels?").dimensions == frozenset()
    assert relevance.wanted("How high was the surge?").dimensions == frozenset({"length"})


def test_a_part_of_them_is_named_by_what_was_done_to_it():
    found = figures("The number detained has risen to 131, and 57 of them have been charged.", "count")
    assert [(f.text, f.measure) for f in found] == [("131", "arrested"), ("57", "charged")]


@pytest.mark.parametrize("sentence, words, scope", [
    ("In the port city of Lessa, about 5,000 people rallied peacefully.", "about 5,000", "Lessa"),
    ("Flooding killed 12 in the northern province of Velt.", "12", "Velt"),
])
def test_a_place_named_after_its_kind(sentence, words, scope):
    assert figure(sentence, words).scope == scope


def test_a_list_of_counts_shares_its_verb():
    found = figures("Twenty-two officers and at least 40 protesters were injured.", "count")
    assert [f.measure for f in found] == ["injured: officers", "injured: protesters"]
    listed = figures("Some 1,800 firefighters, 45 aircraft and 210 engines are assigned to the fire.", "count")
    assert [f.measure for f in listed] == ["firefighters", "aircraft", "engines"]


def test_pounds_are_money_unless_a_weight_of_something():
    assert figure("Customers withdrew 4.2 billion pounds in a day.", "4.2 billion pounds").unit == "GBP"
    assert figure("Police found 500 pounds of explosives.", "500").kind == "count"


@pytest.mark.parametrize("sentence, words", [
    ("The institute raised the alert level to 4, its highest.", "4"),
    ("Officials lowered the warning level from 3 to 2.", "2"),
])
def test_a_level_set_by_a_verb_is_a_level(sentence, words):
    found = figure(sentence, words)
    assert (found.kind, found.unit) == ("category", "level")


def test_a_verb_after_an_earlier_event_in_apposition_tells_of_that_event():
    text = ("Storm update, 18 March 2026\n\nThe country's last serious solar storm, the Saint Avel's Day storm of 2015, "
            "was rated G3 and left about 120,000 households without electricity.\n")
    assert [f.other_event for f in figures(text) if f.kind != "date"] == [True, True]


def test_an_earlier_eruption_is_another_event():
    text = "Volcano update, 2 November 2026\n\nThe last major eruption, in 1991, killed 41 people.\n"
    assert [f.other_event for f in figures(text, "count")] == [True]


def test_an_aside_between_a_count_and_its_verb_and_who_speaks_name_no_measure():
    found = figures("Aid groups say at least 11 people, among them six children, have died in the camp.", "count")
    assert [(f.text, f.measure) for f in found] == [("at least 11", "killed"), ("six", "killed: children")]
    assert figure("At least 40 people, most of them women, were injured.", "At least 40").measure == "injured"
    # what they are doing names them, not who says so
    assert [f.measure for f in figures("Aid groups say tens of thousands of people are drinking river water.",
                                       "count")] == ["drinking river water"]
    assert figure("Displaced families numbered 1,200.", "1,200").measure == "displaced"


def test_a_second_source_with_its_verb_left_out_sets_the_same_measure():
    found = figures("The ministry put the death toll at 84 and the hospital at 103.", "count")
    assert [(f.text, f.measure, f.attributed_to) for f in found] == [
        ("84", "killed", "ministry"), ("103", "killed", "hospital")]
    crowd = figures("Police put the crowd at 12,000, while organisers at 40,000.", "count")
    assert [(f.measure, f.attributed_to) for f in crowd] == [("attendance", "Police"), ("attendance", "organisers")]
    # a later "at" in a clause of its own sets nothing
    assert [f.measure for f in figures("Officials put the toll at 40 and crews worked at 3 sites.", "count")] \
        == ["killed", "sites"]


@pytest.mark.parametrize("sentence, words, measure", [
    ("Winds were blowing at 45 km/h, with gusts of up to 70 km/h along the ridge.", "up to 70 km/h", "wind gusts"),
    ("Winds were blowing at 45 km/h, with gusts of up to 70 km/h along the ridge.", "45 km/h", "wind speed"),
    ("Winds gusting to 110 km/h tore roofs off.", "110 km/h", "wind gusts"),
    ("Winds blowing up to 60 km/h fanned the flames.", "up to 60 km/h", "wind speed"),
])
def test_gusts_are_wind_apart_from_its_sustained_speed(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_households_count_the_same_people_another_way():
    found = figures("The office widened its evacuation order to cover 24,000 people in 9,100 households.", "count")
    assert [f.measure for f in found] == ["evacuated", "evacuated: households"]
    covering = figures("Police ordered 6,000 people in Ardwen and Mollin Falls to leave, covering about 2,300 "
                       "households.", "count")
    assert [f.measure for f in covering] == ["evacuated", "evacuated: households"]
    # homes with a verb of their own are no households of the people before them
    assert figure("Flooding displaced 12,000 people and destroyed 700 homes.", "700").measure != "displaced: homes"


def test_weather_and_sea_disasters_are_incidents_and_that_one_points_back():
    text = ("Heat report, 20 July 2026\n\nThe 2019 heatwave was blamed for some 1,480 excess deaths. "
            "That heatwave, in August, lasted nine days.\n")
    assert [(f.text, f.other_event) for f in figures(text) if f.kind != "date"] == [
        ("some 1,480", True), ("nine days", True)]
    sinking = "Ferry report, 20 July 2026\n\nThe last sinking in the strait killed 412 people.\n"
    assert [f.other_event for f in figures(sinking, "count")] == [True]


def test_a_previous_record_is_another_events_figure():
    text = ("Heat report, 20 July 2026\n\nThe reading beats the previous national record of 45.1C. Demand "
            "reached 52.6 GW, short of the all-time record of 49.8 GW set in 2019. A new national record "
            "of 46.3C was set on Monday.\n")
    assert [(f.text, f.other_event) for f in figures(text, "measurement")] == [
        ("45.1C", True), ("52.6 GW", False), ("49.8 GW", True), ("46.3C", False)]


@pytest.mark.parametrize("sentence, words, unit", [
    ("The group said it had stolen 4.2 TB of files.", "4.2 TB", "TB"),
    ("The gang published 40 gigabytes on its leak site.", "40 gigabytes", "GB"),
])
def test_data_sizes_are_measurements(sentence, words, unit):
    found = figure(sentence, words)
    assert (found.kind, found.unit) == ("measurement", unit)


def test_an_articles_own_currency_code_before_amounts_is_money():
    text = ("Report, 20 July 2026\n\nRecovery will cost at least LVD 180m (€24m), the ministry said. "
            "The bill rose to LVD 410 million. The NHS 111 line took 5,000 calls; NHS 111 staff said 40 waited.\n")
    money = [(f.text, f.value, f.unit) for f in figures(text, "money")]
    assert money == [("at least LVD 180m", 180e6, "LVD"), ("€24m", 24e6, "EUR"), ("LVD 410 million", 410e6, "LVD")]
    assert [f.text for f in figures(text, "count")] == ["5,000", "40"]
    assert not figures(text, "measurement")


def test_questions_about_data_and_how_seriously_something_was_rated():
    from index.figures import relevance
    assert relevance.wanted("How much data did the hackers steal?").dimensions == frozenset({"data"})
    assert relevance.wanted("How serious was the attack rated?").kinds == frozenset({"category"})


def test_a_query_naming_things_and_what_happened_to_them_asks_for_counts():
    from index.figures import relevance
    assert relevance.wanted("operations cancelled because of the cyber attack").kinds == frozenset({"count", "rate"})
    assert relevance.wanted("people killed in the quake") is not None
    assert relevance.wanted("the attackers motives") is None


def test_a_rate_of_a_measurement_answers_how_much():
    from index.figures import relevance
    ration = figure("The valley rations water to 90 litres a day.", "90 litres a day")
    assert ration.kind == "rate" and relevance.wanted("How much water is each person allowed?").fits(ration)
    assert not relevance.wanted("How far did the fire spread?").fits(ration)


@pytest.mark.parametrize("sentence, words, measure", [
    ("On Friday grid operator Corvane recorded demand of 52.4 GW.", "52.4 GW", "demand"),
    ("The central bank now expects inflation of 10.2% by December.", "10.2%", "inflation"),
    ("No more than 552 tonnes detonated, the FBI said.", "No more than 552 tonnes", "exploded"),
    ("The bank forecasts growth of 2.1% next year.", "2.1%", "growth"),
    ("Forecasters gave maximum sustained winds of 185 km/h.", "185 km/h", "maximum sustained wind"),
])
def test_a_subject_before_of_stops_at_a_verb_after_its_own_subject(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_how_far_something_dropped_asks_for_a_change_of_any_quantity():
    from index.figures import relevance
    assert "percent" in relevance.wanted("How far have the reservoirs dropped?").kinds
    assert relevance.wanted("How far away was the blast felt?").dimensions == frozenset({"length"})


def test_down_to_a_figure_from_another_is_a_revision():
    found = figures("The authority says its reservoirs are down to 23% of capacity, from 31% last week.", "percent")
    assert [(f.text, f.measure, f.revision) for f in found] == [
        ("23%", "share of capacity", "current"), ("31%", "share of capacity", "earlier")]


def test_a_pronoun_subject_points_back_to_the_paragraphs_last_share():
    text = ("Water report, 20 July 2026\n\nThe limit stays until its reservoirs are back above 30% of capacity. "
            "They stood at 19% on Tuesday morning.\n")
    assert [f.measure for f in figures(text, "percent")] == ["share of capacity", "share of capacity"]


@pytest.mark.parametrize("question, kinds, dimensions", [
    ("How high did demand for electricity peak?", {"percent", "measurement", "count", "money", "rate"}, set()),
    ("How low have the reservoirs fallen?", {"percent", "measurement", "count", "money", "rate"}, set()),
    ("tonnes of crops lost?", {"measurement"}, {"mass"}),
    ("How many bitcoin did the gang demand?", {"money"}, set()),
    ("What severity rating was the attack given?", {"category"}, set()),
    ("severity level of the attack?", {"category"}, set()),
    ("How high did the surge reach?", {"measurement"}, {"length"}),
])
def test_question_forms_of_peaks_falls_units_currencies_and_ratings(question, kinds, dimensions):
    from index.figures import relevance
    wanted = relevance.wanted(question)
    assert (wanted.kinds, wanted.dimensions) == (frozenset(kinds), frozenset(dimensions))


def test_an_allowance_or_ration_is_a_value_asked_for():
    from index.figures import relevance
    assert relevance.wanted("water ration per head?") is not None
    assert relevance.wanted("What daily water allowance does each person get?") is not None


def test_a_figure_in_quotation_marks_after_its_verb_keeps_its_subject():
    found = figure('The federation said the real number of cancelled operations was "more than 1,000".',
                   "more than 1,000")
    assert found.measure == "cancelled operations"


def test_a_source_saying_a_bare_number_or_giving_the_true_figure_points_back():
    text = ("Report, 20 October 2026\n\nThe region said 910 planned operations have been cancelled. The nurses' "
            "federation says the true figure is about 1,400.\n\nThe final tally is 2,870 cancelled operations. The "
            "ministry says about 3,100.\n")
    assert [(f.text, f.measure) for f in figures(text, "count")] == [
        ("910", "cancelled: planned operations"), ("about 1,400", "cancelled: planned operations"),
        ("2,870", "cancelled operations"), ("about 3,100", "cancelled operations")]


def test_could_exceed_is_a_projection():
    assert figure("Losses could exceed $2bn.", "$2bn").statement == "projection"


@pytest.mark.parametrize("sentence, words, measure", [
    ("The 47-year-old works makes fertilisers.", "47-year-old", "works age"),
    ("The 30-year-old steel bridge collapsed.", "30-year-old", "bridge age"),
    ("The warehouse itself was 22 years old.", "22 years old", "warehouse age"),
    ("It sank in a ship more than 45 years old.", "more than 45 years old", "ship age"),
    ("Flash, a five-year-old sniffer dog working with rescuers, reacted.", "five-year-old", "dog age"),
])
def test_the_age_of_a_thing_is_a_figure(sentence, words, measure):
    found = figure(sentence, words)
    assert (found.kind, found.measure) == ("duration", measure)


@pytest.mark.parametrize("sentence", [
    "A 34-year-old man was arrested.", "He was 51 years old.", "A 71-year-old shepherd died.",
    "The 19-year-old forward Adil Meric scored twice.", "The victims were 81 years old.",
])
def test_the_age_of_a_person_is_no_figure(sentence):
    assert figures(sentence, "duration") == []


def test_how_old_asks_for_a_duration():
    from index.figures import relevance
    assert relevance.wanted("How old is the plant?").kinds == frozenset({"duration"})


@pytest.mark.parametrize("sentence, first, second", [
    ("Norrant raised its clean-up provision to ORM 240m (about €22m), from the ORM 150m it estimated. "
     "Norrant has paid ORM 10m.", "ORM 240m", "about €22m"),
    ("The reading of 46.3C (115.3F) beat the record.", "46.3C", "115.3F"),
    ("It capsized about 4 nautical miles (7.4 km) out.", "about 4 nautical miles", "7.4 km"),
])
def test_an_amount_restated_in_another_currency_or_unit_measures_the_same(sentence, first, second):
    assert figure(sentence, first).measure == figure(sentence, second).measure


def test_a_revision_reaches_over_a_conversion_and_the():
    text = "Norrant raised its clean-up provision to ORM 240m (about €22m), from the ORM 150m it estimated."
    found = figures(text + " Norrant has paid ORM 10m.", "money")
    assert [(f.text, f.revision) for f in found][:3] == [
        ("ORM 240m", "current"), ("about €22m", "current"), ("ORM 150m", "earlier")]
    injured = figures("By evening 26 people had been treated for injuries from the blast itself, up from the 17 "
                      "reported in the morning.", "count")
    assert [(f.text, f.measure, f.revision) for f in injured] == [
        ("26", "injured", "current"), ("17", "injured", "earlier")]


def test_the_measures_a_question_names_do_not_depend_on_the_order_of_the_known_measures():
    known = ["on strike: members", "members", "injured: members", "on strike", "killed"]
    question = "How many members backed the walkout in the ballot?"
    assert question_measures(question, known) == question_measures(question, list(reversed(known)))


def test_the_incidents_an_articles_opening_names_are_all_its_own():
    text = ("Blast and fire at chemical plant\n\nAn explosion tore through a warehouse before dawn, and the fire "
            "burned for 11 hours.\n\nThe fire sent smoke over the town. The fire spread to two sheds. By evening "
            "26 people had been treated for injuries from the blast itself.\n")
    assert [(f.text, f.other_event) for f in figures(text, "count") if f.text == "26"] == [("26", False)]
    rescue = "Plant blast\n\nTwo people were killed and at least 17 injured, the fire and rescue service said.\n"
    assert not any(f.other_event for f in figures(rescue, "count"))


def test_the_publication_year_is_the_articles_own_time():
    from index.figures.events import article_event_years
    text = ("Coldmoth is no stranger to hospitals. In March 2025 it attacked Brevik University Hospital, "
            "demanding 80 bitcoin.\nThe gang now demands 250 bitcoin.\n")
    assert [f.other_event for f in extract_figures("a", text, "2026-10-07") if f.kind == "money"] == [True, False]
    assert article_event_years(text, "2026-10-07") == frozenset({2026})
    retrospective = "One year on. On 4 August 2020 the port exploded. Since 4 August 2020 the city has rebuilt."
    assert article_event_years(retrospective, "2021-07-31") == frozenset({2021, 2020})


def test_that_event_is_another_one():
    opening = ("Heat report, 20 July 2026\n\nThe comparison everyone reaches for is 2019. That heatwave, in August, "
               "lasted nine days and was followed by some 1,480 excess deaths.\n")
    assert all(f.other_event for f in figures(opening) if f.kind != "date")
    inside = ("Report, 20 October 2026\n\nThe attack is the biggest since 2019, when hackers shut the pension "
              "office for 12 days. Seven people were arrested over that attack, which cost 95 million dollars.\n")
    assert [f.other_event for f in figures(inside, "money")] == [True]
    own = "Report, 20 October 2026\n\nThe attack shut 14 hospitals. Police say 5 people were arrested over that attack.\n"
    assert not any(f.other_event for f in figures(own, "count"))


def test_adverbs_between_the_auxiliary_and_the_verb():
    assert figure("Seven people were eventually arrested.", "Seven").measure == "arrested"
    assert figure("Forty people have since died.", "Forty").measure == "killed"


def test_another_storms_given_name_and_its_possessive():
    text = ("Storm report, 9 September 2026\n\nThe rain revived memories of Hurricane Corwen, which killed 61 "
            "people on the same coast in 1987. Corwen's winds never exceeded 170 km/h, the weather service said. "
            "Ilsa's winds reached 215 km/h.\n\nThe human cost is far below Corwen's 61 dead.\n")
    flags = [(f.text, f.other_event) for f in figures(text) if f.kind in ("count", "measurement")]
    assert flags == [("61", True), ("170 km/h", True), ("215 km/h", False), ("61", True)]


def test_a_depot_explosion_of_a_year_names_its_place():
    from index.figures.event_names import other_event_names
    text = "The Kalvik depot explosion of 2008 killed 11. Since the 2008 explosion at the Brenna plant, rules changed."
    assert other_event_names(text, frozenset({2026})) == frozenset({"Kalvik", "Brenna"})


@pytest.mark.parametrize("sentence, words, measure", [
    ("The region's systems had been down for more than 12 hours.", "more than 12 hours", "time down"),
    ("HealthFile was offline for 62 hours.", "62 hours", "time offline"),
    ("Residents were without power for nine hours on Sunday.", "nine hours", "time without power"),
    ("Records at the hospitals took 16 days to restore.", "16 days", "time to restore"),
    ("The fire burned for two days.", "two days", "fire duration"),
    ("The intruders were inside the network for 15 days.", "15 days", "time inside the network"),
    ("The line came back after 40 hours offline.", "40 hours", "time offline"),
    ("Some villages spent nine hours without water.", "nine hours", "time without water"),
    ("Depositors will have gone eleven days without their money by Monday.", "eleven days", "time without money"),
    ("They spent two days without any food.", "two days", "time without food"),
    ("Residents should expect to be out of their homes for three weeks.", "three weeks", "time out of homes"),
    ("The trawler was adrift for three days.", "three days", "time adrift"),
    ("Doctors said the boy had been trapped for \"more than 80 hours\".", "more than 80 hours", "time trapped"),
    # a place phrase after "in" is where, not a state: the duration keeps its event
    ("The strike lasted 12 days in the capital.", "12 days", "strike duration"),
    # a report lasts no time
    ("The crew survived 11 days, the report says.", "11 days", "duration"),
])
def test_a_duration_is_named_by_the_state_that_lasted(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("The union said it had cut its claim to 10%, down from the 12% it took to the ballot.", "10%", "claim"),
    ("81% of those voting backed a walkout on a turnout of 68%.", "68%", "turnout"),
    ("The appeal was now 52 per cent funded.", "52 per cent", "share of appeal"),
    ("About 45% of residents had no power.", "About 45%", "share of residents"),
])
def test_a_percentage_a_verb_sets_is_the_thing_itself_not_a_share_of_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_its_own_event_is_another_instance_and_its_next_sentence_too():
    text = ("Heat report, 20 July 2026\n\nThe heatwave has killed 131 people. Brevonia, which faced its own "
            "heatwave this month, has reported 210 heat deaths. Its health agency says 60,000 households "
            "lost power.\n\nOfficials said 40 people died on Monday.\n")
    assert [(f.text, f.other_event) for f in figures(text, "count")] == [
        ("131", False), ("210", True), ("60,000", True), ("40", False)]


def test_fines_named_by_the_verb_or_their_subject_and_asked_in_the_plural():
    from index.figures import relevance
    assert figure("The regulator fined the bank $3 million.", "$3 million").measure == "fine"
    assert figure("Fines so far total ORM 27.5m: ORM 24m from the inspectorate.", "ORM 27.5m").measure == "fine"
    assert relevance.wanted("What fines were imposed on the company?") is not None


@pytest.mark.parametrize("sentence, words, measure, scope", [
    ("The plume reached the border town of Lisk overnight, where PM10 peaked at 95 µg/m³.", "95 µg/m³", "pm10", "Lisk"),
    ("PM2.5 concentrations hit 300 µg/m³.", "300 µg/m³", "pm2.5 concentration", None),
    ("Firefighters measured ammonia at 38 ppm at the fence.", "38 ppm", "ammonia", None),
])
def test_pollutants_with_digits_what_was_measured_and_the_place_where_refers_to(sentence, words, measure, scope):
    found = figure(sentence, words)
    assert (found.measure, found.scope) == (measure, scope)


@pytest.mark.parametrize("sentence, words, measure", [
    ("Its shares fell 11% in Velstad trading.", "11%", "share price"),
    ("Unemployment rose 2% in the north.", "2%", "unemployment"),
    ("It posted a profit of $310 million a year earlier.", "$310 million", "profit"),
])
def test_a_place_or_a_time_after_a_quantity_is_not_what_it_measures(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_an_amount_set_as_the_figure_is_the_paragraphs_amount_not_a_figure_measure():
    text = ("Cost report, 14 October 2026\n\nRecovery will cost at least $180m, the region said. "
            "The finance ministry put the figure at $240m.\n")
    assert "figure" not in {f.measure for f in figures(text, "money")}


def test_an_earlier_figure_of_a_duration_or_measurement_revises_the_one_before():
    found = figures("The attackers were inside the network for 15 days, the agency says, revising its earlier "
                    "figure of 14 days. The slick covered 40 km of coast, above its earlier estimate of 25 km.")
    assert {f.text: f.measure for f in found} == {"15 days": "time inside the network", "14 days": "time inside the network",
                                                  "40 km": "coast", "25 km": "coast"}


@pytest.mark.parametrize("sentence, words, measure", [
    ("Intensive care units were at 97% of capacity last Wednesday.", "97%", "share of capacity"),
    ("The agency's final count of oiled coastline is 93 km.", "93 km", "oiled coastline"),
    ("The oil recovered so far amounts to 12%.", "12%", "oil recovered"),
    # the 31% Vantor claims is its own figure for what the sentence measured
    ("Recovery stands at 12% of the oil, not the 31% Vantor claims.", "31%", "share of oil"),
])
def test_time_words_sources_and_counts_are_not_what_a_quantity_measures(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words", [
    ("By noon, 48 people had been admitted to Orrin General Hospital with burns.", "48"),
    ("Twelve were taken to St Brannock's Hospital.", "Twelve"),
])
def test_a_named_hospital_reads_as_hospital(sentence, words):
    assert figure(sentence, words).measure == "hospitalised"


def test_a_participle_clause_or_a_bracket_continues_another_events_clause():
    text = ("Spill report, 20 May 2026\n\nThe spill is the worst here since the tanker Mora ran aground in 1991, "
            "spilling 80,000 barrels (about 11,000 tonnes) of crude and fouling 200 km of coast. "
            "This time 2,000 barrels leaked.\n")
    assert [(f.text, f.other_event) for f in figures(text, "measurement")] == [
        ("80,000 barrels", True), ("about 11,000 tonnes", True), ("200 km", True), ("2,000 barrels", False)]


def test_a_previous_blackout_or_grounding_names_another_event():
    text = ("Grid report, 14 January 2027\n\nThe 2011 blackout left 640,000 customers without power. "
            "Today 1.9 million customers are without power.\n")
    assert [(f.text, f.other_event) for f in figures(text, "count")] == [("640,000", True), ("1.9 million", False)]


@pytest.mark.parametrize("question, kinds, dimensions", [
    ("daily helpline calls", {"rate", "count", "measurement", "money"}, set()),
    ("water ration per head?", {"rate", "count", "measurement", "money"}, set()),
    ("server downtime?", {"duration"}, set()),
    ("What tonnage of grain was lost?", {"measurement"}, {"mass"}),
    ("Over what stretch of the river did fish die?", {"measurement"}, {"length"}),
    ("km of coast oiled?", {"measurement"}, {"length"}),
    ("sq km burned?", {"measurement"}, {"area"}),
    ("% of oil cleaned up?", {"percent"}, set()),
    ("smoke inhalation hospital admissions?", {"count", "rate"}, set()),
    ("protesters still locked up?", {"count", "rate"}, set()),
    ("fishermen out of work from the ban?", {"count", "rate"}, set()),
    # a bound on a group, not an age asked for
    ("What share of the victims were under the age of 16?", {"percent"}, set()),
    ("What was the age of the youngest victim?", {"duration"}, set()),
    ("hottest temp recorded", {"measurement"}, {"temperature"}),
    ("What were the highest temperatures measured?", {"measurement"}, {"temperature"}),
    # money, and a sum in each period, before a question about each person
    ("How much compensation will the family of each person killed be paid?", {"money", "rate"}, set()),
    ("How much damage did the fire do?", {"money"}, set()),
])
def test_chat_queries_and_question_forms_say_what_kind_of_figure_they_ask_for(question, kinds, dimensions):
    from index.figures import relevance
    wanted = relevance.wanted(question)
    assert (set(wanted.kinds), set(wanted.dimensions)) == (kinds, dimensions)


@pytest.mark.parametrize("question", [
    "What was the highest load on the grid?", "What was the container backlog?", "What is the largest estimate?"])
def test_a_superlative_or_a_backlog_asks_for_a_value(question):
    from index.figures import relevance
    assert relevance.wanted(question) is not None


@pytest.mark.parametrize("question", ["What caused the fire?", "Who was the biggest donor?", "Why did the grid fail?"])
def test_questions_that_ask_for_no_figure_still_get_none(question):
    from index.figures import relevance
    assert relevance.wanted(question) is None


def test_a_figure_claimed_by_a_source_counts_what_the_sentence_counts_and_is_theirs():
    found = figure("Police put the crowd at 40,000, against the 250,000 claimed by organisers.", "250,000")
    assert (found.measure, found.attributed_to) == ("attendance", "organisers")


def test_a_count_in_quotation_marks_keeps_its_noun():
    assert figure('City police said "more than 400" people had been arrested.', "more than 400").measure == "arrested"


def test_each_source_keeps_its_own_figure_and_a_fronted_place_after_here_covers_the_sentence():
    text = "Here in Kostrin, police estimated the crowd at 26,000; organisers said 90,000."
    assert [(f.text, f.attributed_to, f.scope) for f in figures(text, "count")] == [
        ("26,000", "police", "Kostrin"), ("90,000", "organisers", "Kostrin")]


@pytest.mark.parametrize("sentence, words, measure", [
    ("The poll has a margin of error of plus or minus 3 percentage points.", "plus or minus 3 percentage points",
     "margin of error"),
    ("The margin of error is 2.5 points.", "2.5 points", "margin of error"),
    ("Support for the strike fell 4 points in a week.", "4 points", "support"),
])
def test_percentage_points_and_a_margin_either_side(sentence, words, measure):
    found = figure(sentence, words)
    assert (found.kind, found.unit, found.measure) == ("measurement", "pt", measure)


def test_a_plus_or_minus_margin_is_exact_as_a_figure():
    found = figure("The margin of error is plus or minus 3 points.", "plus or minus 3 points")
    assert (found.qualifier, found.low, found.high) == ("plus or minus", 3.0, 3.0)


def test_a_percent_sign_ending_a_chat_query_asks_for_a_percentage():
    from index.figures import relevance
    assert relevance.wanted("how popular are the protests, poll %?").kinds == frozenset({"percent"})
    assert relevance.wanted("What is the sampling error on the polls?") is not None


def test_a_bare_count_after_a_reporting_verb_counts_what_the_sentence_or_the_one_before_counts():
    assert [(f.text, f.measure) for f in figures(
        "Police said 40,000 people took part, while organisers claimed 250,000. "
        "A university team estimated between 95,000 and 115,000.", "count")] == [
        ("40,000", "attendance"), ("250,000", "attendance"), ("between 95,000 and 115,000", "attendance")]


@pytest.mark.parametrize("question", ["New petrol price per litre", "How costly was the damage to shops?"])
def test_a_price_per_unit_or_how_costly_asks_for_money(question):
    from index.figures import relevance
    assert relevance.wanted(question).kinds == frozenset({"money", "rate"})


def test_the_last_protest_or_blackout_is_another_event():
    text = ("Protest report, 6 May 2026\n\nThe last protest wave, in 2019, led to 1,200 arrests. "
            "The last blackout left 640,000 customers without power. This week 312 people were arrested.\n")
    assert [(f.text, f.other_event) for f in figures(text, "count")] == [
        ("1,200", True), ("640,000", True), ("312", False)]


def test_a_share_asks_for_a_percentage_and_a_size_also_for_a_count():
    from index.figures import relevance
    assert relevance.wanted("What proportion of the oil has been recovered?").kinds == frozenset({"percent"})
    assert relevance.wanted("How much of the coastline has been oiled?").kinds == frozenset({"percent", "measurement"})
    assert "count" in relevance.wanted("varsel crowd size?").kinds
    assert "count" in relevance.wanted("How large were the crowds?").kinds


@pytest.mark.parametrize("sentence, words, measure", [
    # an existential has no subject: the counted noun and where it was name the measure
    ('It believes there were "well over 50,000" people in the ground.', "well over 50,000", "people in ground"),
    ("Officials said there were about 2,000 people inside the hall.", "about 2,000", "people inside hall"),
    # people counted by what they do now
    ("Some 3,600 people work at the Keldby plant.", "Some 3,600", "work"),
    ("Roughly 40,000 people depend on the river for water.", "Roughly 40,000", "depend"),
    ("The fire broke out where around 220 people were working a night shift.", "around 220", "working"),
    # people a vessel carried
    ("The ferry had about 260 people on board when it overturned.", "about 260", "on board"),
    ("The bus, with 52 aboard, fell into the gorge.", "52", "on board"),
    # what stretches has the length
    ("By 19:30 the crowd outside stretched back some 400 metres along Quarry Road.", "some 400 metres",
     "crowd outside"),
    ("The traffic jam stretched for 15 km on the motorway.", "15 km", "traffic jam"),
    ('She told me the queue outside the North End stretched back "half a kilometre".', "half a kilometre",
     "queue outside"),
    # a passive setting verb's subject; a participle after its noun
    ("Damage was estimated at $4.2 billion by the agency.", "$4.2 billion", "damage"),
    # a measurement written as an adjective measures its noun
    ("The 1.2-kilometre bridge carried 42,000 vehicles a day.", "1.2-kilometre", "bridge"),
    ("A 10-km exclusion zone is in place.", "10-km", "exclusion zone"),
    ("A 7.1-magnitude quake struck.", "7.1-magnitude", "magnitude"),
    # a singular noun a setting verb sets names a count as a question's word would
    ("Organisers put the turnout at 100,000, while police said 40,000 took part.", "100,000", "attendance"),
    # what a participle clause moves to a level; a rate a loan is charged at
    ("The bank raised the premium to 300 basis points, taking the cost to 7.5%.", "7.5%", "cost"),
    ("The credit line, charged at 7%, had bought time.", "7%", "rate charged"),
    # a level verb before an aside: "risen by a third in five years, to 1,870"
    ("Road deaths have risen by a third in five years, to 1,870 last year.", "1,870", "road deaths"),
    ("Chemical incidents nationwide rose 12% last year, to 214.", "214", "chemical incidents nationwide"),
    # part of a group named by what they have
    ("Of the 52 passengers, 33 survived, 14 of them with serious injuries.", "14", "injured"),
    # a relative clause's level verb measures what the clause is on
    ("The toll, which stood at 30 on Monday, rose to 45 on Tuesday.", "30", "killed"),
    ("The river crested at 9.4 metres overnight.", "9.4 metres", "river"),
    # a disease's name ending in -s is no plural ending the phrase
    ("Health authorities have confirmed 1,240 measles cases since January.", "1,240", "measles cases"),
    # what is "down" or "up" by a share, said without a verb
    ("Losses could reach €1bn, with wheat yields down by as much as 30%.", "as much as 30%", "wheat yields"),
    ("Shares closed down 4%.", "4%", "share price"),
    # what an infinitive's level verb measures: the subject of the frame, or what is forecast
    ("Losses are expected to top $2bn.", "$2bn", "losses"),
    ("Analysts expect the bill to exceed $3bn.", "$3bn", "bill"),
    # what something costs
    ("The clean-up, now in its third week, has cost the council £300m.", "£300m", "cost"),
    ("The strike would cost the economy an estimated €2.6bn.", "an estimated €2.6bn", "strike cost"),
    ("The cost of the damage is €2bn.", "€2bn", "damage"),
    # a participle describing what is counted after "number of"
    ("The commission put the number of registered voters at 7.4 million.", "7.4 million",
     "number of registered voters"),
    ("The ministry put the number of confirmed cases at 1,050.", "1,050", "number of confirmed cases"),
    ("The ministry's estimate is 910,000 tonnes, with the losses valued at $835m.", "$835m", "losses"),
    ("The Ministry of Agriculture now values crop losses at $700m.", "$700m", "losses"),
    ("The finance ministry revised its damage estimate to $101m, up from $68m.", "$101m", "damage"),
    # a noun naming who the measure's noun counts; a cause is no group
    ("Livestock deaths stand at 36,500 head.", "36,500", "killed: livestock"),
    ("There were 45 child deaths.", "45", "killed: children"),
    ("Road deaths fell to 30.", "30", "killed"),
    ("In a joint operation, Federal Police arrested two more in Brevik.", "two", "arrested"),
    # a sum asked for is named by what asks
    ("The association repeated its demand for $1m.", "$1m", "demand"),
    ("The UN launched an appeal for $2.4m on Monday.", "$2.4m", "appeal"),
])
def test_a_measure_is_read_from_the_kind_of_sentence_it_stands_in(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_quantities_listed_each_with_its_source_share_the_first_ones_measure_and_keep_their_sources():
    found = figures("The queue outside was put at about 300 metres by police, half a kilometre by the "
                    "supporters and some 400 metres by the inquiry.")
    assert [(f.text, f.measure, f.attributed_to) for f in found] == [
        ("about 300 metres", "queue outside", "police"), ("half a kilometre", "queue outside", "supporters"),
        ("some 400 metres", "queue outside", "inquiry")]
    money = figures("Damage was estimated at $4.2 billion (€3.9bn) by the agency and $5.1 billion (€4.7bn) by "
                    "the insurers.")
    assert [(f.measure, f.attributed_to) for f in money] == [("damage", "agency")] * 2 + [("damage", "insurers")] * 2
    # "by Friday" after one figure credits no one
    assert figure("Prices rose 12% by Friday.", "12%").attributed_to is None


@pytest.mark.parametrize("sentence, words, measure", [
    ("The club will add a further $100,000 (€12,500) per family from a joint fund.", "€12,500", "payment per family"),
    ("The state would pay $250,000, about 31,000 euros, to the family of each person who died.", "$250,000",
     "payment per family"),
    ("The state would pay $40,000, or roughly 5,000 euros, to everyone seriously injured.", "$40,000",
     "payment per person"),
    ("Families of those killed will receive $400,000 (about €50,000) each from the state.", "$400,000",
     "payment per family"),
    ("With the club's share, families get $500,000.", "$500,000", "payment per family"),
    ("Government raises crush payouts to $400,000 a family", "$400,000", "crush payout per family"),
    ("The government is giving 5,000 pesos to every affected household.", "5,000 pesos", "payment per household"),
    ("The state raised its payment per bereaved family from $250,000 to $400,000.", "$250,000", "payment per family"),
    ("The two firms were fined $2m each.", "$2m", "fine per firm"),
    ("The association repeated its demand for $1m for each bereaved family.", "$1m", "demand per family"),
    # a total, not each one's
    ("The farmers received $2m in total.", "$2m", "amount of money"),
])
def test_a_sum_paid_to_each_recipient_is_a_sum_per_recipient(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, source", [
    ("The agriculture ministry's final estimate is 910,000 tonnes.", "910,000 tonnes", "agriculture ministry"),
    ("The union's latest count is 4,000 strikers.", "4,000", "union"),
    ("The Ministry of Water Resources' latest national figure is 21%.", "21%", "Ministry of Water Resources"),
    ("The Herders' Association of the South says 48,000 cattle have died.", "48,000",
     "Herders' Association of the South"),
    ("The Institute for Hydrology said 20% was left.", "20%", "Institute for Hydrology"),
    # its estimate names no one; the ministry revising it states it
    ("The finance ministry revised its damage estimate to $101m.", "$101m", "finance ministry"),
    # a work's possessor states what the work gives; a body named after an incident is no incident
    ("The regulator's dose reconstruction puts the highest dose at 94 mSv.", "94 mSv", "regulator"),
    ("The fire service's latest count is 31 dead.", "31", "fire service"),
])
def test_a_source_is_read_from_a_possessive_and_from_a_name_with_of(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


def test_a_vocabulary_word_inside_an_organisations_name_names_no_figure():
    assert figures("The Relief Society said fewer than 300 were on the roads on any given day.", "count") == []


def test_a_code_of_two_capitals_before_amounts_is_a_currency():
    text = ("Drought costs\n\nThe ministry values crop losses at SK 9.4bn ($700m). The cabinet raised the "
            "drought package to SK 3.5bn.\n")
    assert [(f.text, f.unit) for f in figures(text, "money")] == [
        ("SK 9.4bn", "SK"), ("$700m", "USD"), ("SK 3.5bn", "SK")]


@pytest.mark.parametrize("sentence, words, source", [
    ("The Ministry of Water Resources has revised its national figure down to 25%, from 27%.", "25%",
     "Ministry of Water Resources"),
    ("The health ministry raised its toll to 45 on Friday.", "45", "health ministry"),
    # the figure revised may be any noun phrase, and a range; a person's possessive is no source
    ("Police raised the death toll to 171 on Tuesday.", "171", "Police"),
    ("Doctors there have revised that man's estimated dose to between 120 and 150 mSv.",
     "between 120 and 150 mSv", "Doctors"),
])
def test_a_source_revising_its_own_figure_states_it(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


def test_a_fronted_year_or_a_comparison_with_another_year_is_another_event():
    text = ("Drought report, 14 August 2026\n\nIn 1984 the reservoirs bottomed out at 8%. The reservoirs now hold "
            "16%. The tanker fleet peaked at 460 trucks last week, the ministry says, against about 70 in 1984. "
            "Deaths reached 40, compared with 12 in 2019. In 2026 the fleet grew to 500 trucks.\n")
    assert [(f.text, f.measure, f.other_event) for f in figures(text) if f.kind in ("percent", "count")] == [
        ("8%", "share", True), ("16%", "share", False), ("460", "trucks", False), ("about 70", "trucks", True),
        ("40", "killed", False), ("12", "killed", True), ("500", "trucks", False)]


def test_a_year_labelling_standing_aside_or_right_after_a_figure_dates_it():
    text = ("Bank review, 29 October 2026\n\nThe bank was shut for ten days. Aldmere Bank, in 1991, stayed shut for "
            "23 days. It is the first failure since Aldmere, which kept its doors shut for 24 days in 1991 after "
            "savers withdrew 2,000 cars in its final week.\n\n1991: shut 25 days, 600,000 depositors.\n\n"
            "The run reached 40 branches in 2026.\n")
    assert [(f.text, f.other_event) for f in figures(text) if f.kind in ("duration", "count")] == [
        ("ten days", False), ("23 days", True), ("24 days", True), ("2,000", True), ("25 days", True),
        ("600,000", True), ("40", False)]


def test_a_year_followed_by_when_dates_the_rest_of_the_sentence():
    text = ("Run review, 29 October 2026\n\nShe remembered 1991, when Aldmere shut its doors, the queues were two "
            "kilometres long and savers waited more than a year. Today the queue is 150 metres long.\n")
    assert [(f.text, f.other_event) for f in figures(text) if f.kind in ("measurement", "duration")] == [
        ("two kilometres", True), ("more than a year", True), ("150 metres", False)]


def test_its_after_a_sentence_ending_on_another_events_figure_is_about_that_event():
    text = ("Run review, 29 October 2026\n\nIt is the first failure since Aldmere, which stayed shut for 23 days in "
            "1991. Its 600,000 depositors waited 14 months for their money, barely half of deposits.\n")
    assert [(f.text, f.other_event) for f in figures(text) if f.kind not in ("ordinal", "date")] == [
        ("23 days", True), ("600,000", True), ("14 months", True), ("barely half", True)]


@pytest.mark.parametrize("sentence, words, other", [
    ("In the 1990s the river flooded 12 towns.", "12", True),
    ("A flood in the 1950s killed 40 people.", "40", True),
    ("The worst flood since the 1950s killed 40 people.", "40", False),
    ("In the 2020s 12 towns flooded.", "12", False),
])
def test_a_decade_anchors_another_event_as_a_year_does(sentence, words, other):
    assert extract_figures_at(sentence, words, "2026-05-20").other_event is other


def test_a_number_before_in_and_a_year_is_no_share():
    assert [f.kind for f in figures("The fleet has 460 trucks, against about 70 in 1984.")] == ["count", "count"]
    assert figure("One in four homes lost power.", "One in four").kind == "percent"


@pytest.mark.parametrize("sentence, words, measure, source", [
    ("The ministry's count of oiled coastline is 93 km; Blue Shoal Watch still says 110 km.", "110 km",
     "oiled coastline", "Blue Shoal Watch"),
    ("The slick peaked at 310 square kilometres, says Blue Shoal Watch; the coastguard's largest measurement was "
     "180 square kilometres.", "180 square kilometres", "slick", "coastguard"),
])
def test_a_measurement_a_source_gives_again_measures_what_the_sentence_measured(sentence, words, measure, source):
    found = figure(sentence, words)
    assert (found.measure, found.attributed_to) == (measure, source)

@pytest.mark.parametrize("text, words, measure", [
    # the sentence before measured it: both figures a source gives again take their names back
    ("The growers' union has raised its loss estimate to LSR 2.9bn, or 2.6 million tonnes of crops. The "
     "agriculture ministry now says LSR 2.1bn and 1.8 million tonnes.", "1.8 million tonnes", "crop"),
    ("The growers' union has raised its loss estimate to LSR 2.9bn, or 2.6 million tonnes of crops. The "
     "agriculture ministry now says LSR 2.1bn and 1.8 million tonnes.", "LSR 2.1bn", "losses"),
    # a figure named only by its kind is nothing to point back to: the loss before it is
    ("Growers put their losses at LSR 2.9bn (€337m). The ministry says LSR 2.1bn.", "LSR 2.1bn", "losses"),
    # a length is no weight: only the paragraph's figure of the same dimension is restated
    ("The slick covered 40 km of coast and 300 tonnes of oil were recovered. The coastguard says 52 km.",
     "52 km", "coast"),
])
def test_a_figure_a_source_gives_again_measures_what_the_paragraph_measured(text, words, measure):
    assert figure(text, words).measure == measure


def test_a_figure_opening_a_sources_list_item_measures_what_the_list_measured():
    items = ("Competing estimates\n\n- Finance Minister Jorun Vell: damage of 11.5 billion crowns.\n"
             "- Governor Elena Varga: \"more than $5 billion\" for her province alone.\n")
    found = figure(items, "more than $5 billion")
    assert (found.measure, found.attributed_to) == ("damage", "Governor Elena Varga")
    # another list, after a blank line, starts afresh; a figure later in the item is no answer to the label
    assert figure(items.replace(".\n- Gov", ".\n\n- Gov"), "more than $5 billion").measure != "damage"
    assert figure(items.replace("\"more than $5 billion\"", "the bill is unknown, beyond $5 billion"),
                  "$5 billion").measure != "damage"


def test_a_figure_after_and_points_back_only_when_the_one_before_does():
    found = figure("The ministry has counted 2.6 million tonnes of crops lost. Storage fell 12% and 1.8 million "
                   "tonnes rotted.", "1.8 million tonnes")
    assert found.measure != "crop"



@pytest.mark.parametrize("sentence, words, measure", [
    ("About 400 workers were laid off.", "About 400", "laid off: workers"),
    ("The cooperative still says 3,200 people have lost their living.", "3,200", "lost their living"),
])
def test_what_happened_to_people_keeps_its_particle_and_object(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    # what will be done to people is named as what was done
    ("About 3,350 people will lose their jobs.", "About 3,350", "lost their jobs"),
    ("Arvant says 3,350 of them will lose their jobs.", "3,350", "lost"),
    ("Another 200 people will be evacuated.", "200", "evacuated"),
    ("Twelve of them will remain in hospital.", "Twelve", "hospitalised"),
    # "to hospital" is no verb
    ("Some 64 people were taken to hospital.", "Some 64", "hospitalised"),
])
def test_a_count_of_what_will_happen_to_people_is_a_figure(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_quantity_joined_to_a_named_one_in_another_unit_measures_the_same_thing():
    found = figures("Officials put the losses at $1.6bn (€186m) and 1.5 million tonnes, saying the farmers' "
                    "estimate is too high.")
    # the farmers' estimate is named, not given: the officials state all three
    assert [(f.text, f.measure, f.attributed_to) for f in found] == [
        ("$1.6bn", "losses", "Officials"), ("€186m", "losses", "Officials"), ("1.5 million tonnes", "losses", "Officials")]
    assert figure("The fire burned 12,000 hectares and 300 homes.", "300").measure == "homes"


def test_a_hedged_second_estimate_measures_what_the_first_does():
    text = "The university put excess deaths at about 850, most likely between 700 and 1,000."
    assert [(f.text, f.measure, f.statement) for f in figures(text, "count")] == [
        ("about 850", "killed", None), ("between 700 and 1,000", "killed", None)]
    # a hedge before a verb still says what may happen
    assert figure("The toll will likely reach 900.", "900").statement == "projection"
    # another kind after the comma is no second estimate
    assert figure("The toll was 40, or 5.4 per 100,000.", "5.4 per 100,000").measure != "killed"


@pytest.mark.parametrize("sentence, words", [
    ("Of those, 640 have been charged; 122 remain in custody.", "122"),
    ("Some 40 people are still in custody.", "Some 40"),
    ("The observatory says 310 are still held.", "310"),
    ("About 300 people are still locked up.", "About 300"),
])
def test_people_still_held_are_not_all_the_arrested(sentence, words):
    assert figure(sentence, words).measure == "held"


@pytest.mark.parametrize("sentence, words", [
    ("Norrant shares slide 23% as analysts count the cost", "23%"),
    ("Shares in Norrant have lost 23% since the explosion.", "23%"),
    ("The company's stock fell 12%.", "12%"),
    ("The share price has dropped 20%.", "20%"),
])
def test_a_fall_in_a_companys_shares_is_its_share_price(sentence, words):
    assert figure(sentence, words).measure == "share price"


@pytest.mark.parametrize("sentence, words", [
    ("Shares in Selvane Bank, the sixth-largest lender, lost 38% on Thursday.", "38%"),
    ("The shares closed at 6.84 dollars, having fallen as much as 52% in early trading.", "as much as 52%"),
    ("Its shares were suspended, down 56% in two sessions.", "56%"),
])
def test_a_fall_in_shares_reaches_over_asides_and_trading_sessions(sentence, words):
    assert figure(sentence, words).measure == "share price"
    assert figure("The shares fell; 84% of deposits were insured.", "84%").measure == "share of deposits"


@pytest.mark.parametrize("sentence, words, measure", [
    ("Shares in Ardenvolt have lost 31% since the leak, closing on Friday at $45.60, against $66.10.", "$45.60",
     "share price"),
    ("Ardenvolt's shares have recovered to $52.10, still 21% below.", "$52.10", "share price"),
    ("Shares in Ardenvolt have lost 31% since the leak, closing on Friday at $45.60, against $66.10.", "$66.10",
     "amount of money"),                                      # what they stood at before: no level now
    ("Shares in the firm paid out $2m in dividends.", "$2m", "dividend"),
])
def test_the_price_shares_close_at_is_their_share_price(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_question_about_interest_only_where_something_is_charged():
    from index.figures import relevance
    assert relevance.wanted("Did the interest of readers grow?") is None


def test_nearer_estimates_and_a_relative_clause_in_the_subject():
    found = figures("The DPA says about 84% of deposits were insured; Kovarik says nearer 78%.")
    assert [(f.text, f.measure, f.qualifier) for f in found] == [
        ("about 84%", "share of deposits", "about"), ("nearer 78%", "share of deposits", "about")]
    # what the relative clause says of the share ("insured") names nothing
    assert figure('He said the share of deposits that was insured was "nearer 78%".', "nearer 78%").measure == "share"
    assert figure("The gap is closer to $5bn once transfers are counted.", "closer to $5bn").measure != \
        "once transfer"


def test_an_owners_figure_and_a_low_point_back_to_what_was_measured():
    text = ("Usable storage fell to 18%. The Ministry of Water Resources' latest national figure is 21%. "
            "The authority's count for the capital hit a low of 15.5% on 9 August.")
    assert [(f.text, f.measure) for f in figures(text, "percent")] == [
        ("18%", "usable storage"), ("21%", "usable storage"), ("15.5%", "usable storage")]
    assert figure("The death toll is 40. The ministry's latest figure is 41.", "41").measure == "killed"
    text = "Customers withdrew $7.9bn. The administrators' final count, published on Tuesday, is $8.3bn."
    assert figure(text, "$8.3bn").measure == "withdrawn"


@pytest.mark.parametrize("sentence, words, value", [
    ("It was down for two and a half days.", "two and a half days", 2.5),
    ("Data came back about a day and a half after it was cut.", "about a day and a half", 1.5),
    ("The outage lasted one and a half hours.", "one and a half hours", 1.5),
])
def test_and_a_half_adds_half_a_unit(sentence, words, value):
    found = figure(sentence, words)
    assert (found.kind, found.value) == ("duration", value)
    assert figure("He waited two hours and a half-hearted apology came.", "two hours").value == 2


def test_a_count_after_a_colon_or_a_settled_number_counts_what_was_named_before():
    assert figure("This time the arrests came faster: more than 1,900 in a single week.",
                  "more than 1,900").measure == "arrested"
    text = "The crowd was disputed. Police estimated some 46,000 inside. The inquiry settled on about 47,300."
    assert figure(text, "about 47,300").measure == "attendance"
    text = 'The trust says 2,000 birds died. The trust believes the real number is "closer to 3,000".'
    assert (figure(text, "closer to 3,000").measure, figure(text, "closer to 3,000").attributed_to) == \
        ("killed: birds", "trust")
    # the members a union counts are no group of the strikers
    text = "The union said 46,000 of its members were on strike. The ministry put the figure at 33,500."
    assert figure(text, "33,500").measure == "on strike"


@pytest.mark.parametrize("sentence, words, measure", [
    ("Nine of the 26 dead, or 35%, were under 18.", "35%", "share of killed"),
    ("The fire destroyed 300 homes, or about 20%.", "about 20%", "share of homes"),
    ("The toll rose to 40, or 5% more than last week.", "5%", "share"),
])
def test_a_percentage_restating_a_count_is_a_share_of_what_it_counts(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_basis_points_and_working_days_are_units():
    premium = figure("The bank raised the premium to 300 basis points over its policy rate.", "300 basis points")
    assert (premium.kind, premium.unit, premium.measure) == ("measurement", "bp", "premium")
    shut = figure("The bank was shut for six working days.", "six working days")
    assert (shut.kind, shut.unit, shut.value) == ("duration", "day", 6)


def test_shares_name_no_price_when_counted_and_a_party_gains_no_name():
    assert figure("Investors sold 2 million shares.", "2 million").measure == "shares"
    assert figure("The ruling party gained 12%.", "12%").measure == "share"


def test_a_setting_verb_reaches_over_a_quotation_mark():
    assert figure('The ministry put the damage at "more than $5 billion".', "more than $5 billion").measure == "damage"


def test_a_source_setting_or_revising_an_amount_in_a_local_currency_states_it():
    text = ("Heat losses\n\nThe Farmers' Confederation has raised its loss estimate to LSR 2.9bn. "
            "Officials put the losses at LSR 1.6bn.\n")
    assert [(f.text, f.attributed_to) for f in figures(text, "money")] == [
        ("LSR 2.9bn", "Farmers' Confederation"), ("LSR 1.6bn", "Officials")]


def test_a_table_of_places_gives_each_cell_its_columns_measure_and_its_rows_place():
    text = ("Arrests review\n\nThe ministry published its count on Monday.\n\n"
            "Arrests by city (interior ministry, 11 May)\n"
            "City       Arrested   Charged   Still held\n"
            "Varsel        1,104       402           78\n"
            "Kostrin         486       151           29\n"
            "Total         1,590       553          107\n")
    found = [(f.text, f.measure, f.scope, f.attributed_to) for f in figures(text, "count")]
    assert ("486", "arrested", "Kostrin", "interior ministry") in found
    assert ("29", "held", "Kostrin", "interior ministry") in found
    assert ("1,590", "arrested", None, "interior ministry") in found      # the total is the whole
    piped = ("Storage\n\n| Reservoir | Capacity (million m³) | Level, % of capacity (SIH, 21 July) |\n|---|---|---|\n"
             "| Dunmara | 480 | 12% |\n| Tel Orrin | 210 | 26% |\n")
    assert [(f.text, f.measure, f.scope, f.attributed_to) for f in figures(piped, "percent")] == [
        ("12%", "share of capacity", "Dunmara", "SIH"), ("26%", "share of capacity", "Tel Orrin", "SIH")]


def test_a_table_of_other_things_and_page_furniture_with_pipes_keep_their_reading():
    text = ("Damage\n\n| Sector | Central estimate |\n|---|---|\n| Housing | US$1.2bn |\n| Power grid | US$410m |\n\n"
            "THE OBSERVER | Analysis | Wednesday 1 April 2026\n")
    assert [(f.text, f.measure, f.scope) for f in figures(text, "money")] == [
        ("US$1.2bn", "housing", None), ("US$410m", "power grid", None)]


@pytest.mark.parametrize("sentence", ["Deaths reached 40, compared with 12 in 2019.",
                                      "Deaths reached 40, compared to 12 in 2019.",
                                      "Deaths reached 40, against 12 in 2019."])
def test_a_count_compared_with_another_years_is_that_years_and_counts_the_same_thing(sentence):
    text = f"Toll report, 14 August 2026\n\n{sentence}\n"
    assert [(f.text, f.measure, f.other_event) for f in figures(text, "count")] == [
        ("40", "killed", False), ("12", "killed", True)]


@pytest.mark.parametrize("sentence, words, value, measure", [
    ("Overnight the thermometer at Harl Ridge showed minus 28 degrees.", "minus 28 degrees", -28.0, "temperature"),
    ("The coldest reading of the week was -19.5°C at the airport.", "-19.5°C", -19.5, "temperature"),
    ("Temperatures dropped to minus 17 in the valley towns.", "minus 17", -17.0, "temperature"),
    ("Output growth was minus 3% in the quarter.", "minus 3%", -3.0, "output growth"),
])
def test_a_minus_sign_or_word_makes_a_temperature_or_a_percent_negative(sentence, words, value, measure):
    found = figure(sentence, words)
    assert (found.value, found.measure) == (value, measure)


def test_a_hyphen_between_numbers_still_joins_them_and_about_minus_keeps_its_bounds_in_order():
    assert [(f.low, f.high) for f in figures("Between 20-25 boats sank.")] == [(20.0, 25.0)]
    colder = figure("Forecasters expect about -10C on the plateau.", "about -10C")
    assert colder.low < colder.value < colder.high


def test_what_it_felt_like_is_not_the_air_temperature():
    assert figure("The wind chill made it feel like minus 38 at the summit.", "minus 38").measure \
        == "feels-like temperature"
    assert figure("With the damp air it felt like 44C in the port.", "44C").measure == "feels-like temperature"


@pytest.mark.parametrize("sentence, words, measure, scope", [
    ("Officials said 14 people drowned in Varrow and 6 in Eskel.", "6", "killed", "Eskel"),
    ("Officials said 14 people drowned in Varrow, 6 in Eskel and 2 in Tuln.", "2", "killed", "Tuln"),
    ("Rain gauges recorded 210 mm of rain in Varrow and 160 mm in Eskel.", "160 mm", "rain", "Eskel"),
    ("About 40% of homes in Varrow lost water and 25% in Eskel.", "25%", "share of homes", "Eskel"),
])
def test_a_quantity_listed_with_another_place_measures_what_the_named_one_does(sentence, words, measure, scope):
    found = figure(sentence, words)
    assert (found.measure, found.scope) == (measure, scope)


def test_a_bare_quantity_after_a_place_list_needs_a_place_of_its_own():
    assert "8" not in [f.text for f in figures("Officials said 14 people drowned in Varrow and 8 in hospital.")
                       if f.measure == "killed"]


@pytest.mark.parametrize("sentence, words, measure", [
    ("Ice on the lake now measures 40 cm.", "40 cm", "ice"),
    ("A sinkhole measuring 12 metres across opened on Dock Road.", "12 metres", "sinkhole width"),
    ("The smoke reached nearly a kilometre into the sky.", "nearly a kilometre", "smoke height"),
])
def test_a_verb_of_measuring_or_reaching_names_what_it_measures(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_unit_after_a_qualified_article_is_one_unit_and_an_unqualified_one_is_no_figure():
    assert figure("Roughly a metre of mud covered the road.", "Roughly a metre").value == 1.0
    assert figures("A metre-wide crack ran along the wall.", "measurement") == []


def test_in_all_says_a_total_not_where():
    assert figure("Rescuers say more than 900 people were stranded in all.", "more than 900").measure == "stranded"


def test_a_sources_estimate_of_a_count_counts_what_the_sentence_counted():
    text = "Officials now say 640 people were evacuated, well above the council estimate of 450 given on Monday."
    assert figure(text, "450").measure == "evacuated"


def test_that_before_a_qualifier_opens_a_clause():
    assert figure("The agency said that more than 70 people were rescued.", "more than 70").qualifier == "more than"


def test_a_counted_place_between_a_count_and_its_verb_is_stepped_over():
    assert figure("Some 260 people on nine trains were stranded overnight.", "Some 260").measure == "stranded"


def test_a_table_row_may_qualify_its_cells_and_name_its_total_and_headers_name_as_sentences_do():
    text = ("Snow damage\n\nThe agency published its figures on Friday.\n\n"
            "| District | Roofs collapsed (agency, Friday) | Homes without heating | Share of homes |\n|---|---|---|---|\n"
            "| Velm | 41 | 3,200 | 12% |\n| Ostra | 17 | 1,100 | 6% |\n| Region, total | 58 | about 4,300 | 9% |\n")
    found = {(f.text, f.measure, f.scope, f.attributed_to) for f in figures(text) if f.kind in ("count", "percent")}
    assert ("41", "collapsed: roofs", "Velm", "agency") in found
    assert ("1,100", "homes", "Ostra", None) in found
    assert ("about 4,300", "homes", None, None) in found                 # the total row is the whole
    assert ("6%", "share of homes", "Ostra", None) in found


def test_a_weekday_in_a_header_bracket_credits_no_one():
    text = ("Closures\n\n| Province | Schools closed (Tuesday) |\n|---|---|\n| Velm | 120 |\n| Ostra | 85 |\n")
    assert [(f.measure, f.attributed_to) for f in figures(text, "count")] == [
        ("closed: schools", None), ("closed: schools", None)]


def test_amounts_in_a_local_code_make_ranges_and_keep_qualifiers_before_the_code():
    text = ("Claims could run to between GRV 2.1bn and GRV 2.8bn, the insurers said. "
            "Households face a bill of up to GRV 900m. The bill rose from GRV 1.1bn to GRV 1.4bn.")
    found = [(f.text, f.low, f.high) for f in figures(text, "money")]
    assert ("between GRV 2.1bn and GRV 2.8bn", 2.1e9, 2.8e9) in found
    assert ("up to GRV 900m", None, 9e8) in found
    assert ("GRV 1.1bn", 1.1e9, 1.1e9) in found and ("GRV 1.4bn", 1.4e9, 1.4e9) in found   # a revision, no range


@pytest.mark.parametrize("sentence, words, measure", [
    ("Repair bills will run to $40m, the council said.", "$40m", "repair bill"),
    ("The broker was gloomier, putting insured losses at $75m.", "$75m", "insured losses"),
    ("The agency raised its estimate of insured losses to $90m on Friday.", "$90m", "insured losses"),
    ("Damage, which spared most farms, will be far higher: the ministry's estimate is $210m.", "$210m", "damage"),
])
def test_what_a_verb_sets_or_an_estimate_of_names_measures_an_amount(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_setting_verb_names_a_count_no_other_word_names():
    text = "The rail operator put cancellations on its network at 340, out of 1,900 trains planned."
    assert figure(text, "340").measure == "cancellations"


@pytest.mark.parametrize("sentence, words, rank", [
    ("Forecasters kept the red alert in place for the coast.", "red alert", 4.0),
    ("An amber flood warning covers the valley.", "amber flood warning", 3.0),
    ("The aviation authority moved to code orange on Tuesday.", "code orange", 3.0),
])
def test_an_alert_graded_by_colour_is_a_category_ranked_by_severity(sentence, words, rank):
    found = figure(sentence, words)
    assert (found.kind, found.value, found.measure, label(found)) == ("category", rank, "alert colour", words)


def test_colours_that_grade_nothing_are_no_figures():
    assert figures("Fans in red cheered as green shoots of recovery appeared.", "category") == []


@pytest.mark.parametrize("sentence, words, projected", [
    ("Up to 80 cm of snow could fall on the passes by Friday.", "Up to 80 cm", True),
    ("About 30 cm more is expected to fall overnight.", "About 30 cm", True),
    ("Up to 80 cm of snow fell on the passes, and more could follow.", "Up to 80 cm", False),
    ("About 120 passengers could not be reached by the rescuers.", "About 120", False),
])
def test_a_figure_that_is_the_subject_of_a_modal_is_a_projection(sentence, words, projected):
    assert (figure(sentence, words).statement == "projection") is projected


def test_the_month_may_after_a_figure_is_no_modal():
    assert figure("Prices rose 12%, up from 7% in May, the bureau said.", "7%").statement != "projection"


def test_known_to_have_died_is_killed_and_an_event_name_is_no_place():
    found = figure("Nine people are now known to have died in Storm Marit, officials said.", "Nine")
    assert (found.measure, found.scope) == ("killed", None)
    assert figure("Four people died in Hurricane Lyra and two in Velt.", "Four").scope is None


def test_a_counted_place_may_carry_a_qualifier_and_along_ends_what_happened():
    found = figure("Police said about 900 people in some 300 cars were stuck along the ring road.", "about 900")
    assert found.measure == "stuck"


def test_a_quantity_listed_with_another_day_measures_what_the_named_one_does():
    text = "The agency now counts 30 deaths, revising its toll up from 22 on Monday and 15 on Sunday."
    assert [(f.text, f.measure) for f in figures(text, "count")] == [("30", "killed"), ("22", "killed"), ("15", "killed")]


def test_a_sources_figure_that_is_a_count_points_back():
    text = "The toll.\nThe agency's final figure, released on Monday, is 41."
    assert figure(text, "41").measure == "killed"


@pytest.mark.parametrize("sentence, words, measure", [
    ("About 40% of farms lost power, while the farmers' union says more than half.", "more than half", "share of farms"),
    ('About 40% of farms lost power; the union says "nearly half".', "nearly half", "share of farms"),
])
def test_a_share_in_words_ending_its_clause_is_a_share_when_a_source_gives_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_share_word_ending_a_clause_without_a_source_or_qualifier_is_no_figure():
    assert figures("She finished a third, behind two runners.", "percent") == []


def test_a_verb_of_lying_ends_what_an_amount_is_of():
    assert figure("Across the town 60 cm of snow lies on the roofs.", "60 cm").measure == "snow"


@pytest.mark.parametrize("sentence, words, source", [
    ("The parish council in Orlen says 45 homes were flooded.", "45", "parish council"),
    ("Rescuers say 300 were trapped; the police have kept their figure of 210.", "210", "police"),
    ("The union says 9,000 walked out, though the employers stand by their estimate of 6,500.", "6,500", "employers"),
])
def test_who_gives_a_figure_is_the_source_before_its_place_or_its_clauses_subject(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


def test_a_total_of_money_is_no_count_and_a_total_of_things_still_is():
    from index.figures import relevance
    assert relevance.wanted("total damage cost").kinds == frozenset({"money"})
    assert "count" in relevance.wanted("total number of arrests").kinds
    assert "count" in relevance.wanted("How many total job losses were there?").kinds


def test_a_table_header_gives_its_unit_to_bare_cells_and_a_total_row_may_leave_cells_empty():
    text = ("Zone readings\n\n| Place | Distance | Dose rate, 14 March (µSv/h) | Tablets handed out |\n|---|---|---|---|\n"
            "| Haldby | 2.5 km | 9.6 | 6,300 |\n| Hamlets | 3-10 km | 0.4-2.2 | 3,000 |\n| Total | | | 9,300 |\n")
    found = {(f.text, f.kind, f.unit, f.measure, f.scope) for f in figures(text)}
    assert ("9.6", "measurement", "µSv/h", "dose rate", "Haldby") in found
    assert ("0.4-2.2", "measurement", "µSv/h", "dose rate", "Hamlets") in found     # a range is a cell too
    assert ("6,300", "count", None, "handed out: tablets", "Haldby") in found         # the participle's particle
    assert ("9,300", "count", None, "handed out: tablets", None) in found            # the total row, with gaps


def test_a_table_reads_its_columns_of_figures_past_a_column_of_words_and_cells_that_give_none():
    text = ("Where the cuts fall\n\n| Site | Role | Staff now | Jobs cut | Output |\n|---|---|---|---|---|\n"
            "| Keldby | vehicle assembly (closing) | 3,600 | 3,350 | 131,000 vehicles |\n"
            "| Tilgard | components | 2,900 | 480 | n/a |\n| Pronounced dead | - | 3 | - | - |\n")
    found = {(f.text, f.measure, f.scope) for f in figures(text, "count")}
    assert {("3,600", "staff", "Keldby"), ("3,350", "jobs", "Keldby"), ("480", "jobs", "Tilgard"),
            ("3", "staff", "Pronounced dead")} <= found


@pytest.mark.parametrize("text, words, measure", [
    ("Its detector showed 21.4 microsieverts per hour on Wednesday. The inspectorate's own figure is a peak "
     "of 15.2.", "15.2", "dose rate"),
    ("Open Sky stands by its 21.4 µSv/h; the operator's stations never showed more than 6.8.", "more than 6.8",
     "dose rate"),
    ("The agency measured 0.21 µSv/h at the port, against a normal level there of 0.08.", "0.08", "dose rate"),
])
def test_a_bare_decimal_restates_the_measurement_before_it_without_its_unit(text, words, measure):
    found = figure(text, words)
    assert (found.kind, found.unit, found.measure) == ("measurement", "µSv/h", measure)


def test_a_bare_decimal_after_a_time_or_in_another_paragraph_takes_no_unit():
    text = ("Rhodan won the 400 metres in 51.37 seconds, ahead of Korr (52.04).\n\n"
            "The river rose 2.4 metres.\n\nThe index stood at 3.7.")
    assert not any(f.text in ("52.04", "3.7") and f.kind == "measurement" for f in figures(text))


def test_what_is_measured_heads_a_phrase_that_says_for_whom():
    assert figure("Doses stayed below the annual limit for nuclear workers of 20 mSv.", "20 mSv").measure \
        == "annual limit"
    assert figure("Insurers brace for losses of up to $600 million.", "up to $600 million").measure == "losses"


def test_then_set_against_this_time_is_another_event():
    text = ("The 1987 blizzard killed 41. About 6,000 troops were deployed then, against 3,100 soldiers this time. "
            "The toll rose to 12 and then 17 were confirmed. Since then 40 have been treated.")
    found = {f.text: f.other_event for f in figures(text, "count")}
    assert found["About 6,000"] is True and found["3,100"] is False
    assert found["17"] is False and found["40"] is False       # "and then", "since then": this event's


@pytest.mark.parametrize("sentence", [
    "The toll rose to 12 and then to 17.",
    "The toll rose to 12, then to 17.",
    "The toll rose to 12 on Monday and to 17 on Tuesday.",
])
def test_a_later_level_after_to_with_its_verb_left_out_measures_what_the_first_does(sentence):
    assert [(f.text, f.measure) for f in figures(sentence, "count")] == [("12", "killed"), ("17", "killed")]


@pytest.mark.parametrize("sentence, words, reference", [
    ("Doses stayed below the annual limit for nuclear workers of 20 mSv.", "20 mSv", True),
    ("Milk was above the 500 Bq/kg limit.", "500 Bq/kg", True),
    ("It hit 43C in Tolvane, against a normal July maximum of 36C.", "36C", True),
    ("In a normal summer people here use around 160 litres a day.", "around 160 litres a day", True),
    ("Plums were close to normal at 9,400 tonnes.", "9,400 tonnes", False),          # a reading, near normal
    ("Smoke reached more than five times the daily limit.", "more than five times the daily", False),
    ("A reasonable upper limit is 1.1 kilotons.", "1.1 kilotons", False),           # an estimate's bound
    ("Some 400 people were evacuated, above the normal 300.", "Some 400", False),
])
def test_limits_thresholds_and_normal_levels_are_yardsticks_not_readings(sentence, words, reference):
    assert (figure(sentence, words).statement == "limit or normal level") is reference


def test_a_day_after_a_quantity_is_its_period_not_a_duration_of_its_own():
    text = ("Taps will run for 12 hours a day. Stage 4 zones have averaged 7.5 hours of supply a day. "
            "The plant was shut for 12 hours, a day later it reopened. Two people died in a day.")
    durations = [f.text for f in figures(text, "duration")]
    assert durations == ["12 hours", "7.5 hours", "12 hours", "a day", "a day"]


def test_a_chat_query_about_hours_each_day_takes_durations():
    from index.figures import relevance
    wanted = relevance.wanted("hours of water per day")
    assert wanted.fits(figure("Taps will run for 12 hours a day.", "12 hours"))
    assert "duration" not in relevance.wanted("daily calls to the helpline").kinds


@pytest.mark.parametrize("sentence, words, measure", [
    ("Rescuers said 140 people were pulled out of the rubble on Tuesday.", "140", "rescued"),
    ("Firefighters pulled 12 survivors from the wreckage.", "12", "rescued"),
    ("Soldiers pulled 30 miners from the shaft.", "30", "rescued: miners"),
    ("Customers pulled out $2m on Monday.", "$2m", "withdrawn"),          # said of money: withdrawn
    ("About 3,000 customers withdrew their savings.", "About 3,000", "withdrawn: customers"),
    ("Arsenal pulled one back in the 80th minute.", "one", "withdrawn: backs"),   # not people
])
def test_a_money_verb_said_of_people_names_what_was_done_to_them(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("question, measures", [
    ("How many survivors were pulled out?", ["rescued"]),
    ("How many people were pulled out of the rubble?", ["rescued"]),
    ("How many survivors were there?", ["rescued"]),
    ("How much was pulled out?", ["withdrawn"]),
    ("How many customers pulled out their savings?", ["withdrawn"]),      # an object: money
])
def test_a_question_asks_for_people_pulled_out_or_for_money_by_its_form(question, measures):
    assert question_measures(question, ["rescued", "withdrawn"]) == measures


def test_a_word_of_what_befell_a_group_keeps_only_that_group():
    known = ["killed: birds", "rescued: birds", "released: birds", "killed"]
    assert question_measures("dead birds count?", known) == ["killed: birds"]
    assert question_measures("How many birds were there?", known) == ["killed: birds", "released: birds",
                                                                      "rescued: birds"]


def test_a_share_in_words_may_close_a_quotation_before_what_it_is_of():
    found = figure('Arvant said "more than two thirds" of its unionised staff had backed the deal.',
                   "more than two thirds")
    assert (found.kind, found.value, found.measure) == ("percent", 66.7, "share of unionised staff")


@pytest.mark.parametrize("text, words", [
    ("The union says 6,200 jobs will go. The ministry moved from a range of 4,500 to 5,200 to about 4,700.",
     "4,500 to 5,200"),
    ("The ministry now estimates about 4,700 direct job losses.", "about 4,700"),
    ("The bank announced 1,200 redundancies on Monday.", "1,200"),
])
def test_jobs_lost_are_one_measure_and_a_range_names_what_the_paragraph_counts(text, words):
    assert figure(text, words).measure == "jobs"


@pytest.mark.parametrize("sentence, words, measure", [
    ("There will be no compulsory redundancies at its two terminals.", "two", "terminals"),
    ("Police made 1,912 arrests in three cities.", "three", "cities"),
    ("The office lifted the evacuation order for 11,000 residents.", "11,000", "evacuated: residents"),
])
def test_a_count_with_its_own_noun_after_a_preposition_is_not_what_the_word_before_counts(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_name_and_its_reporting_verb_after_a_determined_figure_give_the_source_not_the_measure():
    text = "Stellmoor says Keldby built about 128,000 vehicles, slightly fewer than the 131,000 Arvant reports."
    assert figure(text, "131,000").measure == "vehicles"
    assert figure("The 1,987 Afghans said they had fled.", "1,987").measure == "citizens of Afghanistan"


def test_last_year_makes_another_event_only_of_a_clause_that_names_one_or_tells_harm():
    text = ("Keldby is 56 years old and built 131,000 vehicles last year. Last year floods killed 40 people. "
            "Last year's election turnout was 61%.")
    found = {f.text: f.other_event for f in figures(text)}
    assert found["131,000"] is False and found["56 years old"] is False
    assert found["40"] is True and found["61%"] is True


def test_a_relative_clause_after_a_place_is_in_that_place():
    text = ("Investors compare it with Vellmar Bank in neighbouring Vessoria, which failed last year with a hole "
            "of €1.4bn. Officials in the capital, which has 2 million people, said 40 died.")
    assert figure(text, "€1.4bn").scope == "Vessoria"
    assert figure(text, "40").scope is None                  # past the clause's end


def test_money_a_subject_accounts_for_is_the_subjects():
    text = "Severance will account for SVR 1.1bn (€92m) of that, she said."
    assert {f.measure for f in figures(text, "money")} == {"severance"}


def test_a_place_fronted_after_a_speaker_label_places_the_sentence():
    text = "PRESENTER: Across the border, Duvane Automobiles said it will cut 2,300 jobs."
    assert figure(text, "2,300").scope == "the border"


@pytest.mark.parametrize("text, words, source", [
    ("The fire service counts 1,046 rescued. The ministry, which leaves out those who walked out unaided, "
     "says 1,021.", "1,021", "ministry"),
    ("The health ministry, which also counts private clinics, says about 3,100 operations were cancelled; "
     "the nurses' federation says over 4,000.", "about 3,100", "health ministry"),
    ("The owners' association, VGMEA, said 2,750 workers had clocked in.", "2,750", "owners' association"),
    ("The health ministry, the main source of figures, said 40 people died.", "40", "health ministry"),
])
def test_a_source_is_read_past_a_relative_clause_or_an_apposition_before_its_verb(text, words, source):
    assert figure(text, words).attributed_to == source


@pytest.mark.parametrize("text, words, source", [
    ("Brevonia's weather service measured 44.8C at Drummel on Tuesday.", "44.8C", "Brevonia's weather service"),
    ("The Perundal Hospitals Board counts 169 dead.", "169", "Perundal Hospitals Board"),
    ("Three people have been confirmed dead by the National Civil Protection Agency.", "Three",
     "National Civil Protection Agency"),
    ("The quake was put at 4.5 by Jordan, above the 3.3 registered by the US Geological Survey.", "3.3",
     "US Geological Survey"),
])
def test_a_body_that_measures_or_records_a_figure_states_it(text, words, source):
    assert figure(text, words).attributed_to == source


def test_a_thing_that_records_or_a_passive_record_names_no_source():
    assert figure("Infrasound sensors recorded 2 blasts.", "2").attributed_to is None
    assert figure("A record 46.3C was recorded at Tolvane.", "46.3C").attributed_to is None
    assert figure("It beats the 45.1C recorded at Aldeca.", "45.1C").attributed_to is None
    assert figure("Lusandria recorded 46.3C on Wednesday.", "46.3C").attributed_to is None     # a place


@pytest.mark.parametrize("text, words, source", [
    ("PASA wants €1m for each family.", "€1m", "PASA"),
    ("The institute still expects 10% by mid-October.", "10%", "institute"),
    ("The ministry warns that up to 7,000 more jobs could go.", "up to 7,000", "ministry"),
])
def test_a_body_that_expects_warns_of_or_wants_a_figure_gives_it(text, words, source):
    assert figure(text, words).attributed_to == source


TRANSCRIPT = """RADIO VELANDRA | Morning Report | 8 September

PRESENTER: Our correspondent Karim Essa is at the site. Karim?

KARIM ESSA: Rescuers have pulled 140 people out alive so far.

PRESENTER: With me is Asha Rendel of the garment workers' federation.

ASHA RENDEL: Our members have counted more than 100 dead already.

PRESENTER: And the ministry?

RENDEL: It gives 61 dead. Officials say 200 are missing.
"""


@pytest.mark.parametrize("words, source", [
    ("more than 100", "Asha Rendel"),          # her turn
    ("61", "Asha Rendel"),                     # a surname label is named as the text names her
    ("200", "Officials"),                      # a sentence's own source wins
    ("140", None),                             # the outlet's own correspondent
])
def test_a_transcript_speaker_states_the_figures_of_their_turn(words, source):
    assert figure(TRANSCRIPT, words).attributed_to == source


def test_a_speaker_label_names_whom_the_speaker_speaks_for():
    text = ("PRESENTER (KAMIL OSTRANDER): The ministry gives 61.\n\n"
            "EVA STRAND (Sennport General): We have six workers on our ward, up from three.\n\n"
            "PRESENTER (KAMIL OSTRANDER): So 9 workers are in hospital.\n")
    assert figure(text, "six").attributed_to == "Eva Strand (Sennport General)"
    assert figure(text, "9").attributed_to is None              # the presenter is the outlet's voice


@pytest.mark.parametrize("text, words, source", [
    ("The Open Sky Radiation Network (OSRN) said one member measured 12.5 microsieverts per hour.",
     "12.5 microsieverts per hour", "Open Sky Radiation Network"),
    ("The Open Sky Radiation Network (OSRN), which runs 140 detectors, said it measured 12.5 microsieverts per "
     "hour.", "12.5 microsieverts per hour", "Open Sky Radiation Network"),
    ("The Farmers' Union (FU), a group of growers, said 20 died.", "20", "Farmers' Union"),
    ("The Perundal Fire and Civil Defence Service said 94 bodies had been recovered.", "94",
     "Perundal Fire and Civil Defence Service"),
    ("Heskel & Dunn Securities said the bill would reach €4bn.", "€4bn", "Heskel & Dunn Securities"),
    # after its figures, with its acronym before the verb
    ("The fire had scorched 4,200 hectares by Tuesday, the Pellavian Forest Fire Service (PFFS) said.",
     "4,200 hectares", "Pellavian Forest Fire Service"),
])
def test_a_source_is_read_past_an_acronym_in_brackets_and_through_and(text, words, source):
    assert figure(text, words).attributed_to == source


@pytest.mark.parametrize("text, words, source", [
    ("The figure sits within a range published by the modeller Corvane Risk, which puts insured losses at "
     "€400m to €600m.", "€400m to €600m", "Corvane Risk"),
    ("Officials quoted Dr Anna Holm, who estimates the damage at $2bn.", "$2bn", "Dr Anna Holm"),
])
def test_a_relative_clause_setting_a_figure_credits_what_it_is_said_of(text, words, source):
    assert figure(text, words).attributed_to == source


@pytest.mark.parametrize("text, words, source", [
    # a name in apposition to a description, either way round
    ("A second firm, the reinsurance broker Halden Re, put the insured share lower, at 30% to 35%.", "30% to 35%",
     "Halden Re"),
    ("Its chairwoman, Mira Kessling, told me the queue stretched back half a kilometre.", "half a kilometre",
     "Mira Kessling"),
    # a range set with "between" and a currency's code
    ("Administrators Brightholm Restructuring put the shortfall at between RVL 14bn and RVL 18bn.",
     "between RVL 14bn and RVL 18bn", "Administrators Brightholm Restructuring"),
    # a body measuring beside a body reporting, each its own figure
    ("Blue Shoal Watch measured 310 square kilometres on its images, while the coastguard put it at 180 square "
     "kilometres.", "310 square kilometres", "Blue Shoal Watch"),
    # sources listed with commas, their verb left out
    ("Seldra says 31%, the coastguard about 17% and Blue Shoal Watch between 8% and 12%.", "about 17%",
     "coastguard"),
    # a currency's code is no source, nor the share of those polled
    ("Brannagh said the state would pay TLN 250,000 to each family, and TLN 40,000, or roughly 5,000 euros, to "
     "everyone injured.", "roughly 5,000 euros", "Brannagh"),
    ("Seventy-eight per cent said the government was wrong, and only 15% said the rise was needed.", "15%", None),
    # the sentence's subject sets the figure in a clause after it
    ("Reinsurance broker Halcrest Re was more cautious, putting insured losses at $130m-$190m.", "$130m-$190m",
     "Halcrest Re"),
    # a body acting, its acronym in brackets
    ("The Civil Protection Agency (CPA) asked people to stock up for five days.", "five days",
     "Civil Protection Agency"),
])
def test_who_gives_a_figure_in_sentences_naming_several(text, words, source):
    assert figure(text, words).attributed_to == source


def test_the_company_is_the_one_business_a_story_keeps_naming():
    story = ("Arvant Motors, Calvoria's largest carmaker, said it would cut 4,800 jobs. Arvant blamed weak demand. "
             "The company said the cuts would affect about 12% of its workforce. Arvant shares fell.")
    assert figure(story, "about 12%").attributed_to == "Arvant Motors"
    # a business named once in passing is not "the company"
    passing = ("Tervagrid, the grid operator, said supplies were secure. The company said 2 workers were taken "
               "to hospital.")
    assert figure(passing, "2").attributed_to == "company"
    # a business's name may say it is one
    named = ("Blast at Norrant Chemicals plant\nNorrant said two workers died. Norrant shut the site. The company "
             "said 900 tonnes burned.")
    assert figure(named, "900 tonnes").attributed_to == "Norrant Chemicals"


LIST = """Who pays

- Finance ministry: about €200m so far, or some €25m a day.
- Corvane Risk (model): insured losses of €400m.
- Governor Elena Varga, South Coast province: "more than €5bn" for her province.
- Ardenvolt: clean-up €210m-€270m.
- Deaths: 25, the health ministry says.
- Output: 128,000 vehicles.
- Northern Province: 40 homes.
- Halifax, Canada, 6 December 1917: 1,963 people were killed.

Ardenvolt said the leak was small.
"""


@pytest.mark.parametrize("words, source", [
    ("about €200m", "Finance ministry"),
    ("€400m", "Corvane Risk"),                      # what it is ("model") is no part of the name
    ("more than €5bn", "Governor Elena Varga"),
    ("€210m-€270m", "Ardenvolt"),                   # a single name the text has report something
    ("25", "health ministry"),                      # the sentence's own source wins
    ("128,000", None),                              # a heading word
    ("40", None),                                   # a place
    ("1,963", None),
])
def test_a_list_items_label_names_the_source_of_its_figures(words, source):
    assert figure(LIST, words).attributed_to == source


@pytest.mark.parametrize("text, words, source", [
    ("On the chamber's figures the strike has cost about €350m so far.", "about €350m", "chamber"),
    ("The 2019 protests drew a peak crowd of some 120,000 by the police count.", "some 120,000", "police"),
    ("The interior ministry's final tally, published on Monday, is 1,912 arrests.", "1,912", "interior ministry"),
    ("The employers' federation put the cost of that strike at €18m.", "€18m", "employers' federation"),
    ("The University of Varsel's Crowd Dynamics Unit, whose drone survey was published overnight, estimated the "
     "crowd at 195,000.", "195,000", "University of Varsel's Crowd Dynamics Unit"),
    ("Selvane paid 5.25%, according to the comparison site SaveWise.", "5.25%", "SaveWise"),
    ("Some 20 died, according to hospital officials in Kerman.", "Some 20", "hospital officials"),
    ("On Monday's figures 20 people died.", "20", None),              # when, not who
    ("By last year's count 30 people died.", "30", None),
])
def test_a_count_cited_by_its_owner_names_the_source(text, words, source):
    assert figure(text, words).attributed_to == source


@pytest.mark.parametrize("text, words, source", [
    ("The Meridian Institute still says KVR 22.6bn and the Citizens' Alliance KVR 23bn. Prices are in KVR.",
     "KVR 23bn", "Citizens' Alliance"),
    ("Line C runs 17.2 km, on the ministry's figures; the auditors, counting the depot spur, say 17.4 km.",
     "17.4 km", "auditors"),
    ("Line C runs 17.2 km, on the ministry's figures; the auditors, counting the depot spur, say 17.4 km.",
     "17.2 km", "ministry"),
    ("Police say 20 died in Kerman and 30 in Tehran.", "30", "Police"),          # a place is no source
])
def test_a_second_source_with_its_verb_left_out_names_its_own_figure(text, words, source):
    assert figure(text, words).attributed_to == source


def test_a_single_name_the_article_has_report_something_is_a_body():
    text = "Ferromar said the strike was costly. Ferromar cancelled 72% of its trains. Lusandria recorded 46.3C."
    assert figure(text, "72%").attributed_to == "Ferromar"
    assert figure(text, "46.3C").attributed_to is None           # never seen reporting: may be a place
    assert figure("Ferromar cancelled 72% of its trains.", "72%").attributed_to is None


def test_a_noun_ending_the_sentence_is_no_reporting_verb():
    assert figure("Costs could reach €3.5bn if suppliers win compensation claims.", "€3.5bn").attributed_to is None
    assert figure("About 20 people died, the group claims.", "About 20").attributed_to == "group"
    assert figure("That is well short of the 4.2 TB the gang claims.", "4.2 TB").attributed_to == "gang"


@pytest.mark.parametrize("paragraph, words, source", [
    # the sentence before names the body and gives no figure
    ("The Drevan Water Board published its audit on Monday. It found that 64 pumps had failed.", "64",
     "Drevan Water Board"),
    ("The central bank said the cut would help. It now expects inflation of 10.2% by December.", "10.2%",
     "central bank"),
    ("For the first time, the agency has published a register of its own. It lists 19 people dead.", "19",
     "agency"),
    # a body that did something, or owns what did
    ("Galdrenia's radiation agency says levels are normal. It has distributed 30,000 iodine tablets.", "30,000",
     "Galdrenia's radiation agency"),
    ("The Association of Northern Hospitals counts the injured. Its hospitals have treated 640 people.", "640",
     "Association of Northern Hospitals"),
    ("Health Minister Ilena Varos visited the ward. She said 40 people were hurt.", "40", "Health Minister Ilena Varos"),
    ("The health ministry updated its count. She said 40 people were hurt.", "40", None),    # "she" is no ministry
    # a thing, not a body: what it is or does is no one's figure
    ("The fire service sent crews to the blaze. It was 20% contained by noon.", "20%", None),
    ("The police closed the square. It goes right round the block, about 400 metres.", "about 400 metres", None),
    ("The storm hit Dunsby on Tuesday. It killed 12 people.", "12", None),
])
def test_a_pronoun_opening_a_sentence_stands_for_the_body_the_sentence_before_is_about(paragraph, words, source):
    assert figure(paragraph + "\n", words).attributed_to == source


@pytest.mark.parametrize("sentence, words, source", [
    ("Police say reports of phishing ran at 46 per 100,000 residents.", "46 per 100,000 residents", "Police"),
    ("Insurers expect claims to reach €1.5bn.", "€1.5bn", "Insurers"),      # a plural body forecasting
    ("At least 27 people were killed, the civil protection agency said.", "At least 27", "civil protection agency"),
    ("Losses are expected to top $2bn.", "$2bn", None),                     # no one expects it
    ("Winds are now estimated at 205 km/h, down from the 215 km/h announced on the day.", "205 km/h", None),
    ("The record stands at 46.1C, down from the provisional 46.3C first announced.", "46.1C", None),
    ("A mapping flight on Monday night put the burned area at 44,600 hectares.", "44,600 hectares", "flight"),
    ("The number of people confirmed dead has risen to 37, the health ministry said.", "37", "health ministry"),
    ("The fund paid €21m, but counts only incidents reported to the police.", "€21m", None),
    ("Those numbers put the fatality rate at 2.5%.", "2.5%", None),
    ("President Aoun said preliminary estimates put the losses at $15bn.", "$15bn", "President Aoun"),
    ("An official said the same report counted 190 dead.", "190", "official"),
])
def test_a_unit_a_verb_a_time_which_estimate_or_people_unnamed_is_no_source(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


@pytest.mark.parametrize("sentence, words, source", [
    ("The WHO, which also counts deaths in the community, puts the toll at 251.", "251", "WHO"),  # not "who"
    ("The Labour Inspectorate separately fined the company €3.5m.", "€3.5m", "Labour Inspectorate"),
    ("The health ministry's final count of people injured in the blast is 34.", "34", "health ministry"),
    ("The family said 40 people died.", "40", None),          # "-ly" ends a noun too
    ('Blue Shoal Watch, which had said "at least 15,000 barrels", now puts the spill at 26,000 barrels.',
     "at least 15,000 barrels", "Blue Shoal Watch"),          # what a relative clause's source had said
    ("The provincial epidemiologist, Dr. Hamid Soltan, said the rate had reached 3.2 per 1,000 inhabitants.",
     "3.2 per 1,000 inhabitants", "Hamid Soltan"),            # a name with its title
    ("Governor Elena Varga of South Coast province, touring by helicopter, claimed that 80% was destroyed.",
     "80%", "Governor Elena Varga of South Coast province"),  # not "province"
    ("The region says 2,870 planned operations were cancelled.", "2,870", "region"),
    ("Cholera may have killed 370 people, according to a study by Tirvan University.", "370", "Tirvan University"),
    ("Repairs would cost 80 million francs, according to documents seen by the Selva Herald.", "80 million francs",
     "Selva Herald"),                                         # who saw or made the work
    ("About 40 died, according to figures compiled by the union.", "About 40", "union"),
    ("Only around 30% of that work has been completed, the authority acknowledged.", "around 30%", "authority"),
    ("Survivors described waves of up to 4 metres.", "up to 4 metres", "Survivors"),
    ("According to a later study by the volcanology institute, it caused damage estimated at $340m.", "$340m",
     "volcanology institute"),                                # what was estimated is no one
])
def test_a_source_spelt_like_a_pronoun_an_adverb_after_it_or_a_long_count_of_its(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


def test_a_pronoun_before_a_reporting_verb_is_the_source_the_paragraph_named_last():
    text = ("The fire service said 40 people had died by Monday. It says 61 are still missing.\n\n"
            "It says 12 were rescued.\n\n"
            "Aid groups said many were hurt. The tests said 300 were infected. They say 500 could fall ill.")
    assert figure(text, "61").attributed_to == "fire service"
    assert figure(text, "12").attributed_to is None            # another paragraph names no source
    assert figure(text, "500").attributed_to is None           # "tests" is no body that gives figures


@pytest.mark.parametrize("paragraph, words, source", [
    # the speaker, not the body acting, states what a tag on a pronoun reports
    ("Nine died, according to Dana Ruslek, a spokesperson for the fire service. Rescuers pulled 11 survivors "
     "from the rubble, she told reporters.", "11", "Dana Ruslek"),
    ("Nine died, according to Dana Ruslek, a spokesperson for the fire service. Rescuers pulled 11 survivors "
     "out. She said 12 were missing.", "12", "Dana Ruslek"),      # "she" is no "Rescuers"
    # "it" in a clause on the sentence's subject is that subject
    ("The union wants 14%. The government has offered 4.5% this year, which it says would cost 1.2 billion "
     "lorins.", "4.5%", "government"),
    ("The union said it wants 14%. The government has offered 4.5% this year, which it says would cost $310 "
     "million.", "$310 million", "government"),
    # how a figure was confirmed is no one: "he" is the spokesman the sentence names
    ("Of the 1,412 suspected cases, 96 have been confirmed by laboratory testing, spokesman Paulo Endrin "
     "told reporters. He said 310 patients were still in hospital.", "310", "spokesman Paulo Endrin"),
])
def test_a_pronoun_tag_credits_the_speaker_over_a_body_acting_or_a_method(paragraph, words, source):
    assert figure(paragraph + "\n", words).attributed_to == source


@pytest.mark.parametrize("sentence, words, source", [
    # a source opening a clause that says something else gives no figure before it
    ("A gas leak at a factory killed 41 people, and campaigners said the town had learned little.", "41", None),
    ("The storm killed 12, but the ministry said the roads would reopen on Friday.", "12", None),
    # a tag after the figures gives them all, and a source giving a figure of its own the ones before
    ("Three people died, and 41 were hurt, Lucia Barrend told reporters.", "Three", "Lucia Barrend"),
    ("The flow rose to 9.6 m³/s, and the authority measured 6.8 mg/L of oxygen.", "9.6 m³/s", "authority"),
])
def test_a_source_opening_a_clause_of_its_own_gives_no_figure_before_it(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


@pytest.mark.parametrize("intro, source", [
    ("Figures from the National Factory Inspectorate show how far it has got.", "National Factory Inspectorate"),
    ("Arvant's own breakdown of the cuts, site by site.", "Arvant"),
    ("Inspections by district (inspectorate, 11 May)", "inspectorate"),
    ("Inspections by district (NFI estimates)", "NFI"),
    ("Key Factory Inspectorate figures", "Factory Inspectorate"),
    ("The districts differ widely.", None),
])
def test_a_table_is_credited_to_the_source_its_introduction_names(intro, source):
    text = f"{intro}\n\n| District | Inspected |\n|---|---|\n| Nivra | 360 |\n| Kassan | 510 |\n"
    assert figure(text, "360").attributed_to == source


def test_a_table_in_markdown_emphasis_is_read_and_credited_to_the_source_noted_below_it():
    text = ("| District | Cases | Deaths |\n|---|---|---|\n| Port Isabeau | 3,902 | 19 |\n| Vell Coast | 2,187 | 9 |\n"
            "| **Total** | **8,214** | **37** |\n\n"
            "*Confirmed cases by district, 18 March. Source: Solvara Provincial Health Directorate, weekly bulletin.*\n")
    total = figure(text, "8,214")
    assert (total.measure, total.scope, total.attributed_to) == ("cases", None, "Solvara Provincial Health Directorate")
    assert figure(text, "19").scope == "Port Isabeau"


@pytest.mark.parametrize("table, source", [
    ("| Sector | Kestrel central estimate |\n| Housing | US$1.2bn |\n| Power grid | US$410m |", "Kestrel"),
    ("| Item | Finance ministry estimate |\n| Housing | LVD 1.2bn |\n| Roads | LVD 410m |", "Finance ministry"),
    ("| Sector | KVHR estimate, per day |\n| Housing | €1.2 million |\n| Roads | €410,000 |", "KVHR"),
    ("| Donor | Amount | Status |\n| Japan | US$1.2bn | received |\n| Norway | $410m | pledged |", "Japan"),
    ("| Quantity | Figure | Source |\n| Housing | US$1.2bn | insurers' report |\n| Roads | US$410m | audit |",
     "insurers' report"),
    ("| Sector | Damage estimate |\n| Housing | US$1.2bn |\n| Power grid | US$410m |", None),
    ("| Sector | Low estimate | High estimate |\n| Housing | US$1.2bn | US$1.5bn |\n| Roads | US$410m | US$0.5bn |",
     None),
])
def test_a_table_of_other_things_is_credited_to_who_its_header_or_its_rows_name(table, source):
    text = f"Analysts at Kestrel said the damage was large.\n\nWhere the damage fell\n\n{table}\n"
    money = figures(text, "money")
    assert money[0].text in ("US$1.2bn", "LVD 1.2bn", "€1.2 million") and money[0].attributed_to == source
    assert money[0].scope is None                    # the row names what, not where


@pytest.mark.parametrize("text, words, source", [
    ("The PFFS has sent 350 firefighters, 12 aircraft and 60 fire engines.", "60", "PFFS"),
    ("Police made 85 arrests in Tervo.", "85", "Police"),
    ("The union has about 52,000 members.", "about 52,000", "union"),
    ("The World Bank approved a $150 million loan, the European Union pledged €20 million in aid.", "€20 million",
     None),                                                # another clause, another actor
    ("The storm killed 12 people.", "12", None),           # no body
    ("PM10 peaked at 860 µg/m³ in an hour.", "860 µg/m³", None),
    # each joined clause its own actor
    ("The storm killed 12 people, and police arrested 40 looters.", "40", "police"),
    ("The storm killed 12 people, and police arrested 40 looters.", "12", None),
    ("The agency launched an appeal; the government has set aside €3.1 million.", "€3.1 million", "government"),
])
def test_a_sentence_opening_with_a_body_acting_credits_it_with_its_clauses_figures(text, words, source):
    assert figure(text, words).attributed_to == source


def test_a_level_verb_after_a_determiner_is_a_noun():
    text = "Arvant says it will cut about 4,800 jobs. The union puts the total at 6,200. The losses total $5m."
    assert figure(text, "6,200").measure == "jobs"                 # not "union puts"
    assert figure(text, "$5m").measure == "losses"


def test_a_vote_question_asks_for_shares_and_counts():
    from index.figures import relevance
    assert {"percent", "count"} <= relevance.wanted("How did union members vote on the deal?").kinds
    assert "percent" in relevance.wanted("union vote result").kinds


def test_people_who_left_their_homes_are_displaced():
    assert figure("About 1,200 people left their homes on Monday.", "About 1,200").measure == "displaced"
    assert figure("Nearly 300 residents left their homes.", "Nearly 300").measure == "displaced"
    assert question_measures("How many people left their homes?", ["displaced"]) == ["displaced"]


def test_a_toll_is_its_possessors_count_when_that_is_a_body():
    assert figure("The ministry's death toll stood at 126 on Friday.", "126").attributed_to == "ministry"
    assert figure("Iran's death toll rose to 95.", "95").attributed_to is None          # a place


@pytest.mark.parametrize("question, measures", [
    ("missing workers amberlane", ["missing"]),
    ("How many missing workers?", ["missing"]),
    ("injured miners", ["injured"]),
    ("How many aid agencies are there?", ["agencies"]),        # "aid" only qualifies the agencies
])
def test_a_state_before_people_asks_for_the_state_not_the_people(question, measures):
    known = ["workers", "missing", "injured", "agencies", "killed: miners"]
    assert question_measures(question, known, any_form=True) == measures


@pytest.mark.parametrize("text", ["Keldby plant is the oldest: 56-year-old", "Keldby is the 56-year-old"])
def test_an_age_ending_the_text_is_read_without_error(text):
    figures(text)                      # an IndexError here had stopped a whole index build


@pytest.mark.parametrize("text, words, measure", [
    ("The ministry charged the consortium KVR 140m (€12.2m) in penalties, up from KVR 85m.", "€12.2m", "penalty"),
    ("The Labour Inspectorate fined the company ORM 3.5m (about €320,000) for safety breaches; it paid ORM 24m.",
     "ORM 3.5m", "fine"),                                  # why it was fined, not what the sum is
    ("The cabinet approved an emergency fund of SK 1.2bn ($90m) for tanker deliveries; SK is the currency.",
     "$90m", "emergency fund"),
    ("It set aside $5m for reconstruction.", "$5m", "reconstruction"),
])
def test_an_amount_is_named_past_its_restatement_in_brackets(text, words, measure):
    assert figure(text, words).measure == measure


def test_an_amount_a_period_in_a_local_currency_is_a_rate_of_money():
    found = figure("The state pays KVR 310m a year in interest on KVR 6bn borrowed.", "KVR 310m a year")
    assert (found.kind, found.value, found.unit, found.measure) == ("rate", 310e6, "KVR per year", "interest")
    from index.figures import relevance
    assert relevance.wanted("What are the interest costs?").fits(found)
    assert not relevance.wanted("What are the interest costs?").fits(figure("It runs 12 MW a day.", "12 MW a day"))


def test_an_amount_a_period_in_an_articles_own_currency_word_is_no_count_of_that_word():
    text = ("Farmers lost 9 million lutars. The ministry lost 4 million lutars. The cut would cost the budget "
            "2.4 billion lutars a year, and 300 buses a day run.")
    found = figure(text, "2.4 billion lutars a year")
    assert (found.kind, found.unit) == ("rate", "lutars per year") and found.measure != "lutars per year"
    assert figure(text, "300 buses a day").measure == "buses per day"


@pytest.mark.parametrize("words, value", [
    ("spring 2029", "spring 2029"), ("mid-2030", "mid-2030"), ("end of 2029", "end of 2029"),
    ("early 2031", "early 2031"), ("first half of 2032", "first half of 2032"), ("Fall 2028", "autumn 2028"),
])
def test_a_part_of_a_year_is_a_date(words, value):
    text = ("The line opens in spring 2029, by mid-2030 at the latest, or by the end of 2029; some say early 2031, "
            "others the first half of 2032. Fall 2028 is out. The first 2,000 workers came in the early 2000s.")
    found = figure(text, words)
    assert (found.kind, found.value) == ("date", value)
    assert label(found) == value
    assert not [f for f in figures(text, "date") if f.text.lower().startswith("first 2")]


@pytest.mark.parametrize("words, value", [
    ("mid-June", "mid-June"), ("late April", "late April"), ("end of May", "end of May"),
    ("early March 2027", "early March 2027"), ("first half of October", "first half of October"),
])
def test_a_part_of_a_month_is_a_date(words, value):
    text = ("Filling should finish in late April and the road reopen by mid-June, the city says; the survey reports at "
            "the end of May. Works on the estate start in early March 2027, or the first half of October.")
    found = figure(text, words)
    assert (found.kind, found.value) == ("date", value)
    assert label(found) == value


def test_a_learnt_currency_s_singular_before_a_noun_is_money():
    text = "Repairs will cost 2.8 million dalens. Families got 3,500 dalens each from a 4 million dalen relief fund."
    found = figure(text, "4 million dalen")
    assert (found.kind, found.measure) == ("money", "relief fund")


def test_a_rate_per_head_with_its_period_first_is_per_head():
    text = "The Vale records 2.4 ground collapses a year per 100,000 residents, against 0.9 for the country as a whole."
    assert [(f.kind, f.measure) for f in figures(text)] == [("rate", "ground collapses per 100,000 residents")] * 2


@pytest.mark.parametrize("sentence, words, measure", [
    ("The top gust is 112 km/h officially, 121 km/h on a private station.", "121 km/h", "wind gusts"),
    ("The depth is 19 m, 40 m from the edge.", "40 m", "distance"),      # an extent of its own
    ("The weather office settles the hailstones at 7.2 cm at their largest.", "7.2 cm", "hailstone"),
])
def test_a_measurement_set_beside_another_or_settled_is_of_the_same_thing(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words", [
    ('The ministry settled on 47,900 passengers stranded abroad, below the "about 48,000" it gave on Monday.',
     "about 48,000"),
    ("The ministry settled on 47,900 passengers stranded abroad, below the 48,000 it had given on Monday.", "48,000"),
])
def test_a_figure_a_pronoun_gave_is_its_source_s_figure_of_the_same(sentence, words):
    found = figure(sentence, words)
    assert (found.measure, found.attributed_to) == ("stranded: passengers", "ministry")


@pytest.mark.parametrize("sentence, words, kind, unit", [
    ("The ministry raised its central estimate from 3.5 billion to 3.8 billion brenns (about $475 million).",
     "3.5 billion", "money", "brenns"),
    ("The ministry raised its estimate from 3.5 billion to 3.8 billion euros.", "3.5 billion", "money", "EUR"),
    ("Costs rose from 1.2 million to 1.5 million dollars.", "1.2 million", "money", "USD"),
    ("The ban zone grew from 12 to 20 nautical miles and has since been cut to 15.", "12", "measurement", "nmi"),
    # moved again after the change, in the same unit
    ("The ban zone grew from 12 to 20 nautical miles and has since been cut to 15.", "15", "measurement", "nmi"),
])
def test_the_ends_of_a_change_are_in_the_unit_given_once(sentence, words, kind, unit):
    found = figure(sentence, words)
    assert (found.kind, found.unit) == (kind, unit)


@pytest.mark.parametrize("sentence, words, measure, shown", [
    ("The centre first classed the storm as G4, or severe, then upgraded it to G5.", "G5", "G scale", "G5"),
    ("A second ejection might set off a weaker G2 storm.", "G2", "G scale", "G2"),
    ("The tornado was rated EF4 by the weather service.", "EF4", "EF scale", "EF4"),
    ("Conditions were at G5 for about three hours.", "G5", "G scale", "G5"),
    ("The centre reported a Kp index of 8 overnight.", "Kp index of 8", "Kp", "Kp 8"),
    ("Storm blacks out 410,000 homes as the centre raises its alert to G5", "G5", "G scale", "G5"),
])
def test_a_level_on_a_scale_of_letters_or_an_index_is_a_category(sentence, words, measure, shown):
    found = figure(sentence, words)
    assert (found.kind, found.measure, label(found)) == ("category", measure, shown)


def test_letters_and_a_digit_that_grade_nothing_are_no_level():
    assert not figures("Leaders at the G7 summit drove down the A4 motorway. The storm hit the A4 motorway.",
                       "category")


def test_amperes_are_an_electric_current():
    found = figure("The lines carried 212 amperes, nearly three times their limit.", "212 amperes")
    assert (found.kind, found.unit) == ("measurement", "A")


def test_a_date_ending_a_sentence_leaves_its_full_stop():
    assert [f.text for f in figures("Results are due by 30 June. It opened on 3 Sept. 2025.", "date")] \
        == ["30 June", "3 Sept. 2025"]


def test_a_season_before_a_month_is_no_date():
    assert not figures("We met in spring June, she said.", "date")


@pytest.mark.parametrize("sentence, words, measure, low, high", [
    ("The hole is 21-23 m deep.", "21-23 m", "depth", 21, 23),
    ("Stones of 4-5 cm fell on the valley.", "4-5 cm", "stone", 4, 5),
])
def test_a_small_range_in_a_unit_is_no_score(sentence, words, measure, low, high):
    found = figure(sentence, words)
    assert (found.kind, found.measure, found.low, found.high) == ("measurement", measure, low, high)
    assert not figures("Lessa City won 2-1 on Saturday and drew 1-1 at home.", "count")


def test_hectolitres_are_a_volume():
    found = figure("The university forecasts a harvest of about 410,000 hectolitres.", "about 410,000 hectolitres")
    assert (found.kind, found.unit) == ("measurement", "hl")


@pytest.mark.parametrize("text, words, measure", [
    ("Line C will open with 14 stations instead of 15.", "15", "stations"),
    ("It will carry 150,000 passengers rather than 210,000.", "210,000", "passengers"),
    ("It has 14 stations against 15 planned.", "15", "stations"),
    ("It has 14 stations against 15 stops.", "15", "stops"),        # a noun of its own
])
def test_a_figure_set_against_another_counts_the_same_thing(text, words, measure):
    assert figure(text, words).measure == measure


@pytest.mark.parametrize("text, words", [
    ("The Environmental Inspectorate can impose administrative fines of up to €60m for breaches.", "up to €60m"),
    ("The most the Environmental Inspectorate can impose is €60m.", "€60m"),
])
def test_what_can_be_done_at_most_is_a_limit(text, words):
    assert figure(text, words).statement == "limit or normal level"


def test_what_may_happen_or_did_happen_is_no_limit():
    assert figure("Up to 300 people can be evacuated today.", "Up to 300").statement != "limit or normal level"
    assert figure("The inspectorate fined Norrant €24m.", "€24m").statement is None


def test_an_estimate_does_not_take_a_measure_named_only_by_what_was_done():
    text = ("The ministry's official figure is now €19.6bn, revised up from €18.9bn in March and the €14.2bn "
            "approved in 2020. "
            "The audit office has trimmed its estimate to €21.1bn.")
    assert figure(text, "€14.2bn").measure == "approved"
    assert figure(text, "€21.1bn").measure != "approved"


@pytest.mark.parametrize("text, words, source", [
    ("Kovarik said the share of deposits that was insured was \"nearer 78%\" than the 84% the DPA has quoted.",
     "nearer 78%", "Kovarik"),
    ("Kovarik said the share of deposits that was insured was \"nearer 78%\" than the 84% the DPA has quoted.",
     "84%", "DPA"),
    ("Police said 20 people died, not the 30 the group claims.", "30", "group"),
    ("Police said 20 people died, not the 30 the group claims.", "20", "Police"),
    ("AUREL MANDRY (recorded): More than four in five deposits are covered.", "More than four in five",
     "Aurel Mandry"),                                      # a note on the recording, not whom he speaks for
])
def test_a_source_after_a_figure_in_its_own_clause_gives_that_figure_only(text, words, source):
    assert figure(text, words).attributed_to == source



ALIASES = """Castrolink under pressure

The Castrolink consortium says 1,400 workers are on site. The consortium now says 2,050.
Arvant Motors, the country's biggest motor company, will cut 4,800 jobs, the company said.
In neighbouring Brevonia, the farm ministry estimated losses at LSR 2bn; the ministry said 40 farms closed.
Dana, the union's figure is 3,000. The union says 3,100.
"""


@pytest.mark.parametrize("words, source", [
    ("2,050", "Castrolink"),                   # "the Castrolink consortium"
    ("4,800", "Arvant Motors"),                # "Arvant Motors, the country's biggest motor company"
    ("40", "ministry"),                        # a fronted place is no name of the ministry
    ("3,100", "union"),                        # an address is no name of the union
])
def test_a_plain_noun_for_a_body_is_the_body_the_article_named_so(words, source):
    assert figure(ALIASES, words).attributed_to == source


def test_two_bodies_named_by_one_noun_leave_it_as_it_is():
    text = ("Arvant Motors, the biggest carmaker, cuts 4,800 jobs. Duvane Automobiles, Pellaria's biggest carmaker, "
            "cuts 2,300. The carmaker said 150 would stay.")
    assert figure(text, "150").attributed_to == "carmaker"


def test_under_a_stage_is_its_regime_not_a_bound():
    text = "Under stage 3, taps run for 12 hours a day. The storm stayed below Category 3."
    assert figure(text, "stage 3").qualifier == "exact"
    assert figure(text, "below Category 3").qualifier == "fewer than"


@pytest.mark.parametrize("text, words, source", [
    ("The Southern Seas Development Bank is sticking with its range of $95m to $120m.", "$95m to $120m",
     "Southern Seas Development Bank"),
    ("The Lusmaran Relief Society, whose count includes those staying with relatives, put the number still "
     "displaced at \"about 14,000\".", "about 14,000", "Lusmaran Relief Society"),
    ("The club expects rebuilding the stand to cost around €11.9m.", "around €11.9m", "club"),
    ("The national carrier, Lusmara Air, cancelled 46 flights on Sunday.", "46", "Lusmara Air"),
    ("By Sunday, the Mirrow River fell back to 6.2 metres.", "6.2 metres", None),      # a thing, after a phrase
    ("The dose is inside the hospital's range of 120 to 150 mSv and below the union's claim of more than 200 mSv.",
     "more than 200 mSv", "union"),
    ("The inspectorate has visited 38% of factories; the ministry's claim of 64% covers only some.", "38%", None),
])
def test_more_ways_a_body_states_its_figure(text, words, source):
    assert figure(text, words).attributed_to == source


@pytest.mark.parametrize("sentence, words, measure", [
    ("Thirty people were hurt, nine of them in intensive care.", "nine", "in intensive care"),
    ("Seven remain in intensive care, doctors said.", "Seven", "in intensive care"),
    # where people are staying
    ("About 27,500 people remain under evacuation orders, and 6,800 of them are staying in public shelters.",
     "6,800", "in public shelters"),
    ("Some 6,800 people were sleeping in public shelters.", "Some 6,800", "in public shelters"),
])
def test_a_count_in_a_state_is_named_by_that_state(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    # what a changing verb moves to the figure, with what was done to it
    ("The office raised its count of homes destroyed to 418, up from 412.", "418", "destroyed: homes"),
    ("The office raised its count of homes destroyed to 418, up from 412.", "412", "destroyed: homes"),
    ("The administrators cut their count of depositors to 1.38 million.", "1.38 million", "depositors"),
    ("The ministry puts the number of journalists held at 14.", "14", "held: number of journalists"),
    # a source's own figure is no object
    ("The airline put cancellations across its network at 610.", "610", "cancellations"),
])
def test_what_a_verb_sets_or_moves_to_a_count_names_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure, revision", [
    # a count changed to, in the passive, is what the subject counts; the peak it came from, its earlier value
    ("The number of firefighters on the line has been cut to 1,300 from the peak of 2,100.", "1,300",
     "firefighters", "current"),
    ("The number of firefighters on the line has been cut to 1,300 from the peak of 2,100.", "2,100",
     "firefighters", "earlier"),
    ("Arrests rose to 85 from a record of 60.", "60", "arrested", "earlier"),
    # the earlier value after a span of time between, and after what was done to the people
    ("The final count is 398 diversions over the 10 days, revised up from 361 after a review.", "361",
     "diversions", "earlier"),
    ("It now says 97 people were taken to hospital with smoke inhalation, revised down from 112 because of "
     "double counting.", "112", "hospitalised", "earlier"),
])
def test_a_count_changed_to_in_the_passive_and_the_peak_it_came_from(sentence, words, measure, revision):
    found = figure(sentence, words)
    assert (found.measure, found.revision) == (measure, revision)


def test_a_part_of_a_toll_said_to_be_in_a_place_is_the_toll_there():
    found = figure("Nine of the dead were in Cardel, the agency said.", "Nine")
    assert (found.measure, found.scope) == ("killed", "Cardel")
    # a part of the toll that is no place is no toll ("Two of the dead were children"), nor is one person
    assert [f.measure for f in figures("Two of the dead were children.", "count")] == ["killed: children"]
    assert figures("One of the dead was in Cardel.", "count") == []


def test_a_bare_in_before_a_place_is_no_state():
    assert figure("The storm killed 20 in the capital.", "20").measure == "killed"


@pytest.mark.parametrize("question, kinds, dimensions", [
    ("Eastern stretch of the coastline - how long?", {"measurement"}, {"length"}),
    ("How quickly was the flood water rising?", {"measurement"}, {"speed"}),
    ("what are dockers being paid during the stoppage", {"money"}, set()),
    ("How long a stretch of the canal was drained?", {"measurement"}, {"length"}),
    ("How warm did the lake get?", {"measurement"}, {"temperature"}),
    ("What penalty did the operator receive?", {"money"}, set()),
    ("What is the rescue airlift costing the state?", {"money"}, set()),
])
def test_question_forms_that_say_the_kind(question, kinds, dimensions):
    from index.figures import relevance
    wanted = relevance.wanted(question)
    assert kinds <= wanted.kinds and set(wanted.dimensions) == dimensions


@pytest.mark.parametrize("question", ["How full were the wards at the peak?", "how humid was it on the day?"])
def test_how_and_a_quantity_adjective_asks_for_a_figure(question):
    from index.figures import relevance
    assert relevance.wanted(question) is not None


def test_how_long_a_thing_stayed_is_a_time_and_how_quickly_police_acted_is_no_speed():
    from index.figures import relevance
    assert relevance.wanted("How long did the road stay closed?").kinds == frozenset({"duration"})
    assert relevance.wanted("How quickly did the police respond?") is None


def test_a_length_in_an_hour_is_a_speed():
    from index.figures import relevance
    front = figure("The mud was advancing at about 25 metres an hour.", "about 25 metres an hour")
    assert relevance.wanted("How fast was the mud moving?").fits(front)
    assert not relevance.wanted("How hot was the mud?").fits(front)


def test_a_rate_in_the_period_asked_for_is_chosen():
    from index.figures import relevance
    text = ("Payments\nThe relief fund has paid out 900 million crowns so far. "
            "Each farming household receives 1,200 crowns a month.\n")
    found = figures(text)
    candidates = [(f, text, text, 0.5) for f in found if f.kind in ("money", "rate")]
    picked = relevance.select("what are farm households getting each month", candidates)
    assert [f.text for f in picked][0] == "1,200 crowns a month"


@pytest.mark.parametrize("sentence, words, measure", [
    ("Of the 40 bridges in the county, 9 remain closed.", "9", "closed: bridges"),
    ("Of the 48 injured, 12 remain in intensive care.", "12", "in intensive care"),
])
def test_a_count_after_a_fronted_group_is_said_of_the_group(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_volume_restated_as_a_weight_measures_the_same():
    text = "Spill\nTugs have pumped out about 900 barrels of diesel, roughly 120 tonnes, the port said.\n"
    assert figure(text, "roughly 120 tonnes").measure == figure(text, "about 900 barrels").measure


def test_a_year_naming_the_subject_event_dates_the_sentence():
    text = "Fish die-off\nThe 2011 die-off, blamed on a tannery, killed 12 tonnes of fish along 9 km.\n"
    assert all(f.other_event for f in figures(text) if f.kind == "measurement")


def test_fish_that_sank_name_no_sinking():
    text = ("Fish die-off on the Marl\nThe anglers, counting fish that sank, put the dead fish at about 60 tonnes.\n"
            "The ferry sank in 1998, killing 40.\n")
    assert not figure(text, "about 60 tonnes").other_event
    assert figure(text, "40").other_event


SIBLINGS = """Terminal 3 reopens
Terminal 3 will reopen on Friday, the airport said, after repairs costing €40m. Terminal 3 handled 9,000 travellers.
Terminal 1, which was rebuilt in 2015, cost €210m and handles 30,000 travellers a day.
The repairs cost twice as much as at Terminal 1, which needed €18m after its own flood.
"""


@pytest.mark.parametrize("words, other", [
    ("€40m", False), ("9,000", False),
    ("€210m", True), ("30,000 travellers a day", True),       # a sentence opening with the other terminal
    ("€18m", True),                                          # a relative clause on it
])
def test_another_thing_named_like_the_articles_own_is_another_story(words, other):
    assert figure(SIBLINGS, words).other_event is other


def test_two_things_named_alike_as_often_are_both_the_story():
    text = "Units shut\nUnit 1 tripped at 03:00 and lost 950 MW. Unit 2 tripped at 03:10 and lost 1,100 MW.\n"
    assert not figure(text, "950 MW").other_event


def test_a_plain_noun_for_the_other_events_name_carries_it():
    text = ("Tannery spill\nThe 2011 spill, caused by the Orvel Leather Works, killed 12 tonnes of fish. "
            "The works was fined 2 million crowns. The plant was fined 9 million crowns on Monday.\n")
    assert figure(text, "2 million crowns").other_event
    assert not figure(text, "9 million crowns").other_event


def test_a_participle_after_a_figure_takes_its_year_back_to_it():
    text = "Tannery spill\nThe biggest fine for river pollution was 2 million crowns, paid by a mill after the 2011 spill.\n"
    assert figure(text, "2 million crowns").other_event


def test_a_fronted_place_of_another_country_scopes_the_sentence():
    text = "Fish die-off\nOn Brevonia's Tarn river, about 9 tonnes of fish died along 6 km.\n"
    assert figure(text, "about 9 tonnes").scope == "Brevonia"


def test_a_further_amount_for_another_reason_measures_the_same():
    text = ("Fine\nThe regulator fined the airline 9 million crowns for delays, and a further 2 million crowns for "
            "failing to refund passengers. It spent 40 million crowns on pumps and a further 12 million crowns on sandbags.\n")
    assert figure(text, "2 million crowns").measure == figure(text, "9 million crowns").measure == "fine"
    assert figure(text, "12 million crowns").measure != figure(text, "40 million crowns").measure


@pytest.mark.parametrize("text, words, source", [
    ("Claims now total 90 million crowns, Holt & Varga said.", "90 million crowns", "Holt & Varga"),
    ("The agency's divers found 14 wrecks on the seabed.", "14", "agency"),
    ("The institute's gauge at Tarn recorded 3.2 metres on Friday.", "3.2 metres", "institute"),
    ("A team from the Marl Institute, sampling below the weir at 07:00, found 0.8 mg/L.", "0.8 mg/L",
     "Marl Institute"),
    ("Hikers found 12 bodies near the pass.", "12", None),            # people, no body
])
def test_a_bodys_people_or_instruments_give_its_figures(text, words, source):
    assert figure(text, words).attributed_to == source


def test_a_compound_before_a_count_noun_names_what_is_counted():
    text = "Die-off\nThe dead-bird tally reached 640 on Friday. The Marl Water Board's final figure is 12 tonnes.\n"
    assert figure(text, "640").measure == "dead bird"
    assert "water" not in figure(text, "12 tonnes").measure       # the board owns the figure; it is not water


# --------------------------------------------------------------------------- eighteenth round: new articles

@pytest.mark.parametrize("sentence, words, measure", [
    ("More than 300 people have fallen ill after the lunch.", "More than 300", "ill"),
    ("The health authority says 214 people sought treatment overnight.", "214", "sought treatment"),
    ("Twenty-three of the injured remained in hospital on Thursday night.", "Twenty-three", "hospitalised"),
    ("At least four of the dead were foreign nationals.", "At least four", "killed: foreign nationals"),
    ("In 2009, 23 schoolchildren and two teachers died when their bus came off the road.", "23", "killed"),
    ("Nine were in a critical condition and 14 had serious fractures or head wounds.", "14", "injured"),
    ("So far 61 have been admitted to hospital, including 14 who needed intensive care.", "14",
     "hospitalised: needed intensive care"),
    ("Officials warned that case numbers could exceed 1,000 by the end of March.", "1,000", "cases"),
    ("Of those admitted, 48 remained in intensive care and 11 were on ventilators.", "11", "on ventilators"),
    ("Three patients are on life support.", "Three", "on life support: patients"),
    ("The region is home to about 340,000 people.", "about 340,000", "population"),
])
def test_counts_named_by_what_befell_them_in_more_wordings(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_place_where_people_are_names_no_count():
    assert figures("Some 20 were on the coast.", "count") == []


def test_what_people_sought_is_no_appeal_for_money():
    assert figure("The UN sought $12 million for the response.", "$12 million").measure != "sought"
    assert figure("Aid groups are seeking $40m.", "$40m").measure == "appeal"
    assert figure("The health authority says 214 people sought treatment.", "214").measure != "appeal"


def test_a_perfect_tense_needs_more_than_a_bare_verb_to_name_a_count():
    # "had gone" alone says nothing of what is counted
    assert figures("On Saturday the ministry said 112 people had gone to hospital.", "count") == []


def test_a_table_of_facts_names_each_row_by_its_label():
    text = ("Hospital fire\n\n| Measure | Figure |\n|---|---|\n| Patients evacuated from the east block | 236 |\n"
            "| Patients who died after the evacuation | 4 |\n| Beds out of use until repairs are complete | 310 |\n\n"
            "*Source: Velmora Fire and Rescue Service.*\n")
    assert [(f.text, f.measure, f.scope, f.attributed_to) for f in figures(text, "count")] == [
        ("236", "evacuated", None, "Velmora Fire and Rescue Service"),
        ("4", "killed", None, "Velmora Fire and Rescue Service"),
        ("310", "beds", None, "Velmora Fire and Rescue Service")]


def test_a_list_items_label_names_its_count_and_its_introduction_credits_it():
    text = ("Measles\n\nKey figures released by the directorate on Friday:\n\n"
            "- Confirmed cases: 412, up from 287 a week earlier\n"
            "- Doses given since the campaign began on 2 February: 38,000+\n\n"
            "Information line for families: 0800 555 0147\n"
            "It will open with 14 stations. How many are finished depends on whom you ask: 11 are built.\n")
    found = {f.text: f for f in figures(text, "count")}
    assert [(found[w].measure, found[w].attributed_to) for w in ("412", "287", "38,000")] == [
        ("confirmed cases", "directorate"), ("confirmed cases", "directorate"), ("doses given", "directorate")]
    assert "0800" not in found and "11" not in found          # a phone number; a sentence's own colon


def test_a_quotation_over_several_sentences_is_its_speakers_throughout():
    text = ('Fire\n\nIts director, Dr Hanne Vollmar, told local radio that nine patients were in intensive care. '
            '"We normally have 40 beds for this '
            'whole valley. This morning we had 130 people waiting to be seen," she said.\n\n'
            '"We have been here for 19 hours. Nobody tells us anything," said Tomas Brenn, a passenger.\n\n'
            'The mayor spoke. "Half of this town was on that square. Everyone knows someone who is sick."\n')
    assert figure(text, "40").attributed_to == figure(text, "130").attributed_to == "Dr Hanne Vollmar"
    assert figure(text, "19 hours").attributed_to == "Tomas Brenn"
    # who the quotation tells of is no source: the speaker is
    told = 'Sea rescue\nLina Osterhaus, the coordinator, spoke. "One man told me he paid $3,500," said Osterhaus.\n'
    assert figure(told, "$3,500").attributed_to == "Osterhaus"
    assert figure(text, "Half").attributed_to is None            # a quotation that names no speaker


@pytest.mark.parametrize("text, words, source", [
    ("The Kestrian Airlines Association put carriers' losses at about 2.8bn dinars a day.", "about 2.8bn dinars a day",
     "Kestrian Airlines Association"),
    ("The union is demanding a 14% pay rise over two years.", "14%", "union"),
    ("In 2011, while Line B was being built, a collapse injured five workers.", "five", None),
])
def test_setting_a_possessed_measure_and_a_body_demanding_give_the_source(text, words, source):
    assert figure(text, words).attributed_to == source


def test_an_incident_put_in_a_month_of_its_own_is_another():
    text = ("Dockers strike\nDockers walked out on Monday, closing the port.\n"
            "In March, a 48-hour stoppage by tug pilots at the port delayed 60 vessels.\n"
            "In April, 43 people died when a rubber dinghy sank off Tervel.\n"
            "In March, the union balloted its 4,000 members.\n")
    assert [(f.text, f.other_event) for f in figures(text) if f.kind != "weekday"] == [
        ("48-hour", True), ("60", True), ("43", True), ("4,000", False)]


@pytest.mark.parametrize("text, words, source", [
    ('"Every day wipes out profit for 12 carriers," said the association\'s chairman, Rafael Osterholt.', "12",
     "Rafael Osterholt"),
    ('"We have 40 beds," said its director, Dr Hanne Vollmar.', "40", "Dr Hanne Vollmar"),
    ('"We have 40 beds," said the ministry, adding that more were coming.', "40", "ministry"),
    ("Lina Osterhaus, SeaLine's operations coordinator, said the Aurelia rescued 40 people.", "40", "Lina Osterhaus"),
    ("The Union of Air Navigation Staff (UANS) is demanding a 14% pay rise, and said all 1,850 of its members "
     "had been called out.", "1,850", "Union of Air Navigation Staff"),
])
def test_a_role_before_a_name_and_a_clause_joined_to_a_bodys_give_the_source(text, words, source):
    assert figure(text, words).attributed_to == source


def test_he_and_she_stand_for_people_not_for_bodies_with_capitals():
    text = ("Strike\nThe Kestrian Airlines Association put losses at 2.8bn dinars a day. \"Every day hurts,\" said "
            "the association's chairman, Rafael Osterholt. He estimated that the strike would cost 6bn dinars.\n")
    assert figure(text, "6bn dinars").attributed_to == "Rafael Osterholt"


def test_a_list_item_labelled_by_a_region_is_no_source():
    text = ("Referendum\nThe Yes camp carried the capital, provisional figures from the commission show:\n\n"
            "- Capital District: 61.8% Yes\n- Eastern Lowlands: 44.7% Yes\n")
    assert {f.text: f.attributed_to for f in figures(text, "percent")} == {"61.8%": "commission", "44.7%": "commission"}


def test_a_source_count_said_to_be_lower_or_higher_at_a_figure_is_the_sources():
    text = "March\nOrganisers said 80,000 people marched. The ministry's own count was lower, at 59,000.\n"
    assert (figure(text, "59,000").measure, figure(text, "59,000").attributed_to) == ("attendance", "ministry")


@pytest.mark.parametrize("text, words, source", [
    ("Hurricane Ilsa caused damage estimated at $2.4bn to $3.1bn, according to a catastrophe model run by Kestrel "
     "Risk Analytics.", "$2.4bn to $3.1bn", "Kestrel Risk Analytics"),     # a storm's name is no body
    ("Tally\nClean Velska, the volunteer group that runs the collection points, keeps its own tally. It puts the "
     "total at 74 tonnes.\n", "74 tonnes", "Clean Velska"),                 # "it": the body described
    ("Capital\nHalden, the capital, was hit hardest. It recorded 40 deaths.\n", "40", None),   # a place is no body
])
def test_event_names_are_no_bodies_and_a_described_body_is_what_it_stands_for(text, words, source):
    assert figure(text, words).attributed_to == source


def test_a_live_blogs_time_opens_no_subject():
    text = ("Live\n\n16:10 - The Food Safety Agency has fined Grunwald €60,000.\n\n"
            "13:05 - The national food safety laboratory has tested 46 samples.\n")
    assert figure(text, "€60,000").attributed_to == "Food Safety Agency"
    assert figure(text, "46").attributed_to == "food safety laboratory"


@pytest.mark.parametrize("sentence, words, value", [
    ("About four-fifths of it is now lying flat.", "About four-fifths", 80.0),
    ("Three tenths of homes lost power.", "Three tenths", 30.0),
])
def test_any_numerator_before_a_plural_denominator_is_a_share(sentence, words, value):
    found = figure(sentence, words)
    assert (found.kind, found.value) == ("percent", value)


@pytest.mark.parametrize("text, words, source", [
    ("The country locks up 212 people per 100,000, against an average of 118 across neighbouring states, "
     "according to the Regional Penal Observatory.", "118", "Regional Penal Observatory"),   # "states": a noun
    ("Epidemiologist Anton Sorvik of the University of Vascona said 13% fell ill.", "13%",
     "Epidemiologist Anton Sorvik"),
    ("The Ministry of Health said 40 died.", "40", "Ministry of Health"),
    ("Police tell me 37 inmates have been arrested.", "37", "Police"),
    ('One sample held "about 40,000 times the legal limit", according to the laboratory\'s head, Petra Olsund.',
     "about 40,000", "Petra Olsund"),
    ("The ministry said 340 cases were recorded, raising fears of spread.", "340", "ministry"),   # "fears": a noun
    ("Brightholm Restructuring said 74 of the 212 branches would not reopen.", "74", "Brightholm Restructuring"),
    ("Grain traders in Treska expect yields of about 5.2 tonnes per hectare.", "about 5.2 tonnes per hectare",
     "Grain traders"),
])
def test_more_wordings_of_who_gives_a_figure(text, words, source):
    assert figure(text, words).attributed_to == source


def test_a_verbs_object_is_no_source_giving_its_own_figure():
    text = "Figures show Baltrena reported 11 leaks, and the regulator fined the company 3.5 million kroner in 2023."
    assert figure(text, "3.5 million kroner").attributed_to != "company"


def test_a_quotation_naming_no_speaker_goes_on_with_the_paragraphs():
    text = ('Hail\n\n"The stones came down for 15 minutes," said Jurek Malvin, a grower. "I had 220 hectares in '
            'the ground. About four-fifths of it is flat."\n')
    assert {f.text: f.attributed_to for f in figures(text)} == {
        "15 minutes": "Jurek Malvin", "220 hectares": "Jurek Malvin", "About four-fifths": "Jurek Malvin"}


def test_a_list_introduced_by_a_bodys_figures_and_a_table_of_days():
    text = ("Mayor\n\nThe commission's district-level figures showed the pattern:\n\n"
            "- Old Town: Jonas Kreil 55.1%, Ilaria Brandt 30.4%\n\n"
            "| Date | New passenger cases | New crew cases |\n|---|---|---|\n| Fri 6 March | 14 | 2 |\n"
            "| Sat 7 March | 52 | 9 |\n")
    assert figure(text, "55.1%").attributed_to == "commission"
    assert [(f.text, f.measure, f.scope) for f in figures(text, "count")] == [
        ("14", "new passenger cases", None), ("2", "new crew cases", None),
        ("52", "new passenger cases", None), ("9", "new crew cases", None)]


@pytest.mark.parametrize("text, words, source", [
    ("The rate was 4.2 per 10,000 workers last year, Labour Inspectorate data show.", "4.2 per 10,000 workers",
     "Labour Inspectorate"),
    ("Official figures show 40 died.", "40", None),                  # "official" says which figures, not whose
    ("Unions fear that up to 600 jobs could go.", "up to 600", "Unions"),
    # a campaign is no source noun: "A vaccination campaign aimed at 50,000 schoolchildren" says no who
    ("A vaccination campaign aimed at 50,000 children began in two districts on Monday.", "two", None),
])
def test_data_named_by_its_maker_and_bodies_that_fear(text, words, source):
    assert figure(text, words).attributed_to == source


def test_the_company_is_a_business_named_by_its_own_last_word():
    text = ("Cruise\nCastellane Cruises said 361 were ill. Castellane Cruises will refund fares. Castellane Cruises "
            "apologised. Every passenger will receive a 50% refund, the company said.\n")
    assert figure(text, "50%").attributed_to == "Castellane Cruises"


@pytest.mark.parametrize("sentence, words, measure", [
    ("The prison population has grown by a fifth since 2021.", "a fifth", "prison population"),
    ("Cereal prices have risen by 23% nationally.", "23%", "cereal prices"),
    ("Between a quarter and a third of the region's wheat had been hit.", "a quarter", "share"),
])
def test_a_share_a_measure_changed_by(sentence, words, measure):
    found = figure(sentence, words)
    assert (found.kind, found.measure) == ("percent", measure)


def test_half_a_period_after_by_is_no_share():
    assert figures("They waited by half a day.", "percent") == []


def test_a_count_revised_down_and_a_part_of_an_owners_whole():
    text = "The ministry revised down its count of people treated as outpatients to about 2,100, from 3,400."
    assert [(f.text, f.measure) for f in figures(text, "count")] == [("about 2,100", "treated"), ("3,400", "treated")]
    doors = "Inspectors found that 11 of the east block's 40 fire doors did not close properly."
    assert [(f.text, f.measure) for f in figures(doors, "count")] == [("11", "fire doors"), ("40", "fire doors (total)")]
    assert figure("Some 26,000 people had spent the night in tents.", "Some 26,000").measure == "spent"


def test_a_correction_gives_the_figure_it_corrects_and_its_label_the_source():
    text = ("Live\n\n17:20 - Correction from the regional health authority: the number of people in hospital is 79, "
            "not 84, after five patients were double-counted.\n\nIt is 40 km, not 50 km, from the coast.\n")
    found = {f.text: f for f in figures(text)}
    assert [(found[w].measure, found[w].revision, found[w].attributed_to) for w in ("79", "84")] == [
        ("hospitalised", "current", "regional health authority"), ("hospitalised", "earlier", "regional health authority")]
    assert (found["50 km"].revision, found["50 km"].attributed_to) == ("earlier", None)


def test_an_earlier_count_named_as_a_count():
    text = "The hospital treated 17 people for smoke inhalation, up from an initial count of nine on Sunday evening."
    found = {f.text: f for f in figures(text, "count")}
    assert [(found[w].measure, found[w].revision) for w in ("17", "nine")] == [("treated", "current"),
                                                                               ("treated", "earlier")]


# --------------------------------------------------------------------------- nineteenth round

@pytest.mark.parametrize("sentence, words, measure, scope", [
    ("Ten people in the village were killed.", "Ten", "killed", None),
    ("About 300 people in the north have been evacuated.", "About 300", "evacuated", "the north"),
    ("Some 1.4 million people in the Ombra and upper Tessel valleys were limited to 70 litres a day.",
     "Some 1.4 million", "limited", "Ombra"),
    ("Twelve workers at the plant were injured.", "Twelve", "injured", None),
    ("Five people in flooded areas were rescued.", "Five", "rescued", None),
    ("About 4,000 people from nearby villages have sought refuge in schools.", "About 4,000",
     "sought refuge in schools", None),
])
def test_a_place_between_a_count_and_its_verb(sentence, words, measure, scope):
    found = figure(sentence, words)
    assert (found.measure, found.scope) == (measure, scope)


@pytest.mark.parametrize("sentence, words, measure", [
    ("150 people remain in the hospital.", "150", "hospitalised"),
    ("Some 11,300 people are still living in the 27 shelters that remain open.", "Some 11,300", "in shelters"),
    ("About 900 families are living in the two camps.", "About 900", "in camps: families"),
    ("Some 40,000 people were without power on Monday.", "Some 40,000", "without power"),
    # a state is no place the verb comes after: what they are in names them
    ("Twenty-three people in hospital were discharged on Friday.", "Twenty-three", "hospitalised"),
])
def test_where_people_are_past_a_determiner_or_a_number_and_without_what(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_place_phrase_with_no_verb_after_it_names_nothing():
    assert figures("Some 20 people in the capital.", "count") == []


@pytest.mark.parametrize("sentence, words, measure", [
    ("Two firefighters were among the 11 injured.", "Two", "injured: firefighters"),
    ("Three children were among the dead.", "Three", "killed: children"),
    ("Three more centres are being built.", "Three", "centres"),
    ("Twelve more were injured.", "Twelve", "injured"),
    ("Four other patients were moved.", "Four", "moved: patients"),
])
def test_a_group_among_a_counted_total_and_more_of_a_noun(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, source", [
    ("At least 4,000 families need tents, aid groups say.", "At least 4,000", "aid groups"),
    ("According to rights groups, 300 people were detained.", "300", "rights groups"),
    ("Hospitals have treated some 140 people for storm injuries.", "some 140", "Hospitals"),
    ("Union leaders said 12,000 workers had walked out.", "12,000", "Union leaders"),
])
def test_a_bodys_noun_names_a_source_in_the_plural(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


def test_its_members_are_the_bodys_and_its_institution_the_institution():
    members = "The Armand inquiry reported on Friday. Its experts measured a peak of 9.6 people per square metre."
    assert figure(members, "9.6 people per square metre").attributed_to == "Armand inquiry"
    own = "Hallundia declared a drought emergency. Its government approved a €90m relief package on Monday."
    assert figure(own, "€90m").attributed_to == "government"


def test_an_incident_dated_early_in_a_month_or_in_a_month_past_is_another():
    text = ("Port workers strike\n\nDockers at Velmar walked out on Monday, halting 40 ships, the union said.\n\n"
            "A one-day stoppage by tug crews in early June cost the port about €2m, the operator said then.\n\n"
            "The region was shaken by a smaller tremor near Orsk in March that damaged 12 houses.\n")
    found = {f.text: f for f in figures(text)}
    assert not found["40"].other_event
    assert found["about €2m"].other_event and found["one-day"].other_event
    assert found["12"].other_event
    # the story's own incident dated in its month stays the story's
    own = "Dockers walked out on 3 June. The strike in June is the first in a decade, and 40 ships are waiting."
    assert not figure(own, "40").other_event


@pytest.mark.parametrize("sentence, words, measure", [
    ("About two-thirds of the town's 9,000 residents have left.", "About two-thirds", "share of residents"),
    ("About two-thirds of the town's 9,000 residents have left.", "9,000", "residents (total)"),
    ("Roughly 60% of the 2,400 residents had left by nightfall.", "Roughly 60%", "share of residents"),
    ("Some 40% of the big old city's 12 hospitals are shut.", "Some 40%", "share of hospitals"),
    ("That is nearly a third of the country's 7.4 million people.", "nearly a third", "share of people"),
    # a quantity of something is no count of things: the share stays unnamed by the unit
    ("Only about a fifth of the 2,754 tonnes that reached the port exploded.", "about a fifth", "share"),
    ("The hospital put the cost of last year's cyber attack at €9m.", "€9m", "cost"),
])
def test_a_share_of_an_owners_counted_whole(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, source", [
    ("Another 3,000 jobs are at risk, according to the regional chamber of commerce.", "3,000",
     "regional chamber of commerce"),
    ("About 300 cattle died, according to local farmers.", "About 300", "local farmers"),
    # what someone made, a thing, or what a source cites is no one
    ("About 300 cattle died, according to the latest estimates.", "About 300", None),
    ("Halden Re put the insured share at 30%, citing the number of farms with no cover.", "30%", "Halden Re"),
    ("Of the 1,200 cases, 410 were confirmed by laboratory tests, the ministry said.", "410", "ministry"),
])
def test_according_to_names_people_or_a_body_in_plain_words(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


@pytest.mark.parametrize("sentence, words, measure", [
    ("Shares in Halden rose 4.2% on the news.", "4.2%", "share price"),
    ("Exports fell 3.1% on weaker demand.", "3.1%", "exports"),
    ("Unemployment in the region is 7.8% on the agency's measure.", "7.8%", "unemployment"),
    ("The club spent 6 million pounds on new players.", "6 million pounds", "new player"),
])
def test_a_percentage_on_something_is_not_a_share_of_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("The talks broke up after nine hours.", "nine hours", "talks duration"),
    ("Talks to end the transport strike broke up without a deal after nine hours.", "nine hours", "talks duration"),
    ("The meeting with the strike committee ended after three hours.", "three hours", "meeting duration"),
    ("The hearing closed after two days.", "two days", "hearing duration"),
    ("The strike ended after 11 days.", "11 days", "strike duration"),
    # a time until people did something is no duration of theirs
    ("Rescuers found him after 40 hours.", "40 hours", "duration"),
])
def test_a_duration_after_which_a_thing_ended_is_its_duration(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("The fuel subsidy cost the treasury $9.6bn last year.", "$9.6bn", "fuel subsidy cost"),
    ("The minister said the airlift had cost $16m so far.", "$16m", "airlift cost"),
    ("The cut would cost the budget $190m a year.", "$190m a year", "cut cost"),
    ("Line C will cost $1.9bn, the auditors say.", "$1.9bn", "line c cost"),
    # what any one costs is its price; a pronoun's or a person's sum is a cost
    ("A six-day adult pass costs $245 this season.", "$245", "pass price"),
    ("Tickets cost $25.", "$25", "ticket price"),
    ("It will cost about $2bn.", "about $2bn", "cost"),
    ("The minister said it cost $3m.", "$3m", "cost"),
])
def test_what_costs_a_sum_names_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_cost_question_is_answered_by_what_costs_not_by_the_word_cost():
    from index.figures.relevance import coverage, question_words
    words = question_words("What is the rescue airlift costing the state?")
    assert coverage("airlift cost", words) == 1.0
    # every named cost shares the word "cost": it says nothing of which one is asked about
    assert coverage("adult pass cost", question_words("How much has the cost gone up by?")) == 0.0


@pytest.mark.parametrize("sentence, words, measure", [
    ("SkyVerra owed $168m to its creditors, the administrators said.", "$168m", "debts"),
    ("The airline owes its creditors $4m.", "$4m", "debts"),
    ("The company has debts of $4m.", "$4m", "debts"),
    # people owed something are counted as what they are
    ("Some 300 workers are owed wages.", "Some 300", "workers"),
])
def test_what_a_body_owes_is_its_debts(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_up_to_after_a_moving_verb_is_where_a_figure_went_not_a_bound():
    moved = figure("The administrators revised the debts up to $192m, from $168m.", "$192m")
    assert (moved.measure, moved.text, moved.qualifier) == ("debts", "$192m", "exact")
    assert figure("The toll went up to 40 on Monday.", "40").qualifier == "exact"
    assert figure("The strike could cost up to $2bn.", "up to $2bn").qualifier == "up to"
    assert figure("Up to 40 people were hurt.", "Up to 40").qualifier == "up to"


@pytest.mark.parametrize("sentence, words, measure", [
    ("The inquiry took three and a half years, far longer than planned.", "three and a half years",
     "inquiry duration"),
    ("This inquiry took 42 months.", "42 months", "inquiry duration"),
    ("The search lasted for eight days.", "eight days", "search duration"),
    ("The airlift will take up to 10 days, the minister said.", "up to 10 days", "airlift duration"),
    # what people or an "it" took, and a deed's time, are no thing's duration
    ("It took 40 hours.", "40 hours", "duration"),
    ("The driver took two hours.", "two hours", "duration"),
    ("Clearing the backlog could take up to four weeks.", "up to four weeks", "duration"),
    ("The ministry took three weeks to respond.", "three weeks", "time to respond"),
])
def test_how_long_a_thing_took_or_lasted_is_its_duration(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, source", [
    ("The inquiry found that 201 babies died between 2012 and 2022.", "201", "inquiry"),
    ("The study found 46 deaths.", "46", "study"),
    ("The panel reviewed 1,592 cases and judged care poor in 611 of them.", "1,592", "panel"),
    ("Its own audit found poor care in 22% of cases.", "22%", "own audit"),
    ("Records show the volunteers of Silver Thread found 30 people.", "30", "Silver Thread"),
    # a thing found, and people who find, are no source
    ("The highest level found in milk so far is 710 Bq/kg.", "710 Bq/kg", None),
])
def test_a_source_that_found_a_figure_gives_it(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


def test_a_long_object_between_a_changing_verb_and_its_figures():
    text = ("The trust has revised its own count of babies who died in its maternity units between 2012 and "
            "2022 from 118 to 187.")
    earlier, current = figure(text, "118"), figure(text, "187")
    assert (earlier.measure, current.measure) == ("babies", "babies")
    assert (earlier.revision, current.revision) == ("earlier", "current")
    # no change, no revision: a range
    assert figure("Fares on the island range from 10 to 20 dollars.", "from 10 to 20 dollars").low == 10


def test_an_estimate_counts_what_the_number_of_names():
    text = ("The number of SkyVerra passengers stranded abroad is higher than first thought, the Ministry of "
            "Foreign Affairs said on Wednesday, raising its estimate to 42,000 from about 38,000 a day earlier.")
    assert figure(text, "42,000").measure == figure(text, "about 38,000").measure == "stranded: SkyVerra passengers"
    # with no "number of", nothing says what the estimate counts
    assert not figures("The ministry raised its estimate to 42,000.", "count")


def test_another_business_named_with_its_year_is_another_event():
    from index.figures.event_names import other_event_names
    opening = "SkyVerra stopped flying on Monday, stranding about 38,000 passengers abroad.\n\n"
    since = opening + "It is the worst failure since June 2019, when the low-cost carrier Corvana Air ceased trading.\n"
    assert other_event_names(since, frozenset({2026})) == frozenset({"Corvana Air"})
    for sentence, words in [("When Corvana Air failed in June 2019 it owed 760 million dollars.", "760 million dollars"),
                            ("Corvana Air, in June 2019, stranded 18,500 people and cost 2,100 jobs.", "2,100"),
                            ("The Corvana Air airlift of 2019 brought 18,500 people home in 11 days.", "11 days")]:
        found = {f.text: f for f in extract_figures("a", opening + sentence, "2026-10-13")}
        assert found[words].other_event and not found["about 38,000"].other_event
    # a place set off before its year is no actor: "the Velska" names where, not who
    place = "The last mass die-off on the Velska, in August 2009, killed 38 tonnes of fish."
    assert other_event_names(place, frozenset({2026})) == frozenset()


@pytest.mark.parametrize("sentence, words, source", [
    ("The trust also raised its count of mothers who died over the period to eight, up from six.", "eight", "trust"),
    ("The hospital put the cost of last year's cyber attack at €9m.", "€9m", "hospital"),
    ("The municipality put the number who had left their homes at about 4,200.", "about 4,200", "municipality"),
    ("The inspectorate puts the coolant lost from the primary circuit at 14 cubic metres.", "14 cubic metres",
     "inspectorate"),
    # a clause of its own between the verb and the figure sets nothing
    ("The ministry put the city on alert, and 40 people were hurt.", "40", None),
])
def test_a_setting_verb_reaches_over_a_long_object(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


def test_a_presenter_turning_to_a_guest_by_name_leaves_the_guest_a_speaker():
    text = ("PRESENTER: Carys Dunholm, you lost your daughter.\n\n"
            "CARYS DUNHOLM (chair, Lisle Valley Families for Justice): Our list has 263 babies on it.\n\n"
            "PRESENTER: Dr Presswick, how did the trust get it so wrong?\n\n"
            "DR ANIL PRESSWICK (medical director, Harrowmere and Lisle Valley Hospitals Trust): Our vacancy rate "
            "is 11%.\n")
    assert figure(text, "263").attributed_to == "Carys Dunholm"
    assert figure(text, "11%").attributed_to.startswith("Dr Anil Presswick")
    # a reporter the presenter introduces is the outlet's own voice
    sent = "PRESENTER: Our reporter Jonas Veit is at the port.\n\nJONAS VEIT: About 40 ships are waiting.\n"
    assert figure(sent, "About 40").attributed_to is None


@pytest.mark.parametrize("sentence, words, measure", [
    ("Some 40% of the 1,200 staff are on temporary contracts.", "Some 40%", "share of staff"),
    ("Half of the 20 aircraft are leased.", "Half", "share of aircraft"),
    ("SkyVerra carried about 41% of all traffic at the airport.", "about 41%", "share of traffic"),
    ("About 60% of all 300 homes were damaged.", "About 60%", "share of homes"),
    ("The fall wiped about $300 million off its market value.", "about $300 million", "market value"),
    # a quantity is no counted whole, and "off" names nothing of a share
    ("Only about a fifth of the 2,754 tonnes that reached the port exploded.", "about a fifth", "share"),
])
def test_a_share_of_a_collective_or_of_all_and_what_a_sum_came_off(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("Nearly 9,000 people remain in 42 evacuation centres.", "42", "evacuation centres"),
    ("The ministry issued five death certificates.", "five", "death certificates"),
    ("Some 300 rescue workers searched the rubble.", "Some 300", "rescue workers"),
    # what befell people, said before them, still counts them so
    ("About 230 dead seabirds were found.", "About 230", "killed"),
    ("40 injured workers were treated.", "40", "injured"),
])
def test_a_vocabulary_noun_before_a_plural_noun_only_modifies_it(sentence, words, measure):
    assert figure(sentence, words).measure.partition(":")[0] == measure


@pytest.mark.parametrize("text, words, measure", [
    ("At least 150 flights were cancelled on Monday, and another 90 on Tuesday.", "90", "cancelled: flights"),
    ("About 40 people died, and a further 12 were hurt.", "12", "injured"),
    ("The storm left 1.2 million homes without power at its peak; by Friday that had fallen to 300,000.",
     "300,000", "homes"),
    ("The toll reached 40 on Monday. By Tuesday it had risen to 61.", "61", "killed"),
    ("The government set aside 2 billion crowns, on top of 500 million crowns already spent on aid.",
     "500 million crowns", "spent"),
])
def test_more_of_it_and_a_pronoun_count_what_was_counted_before(text, words, measure):
    assert figure(text, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("Strikers want a 12% pay rise over two years; the company has offered 4.5%.", "4.5%", "offer"),
    ("The union is demanding 9%, while management has offered 3%.", "9%", "demand"),
    ("The union is demanding 9%, while management has offered 3%.", "3%", "offer"),
    # a percentage said with its own noun keeps it
    ("Strikers want a 12% pay rise over two years.", "12%", "pay rise"),
])
def test_a_percentage_offered_or_demanded_is_an_offer_or_a_demand(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("The average wait in emergency departments reached 11 hours.", "11 hours", "wait"),
    ("The longest wait for a senior doctor it recorded was 14 hours.", "14 hours", "wait"),
    ("The report found delays of more than four hours in 317 cases.", "more than four hours", "delay"),
    ("Passengers faced a wait of 19 hours.", "19 hours", "wait"),
    # how long someone waited
    ("At the gate we waited 31 hours.", "31 hours", "wait"),
    ("Open Hands recorded families who waited two days.", "two days", "wait"),
    ("Passengers had waited for up to 19 hours in the terminal.", "up to 19 hours", "wait"),
    # a span of something else stays a duration
    ("The meeting was two hours.", "two hours", "duration"),
])
def test_a_wait_or_a_delay_names_its_duration(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("Members voted 77% to 23% in favour of the deal.", "77%", "share in favour"),
    ("Members voted 77% to 23% in favour of the deal.", "23%", "share against"),
    ("Some 64% voted in favour and 36% against.", "Some 64%", "share in favour"),
    ("Some 64% voted in favour and 36% against.", "36%", "share against"),
    ("The motion passed with 58% in favour.", "58%", "share in favour"),
    # against something else is no side of a vote
    ("The crown fell 3% against the dollar.", "3%", "crown"),
])
def test_a_percentage_for_or_against_is_a_side_of_the_vote(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("More than €9bn had been withdrawn during the run.", "More than €9bn", "withdrawn"),
    ("About $2m was pledged on Monday.", "About $2m", "aid"),
    # a past form after the sum still names it as before
    ("Some 500 tonnes had exploded.", "Some 500 tonnes", "exploded"),
])
def test_a_sum_named_by_the_vocabulary_word_after_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words", [
    ("The marl touched 13.10 to the dollar on Tuesday.", "13.10 to the dollar"),
    ("The marl fell another 6% on Tuesday, to 10.04 per dollar.", "10.04 per dollar"),
    ("The rand weakened to 19.2 against the dollar.", "19.2 against the dollar"),
    ("Figures are converted at 45.6 dalans to the dollar.", "45.6 dalans to the dollar"),
])
def test_so_much_to_the_dollar_is_an_exchange_rate(sentence, words):
    found = figure(sentence, words)
    assert (found.kind, found.measure) == ("rate", "exchange rate")


def test_an_exchange_rate_is_no_sum_of_money_and_a_fall_against_the_dollar_no_rate():
    # a money question's rates are sums in a period ("£45 million a day"), not the price of a dollar
    assert rate_currency("ORM per euro") is None and rate_currency("USD per day") == "USD"
    assert figure("The crown fell 3% against the dollar.", "3%").kind == "percent"
    assert figure("The fund paid $300 per person.", "$300 per person").measure != "exchange rate"


@pytest.mark.parametrize("sentence", [
    "The toll would rise from 10 to 20, the ministry warned.",
    "Prices will fall from 2.35 euros to 2.10 euros on Saturday.",
    "An increase from 9% to 14% was the largest in its history.",
])
def test_from_one_figure_to_another_after_any_form_of_a_change_verb_is_two_figures(sentence):
    assert len([f for f in figures(sentence) if f.kind != "weekday"]) == 2


@pytest.mark.parametrize("sentence, words, measure", [
    ("A standard 800-gram loaf cost 1.20 euros last week.", "1.20 euros", "loaf price"),
    ("Tickets cost 25 euros.", "25 euros", "ticket price"),
    ("In Vessel a litre of petrol costs 1.40 euros.", "1.40 euros", "petrol price"),
    ("The price of bread is 1.70 euros.", "1.70 euros", "bread price"),
    ("The price of petrol would rise from 1.95 euros to 2.35 euros a litre.", "1.95 euros", "petrol price"),
    ("The company raised its price to 2.60 euros for a litre of petrol.", "2.60 euros", "petrol price"),
    ("Private stations were charging as much as 2.90 euros a litre for petrol.", "as much as 2.90 euros",
     "petrol price"),
    ("Petrol now costs 2.10 euros a litre.", "2.10 euros", "price per litre"),
    ("A survey found a standard 800g loaf selling for an average of 1.80 euros.", "1.80 euros", "loaf price"),
    ("Diesel was selling at 2.80 euros.", "2.80 euros", "diesel price"),
    ("Most bakers are charging 1.65 euros.", "1.65 euros", "price"),
    # what a deed, a debt or one project costs is a cost, not a price
    ("Firefighting has cost 86 million euros so far.", "86 million euros", "cost"),
    ("The minister said a new ward would cost €5m.", "€5m", "cost"),
    ("The cost of the repairs rose to €12m.", "€12m", "cost"),
])
def test_what_one_of_a_thing_costs_is_its_price(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("text, words", [
    # a word after amounts is a currency when it prices a unit or a dollar, not only after "cost"
    ("Bread went to 1.80 marls a loaf. Petrol reached 2.90 marls a litre.", "1.80 marls"),
    ("The marl closed at 9.44 marls to the dollar. Bakers were charging 1.65 marls.", "1.65 marls"),
])
def test_a_currency_no_vocabulary_knows_is_learnt_from_prices_and_exchange_rates(text, words):
    assert figure(text, words).kind == "money"


@pytest.mark.parametrize("sentence, words, measure", [
    # what changed, in a headline's present tense, after "another" or "a further", or before
    # "higher", "weaker"
    ("Marl plunges 11% as central bank abandons trading band.", "11%", "marl"),
    ("The marl fell another 6% on Tuesday.", "6%", "marl"),
    ("The marl fell a further 10% on Wednesday.", "10%", "marl"),
    ("Food prices alone were 17.5% higher than a year earlier.", "17.5%", "food prices"),
    ("The marl closed 25% weaker than it was on Friday.", "25%", "marl"),
    ("The central bank expects inflation to peak at about 22% in June.", "about 22%", "inflation"),
    # both ends of a move of its object
    ("Two emergency moves took the policy rate from 9% to 19.5%.", "9%", "policy rate"),
    ("Two emergency moves took the policy rate from 9% to 19.5%.", "19.5%", "policy rate"),
    # what a verb moved by so much
    ("News of the deal lifted the marl by 8% on Friday.", "8%", "marl"),
    ("The firm raised prices by 5%.", "5%", "prices"),
    # a company's shares closing at a price are its share price
    ("Seldra shares closed at 31.40 euros on Tuesday.", "31.40 euros", "share price"),
])
def test_a_percentage_change_is_named_by_what_changed(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_price_in_hundredths_teaches_its_currency_but_a_scaled_count_does_not():
    text = "A loaf now costs 1.50 marls at most bakeries. Shops say the 2,000 marls limit is too low."
    assert figure(text, "2,000 marls").kind == "money"
    text = "About 1.35 million customers lost power on Monday, and 1.20 million customers on Tuesday."
    assert figure(text, "About 1.35 million").kind == "count"


@pytest.mark.parametrize("sentence, words", [
    ("The marl had its worst day in a decade, closing 11% weaker against the dollar at 9.44.", "9.44"),
    ("The rand closed against the dollar at 19.2.", "19.2"),
])
def test_a_price_quoted_against_a_currency_is_an_exchange_rate(sentence, words):
    found = figure(sentence, words)
    assert (found.kind, found.measure) == ("rate", "exchange rate")


def test_a_count_after_and_is_no_aside_of_the_count_before():
    text = "We have treated more than 60 suspected cases, and three people have died."
    assert figure(text, "more than 60").measure == "suspected cases"
    assert figure(text, "three").measure == "killed"
    assert figure("11 people, among them six children, have died.", "11").measure == "killed"


@pytest.mark.parametrize("sentence, words, measure", [
    ("Four men, aged between 19 and 34, were charged on Monday.", "Four", "charged: men"),
    ("Two teenagers, aged 15 and 16, were arrested at the port.", "Two", "arrested: teenagers"),
    ("Five suspects, including a 17-year-old, were arrested.", "Five", "arrested: suspects"),
    ("Three people, a man aged 24 and two women, were detained.", "Three", "arrested"),
    ("Three people, two men aged 24 and 31 and a woman, were detained.", "Three", "arrested"),
])
def test_ages_in_an_aside_between_a_count_and_its_verb_count_nothing(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("That is 37.5% of the $84 million flash appeal the agency launched.", "37.5%", "share of appeal"),
    ("The pledges cover 40% of the €12m budget.", "40%", "share of budget"),
])
def test_a_share_of_a_sum_is_named_by_what_the_sum_is(sentence, words, measure):
    assert figure(sentence, words).measure == measure


RUN_IN_HEADS = (
    "Here is where the numbers stand.\n\n"
    "CHILDREN. Estimates range from 48% (NMD registrations) to \"nearly six in ten\" (Open Hands).\n\n"
    "THE WALK. The same survey found that people had walked 55 km on average.\n\n"
    "INFLATION. The official flash estimate for March is 11.2%.\n\n"
    "MONEY. Only about $19 million has actually been received.\n\n"
    "HOW MANY. The final figure is 56,900 registered people.\n"
)


@pytest.mark.parametrize("words, measure", [
    ("48%", "share of children"),
    ("nearly six in ten", "share of children"),
    ("55 km", "walk distance"),
    ("11.2%", "inflation"),
    # a head naming only the figures' kind, or asking a question, names nothing
    ("about $19 million", "amount of money"),
    ("56,900", "registered people"),
])
def test_a_head_in_capitals_names_the_figures_of_its_paragraph(words, measure):
    assert figure(RUN_IN_HEADS, words).measure == measure


SIDE_BY_SIDE = (
    "THE SHARE OF THE HARVEST. Ministry: 28%. Growers' federation: 38 to 40 per cent. Insurers: roughly a "
    "quarter, or 1,100 farms.\n\n"
    "INSURANCE. Only 29% of growers were insured, on the ministry's count; 34% on the federation's.\n\n"
    "The area. Total: 6,450 hectares.\n"
)


@pytest.mark.parametrize("words, measure, source", [
    ("28%", "share of harvest", "Ministry"),
    ("38 to 40 per cent", "share of harvest", "Growers' federation"),
    ("roughly a quarter", "share of harvest", "Insurers"),
    ("1,100", "farms", "Insurers"),             # a head naming a share names only the shares
    ("29%", "share of growers", "ministry"),
    ("34%", None, "federation"),                # a count cited by its possessor alone
    ("6,450 hectares", None, None),             # a label that names no body
])
def test_sources_set_side_by_side_by_label_or_possessive(words, measure, source):
    found = figure(SIDE_BY_SIDE, words)
    assert found.attributed_to == source
    assert measure is None or found.measure == measure


ANSWERED = (
    "PRESENTER (Katrin Selby): Rune Halstrom speaks for the insurers. How many claims have you had?\n\n"
    "RUNE HALSTROM (Insurers' Association): About 2,600 so far, counting crops, homes and cars together.\n\n"
    "PRESENTER (Katrin Selby): What happens now?\n\n"
    "RUNE HALSTROM (Insurers' Association): About 400 adjusters are on the road.\n\n"
    "How much was withdrawn? The administrators' final count is RVL 8.3bn, up from RVL 7.9bn.\n"
)


@pytest.mark.parametrize("words, measure", [
    ("About 2,600", "claims"),
    ("About 400", "adjusters"),                 # a question asking for no figure names none
    ("RVL 8.3bn", "withdrawn"),
])
def test_a_reply_s_figure_no_word_names_is_what_the_question_asked(words, measure):
    assert figure(ANSWERED, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("The insurers say 5,730 claims have been filed and 1,240 paid.", "1,240", "paid: claims"),
    ("Inspectors say 12 trawlers were seized and 30 fined.", "30", "fined: trawlers"),
    ("Insurers have received 4,870 claims and have paid 410 of them so far.", "410", "paid: claims"),
    ("The court heard 40 cases and dismissed 12 of them.", "12", "dismissed: cases"),
    # what was done before names no things: the vocabulary names what was done after
    ("Police arrested 60 people and have charged 14 of them.", "14", "charged"),
])
def test_a_count_with_only_what_was_done_to_it_counts_the_things_before(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_members_a_possessive_owns_speak_for_their_body():
    text = "The Federation of Valley Growers says its members have reported damage on 7,500 hectares."
    assert figure(text, "7,500 hectares").attributed_to == "Federation of Valley Growers"
    turn = "ELISA VARRO (Growers' Federation): Our members have now reported damage on 8,000 hectares.\n"
    assert figure(turn, "8,000 hectares").attributed_to == "Elisa Varro (Growers' Federation)"


def test_a_place_before_a_reporting_clause_is_no_name_of_the_body():
    text = ("Inspectors still have to reach parcels above Castel Rudo, the ministry said. At the same briefing "
            "the ministry raised its estimate of the damaged area to 6,200 hectares.")
    assert figure(text, "6,200 hectares").attributed_to == "ministry"


def test_figures_by_a_breakdown_are_the_introducer_s():
    text = ("The ministry's figures by district, after inspections up to Monday night:\n\n"
            "| District | Vineyards (ha) | Orchards (ha) |\n|---|---|---|\n| Orsenne | 1,420 | 610 |\n"
            "| Valbruna | 1,180 | 540 |\n")
    assert figure(text, "1,420").attributed_to == "ministry"


@pytest.mark.parametrize("sentence, words, source", [
    # a measure set at a figure in a list is no source of it
    ("City Engineering puts the depth at 19 metres, the width at 31 metres and the volume at 7,200 cubic metres.",
     "7,200 cubic metres", "City Engineering"),
    # "estimate" after a possessive and a noun is a noun
    ("The city's cost estimate for filling and repair now stands at between 11 and 13 million dalens.",
     "between 11 and 13 million", "city"),
    ("Structural engineers have declared seven buildings unsafe.", "seven", "Structural engineers"),
    ("The contractor expects to finish filling by 24 April.", "24 April", "contractor"),
    ("The operator values the four lost satellites at $96 million.", "$96 million", "operator"),
])
def test_who_gives_a_figure_among_measures_and_nouns(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


@pytest.mark.parametrize("sentence, words", [
    ("Solvane said 212 people were sick.", "212"),
    ("The agency said 58 people on that ship had been ill.", "58"),
    ("The outbreak made 312 people ill.", "312"),
    ('Solvane said 212 people were ill, raising its count from "more than 200" to 287.', "287"),
])
def test_people_made_ill_are_one_measure(sentence, words):
    assert figure(sentence, words).measure == "ill"


def test_what_a_body_counted_told_by_a_closing_source_is_that_source_s():
    text = "City engineers had counted 312 homes destroyed by Thursday afternoon, Mayor Elena Strascott said."
    assert figure(text, "312").attributed_to == "Mayor Elena Strascott"
    assert figure("The weather service measured 44.8C on Sunday.", "44.8C").attributed_to == "weather service"


def test_a_source_after_a_semicolon_speaks_for_its_own_clause():
    text = "The regulator puts the average interruption at 14.5 hours; Kaldrenet says its last homes waited seven days."
    assert [f.attributed_to for f in figures(text, "duration")] == ["regulator", "Kaldrenet"]


@pytest.mark.parametrize("sentence, words, measure", [
    ("Seven passengers are now being treated at Carrow Bay General Hospital, the health authority said, up from "
     "four on Monday.", "four", "hospitalised: passengers"),
    ("Twelve miners were taken to St Anne's Hospital.", "Twelve", "hospitalised: miners"),
    ("Nine workers were treated at the scene.", "Nine", "treated: workers"),
])
def test_treated_at_a_named_hospital_is_hospitalised(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_sending_people_to_hospital_hospitalises_them():
    text = "The hail smashed roofs across the valley, sending at least 14 people to hospital, officials said."
    assert figure(text, "at least 14").measure == "hospitalised"


def test_a_rate_s_noun_does_not_run_over_a_preposition():
    found = figures("We expect to vaccinate everyone over the age of one within a week, she said.")
    assert all(f.kind != "rate" for f in found)
    assert figure("The camp receives 400 new arrivals each day.", "400 new arrivals each day").kind == "rate"


@pytest.mark.parametrize("sentence, words, measure", [
    ("At Dellum Ridge, 14,300 people were sleeping in a camp built for 8,000, the director said.", "8,000",
     "capacity"),
    ("At Dellum Ridge, 14,300 people were sleeping in a camp built for 8,000, the director said.", "14,300",
     "in camp"),
    ("The stadium, designed for 40,000, held 52,000.", "40,000", "capacity"),
    ("We are nearly 80% over capacity.", "nearly 80%", "over capacity"),
    # a time after "over" is when, not what
    ("Under the agreement, pay will rise by 8.5% over two years.", "8.5%", "pay"),
])
def test_what_a_place_was_built_for_is_its_capacity(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("text, words", [
    ("Older staff remember 2013, when an outbreak at the now-closed Sulvar camp infected 1,140 people.", "1,140"),
    ("All three exceed the 2013 exodus, when about 23,000 people crossed in six weeks.", "about 23,000"),
    ("The sell-off revived memories of the 2011 crisis, when the marl lost 33% of its value.", "33%"),
])
def test_a_year_s_exodus_or_crisis_is_another_event(text, words):
    found = [f for f in extract_figures("a1", text, "2027-03-10T10:00:00+00:00") if f.text == words]
    assert len(found) == 1 and found[0].other_event


def test_a_section_headed_with_another_year_is_about_another_event():
    text = ("Orvania asks the ISF for $3 billion\n\nThe government has asked for $3 billion.\n\n"
            "## The 2011 precedent\n\nThe last programme was worth $1.8 billion over 24 months.\n\n"
            "## Next door\n\nThe florin has lost 4% against the dollar.\n")
    found = {f.text: f.other_event for f in extract_figures("a1", text, "2026-03-09T08:00:00+00:00")}
    assert found["$1.8 billion"] and not found["4%"] and not found["$3 billion"]


def test_a_year_is_no_count_a_week():
    assert all(f.kind != "rate" for f in figures("What took three months in 2011 has taken a week."))


def test_a_short_label_holding_another_year_dates_its_line():
    found = extract_figures("a1", "- The 2013 Drast appeal: $46 million, which ended 71% funded.",
                            "2027-03-10T10:00:00+00:00")
    assert [f.other_event for f in found] == [True, True]
    found = extract_figures("a1", "- Finance ministry: $46 million so far.", "2027-03-10T10:00:00+00:00")
    assert not found[0].other_event


@pytest.mark.parametrize("sentence, words, source", [
    ("The Statistics Office published a flash estimate on Friday putting annual inflation at 11.2%.", "11.2%",
     "Statistics Office"),
    ("A government report published on Sunday gave 190 dead.", "190", "government"),
])
def test_a_noun_like_an_estimate_is_no_reporting_verb(sentence, words, source):
    assert figure(sentence, words).attributed_to == source


@pytest.mark.parametrize("sentence, words, measure", [
    # both ends of a change take the name of what changed, not one only of their kind
    ("The price of bread rose from 1.20 euros to 1.50 euros.", "1.20 euros", "bread price"),
    ("The price of bread rose from 1.20 euros to 1.50 euros.", "1.50 euros", "bread price"),
    ("Ticket prices rose from 40 euros to 55 euros.", "55 euros", "ticket price"),
    ("The price of petrol would rise from 1.95 euros to 2.35 euros a litre.", "2.35 euros", "petrol price"),
    ("Turnout fell from 68% to 61%.", "68%", "turnout"),
    ("Turnout fell from 68% to 61%.", "61%", "turnout"),
])
def test_both_ends_of_a_change_are_named_by_what_changed(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_corrected_figure_is_a_revision_not_a_range():
    found = {f.text: f for f in figures("The ministry corrected the toll from 84 to 79.")}
    assert found["84"].revision == "earlier" and found["79"].revision == "current"


def test_a_range_of_a_cost_teaches_its_currency():
    text = ("The ministry expects the claims to cost between 700 million and 1 billion tessels. She also "
            "announced 300 million tessels over three years to recruit midwives.")
    assert figure(text, "between 700 million and 1 billion tessels").kind == "money"
    assert figure(text, "300 million tessels").kind == "money"


@pytest.mark.parametrize("sentence, words, measure", [
    ("The death toll has risen three times: about 40 on Monday, 55 after the search, and on Friday 61.", "55",
     "killed"),
    ("The death toll has risen three times: about 40 on Monday, 55 after the search, and on Friday 61.", "61",
     "killed"),
    ("Estimates of the crowd vary: 8,000 according to police, 25,000 according to the union.", "25,000",
     "attendance"),
    # an item with a noun of its own keeps it
    ("Casualties: 40 dead, 12 of them children, and 120 injured.", "120", "injured"),
])
def test_a_bare_item_of_a_list_after_a_colon_measures_what_the_item_before_does(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, kind, unit", [
    ("The service now gives an average response of 12 minutes, not nine.", "nine", "duration", "minute"),
    ("The committee has lowered its estimate of water handed out to 186,000 litres from 210,000.", "210,000",
     "measurement", "l"),
    ("The ministry has raised the inquiry's budget to 3.1 million euros (about $3.4 million) from 2.4 million.",
     "2.4 million", "money", "EUR"),
    # a source's own figure for the measurement or the sum just given
    ("It lowered its estimate to 186,000 litres. Its supplier still says about 120,000.", "about 120,000",
     "measurement", "l"),
    ("The clean-up estimate is now 110 million-140 million euros; analysts say 150-200 million.",
     "150-200 million", "money", "EUR"),
])
def test_a_bare_number_set_against_an_amount_is_in_its_unit(sentence, words, kind, unit):
    found = figure(sentence, words)
    assert (found.kind, found.unit) == (kind, unit)


def test_a_bare_number_of_another_order_keeps_its_kind():
    assert all(f.kind != "money" for f in figures("The damage came to 3.1 million euros, not 2.") if f.text == "2")
    assert figure("Damage was put at 3 million euros. The union says 40.", "40").kind == "count"


def test_a_number_dialled_with_its_leading_zero_is_no_figure():
    found = figures("Its organisers said 6,100 runners took part. The service asked people to call its heat line "
                    "on 0555 0148 rather than the emergency number, or 020 7946 0000 from abroad.")
    assert [f.text for f in found] == ["6,100"]


ALIGNED_BY_SOURCE = (
    "Casualties. The three main sources have barely moved:\n\n"
    "                        Committee    Health service    Runners' alliance\n"
    "  Runners treated          486            512                740\n"
    "  Taken to hospital         58             71           nearly 90\n"
)


@pytest.mark.parametrize("words, measure, source", [
    ("486", "treated: runners", "Committee"),
    ("740", "treated: runners", "Runners' alliance"),
    ("71", "hospitalised", "Health service"),
    ("nearly 90", "hospitalised", "Runners' alliance"),
])
def test_a_table_with_a_column_for_each_source_names_figures_by_their_rows(words, measure, source):
    found = figure(ALIGNED_BY_SOURCE, words)
    assert (found.measure, found.attributed_to) == (measure, source)


def test_a_negated_reporting_verb_credits_no_one():
    found = figure("Norvanta is sticking with 2.6 million records and hasn't said how much data left.", "2.6 million")
    assert found.attributed_to != "hasn't"


@pytest.mark.parametrize("sentence, words", [
    ("Its organisers said 6,100 runners took part, 27 were treated and four went to hospital.", "four"),
    ("The survey says nearly 90 people ended up in hospital.", "nearly 90"),
])
def test_going_to_hospital_is_being_hospitalised(sentence, words):
    assert figure(sentence, words).measure == "hospitalised"


MEDICAL_POINTS = (
    "The committee counts 486 runners treated in all.\n\n"
    "| Medical point | Runners treated |\n|---|---|\n| Ferrow Bridge (start) | 22 |\n| 10 km | 41 |\n"
    "| 25 km | 131 |\n| **Total (committee)** | **486** |\n"
)


def test_a_table_of_points_reads_each_row_as_a_place_and_its_label_as_no_figure():
    found = [f for f in figures(MEDICAL_POINTS) if f.start > MEDICAL_POINTS.index("|")]
    assert [(f.text, f.measure, f.scope) for f in found] == [
        ("22", "treated: runners", "Ferrow Bridge"), ("41", "treated: runners", "10 km"),
        ("131", "treated: runners", "25 km"), ("486", "treated: runners", None)]


def test_a_noun_after_a_count_is_what_it_counts_not_a_source_s_figure():
    text = ("The intruders went undetected for 52 days. Norvanta's final figures are 236,000 passport numbers "
            "and 2.05 million national ID numbers.")
    assert figure(text, "236,000").measure == "passport numbers"
    assert figure(text, "2.05 million").measure == "national ID numbers"


def test_bare_numbers_listed_as_the_sentence_before_listed_named_ones_take_their_names_in_order():
    text = ("The commission believes the leak holds roughly 2.3 million identity numbers and around 240,000 "
            "passport numbers. Norvanta's forensic investigators counted 1.9 million and 212,000.")
    assert figure(text, "1.9 million").measure == "identity numbers"
    assert figure(text, "212,000").measure == "passport numbers"


@pytest.mark.parametrize("sentence, words, value", [
    ("The organisers say they stopped the race at five past eleven.", "five past eleven", "11:05"),
    ("Isselby started at half past six.", "half past six", "06:30"),
    ("The gates opened at a quarter to nine.", "quarter to nine", "08:45"),
    ("By eleven o'clock the road was shut.", "eleven o'clock", "11:00"),
])
def test_a_time_spoken_in_words_is_a_time(sentence, words, value):
    found = figure(sentence, words)
    assert (found.kind, found.value) == ("time", value)


@pytest.mark.parametrize("sentence", [
    "Estimates range from five to ten.", "Repairs take five to ten days.", "The index rose five to six percent.",
])
def test_a_range_in_words_is_no_time(sentence):
    assert all(f.kind != "time" for f in figures(sentence))


DONOR_TABLE = (
    "Pledges at the conference\n\n| Donor | Pledge (US$ million) | Type |\n|---|---|---|\n"
    "| Kingdom of Estavel | 9.0 | grant |\n| Calder Islands | 6.5 | grant |\n| **Total** | **15.5** | |\n"
)


def test_a_column_headed_with_a_currency_holds_sums_given_by_each_row_s_donor():
    found = figure(DONOR_TABLE, "9.0")
    # each donor's part of the total, not a figure for the total
    assert (found.kind, found.unit, found.value, found.attributed_to, found.scope) == (
        "money", "USD", 9_000_000.0, "Kingdom of Estavel", "Kingdom of Estavel")
    total = figure(DONOR_TABLE, "15.5")
    assert (total.value, total.scope) == (15_500_000.0, None)


def test_a_currency_code_in_a_header_needs_its_scale():
    text = "Damage by region\n\n| Region | Damage (LVD bn) |\n|---|---|\n| North | 1.2 |\n| South | 0.8 |\n"
    found = figure(text, "1.2")
    assert (found.kind, found.unit, found.value, found.scope) == ("money", "LVD", 1_200_000_000.0, "North")
    text = ("Inspections by district\n\n| District | Inspected (NFI) |\n|---|---|\n| Nivra | 360 |\n"
            "| Kassan | 510 |\n")
    assert figure(text, "360").kind == "count"


def test_a_credit_rating_is_a_graded_category_written_as_given():
    found = figures("Northgate Ratings cut Orvania's credit rating by two notches, from BB- to B+.")
    grades = [f for f in found if f.kind == "category"]
    assert [(f.text, f.measure, f.unit) for f in grades] == [("BB-", "credit rating", "credit rating"),
                                                             ("B+", "credit rating", "credit rating")]
    assert grades[0].value > grades[1].value            # BB- is the better grade
    assert label(grades[0]) == "BB-"
    # a letter and a sign are no rating outside a sentence about ratings
    assert all(f.kind != "category" for f in figures("Plan B+ was dropped after 40 people objected."))


def test_a_set_object_reaches_over_an_aside_holding_a_list():
    text = ("Norvanta now puts the cost of the clean-up, including the forensic work, letters to customers and a "
            "year of credit monitoring, at between 90 million and 120 million euros.")
    assert figure(text, "between 90 million and 120 million euros").measure == "cost of clean-up"


def test_a_preposition_ending_in_of_names_no_count():
    text = "From today account holders may withdraw up to 5,000 euros a day instead of 2,000."
    found = figure(text, "2,000")
    assert (found.kind, found.unit, found.measure) == ("rate", "EUR per day", "withdrawn")


def test_members_a_pronoun_owns_are_the_source_when_no_body_before_says_whose():
    text = ("Seventy kilometres to the east, the Isselby Half Marathon went ahead. Its organisers said 6,100 "
            "runners took part.")
    assert figure(text, "6,100").attributed_to == "organisers"
    assert figure("The ministry issued figures. Its experts said 40 people died.", "40").attributed_to == "ministry"


def test_who_measured_a_thing_at_a_figure_gives_it():
    assert figure("City engineers measured the asphalt on Harlow Street at 51°C.", "51°C").attributed_to == "City engineers"


def test_a_date_before_the_company_is_no_name_for_it():
    found = figure("Calls peaked at 112,000 on Tuesday 10 March, the company said.", "112,000")
    assert found.attributed_to == "company"


def test_a_source_sticking_to_its_figure_gives_it():
    assert figure("Greyharbour Labs sticks to 4.2 million records.", "4.2 million").attributed_to == "Greyharbour Labs"


def test_a_rate_s_base_takes_no_preposition_for_its_noun():
    found = figure("That is 34 per 1,000, against about seven per 1,000 at last year's race.", "about seven per 1,000")
    assert found.unit == "per 1,000"


def test_a_sentence_opening_with_what_its_figures_are_per_makes_them_rates():
    text = "Per 1,000 starters, the treatment figures work out at 34 (committee), 36 (SHS) and 52 (alliance)."
    found = [f for f in figures(text)]
    assert [(f.text, f.kind, f.unit, f.measure, f.attributed_to) for f in found] == [
        ("34", "rate", "per 1,000 starters", "treatment per 1,000 starters", "committee"),
        ("36", "rate", "per 1,000 starters", "treatment per 1,000 starters", "SHS"),
        ("52", "rate", "per 1,000 starters", "treatment per 1,000 starters", "alliance")]


def test_a_list_of_figures_each_with_its_giver_in_brackets_credits_each():
    found = figures("Estimates range from 48% (NMD registrations) to 60% (Open Hands), and 55% (Monday).")
    assert [f.attributed_to for f in found if f.kind == "percent"] == ["NMD", "Open Hands", None]


@pytest.mark.parametrize("text, words", [
    ("At last year's marathon the average was six minutes.", "six minutes"),
    ("Last year's race got through 150,000 litres of water.", "150,000 litres"),
    ("Brisca Mobile spent about 30 million euros cleaning up after its 2021 breach.", "about 30 million euros"),
])
def test_a_race_or_a_breach_of_another_year_is_another_event(text, words):
    found = [f for f in extract_figures("a1", text, "2026-06-08T10:00:00+00:00") if f.text == words]
    assert len(found) == 1 and found[0].other_event


def test_a_source_moving_its_own_count_over_an_aside_revises_what_the_paragraph_counts():
    text = ("Only 1,150 people crossed on Sunday. The NMD also revised its count for the busiest day, Thursday 4 "
            "March, from 6,850 to 7,120 after late registrations were added; IRDA believes nearly 8,000 crossed.")
    earlier, current = figure(text, "6,850"), figure(text, "7,120")
    assert (earlier.measure, earlier.revision, earlier.attributed_to) == ("crossed", "earlier", "NMD")
    assert (current.measure, current.revision, current.attributed_to) == ("crossed", "current", "NMD")


def test_a_list_item_s_label_names_the_bare_count_after_it():
    text = "Key numbers:\n\n- Arrivals registered by the National Migration Directorate by Thursday night: 47,260\n"
    found = figure(text, "47,260")
    assert (found.measure, found.attributed_to) == ("arrivals registered", "National Migration Directorate")


@pytest.mark.parametrize("sentence, words", [
    ("Before the breach, its customer-service lines handled about 9,000 calls on a normal day.", "about 9,000"),
    ("The helpline, which it had said could cope with 20,000 calls a day, was swamped.", "20,000 calls a day"),
])
def test_what_happens_on_a_normal_day_or_can_be_coped_with_is_a_yardstick(sentence, words):
    assert figure(sentence, words).statement == "limit or normal level"


def test_a_reading_set_against_a_normal_day_is_no_yardstick():
    assert figure("Traffic was 40% above what it is on a normal day.", "40%").statement != "limit or normal level"


def test_a_year_in_a_clause_opening_with_when_dates_the_sentence():
    text = "PRESENTER: When Brisca Mobile was hacked in 2021, its helpline took about 25,000 calls a day, I think?"
    found = [f for f in extract_figures("a1", text, "2026-03-12T10:00:00+00:00") if f.text.startswith("about")]
    assert found[0].other_event
    found = extract_figures("a1", "When the storm hit on Monday, 40 people died.", "2026-03-12T10:00:00+00:00")
    assert not any(f.other_event for f in found)


PRICES_BY_SOURCE = (
    "Where the numbers stand:\n\n"
    "  Measure              Official source          Other source\n"
    "  Bread, 800g loaf     1.70 marls (OSO)         1.80 marls (Price Watch)\n"
    "  Saturday protest     8,000 (police)           25,000 (union)\n"
)


@pytest.mark.parametrize("words, measure, source", [
    ("1.70 marls", "bread loaf", "OSO"),
    ("1.80 marls", "bread loaf", "Price Watch"),
    ("25,000", "protest", "union"),
])
def test_a_cell_s_own_giver_in_brackets_credits_it_over_its_column(words, measure, source):
    found = figure(PRICES_BY_SOURCE, words)
    assert (found.measure, found.attributed_to) == (measure, source)


@pytest.mark.parametrize("sentence, words, measure", [
    ("Shelters held 31,000 people at their peak on Tuesday night.", "31,000", "in shelters"),
    ("Public shelters were holding 25,000 people on Wednesday.", "25,000", "in shelters"),
    ("The camp was housing 14,000 people.", "14,000", "in camps"),
    # a body holding people holds them in custody
    ("Police held 40 people overnight.", "40", "held"),
])
def test_people_a_place_holds_are_in_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_hyphenated_word_s_end_is_no_qualifier():
    found = figure("The company raised its estimate of the clean-up to 110 million-140 million euros.",
                   "110 million-140 million euros")
    assert found.qualifier == "between" and found.measure == "clean-up"


def test_an_estimate_named_by_its_own_words_is_of_that_thing_not_the_paragraph_s():
    text = "The ransom demand was 40 million euros. The company's own clean-up estimate is now 110 million euros."
    assert figure(text, "110 million euros").measure == "clean-up"


@pytest.mark.parametrize("sentence, words, measure", [
    ("The agency opened a 250-bed treatment centre on Monday.", "250-bed", "beds"),
    ("A nine-member FBI team arrived.", "nine-member", "members"),
    ("The 12-storey tower burned for hours.", "12-storey", "storeys"),
])
def test_a_count_written_as_an_adjective_of_size_counts_its_noun(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("On the last kilometre our survey measured sections as steep as 12%.", "12%", "gradient"),
    ("The road is steeper than the 9% on the warning signs.", "9%", "gradient"),
    ("The road has a gradient of 9% over its last kilometre.", "9%", "gradient"),
    ("The slope reaches 30 degrees near the summit.", "30 degrees", "gradient"),
    ("Divers found the shaft was deeper than 40 metres.", "40 metres", "depth"),
    ("The wave was as high as 9 metres at the harbour.", "9 metres", "height"),
    # not a steepness: a comparative of another kind, or "as many as"
    ("Inflation was higher than 9% in May.", "9%", "share"),
    ("As many as 40 metres of barrier were torn away.", "As many as 40 metres", "barrier"),
])
def test_a_dimension_compared_with_a_figure_names_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    # "an average of" a share is a statistic of it, and names nothing
    ("The road falls at an average of 10.5% over three kilometres.", "10.5%", "share"),
    ("Turnout reached a median of 61% across the districts.", "61%", "share"),
    # a count or an amount has nothing else to name it ("down from an average of 165 litres" a day)
    ("The country jails 212 people per 100,000, against an average of 118 across the region.", "118", "average"),
    ("Residents may use 90 litres a day, down from an average of 165 litres.", "165 litres", "average"),
])
def test_an_average_of_a_share_names_no_measure(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("text, words, measure", [
    ("How steep is the road? An average of 10.5% over the last three kilometres; 9% on the signs.",
     "10.5%", "gradient"),
    ("PRESENTER: How high was the wave at the quay?\nSURVEYOR: About 7 metres, by our marks.",
     "About 7 metres", "height"),
    ("How far away was the bang heard? More than 40 kilometres, residents say.", "More than 40 kilometres",
     "distance"),
    # a question naming what it counts keeps its own measure
    ("How high was the death toll? 23, say the police.", "23", "killed"),
])
def test_the_first_figure_of_a_reply_gives_the_dimension_a_question_asked(text, words, measure):
    assert figure(text, words).measure == measure


@pytest.mark.parametrize("text, words, measure, source", [
    ("How many people were on board? 53, say the police; 48, says the operator.", "48", "on board", "operator"),
    ("The toll rose again on Friday, when 23 people had died. 25, according to the families' group.", "25",
     "killed", None),
])
def test_a_number_alone_before_its_reporting_verb_counts_what_was_counted(text, words, measure, source):
    found = figure(text, words)
    assert found.measure == measure and (source is None or found.attributed_to == source)


@pytest.mark.parametrize("sentence, words, unit, measure", [
    # grams are a mass, never a currency learnt from the article
    ("The largest fragment weighs 740 grams.", "740 grams", "g", "fragment weight"),
    ("The stone, found by a farmer, weighed about 300 g.", "about 300 g", "g", "stone weight"),
    ("A fragment weighing 1,930 grams was found on Tuesday.", "1,930 grams", "g", "fragment weight"),
    ("The largest piece found so far weighs about 2.4 kg, the museum said.", "about 2.4 kg", "kg", "piece weight"),
    ("The pilot weighed 80 kg.", "80 kg", "kg", "weight"),
    ("The tablets held 12 mg of the drug.", "12 mg", "mg", "drug"),
    # a mass of a substance in each litre or cubic metre is a concentration
    ("A laboratory analysis of his blood found 0.31 grams of alcohol per litre.", "0.31 grams", "g/l", "alcohol"),
    ("Inspectors measured 38 grams of grain dust per cubic metre in the gallery.", "38 grams", "g/m³", "grain dust"),
    ("The limit for professional drivers is 0.2 g/l.", "0.2 g/l", "g/l", "limit"),
    ("The trucks carried 40 tonnes of grain a day.", "40 tonnes", "t", "grain"),
])
def test_grams_and_concentrations_by_the_litre(sentence, words, unit, measure):
    found = figure(sentence, words)
    assert (found.kind, found.unit, found.measure) == ("measurement", unit, measure)


@pytest.mark.parametrize("text, words, measure, source", [
    # a duration and a smaller one after it are one duration, as written
    ("He had been at the wheel for 12 hours and 40 minutes by the time of the crash.", "12 hours and 40 minutes",
     "time at the wheel", None),
    ("The siege lasted two years and three months.", "two years and three months", "siege duration", None),
    ("The race took 2 hours 5 minutes and 30 seconds.", "2 hours 5 minutes and 30 seconds", "race duration", None),
    # a state one is in for a time: at, in or on a place
    ("The plane was in the air for 40 minutes.", "40 minutes", "time in the air", None),
    ("The suspects were on the run for three weeks.", "three weeks", "time on the run", None),
    # each figure of a list of replies is its own source's, and a plural possessive names the body
    ("How long had he been driving? 12 hours, says the RAIO; 13 hours, says the drivers' union; seven hours, "
     "says the company.", "13 hours", None, "drivers' union"),
    ("How long had he been driving? 12 hours, says the RAIO; 13 hours, says the drivers' union; seven hours, "
     "says the company.", "seven hours", None, "company"),
    ("The drivers' union said 13 hours.", "13 hours", None, "drivers' union"),
])
def test_compound_durations_states_and_listed_replies(text, words, measure, source):
    found = figure(text, words)
    assert (measure is None or found.measure == measure) and (source is None or found.attributed_to == source)


def test_a_compound_duration_is_valued_in_its_first_unit():
    found = figure("He had been at the wheel for 12 hours and 40 minutes.", "12 hours and 40 minutes")
    assert (found.kind, found.unit, round(found.value, 3)) == ("duration", "hour", 12.667)
    assert label(found) == "12 hours and 40 minutes"            # shown as written, not "12.666667 hours"
    found = figure("The talks lasted about 2 hours and 30 minutes.", "about 2 hours and 30 minutes")
    assert (found.value, found.low, found.high) == (2.5, 2.25, 2.75)
    # "2 hours, 90 minutes longer than planned": two durations
    assert [f.text for f in figures("It took 2 hours, 90 minutes longer than planned.", "duration")] == \
        ["2 hours", "90 minutes"]


@pytest.mark.parametrize("sentence, words, kind, unit", [
    # out of a population, a rate per head; out of a handful, a share
    ("The health authority said 48 people in every 100,000 had gone to a doctor.", "48 people in every 100,000",
     "rate", "per 100,000"),
    ("About 7 out of every 1,000 runners collapsed.", "About 7 out of every 1,000 runners", "rate", "per 1,000 runners"),
    ("One in 100 people fell ill.", "One in 100", "percent", "%"),
    ("Three out of 10 voters stayed home.", "Three out of 10", "percent", "%"),
])
def test_so_many_in_every_hundred_thousand_is_a_rate(sentence, words, kind, unit):
    found = figure(sentence, words)
    assert (found.kind, found.unit) == (kind, unit)


@pytest.mark.parametrize("sentence, words, measure", [
    ("Its own figures put the closure at 11 days, ending on 20 March.", "11 days", "closure duration"),
    ("The operator put the outage at 14 hours.", "14 hours", "outage duration"),
    # a source's own estimate names nothing
    ("The agency put its estimate at three weeks.", "three weeks", "duration"),
])
def test_a_duration_a_verb_sets_is_the_duration_of_its_object(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("The vehicle was first registered in 2008, which makes it 18 years old.", "18 years old", "vehicle age"),
    ('The coach was built abroad in 2001, making it "about 25 years old".', "about 25 years old", "coach age"),
    ("- **The Inspectorate's version:** the vehicle was first registered in 2008, which makes it 18 years old.",
     "18 years old", "vehicle age"),
])
def test_the_age_a_clause_makes_a_thing_is_the_sentence_subject_s(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_the_age_a_clause_makes_a_person_is_no_figure():
    assert not figures("The driver was born in 1972, which makes him 54 years old.", "duration")


@pytest.mark.parametrize("sentence, words, measure", [
    ("A magnitude 6.1 aftershock shook the coast on Tuesday.", "magnitude 6.1", "aftershock magnitude"),
    ("The 5.8-magnitude aftershocks continued.", "5.8-magnitude", "aftershock magnitude"),
    ("A magnitude 7.8 earthquake struck at 06:42.", "magnitude 7.8", "magnitude"),
    ("The strongest aftershock so far, of magnitude 6.1, shook the coast.", "magnitude 6.1", "aftershock magnitude"),
    ("The aftershock followed a magnitude 7.8 quake.", "magnitude 7.8", "magnitude"),
])
def test_an_aftershock_s_magnitude_is_not_the_quake_s(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_head_in_capitals_opens_a_topic_the_paragraph_before_does_not_name():
    text = ("Dealers now pay between 60 and 200 varns a gram, up from 45 to 120 varns a week ago.\n\n"
            "THE BILL. The city's estimate remains 410 million varns. The insurers say 380 million.")
    assert figure(text, "between 60 and 200 varns").measure == "price per gram"
    assert figure(text, "410 million varns").measure == "bill"
    assert figure(text, "380 million").measure == "bill"


@pytest.mark.parametrize("sentence, words, unit", [
    # "second" after "per" or a unit's "a" is the time unit of a flow or a speed, no rank
    ("Estimates of the peak flow start at 4,800 cubic metres per second.", "4,800 cubic metres per second", "m³/s"),
    ("The river carried 1,150 cubic metres a second at its peak.", "1,150 cubic metres a second", "m³/s"),
    ("Gusts reached 40 metres a second on the ridge.", "40 metres a second", "m/s"),
    ("The cabin travels at up to six metres per second.", "up to six metres per second", "m/s"),
])
def test_a_flow_or_speed_per_second_is_one_measurement(sentence, words, unit):
    found = figure(sentence, words)
    assert (found.kind, found.unit) == ("measurement", unit)


def test_second_is_still_a_rank_elsewhere():
    assert [f.text for f in figures("Officials said a second explosion followed.", "ordinal")] == ["second"]


def test_a_named_source_s_own_figure_takes_the_unit_left_out():
    text = "Estimates of the peak flow range from the NIA's 4,800 cubic metres per second and the NDMA's 5,200 " \
           "to Marrowby's 6,500."
    for words in ("5,200", "6,500"):
        found = figure(text, words)
        assert (found.kind, found.unit, found.measure) == ("measurement", "m³/s", "flow")
    # a possessive before a count with its own noun counts that noun
    assert figure("The ministry gave $40 million and Oxfam's 300 volunteers helped.", "300").kind == "count"


@pytest.mark.parametrize("text, words, value", [
    # a two-letter currency abbreviation before amounts, seen with a scale or beside money words
    ("The rescue cost the department Sk 1.9 million, it said. Burying the dead will cost another Sk 640,000.",
     "Sk 640,000", 640_000),
    ("The rescue cost Sk 1.9 million (about US$380,000).", "Sk 1.9 million", 1_900_000),
    ("Fares rose to Vl 500 from Vl 350, costing commuters Vl 2 billion a year.", "Vl 500", 500),
    # ... and the rupee's, which the vocabulary knows
    ("Fares rose to Rs 500 from Rs 350.", "Rs 500", 500),
])
def test_a_two_letter_currency_before_amounts_is_money(text, words, value):
    found = figure(text, words)
    assert (found.kind, found.value) == ("money", value)


def test_two_letters_that_are_no_currency_stay_apart():
    text = "In 2019 the fund spent $4 million. In 2020 it cost $5 million, and No 10 said so."
    assert not [f for f in figures(text) if f.kind == "money" and f.unit not in ("USD",)]


@pytest.mark.parametrize("sentence, words, unit", [
    # what a rate is per: a noun, or an adjective and its plural noun; a verb after the base is none
    ("That works out at nearly 1,900 per 100,000 retail accounts, the league said.",
     "nearly 1,900 per 100,000 retail accounts", "per 100,000 retail accounts"),
    ("It is above the figure of about 1,700 per 100,000 published by the commission.",
     "about 1,700 per 100,000", "per 100,000"),
    ("The rate was 12 per 1,000 live births.", "12 per 1,000 live births", "per 1,000 live births"),
    ("The rate was 3.2 per 100,000 population.", "3.2 per 100,000 population", "per 100,000 population"),
])
def test_a_rate_is_per_its_noun_not_a_verb(sentence, words, unit):
    assert figure(sentence, words).unit == unit


@pytest.mark.parametrize("sentence, words, measure", [
    # a revision's earlier figure with its qualifier after "the" counts what the current one counts
    ("Volume is officially 1.74 billion shares, down from the nearly 1.9 billion first reported.",
     "1.9 billion", "shares"),
    # ... even under a head naming the paragraph
    ("TRADES UNDONE. Volume is officially 1.74 billion shares, down from the nearly 1.9 billion first reported.",
     "1.9 billion", "shares"),
    # a percent restating a named change is that change in relative terms
    ("The official figure is now a fall of 682 points, or 14.0%.", "14.0%", "fall"),
    ("The fire burned 3,000 hectares, or 40% of the park.", "40%", "share of park"),
])
def test_a_restated_or_revised_figure_counts_what_its_pair_counts(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_pronoun_even_contracted_names_nothing():
    assert not figures("VORN: And we've put 71 back in the water, because we count every animal.", "count")


def test_a_head_in_capitals_on_a_line_of_its_own_names_the_paragraph_under_it():
    text = ("STRANDED\nThe rescue service's final count is 153 people from 34 cabins. The operator says 149, "
            "counting guests only.\n\nThe line reopened on Friday.")
    assert figure(text, "153").measure == "stranded"
    # "from 34 cabins" only says where they were: the operator's 149 counts the stranded, not cabins
    assert figure(text, "34").measure == "cabins"
    assert figure(text, "149").measure == "stranded"


@pytest.mark.parametrize("sentence, words, measure", [
    # what "had taken" or "have taken" the time, as "took" says
    ("The exchange said the slide had taken nine minutes.", "nine minutes", "slide duration"),
    ("The work could have taken two years.", "two years", "work duration"),
    ("It has taken rescuers 40 hours to reach them.", "40 hours", "duration"),
])
def test_what_had_taken_a_time_lasted_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, kind", [
    # "a year on the coast" is so many a year; "a year on, ..." and "a year on from" are a year later
    ("The database shows 3.4 stranding events a year on the Farrow coast.", "3.4 stranding events a year", "rate"),
    ("The plant emits 20 tonnes a year on average.", "20 tonnes a year", "rate"),
    ("Some 40 people died a year on from the blast.", "Some 40", "count"),
])
def test_a_year_on_a_place_is_a_rate_a_year_on_is_later(sentence, words, kind):
    assert figure(sentence, words).kind == kind


@pytest.mark.parametrize("sentence, words, unit", [
    # a mass of a substance in each litre is a concentration, in micrograms too
    ("The sample taken at the works contained 2.4 micrograms of microcystin per litre.", "2.4 micrograms",
     "µg/l"),
    ("The limit for drinking water is 1 microgram per litre.", "1 microgram per litre", "µg/l"),
    ("Wells near the mine held 40 micrograms of arsenic in each litre.", "40 micrograms", "µg/l"),
])
def test_micrograms_of_a_substance_per_litre_are_a_concentration(sentence, words, unit):
    found = figure(sentence, words)
    assert (found.kind, found.unit) == ("measurement", unit)


def test_an_amount_that_is_another_currency_s_amount_restates_it():
    text = ("PRESENTER: Minister, 320 million varts is about 35 million euros. Is that enough?\n\n"
            "MINISTER: Of the 320 million, 140 million varts is new money.")
    amounts = [(f.text, f.kind, f.measure) for f in figures(text) if f.kind in ("money", "count")]
    assert amounts[0][1] == amounts[1][1] == "money" and amounts[0][2] == amounts[1][2]
    # the conversion taught the article its currency: the later amount in varts is money too
    assert figure(text, "140 million varts").kind == "money"


@pytest.mark.parametrize("sentence, words, measure", [
    # the size of a whole group, not what a verb before it says happened to some of it
    ("About 1,900 people die each week in a population of 8.5 million.", "8.5 million", "population"),
    ("Strikes have hit the plant, which has a workforce of 12,000.", "12,000", "workforce"),
])
def test_a_group_s_size_after_of_is_that_group(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_rate_in_apposition_to_another_event_s_toll_is_of_that_event():
    text = "The figures compare with about 930 deaths during the winter crisis of 2019, a rate of 11.2 per 100,000."
    assert figure(text, "about 930").other_event
    assert figure(text, "11.2 per 100,000").other_event


@pytest.mark.parametrize("sentence, words, measure", [
    # people counted by the list they are on
    ("The board said 97,300 people were on its waiting list.", "97,300", "on waiting list"),
    ("There are 812,400 people on the planned-surgery waiting list.", "812,400", "on waiting list"),
    ("Some 40,000 people were on the electoral register in the district.", "Some 40,000", "on electoral register"),
    ("The factories had 3,620 workers on their payrolls.", "3,620", "on payrolls: workers"),
    # a source's list is where the figure comes from: the things stay named by their own noun
    ("The count rose to 263 babies on the group's list.", "263", "babies"),
])
def test_people_on_a_list_are_counted_by_the_list(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_people_on_a_coast_are_still_counted_by_what_befell_them():
    assert figure("About 20 people on the coast were evacuated.", "About 20").measure == "evacuated"


@pytest.mark.parametrize("sentence, words, scope", [
    # a neighbouring place opening the sentence is what its figures are about
    ("Neighbouring Tarvania, which runs its own health board, reports a median wait of 11 weeks.", "11 weeks",
     "Tarvania"),
    ("Nearby Kessland's central bank raised its rate to 4.5%.", "4.5%", "Kessland"),
])
def test_a_neighbouring_place_as_subject_scopes_its_figures(sentence, words, scope):
    assert figure(sentence, words).scope == scope


@pytest.mark.parametrize("sentence, words, measure", [
    # a reading or a result says nothing of what was measured: what its unit measures
    ("Our highest reading so far is 96 micrograms per litre, taken on Tuesday.", "96 micrograms per litre",
     "concentration in water"),
    ("The highest open-water reading the agency accepts is 140 micrograms per litre.", "140 micrograms per litre",
     "concentration in water"),
    ("The utility still says its worst result was 2.4 micrograms per litre.", "2.4 micrograms per litre",
     "concentration in water"),
    # a measure named before in the sentence is still what a source's reading measures
    ("The slick peaked at 310 square kilometres; the coastguard's largest measurement was 180 square kilometres.",
     "180 square kilometres", "slick"),
])
def test_a_reading_measures_what_its_unit_does_unless_the_sentence_named_it(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("text, words", [
    # a year opening a speaker's words dates all they say, as it does a sentence of its own
    ("Radio, 15 January 2027\n\nPRESENTER (Ana Velk): In 2022 the then government found 300 million varts "
     "for a winter fund.\n", "300 million"),
    ("Radio, 15 January 2027\n\nPRESENTER: In 2022 floods killed 40 people.\n", "40"),
])
def test_a_year_opening_a_speaker_s_words_is_another_event_s(text, words):
    assert figure(text, words).other_event


@pytest.mark.parametrize("sentence", [
    # a year after a preposition of time says when, never how many
    "In 2022 floods killed 40 people.",
    "The floods of 2022 killed 40 people.",
])
def test_a_year_after_a_preposition_of_time_is_no_count(sentence):
    assert [f.text for f in figures(sentence, "count")] == ["40"]


@pytest.mark.parametrize("sentence, words, measure", [
    # a rate no noun names, restating the count before it, is that count per so many
    ("The institute estimated excess deaths at between 1,100 and 1,600, with the mid-point of that range "
     "equivalent to nearly 16 per 100,000.", "nearly 16 per 100,000", "killed per 100,000"),
    ("The office's figure is about 1,240 excess deaths in three weeks, or 14.6 per 100,000 people.",
     "14.6 per 100,000 people", "killed per 100,000 people"),
    # not a rate after a sum
    ("The board spent $40 million, or 12 per 1,000 residents treated.", "12 per 1,000 residents", None),
])
def test_a_bare_rate_restating_a_count_is_that_count_per_so_many(sentence, words, measure):
    found = figure(sentence, words).measure
    assert found == measure if measure else not found.startswith("spent")


def test_a_bare_number_a_source_gives_after_a_measurement_restates_its_unit():
    text = ("THE TOXIN\nThe highest open-water reading the agency accepts is 140 micrograms per litre. The "
            "laboratory's 310 came from shoreline scum, and the 450 reported by the Clean Lake Alliance remains "
            "disputed.\n")
    for words in ("310", "450"):
        assert (figure(text, words).kind, figure(text, words).unit) == ("measurement", "µg/l")
    # a noun after the number says what it counts, even one ending like a verb
    text = "The marshal collapsed at the 38 km station. The federation counts three race-related deaths."
    assert figure(text, "three").kind == "count"


def test_a_rate_of_the_counted_things_themselves_is_a_share_of_them_not_their_rate():
    text = "Stop-loss orders fired in 27,400 retail accounts, or about 1,700 for every 100,000 retail accounts."
    assert figure(text, "about 1,700 for every 100,000 retail accounts").measure == "rate"


def test_that_year_after_a_sentence_on_another_year_s_event_is_that_event():
    text = ("Lake news, 3 August 2026\n\nIn 2017 a bloom covered 95 square kilometres. Toxin levels in the lake "
            "peaked that year at 220 micrograms per litre, and the bloom lasted 19 days.\n\nThis year the bloom "
            "covers 160 square kilometres.\n")
    assert figure(text, "220 micrograms per litre").other_event and figure(text, "19 days").other_event
    assert not figure(text, "160 square kilometres").other_event


@pytest.mark.parametrize("sentence, words, unit", [
    # an amount written as a compound before its noun
    ("The city set up a 10-million-euro relief fund.", "10-million-euro", "EUR"),
    ("A 5-euro coin was minted.", "5-euro", "EUR"),
])
def test_an_amount_in_a_compound_before_its_noun_is_money(sentence, words, unit):
    found = figure(sentence, words)
    assert (found.kind, found.unit) == ("money", unit)


def test_the_same_amount_again_in_the_paragraph_restates_what_it_named():
    text = ("Radio, 15 January 2027\n\nPRESENTER: Last night the government announced a 320-million-vart winter "
            "fund for hospitals. Minister, 320 million varts is about 35 million euros. Is that enough?\n")
    named = figure(text, "320-million-vart")
    assert (named.kind, named.unit, named.value) == ("money", "varts", 320_000_000)
    assert figure(text, "320 million varts").measure == named.measure == "winter fund"
    assert figure(text, "about 35 million euros").measure == "winter fund"


@pytest.mark.parametrize("sentence, words, scope", [
    # "on" a named lake, mountain or island places what is there
    ("The neighbouring office says the bloom on Lake Veyl covers 34 km².", "34 km²", "Lake Veyl"),
    ("A storm on Mount Orvath stranded 30 climbers.", "30", "Mount Orvath"),
    # not a day
    ("The board on Monday said 40 people were ill.", "40", None),
])
def test_on_a_named_lake_or_mountain_is_a_place(sentence, words, scope):
    assert figure(sentence, words).scope == scope


def test_there_opening_a_sentence_is_the_place_the_sentence_before_named():
    text = ("Ambulances, 13 January 2027\n\nCategory 2 calls took 83 minutes on average.\n\nThe picture is "
            "different in neighbouring Tarvania. There, category 2 calls were reached in an average of 26 minutes "
            "last week, the board said.\n\nThere, 40 people were hurt.\n")
    assert figure(text, "26 minutes").scope == "Tarvania"
    assert figure(text, "83 minutes").scope is None and figure(text, "40").scope is None


@pytest.mark.parametrize("sentence, words, measure", [
    # things undergo a bare participle with no object after it: what was done to them
    ("The rail operator reported 52 trains delayed and 9 rerouted.", "52", "delayed: trains"),
    ("Inspectors found 310 houses damaged in the hailstorm.", "310", "damaged: houses"),
    ("The ferry company said 46 sailings and crossings cancelled on Friday were refunded.", "46",
     "cancelled: sailings"),
    # an item after one with its own verb shares no verb with it; a place may stand before the verb
    ("Crews said 40 roads had been reopened, and 12 bridges from Orvel County were closed.", "12",
     "closed: bridges"),
    ("The survey counted 90 homes flooded and 35 barns destroyed.", "35", "destroyed: barns"),
    # a comma after a clause with no count opens no list
    ("According to the inspectors, 230 bridges were affected.", "230", "affected: bridges"),
    # "have been confirmed." ends the clause: the participle is what was done
    ("Health officials say only 14 samples have been confirmed.", "14", "confirmed: samples"),
    # people's own act, or a participle with an object, names nothing done to them
    ("About 2,400 nurses walked out on Monday.", "About 2,400", "on strike: nurses"),
    ("The 15 companies surveyed said orders fell.", "15", "companies"),
    ("Engineers said 120 wells supplied the town.", "120", "wells"),
])
def test_a_participle_after_counted_things_names_what_was_done_to_them(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words, measure", [
    ("Some 8,500 people had their water cut off for a week.", "Some 8,500", "water cut"),
    ("Officials said 640 people had their passports checked twice.", "640", "passports checked"),
])
def test_people_counted_by_what_befell_what_they_own(sentence, words, measure):
    assert figure(sentence, words).measure == measure


@pytest.mark.parametrize("sentence, words", [
    ("The ferry line lost about 12 million euros over the summer.", "about 12 million euros"),
    ("Hotels in the valley expect to lose $3m this season.", "$3m"),
    ("The chamber's latest estimate of the hauliers' losses is 40 million euros.", "40 million euros"),
])
def test_a_sum_lost_and_an_estimate_of_losses_are_losses(sentence, words):
    assert figure(sentence, words).measure == "losses"


def test_the_estimate_of_a_count_is_that_count_not_a_source_s_word():
    assert figure("The latest estimate of the injured is 230.", "230").measure == "injured"
    # "estimate" with an object is a reporting verb: the sentence's source says it
    assert figure("Officials estimate the damage at 4 million euros.", "4 million euros").measure == "damage"


@pytest.mark.parametrize("sentence, words, unit", [
    ("Crews cleared an average of 35 tonnes for each day of the operation.", "35 tonnes for each day", "t per day"),
    ("The port turned away 60 ships for every week of the strike.", "60 ships for every week", "per week"),
])
def test_for_each_period_makes_a_rate(sentence, words, unit):
    found = figure(sentence, words)
    assert found.kind == "rate" and found.unit == unit


@pytest.mark.parametrize("sentence, words, measure", [
    # a length a gauge reads is the water level, however the sentence gives it
    ("The Oster fell to 1.12 metres at the Hallby gauge on Tuesday.", "1.12 metres", "water level"),
    ("The harbour gauge read 88 cm at noon.", "88 cm", "water level"),
    ("Water levels at the weir stood at 2.4 metres.", "2.4 metres", "water level"),
    # by how much it moves, or how far from another level, is no level
    ("The gauge could drop by as much as 20 cm next week.", "as much as 20 cm", "distance"),
    ("The gauge is now just 9 cm above its record low.", "9 cm", "distance"),
    # a rain gauge's millimetres are rain
    ("Rain gauges recorded 48 mm of rain overnight.", "48 mm", "rain"),
])
def test_a_length_a_gauge_reads_is_the_water_level(sentence, words, measure):
    assert figure(sentence, words).measure == measure


def test_a_level_seen_normally_is_a_yardstick():
    found = figure("The gauge read 52 cm, against about 210 cm normally seen in May.", "about 210 cm")
    assert found.statement == "limit or normal level"
    assert figure("The gauge read 52 cm, against about 210 cm normally seen in May.", "52 cm").statement is None


def test_bare_numbers_listed_after_a_measurement_keep_its_unit():
    text = "The station logged 61 cm on Monday, 58 on Tuesday and 55 on Wednesday, then 53 and 50."
    assert [(f.text, f.unit) for f in figures(text, "measurement")] == [
        ("61 cm", "cm"), ("58", "cm"), ("55", "cm"), ("53", "cm"), ("50", "cm")]
    # a noun after the number says what it counts
    assert figure("The slick covered 40 km, and 12 beaches were shut.", "12").kind == "count"


def test_an_extreme_of_a_bare_number_is_the_measurement_before_it():
    found = figure("The gauge read 52 cm, close to the all-time low of 49 set in 1976.", "49")
    assert (found.kind, found.unit) == ("measurement", "cm")


def test_a_length_of_a_named_river_is_where_not_what():
    assert figure("The agency manages 480 km of the Orsa as a waterway.", "480 km").measure == "distance"


@pytest.mark.parametrize("text", [
    "The union put it at more than 900 lorries on Monday, of them 120 tankers. The ministry's own count was 640.",
    "The union put it at more than 900 lorries on Monday. Of them, 120 were tankers. The ministry's own count was 640.",
])
def test_a_later_count_restates_the_total_not_its_part(text):
    assert figure(text, "640").measure == "lorries"


def test_a_table_of_facts_by_source_credits_each_figure_its_bracket():
    text = ("Where the numbers stand\n\nMeasure              | Official           | Others\n"
            "Lorries stuck        | 1,240 (ministry, 3 Feb) | 1,900 (hauliers); nearly 2,500 (union)\n"
            "Days the pass closed | six days (police)  | eight days (union)\n"
            "Depots short         | nine (ministry)    | 14 (Fuel Board)\n")
    assert [(f.text, f.measure, f.attributed_to) for f in figures(text, "count")] == [
        ("1,240", "stuck: lorries", "ministry"), ("1,900", "stuck: lorries", "hauliers"),
        ("nearly 2,500", "stuck: lorries", "union"), ("nine", "depots short", "ministry"),
        ("14", "depots short", "Fuel Board")]
    assert [f.text for f in figures(text, "duration")] == ["six days", "eight days"]


def test_a_masthead_with_a_date_is_furniture_but_a_row_with_one_is_not():
    text = "The Valley Courier | Business | Tuesday 3 February 2026\n\nThe pass stayed shut and 40 lorries waited.\n"
    assert [f.text for f in figures(text, "count")] == ["40"]


def test_a_gauge_names_the_level_only_in_its_own_clause_and_a_figure_noun_its_own_words():
    text = ("At the harbour the tide gauge recorded 2.1 metres; the survey has raised its run-up figure "
            "there from 4.4 metres to 5.0 metres.")
    assert figure(text, "2.1 metres").measure == "water level"
    assert figure(text, "4.4 metres").measure == figure(text, "5.0 metres").measure == "run-up"
    # a noun ending like a superlative still names what was measured
    assert figure("The harvest measurement was 2.1 million tonnes.", "2.1 million tonnes").measure == "harvest"
    assert figure("Its forest reading was 40 square kilometres.", "40 square kilometres").measure == "forest"


def test_a_question_naming_what_befell_a_group_asks_for_that_not_the_group_s_other_counts():
    known = ["cancelled: sailings", "delayed: sailings", "sailings", "held: sailings"]
    assert question_measures("How many sailings were cancelled because of the storm?", known) == \
        ["cancelled: sailings", "sailings"]
    # naming only the group asks for every count of it
    assert set(question_measures("How many sailings were affected?", known)) >= {"delayed: sailings", "held: sailings"}


def test_a_question_about_a_gauge_asks_for_the_water_level_the_articles_give():
    assert question_measures("How low did the Orsa fall at the Kell gauge?", ["water level", "barges"]) == ["water level"]
    assert question_measures("How low did the Orsa fall at the Kell gauge?", ["barges"]) == []


def test_an_all_time_low_set_in_another_year_is_that_year_s():
    text = "The gauge read 52 cm on Monday, below the all-time low of 55 cm set in 1976."
    assert figure(text, "55 cm").other_event and not figure(text, "52 cm").other_event


def test_a_sentence_opening_on_a_normal_day_gives_yardsticks():
    text = "On an ordinary Tuesday the port handles about 90 ships, but yesterday 31 ships sailed."
    assert figure(text, "about 90").statement == "limit or normal level"
    assert figure(text, "31").statement != "limit or normal level"

"""Corrections from the channel, on simcord's virtual Discord with the real Service: a member
reports a value, a moderator acts on it, every answer changes at once, the correction outlives
a rebuild and goes stale when its sentence is edited; thumbs, per-channel settings, and
Discord's limits on every modal and list."""
from __future__ import annotations


import discord
import pytest
import simcord

from bot.discord_app import CrosscheckBot
from bot.discord_moderation import report_modal
from bot.moderation import ShownValue
from bot.service import Service
from state import ChannelSettings
from test_discord import (World, assert_never_pings, assert_within_limits, buttons_of, make_world,  # noqa: F401
                          own_service, service, simcord_bot, text_of)

pytestmark = pytest.mark.simcord(settle_timeout=60)

QUESTION = "How many people were killed?"
ACTION_ROWS_MAX = 5
BUTTONS_PER_ROW = 5
SELECT_OPTIONS_MAX = 25
MODAL_TITLE_MAX = 45
LABEL_MAX = 45
TEXT_INPUT_MAX = 4000


@pytest.fixture
async def own_world(simcord_env: simcord.Env, own_service: Service) -> World:
    """A world whose bot runs on a private copy of the index and state: corrections stay in it.
    The members here ask more often than the per-user cooldown allows: it is tested elsewhere."""
    await simcord_env.restart_bot(CrosscheckBot(own_service.settings.replace(cooldown_rate=100), own_service))
    return make_world(simcord_env, own_service.settings.rebuild_role)


def assert_components_within_limits(components: list[dict]) -> None:
    assert len(components) <= ACTION_ROWS_MAX
    for row in components:
        assert row["type"] == 1 and len(row["components"]) <= BUTTONS_PER_ROW


def assert_modal_within_limits(modal: dict) -> None:
    assert 0 < len(modal["title"]) <= MODAL_TITLE_MAX
    assert len(modal["components"]) <= ACTION_ROWS_MAX
    for label in modal["components"]:
        assert label["type"] == 18 and len(label["label"]) <= LABEL_MAX
        control = label["component"]
        if control["type"] == 3:
            assert 0 < len(control["options"]) <= SELECT_OPTIONS_MAX
            assert all(len(o["label"]) <= 100 and len(o.get("description") or "") <= 100 for o in control["options"])
        else:
            assert control["type"] == 4 and control["max_length"] <= TEXT_INPUT_MAX


def option_for(modal: dict, label: str) -> str:
    [select] = [c["component"] for c in modal["components"] if c["component"]["custom_id"] == "value"]
    return next(o["value"] for o in select["options"] if o["label"] == label)


async def report(world: World, member, label: str, reason: str = "misread", note: str = "") -> simcord.InteractionResult:
    answer = await member.slash(world.channel, "ask", question=QUESTION)
    shown = await member.click(answer.response, label="Report a problem")
    assert shown.modal is not None
    assert_modal_within_limits(shown.modal)
    return await member.submit_modal(shown, {"value": [option_for(shown.modal, label)], "reason": [reason],
                                             "note": note})


def killed_lines(message) -> list[str]:
    return [line for line in message.embeds[0].description.splitlines() if line.startswith("• **")]


async def test_a_report_hidden_by_a_moderator_changes_every_answer_and_outlives_a_rebuild(
        own_world: World, own_service: Service) -> None:
    world = own_world
    before = await world.alice.slash(world.channel, "ask", question=QUESTION)
    assert any(line.startswith("• **103** ·") for line in killed_lines(before.response))
    assert_components_within_limits(before.response.components)

    thanked = await report(world, world.alice, "killed: 103", note="103 was the first count, since revised")
    assert thanked.ephemeral and thanked.response.content.startswith("Thank you: your report #1 on **killed: 103**")
    [stored] = world.bot.state.reports()
    assert (stored.reporter, stored.reason, stored.measure, stored.value) == ("alice", "misread", "killed", "103")
    assert stored.figures and all(f.words == "103" and f.sentence[f.start - f.sentence_start:].startswith("103")
                                  for f in stored.figures)
    assert stored.message_url and stored.asked == f"ask: {QUESTION}"
    assert [(e["kind"], e["measure"], e["value"], e["text"]) for e in stored.extracted] == \
           [("count", "killed", 103.0, "103")] * len(stored.figures)       # each figure as extracted

    # A plain member cannot see or act on reports.
    for command, options in (("reports", {}), ("corrections", {}), ("move", {"report": 1, "measure": "x"}),
                             ("settings", {"thumbs": False})):
        refused = await world.alice.slash(world.channel, command, **options)
        assert refused.ephemeral and refused.response.content.startswith("Only members with Manage Server or the ")
    assert len([e for e in world.env.errors if isinstance(e, discord.app_commands.CheckFailure)]) == 4
    assert world.bot.state.reports()[0].status == "open"

    listed = await world.manager.slash(world.channel, "reports")
    assert listed.ephemeral
    page = listed.response
    assert page.embeds[0].title == "Report #1" and "**103**" in page.embeds[0].description
    assert "103 was the first count" in page.embeds[0].description
    assert set(buttons_of(page)) == {"Hide", "Move…", "Other event", "Correct", "Dismiss"}   # one report: no pages
    assert "On /ask: *How many people were killed?*" in page.embeds[0].description
    assert "\\_" not in page.embeds[0].description and "`004`" in page.embeds[0].description
    assert_components_within_limits(page.components)
    assert_within_limits(page)

    hidden = await world.manager.click(page, label="Hide")
    assert "Report #1: killed: 103 hidden (correction #1" in hidden.response.content
    assert hidden.response.embeds[0].description.startswith("No open reports")

    after = await world.alice.slash(world.channel, "ask", question=QUESTION)
    assert not any(line.startswith("• **103** ·") for line in killed_lines(after.response))
    assert "hidden by a moderator's correction" in after.response.embeds[0].description
    assert any(line.startswith("• **84** ·") for line in killed_lines(after.response))

    rebuilt = await world.manager.slash(world.channel, "reindex")
    assert rebuilt.response.embeds[0].title == "Index rebuilt"
    again = await world.alice.slash(world.channel, "ask", question=QUESTION)
    assert not any(line.startswith("• **103** ·") for line in killed_lines(again.response))

    # Edits of the sentences the figures stand in: the correction goes stale, listed as such.
    for number, figure in enumerate(stored.figures, start=1):
        path = own_service.settings.seeds_dir / figure.article_id
        text = path.read_text(encoding="utf-8")
        assert figure.sentence in text
        path.write_text(text.replace(figure.sentence, figure.sentence.replace("103", "104")), encoding="utf-8")
        await world.manager.slash(world.channel, "reindex")
        listed = (await world.manager.slash(world.channel, "corrections")).response.embeds[0].description
        whole = number == len(stored.figures)
        assert ("stale, no longer applied:** the sentence in " if whole else "partly stale:** 1 of ") in listed
    assert any(line.startswith("• **104** ·") for line in killed_lines(
        (await world.alice.slash(world.channel, "ask", question=QUESTION)).response))
    assert_never_pings(world.env)


async def test_move_other_event_correct_dismiss_and_undo(own_world: World, own_service: Service) -> None:
    world = own_world
    for label in ("killed: 103", "killed: nearly 100", "killed: 84", "killed: 84"):
        await report(world, world.alice if label != "killed: 84" else world.keeper, label,
                     note="@everyone see <@&1> " + "x" * 900)
    listed = (await world.keeper.slash(world.channel, "reports")).response
    assert listed.embeds[0].footer.text.startswith("Open report 1 of 4")
    assert "@\u200beveryone" in listed.embeds[0].description and "<@&1>" not in listed.embeds[0].description
    assert_within_limits(listed)

    # Move…: a modal with the measures it could go to, or a typed name.
    shown = await world.keeper.click(listed, label="Move…")
    assert_modal_within_limits(shown.modal)
    moved = await world.keeper.submit_modal(shown, {"typed": "killed in an earlier count"})
    assert "Report #1: killed: 103 moved to killed in an earlier count" in moved.response.content
    figures = (await own_service.disagreements())
    assert all(v.label != "103" for m in figures.measures if m.measure == "killed" for v in m.values)
    assert [v.label for v in own_service._ready().measure_figures("killed in an earlier count").values] == ["103"]

    page = moved.response
    other = await world.keeper.click(page, label="Other event")
    assert "Report #2: killed: nearly 100 set aside as another event" in other.response.content
    confirmed = await world.keeper.click(other.response, label="Correct")
    assert "Report #3: killed: 84 checked correct" in confirmed.response.content
    dismissed = await world.keeper.click(confirmed.response, label="Dismiss")
    assert "Report #4 (killed: 84) dismissed." in dismissed.response.content

    answer = await world.alice.slash(world.channel, "ask", question=QUESTION)
    quotes = (await world.alice.click(answer.response, label="Quotes")).response
    assert "✎ checked correct by keeper" in quotes.embeds[0].description
    assert all(not line.startswith("• **nearly 100**") for line in killed_lines(answer.response))

    listed = await world.keeper.slash(world.channel, "corrections")
    assert set(buttons_of(listed.response)) == {"Undo #1", "Undo #2", "Undo #3"}
    undone = await world.keeper.click(listed.response, label="Undo #2")
    assert "Correction #2 undone" in undone.response.content
    answer = await world.alice.slash(world.channel, "ask", question=QUESTION)
    assert any(line.startswith("• **nearly 100**") for line in killed_lines(answer.response))
    assert_never_pings(world.env)


async def test_move_by_command_completes_reports_and_measures(own_world: World) -> None:
    world = own_world
    await report(world, world.alice, "killed: 103")
    reports = await world.manager.autocomplete(world.channel, "move", "report", "")
    assert [c["value"] for c in reports] == [1] and reports[0]["name"] == "#1 killed: 103"
    measures = await world.manager.autocomplete(world.channel, "move", "measure", "inj", report=1)
    assert measures[0]["name"] == "inj" and "injured" in [c["name"] for c in measures]
    moved = await world.manager.slash(world.channel, "move", report=1, measure="injured")
    assert moved.ephemeral and "moved to injured" in moved.response.content
    assert world.bot.state.report(1).status == "acted"


async def test_reports_are_rate_limited_per_member(own_world: World, own_service: Service) -> None:
    world = own_world
    for number in range(own_service.settings.report_rate):
        assert "Thank you" in (await report(world, world.alice, "killed: 84")).response.content
    answer = await world.alice.slash(world.channel, "ask", question=QUESTION)
    refused = await world.alice.click(answer.response, label="Report a problem")
    assert refused.modal is None and refused.ephemeral and "please wait a little" in refused.response.content
    assert len(world.bot.state.reports()) == own_service.settings.report_rate
    assert "Thank you" in (await report(world, world.manager, "killed: 84")).response.content  # others may


async def test_thumbs_are_counted_once_per_reader(own_world: World) -> None:
    world = own_world
    answer = await world.alice.slash(world.channel, "ask", question=QUESTION)
    for emoji in ("👍", "👎"):
        thanked = await world.alice.click(answer.response, custom_id=buttons_of(answer.response)[emoji]["custom_id"])
        assert thanked.ephemeral and "counted" in thanked.response.content
    await world.manager.click(answer.response, custom_id=buttons_of(answer.response)["👎"]["custom_id"])
    [question] = world.bot.state.feedback()
    assert (question.question, question.up, question.down) == (QUESTION, 0, 2)


async def test_channel_settings_change_the_answer_style_and_the_thumbs(own_world: World) -> None:
    world = own_world
    shown = await world.manager.slash(world.channel, "settings")
    assert shown.ephemeral and "Answers: **compact**" in shown.response.content
    saved = await world.manager.slash(world.channel, "settings", style="full", thumbs=False,
                                      alert_measures="killed, injured")
    assert saved.response.content.startswith("Saved.") and "about **killed, injured**" in saved.response.content
    assert world.bot.state.channel_settings(world.channel.id) == ChannelSettings("full", False, None,
                                                                                  ("killed", "injured"))
    answer = await world.alice.slash(world.channel, "ask", question=QUESTION)
    assert "*earlier figure, revised to 84*" in answer.response.embeds[0].description   # every quote
    assert set(buttons_of(answer.response)) == {"◀ Previous", "Next ▶", "Report a problem"}   # no thumbs
    turned = await world.alice.click(answer.response, label="Next ▶")
    assert "Report a problem" in buttons_of(turned.response)
    completed = await world.manager.autocomplete(world.channel, "settings", "alert_measures", "killed, inj")
    assert "killed, injured" in [c["value"] for c in completed]


def test_the_report_modal_offers_at_most_25_values_and_says_how_many_are_left_out() -> None:
    from bot.answer import FigureValue
    shown = [ShownValue(f"measure {i}", FigureValue(str(i), float(i), i, i, ())) for i in range(40)]
    modal = report_modal("0123456789abcdef", shown)
    data = modal.to_dict()
    assert data["custom_id"] == "xc:rm:0123456789abcdef"
    assert_modal_within_limits(data)
    [value] = [c["component"] for c in data["components"] if c["component"]["custom_id"] == "value"]
    assert len(value["options"]) == SELECT_OPTIONS_MAX and value["options"][-1]["value"] == "answer"
    assert value["options"][0]["value"] == "measure 0: 0"
    assert "16 more values are in the answer" in data["components"][0]["description"]
    assert isinstance(modal, discord.ui.Modal)


async def test_a_report_form_opened_before_a_restart_is_still_taken(own_world: World, own_service: Service) -> None:
    world = own_world
    answer = await world.alice.slash(world.channel, "ask", question=QUESTION)
    shown = await world.alice.click(answer.response, label="Report a problem")
    await world.env.restart_bot(CrosscheckBot(own_service.settings.replace(cooldown_rate=100), own_service))
    thanked = await world.alice.submit_modal(shown, {"value": [option_for(shown.modal, "killed: 103")],
                                                    "reason": ["other_event"], "note": "another attack"})
    assert thanked.response.content.startswith("Thank you: your report #1 on **killed: 103**")
    [stored] = world.bot.state.reports()
    assert stored.reason == "other_event" and stored.note == "another attack" and stored.figures

"""End to end, corrections from the channel: `python -m bot` as its own process against the
loopback Discord of tests/fake_discord.py (see tests/test_e2e.py), on folders of its own.

A plain member reports a value through the "Report a problem" modal; their forged click on a
moderator's Hide button is refused; a moderator (Manage Server) hides the value and the next
answer leaves it out. The correction lives in the state database (var/state.sqlite3 beside the
index): it survives a SIGTERM and restart on the same folders and a /reindex by a member with
the crosscheck-admin role; a SIGKILL just as a moderator's Hide reaches the bot leaves the
database with that decision wholly written or not at all. Every message the bot sends pings
no one. The tests run in file order on one deployment, restarted along the way.
"""
from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import copy_seeds
from fake_discord import (CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, LABEL, MANAGE_GUILD,
                          MODAL, STRING_SELECT, TEXT_INPUT, UPDATE_MESSAGE, FakeDiscord, Interaction)
from test_e2e import (ACK_SECONDS, ANSWER_SECONDS, QUESTION, TOKEN, RunningBot, answered, assert_stops_cleanly,
                      assert_token_never_shown, logged_errors, start_bot)

MODAL_TITLE_MAX, MODAL_COMPONENTS_MAX, SELECT_OPTIONS_MAX, TEXT_INPUT_MAX = 45, 5, 25, 4000
EPHEMERAL = 1 << 6
HIDDEN_NOTE = "hidden by a moderator's correction"
REFUSAL = "Only members with Manage Server or the crosscheck-admin role can"


@dataclass
class Deployment:
    """The fake Discord, the bot's folders, the bot process now serving them, and its members."""
    fake: FakeDiscord
    root: Path
    bot: RunningBot
    member: dict[str, Any]          # no role: may report, may not decide
    manager: dict[str, Any]         # a role with Manage Server
    keeper: dict[str, Any]          # the role named crosscheck-admin, no permission of its own
    manager_roles: list[str]
    keeper_roles: list[str]

    @property
    def state_path(self) -> Path:
        return self.root / "var" / "state.sqlite3"

    async def restart(self) -> None:
        self.bot = await start_bot(self.fake, self.root)


@pytest.fixture(scope="module")
async def deployed(tmp_path_factory) -> Deployment:
    root = tmp_path_factory.mktemp("e2e-corrections")
    copy_seeds(root / "seeds")
    async with FakeDiscord(TOKEN) as fake:
        managers = await fake.add_role("managers", MANAGE_GUILD)   # in GUILD_CREATE
        running = await start_bot(fake, root)
        keepers = await fake.add_role("crosscheck-admin")          # to the connected bot: GUILD_ROLE_CREATE
        deployed = Deployment(fake, root, running, fake.new_user("alice"), fake.new_user("manager"),
                              fake.new_user("keeper"), [managers], [keepers])
        try:
            yield deployed
        finally:
            deployed.bot.kill()


# ---------------------------------------------------------------- helpers


def description(message: dict[str, Any]) -> str:
    return message["embeds"][0]["description"]


def value_lines(message: dict[str, Any], value: str) -> list[str]:
    """The answer's lines for `value` ("• **103** · ...")."""
    return [line for line in description(message).splitlines() if line.startswith(f"• **{value}** ·")]


def button(message: dict[str, Any], label: str) -> str:
    """The custom_id of the button labelled `label`."""
    found = [c["custom_id"] for row in message.get("components") or [] for c in row["components"]
             if c.get("label") == label]
    assert found, f"no {label!r} button in {message.get('components')}"
    return found[0]


async def responded(bot: RunningBot, interaction: Interaction, what: str) -> dict[str, Any]:
    """The one callback of an interaction, within Discord's 3 s."""
    await bot.wait_for(lambda: interaction.callbacks, ACK_SECONDS + 30, what)
    assert interaction.acknowledged_within() < ACK_SECONDS
    callback, = interaction.callbacks
    return callback


def told(callback: dict[str, Any]) -> str:
    """The text of an ephemeral message sent as the interaction's response."""
    assert callback["type"] == CHANNEL_MESSAGE and callback["data"]["flags"] & EPHEMERAL, callback
    return callback["data"]["content"]


async def ask(deployed: Deployment, user: dict[str, Any] | None = None) -> dict[str, Any]:
    """/ask QUESTION (from a new member unless `user`: the per-user cooldown stays out of it)."""
    fake = deployed.fake
    interaction = await fake.send_command("ask", {"question": QUESTION}, user=user or fake.new_user("asker"))
    return await answered(deployed.bot, interaction, "the /ask answer")


async def open_reports(deployed: Deployment) -> dict[str, Any]:
    """/reports by the manager: deferred for them alone, then the first open report."""
    interaction = await deployed.fake.send_command("reports", user=deployed.manager, roles=deployed.manager_roles)
    page = await answered(deployed.bot, interaction, "the /reports list")
    assert interaction.first_callback["data"]["flags"] & EPHEMERAL and page["flags"] & EPHEMERAL
    return page


async def report(deployed: Deployment, user: dict[str, Any], value: str, reason: str,
                 note: str = "") -> tuple[dict[str, Any], str]:
    """`user` asks, opens the report modal under the answer and sends it for `value`: the modal
    as shown, and the bot's answer to the submit."""
    fake, bot = deployed.fake, deployed.bot
    answer = await ask(deployed, user)
    opened = await fake.click(answer, button(answer, "Report a problem"), user=user)
    shown = await responded(bot, opened, "the report modal")
    assert shown["type"] == MODAL
    modal = shown["data"]
    [select] = [c["component"] for c in modal["components"]
                if c["type"] == LABEL and c["component"]["custom_id"] == "value"]
    option = next(o["value"] for o in select["options"] if o["label"] == value)
    submit = await fake.submit_modal(opened, {"value": [option], "reason": [reason], "note": note})
    return modal, told(await responded(bot, submit, "the answer to the report"))


def assert_within_discords_limits(modal: dict[str, Any]) -> None:
    assert 0 < len(modal["title"]) <= MODAL_TITLE_MAX
    assert 0 < len(modal["components"]) <= MODAL_COMPONENTS_MAX
    for label in modal["components"]:
        assert label["type"] == LABEL
        control = label["component"]
        if control["type"] == STRING_SELECT:
            assert 0 < len(control["options"]) <= SELECT_OPTIONS_MAX
        else:
            assert control["type"] == TEXT_INPUT and control["max_length"] <= TEXT_INPUT_MAX


def sent_messages(fake: FakeDiscord) -> list[dict[str, Any]]:
    """Every message the bot sent or edited: responses, updates, followups, edits, channel posts."""
    sent = [m for i in fake.interactions.values() for m in (
        [c["data"] for c in i.callbacks if c["type"] in (CHANNEL_MESSAGE, UPDATE_MESSAGE)] + i.followups + i.edits)]
    return sent + fake.channel_messages


def wal_signature(path: Path) -> tuple[int, int]:
    """Size and modification time of the database's write-ahead log: any write changes them."""
    stat = path.with_name(path.name + "-wal").stat()
    return stat.st_size, stat.st_mtime_ns


def read_state(path: Path) -> dict[str, Any]:
    """The reports, corrections and corrected figures in the state database, read directly."""
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {table: [dict(row) for row in db.execute(f"SELECT * FROM {table}")]
                for table in ("reports", "corrections", "corrected_figures")}
    finally:
        db.close()


# ---------------------------------------------------------------- the tests, in order


async def test_a_member_reports_a_value_through_the_modal(deployed: Deployment) -> None:
    before = await ask(deployed, deployed.member)
    assert value_lines(before, "103") and HIDDEN_NOTE not in description(before)

    modal, thanks = await report(deployed, deployed.member, "killed: 103", "misread",
                                 note="103 was the first count, since revised to 84")
    assert_within_discords_limits(modal)
    assert thanks.startswith("Thank you: your report #1 on **killed: 103** is with the moderators.")


async def test_a_plain_members_forged_review_click_is_refused(deployed: Deployment) -> None:
    fake = deployed.fake
    # A Hide button as a moderator's /reports shows it, clicked by the member who may not act.
    forged = {"content": "", "flags": EPHEMERAL, "components": [{"type": 1, "components": [
        {"type": 2, "style": 4, "label": "Hide", "custom_id": "xc:rv:hide:1"}]}]}
    click = await fake.click(forged, "xc:rv:hide:1", user=deployed.member)
    assert told(await responded(deployed.bot, click, "the refusal")).startswith(REFUSAL)

    # The member with the crosscheck-admin role (announced by GUILD_ROLE_CREATE) sees it open.
    listed = await fake.send_command("reports", user=deployed.keeper, roles=deployed.keeper_roles)
    page = await answered(deployed.bot, listed, "the keeper's /reports")
    assert page["embeds"][0]["title"] == "Report #1"
    assert page["embeds"][0]["footer"]["text"].startswith("Open report 1 of 1")


async def test_a_moderator_hides_the_value_and_the_next_answer_leaves_it_out(deployed: Deployment) -> None:
    fake, bot = deployed.fake, deployed.bot
    page = await open_reports(deployed)
    assert page["embeds"][0]["title"] == "Report #1" and "**103**" in description(page)
    assert "103 was the first count" in description(page)

    hide = await fake.click(page, button(page, "Hide"), user=deployed.manager, roles=deployed.manager_roles)
    assert (await responded(bot, hide, "the Hide acknowledgement"))["type"] == DEFERRED_UPDATE_MESSAGE
    await bot.wait_for(lambda: hide.edits, ANSWER_SECONDS, "the reports list updated")
    edit, = hide.edits
    assert edit["message"] == "@original"
    assert "Report #1: killed: 103 hidden (correction #1" in edit["content"]
    assert description(edit).startswith("No open reports")

    after = await ask(deployed)
    assert value_lines(after, "103") == [] and HIDDEN_NOTE in description(after)
    assert value_lines(after, "84")


async def test_the_correction_outlives_a_restart_and_a_reindex(deployed: Deployment) -> None:
    await assert_stops_cleanly(deployed.bot)
    await deployed.restart()
    again = await ask(deployed)
    assert value_lines(again, "103") == [] and HIDDEN_NOTE in description(again)

    reindex = await deployed.fake.send_command("reindex", user=deployed.keeper, roles=deployed.keeper_roles)
    rebuilt = await answered(deployed.bot, reindex, "the /reindex report")
    assert rebuilt["embeds"][0]["title"] == "Index rebuilt"
    after = await ask(deployed)
    assert value_lines(after, "103") == [] and HIDDEN_NOTE in description(after)


async def test_a_sigkill_as_a_hide_arrives_leaves_the_decision_whole_or_absent(deployed: Deployment) -> None:
    fake = deployed.fake
    _, thanks = await report(deployed, fake.new_user("bob"), "killed: 84", "wrong_source")
    assert "report #2 on **killed: 84**" in thanks
    page = await open_reports(deployed)
    assert page["embeds"][0]["title"] == "Report #2"

    # The bot acknowledges the click, then writes the decision (its first write to the database
    # after the acknowledgement), then edits the list. Killed as soon as the write-ahead log
    # changes: during the transaction's writes or just after them.
    hide = await fake.click(page, button(page, "Hide"), user=deployed.manager, roles=deployed.manager_roles)
    await fake.wait_until(lambda: hide.callbacks or deployed.bot.proc.poll() is not None, ACK_SECONDS + 30,
                          "the Hide acknowledgement")
    before = wal_signature(deployed.state_path)
    deadline = time.monotonic() + ANSWER_SECONDS
    while wal_signature(deployed.state_path) == before and not hide.edits and time.monotonic() < deadline:
        await asyncio.sleep(0)      # the fake goes on serving the bot meanwhile
    deployed.bot.kill()
    assert deployed.bot.proc.returncode == -signal.SIGKILL
    assert wal_signature(deployed.state_path) != before, "the bot never wrote the decision"

    state = read_state(deployed.state_path)
    reports = {r["id"]: r for r in state["reports"]}
    corrections = {c["report_id"]: c for c in state["corrections"]}
    assert reports[1]["status"] == "acted" and corrections[1]["action"] == "hide"
    reported = json.loads(reports[2]["figures"])
    written = corrections.get(2)
    if reports[2]["status"] == "acted":      # wholly: the report closed, the decision and its figures
        assert written is not None and written["action"] == "hide" and written["undone_at"] is None
        figures = [f for f in state["corrected_figures"] if f["correction_id"] == written["id"]]
        assert figures and {(f["article_id"], f["start"]) for f in figures} == \
               {(f["article_id"], f["start"]) for f in reported}
    else:                                    # or not at all
        assert reports[2]["status"] == "open" and written is None
        assert len(state["corrections"]) == 1
        assert {f["correction_id"] for f in state["corrected_figures"]} == {corrections[1]["id"]}
    print(f"report #2 after the SIGKILL: {reports[2]['status']}, the list's edit "   # shown with -rP
          f"{'sent' if hide.edits else 'not sent'}")

    # Started again, the bot answers as the database says.
    await deployed.restart()
    answer = await ask(deployed)
    assert value_lines(answer, "103") == []
    assert bool(value_lines(answer, "84")) == (reports[2]["status"] == "open")
    page = await open_reports(deployed)
    assert (page["embeds"][0]["title"] == "Report #2") == (reports[2]["status"] == "open")


async def test_nobody_was_pinged_and_the_bot_stops_cleanly(deployed: Deployment) -> None:
    fake, bot = deployed.fake, deployed.bot
    messages = sent_messages(fake)
    assert messages and all(m["allowed_mentions"]["parse"] == [] for m in messages), \
        [m for m in messages if (m.get("allowed_mentions") or {}).get("parse") != []]
    assert fake.unauthorized == [] and fake.unhandled == []
    assert logged_errors(bot.output()) == []
    await assert_stops_cleanly(bot)
    assert_token_never_shown(bot.output())

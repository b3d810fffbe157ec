"""Reader commands: /ask, /compare, /figures, /sources and /help."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import discord_render as render
from bot.discord_app import NO_PINGS, QUESTION_MAX, acknowledge, per_user_cooldown, trim_question
from bot.discord_glance import figures_chart_file

if TYPE_CHECKING:
    from bot.discord_app import CrosscheckBot

CHOICE_MAX = 100   # Discord's limit on an autocomplete choice's name and value
CHOICES_MAX = 25   # and on how many choices one answer may offer


def split_sources(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def complete_list(current: str, names: list[str], first: tuple[str, ...] = ()) -> list[app_commands.Choice[str]]:
    """Choices for a comma-separated list: the last name completed from `names` (`first` offered
    before them while nothing is chosen), the ones already chosen kept in front."""
    done, _, typing = current.rpartition(",")
    chosen = split_sources(done)
    prefix = "".join(f"{name}, " for name in chosen)
    typed = typing.strip().lower()
    offered = [*(first if not chosen else ()), *names]
    values = [prefix + name for name in offered if typed in name.lower() and name not in chosen]
    return [app_commands.Choice(name=v, value=v) for v in values if len(v) <= CHOICE_MAX][:CHOICES_MAX]


class AskCog(commands.Cog):
    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot

    async def _respond(self, interaction: discord.Interaction, kind: str, args: dict[str, Any]) -> None:
        await acknowledge(interaction, thinking=True)  # answers can take longer than Discord's 3 s
        if kind == "ask":
            await interaction.followup.send(**await self.bot.answer_message(args["question"], interaction.channel_id))
        elif kind == "figures":  # with a picture of the disagreements
            message = await self.bot.first_page(kind, args)
            await interaction.followup.send(file=await figures_chart_file(self.bot), **message)
        else:
            await interaction.followup.send(**await self.bot.first_page(kind, args))

    @app_commands.command(description="Ask about the event; the answer quotes and cites the articles")
    @app_commands.describe(question="What you want to know, e.g. How many people were injured?")
    @per_user_cooldown
    async def ask(self, interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, QUESTION_MAX]) -> None:
        await self._respond(interaction, "ask", {"question": trim_question(question)})

    @app_commands.command(description="Compare what each article says on a topic, figures included")
    @app_commands.describe(topic="What to compare, e.g. death toll or who claimed the attack",
                           sources="Only these articles: one id, or several separated by commas")
    @per_user_cooldown
    async def compare(self, interaction: discord.Interaction, topic: app_commands.Range[str, 1, QUESTION_MAX],
                      sources: str | None = None) -> None:
        named = split_sources(sources)
        unknown = [render.clean(s, 100) for s in named if s not in self.bot.service.source_ids()]
        if unknown:  # a typo would otherwise read as "no article speaks to this"
            await self.bot.tell(interaction, f"Unknown source: {', '.join(unknown)}. Pick from the suggestions "
                                             "or see /sources.")
            return
        await self._respond(interaction, "compare", {"topic": trim_question(topic), "sources": named or None})

    @compare.autocomplete("sources")
    async def _complete_sources(self, interaction: discord.Interaction,
                                current: str) -> list[app_commands.Choice[str]]:
        return complete_list(current, self.bot.service.source_ids())

    @app_commands.command(description="List every figure the sources disagree on, with each value's sources")
    @per_user_cooldown
    async def figures(self, interaction: discord.Interaction) -> None:
        await self._respond(interaction, "figures", {})

    @app_commands.command(description="List the indexed articles with their outlets and links")
    @per_user_cooldown
    async def sources(self, interaction: discord.Interaction) -> None:
        await self._respond(interaction, "sources", {})

    @app_commands.command(name="help", description="Show what each command does")
    async def help_command(self, interaction: discord.Interaction) -> None:
        await acknowledge(interaction, thinking=True, ephemeral=True)
        usage = [
            (" ".join([command.name, *(f"{p.name}:" if p.required else f"[{p.name}:]"
                                       for p in command.parameters)]), command.description)
            for command in self.bot.tree.walk_commands() if isinstance(command, app_commands.Command)
        ]
        mention = self.bot.user.mention if self.bot.user else "@crosscheck"
        for page in render.help_pages(usage, mention):
            await interaction.followup.send(embed=page, ephemeral=True, allowed_mentions=NO_PINGS)


async def setup(bot: CrosscheckBot) -> None:
    await bot.add_cog(AskCog(bot))

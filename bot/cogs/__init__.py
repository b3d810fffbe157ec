"""Slash-command cogs: each translates Discord interactions into Service calls and back."""

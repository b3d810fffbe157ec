"""Benchmarks. The index package is imported first so its thread settings (index/__init__.py)
apply here as in the bot: they must be in place before numpy or torch loads."""
import index  # noqa: F401

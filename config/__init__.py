"""Settings: read once from config/settings.toml, overridden by CROSSCHECK_* environment variables.

The Discord token is deliberately not a setting: it is read from DISCORD_TOKEN by the bot
at connect time and never stored here, so it cannot leak through a settings dump.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

SETTINGS_FILE = Path(__file__).with_name("settings.toml")
ENV_PREFIX = "CROSSCHECK_"


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path = Path("seeds")
    index_dir: Path = Path("var/index")
    model: str = "all-MiniLM-L6-v2"
    embed_batch_size: int = 64
    query_runtime: str = "onnx"
    model_cache_dir: Path = Path("var/models")
    max_article_bytes: int = 2_000_000
    passage_target_chars: int = 450
    passage_max_chars: int = 600
    bm25_k1: float = 1.2
    bm25_b: float = 0.2
    fusion: str = "rrf"
    rrf_k: int = 60
    weight_bm25: float = 0.5
    weight_embedding: float = 0.5
    candidates: int = 100
    source_decay: float = 0.6
    min_similarity: float = 0.3
    off_topic_similarity: float = 0.5
    off_topic_relative: float = 0.7
    results: int = 5
    rebuild_role: str = "crosscheck-admin"
    guild_ids: tuple[int, ...] = field(default_factory=tuple)
    cooldown_rate: int = 3
    cooldown_seconds: float = 10.0
    max_upload_bytes: int = 1_000_000
    report_rate: int = 5
    report_seconds: float = 600.0
    # The web: /add, feeds, alerts (web/).
    allow_private_urls: bool = False
    fetch_timeout_seconds: float = 20.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    feed_poll_seconds: float = 600.0
    feed_max_entries: int = 20
    alerts_per_channel_minute: int = 2
    state_file: Path = Path("state.sqlite3")

    @property
    def state_path(self) -> Path:
        """The state database; a relative state_file lives beside the index folder (var/)."""
        return self.state_file if self.state_file.is_absolute() else Path(self.index_dir).parent / self.state_file

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw, target_type):
    """Turn a TOML or environment value into the field's type, with a clear error."""
    try:
        if target_type is Path:
            return Path(raw)
        if target_type is bool:
            return raw if isinstance(raw, bool) else str(raw).strip().lower() in {"1", "true", "yes", "on"}
        if target_type in (int, float, str):
            return target_type(raw)
        # tuple[int, ...]: a TOML list or a comma-separated string.
        items = raw if isinstance(raw, list) else [p for p in str(raw).split(",") if p.strip()]
        return tuple(int(item) for item in items)
    except (TypeError, ValueError) as error:
        raise ValueError(f"setting {name!r}: cannot use {raw!r} ({error})") from None


def load_settings(path: Path = SETTINGS_FILE, environ: dict[str, str] | None = None) -> Settings:
    environ = os.environ if environ is None else environ
    values = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"{path}: unknown settings {sorted(unknown)}")
    resolved = {}
    types = {"Path": Path, "str": str, "int": int, "float": float, "bool": bool, "tuple[int, ...]": tuple}
    for name, f in fields.items():
        target = types[f.type] if isinstance(f.type, str) else f.type
        env_value = environ.get(ENV_PREFIX + name.upper())
        if env_value is not None:
            resolved[name] = _coerce(name, env_value, target)
        elif name in values:
            resolved[name] = _coerce(name, values[name], target)
    return Settings(**resolved)


@functools.cache
def settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()

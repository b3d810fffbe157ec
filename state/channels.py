"""Per-channel settings: how answers look, whether thumbs show, where alerts go and about what."""
from __future__ import annotations

import time
from dataclasses import dataclass

from state.database import Database

STYLES = ("compact", "full")


@dataclass(frozen=True)
class ChannelSettings:
    style: str = "compact"                  # compact: the answer at a glance; full: every quote, paged
    thumbs: bool = True                     # 👍/👎 under answers
    alert_channel: int | None = None        # alerts caused here go there (None: here)
    alert_measures: tuple[str, ...] = ()    # alerts name only changes of these measures (empty: all)


class ChannelTables(Database):
    def channel_settings(self, channel_id: int | None) -> ChannelSettings:
        rows = self._query("SELECT * FROM channel_settings WHERE channel_id = ?", (channel_id,))
        if not rows:
            return ChannelSettings()
        row = rows[0]
        defaults = ChannelSettings()
        return ChannelSettings(row["style"] or defaults.style,
                               defaults.thumbs if row["thumbs"] is None else bool(row["thumbs"]),
                               row["alert_channel"],
                               tuple(m for m in (row["alert_measures"] or "").split("\n") if m))

    def set_channel_settings(self, channel_id: int, settings: ChannelSettings, by: str) -> None:
        if settings.style not in STYLES:
            raise ValueError(f"style must be one of {', '.join(STYLES)}")
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO channel_settings VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (channel_id, settings.style, int(settings.thumbs), settings.alert_channel,
                        "\n".join(settings.alert_measures), by, time.time()))

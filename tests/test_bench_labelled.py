"""bench.labelled scores a labelled set: found, flagged as another incident's, credited right."""
from __future__ import annotations

import json

from bench.labelled import score_set


def test_a_labelled_set_is_scored_figure_by_figure(tmp_path):
    (tmp_path / "fire.txt").write_text(
        "Fire kills 9 in Korvana\n\nKORVANA, 3 June 2026 - A fire killed nine workers, the fire service said.\n\n"
        "It was the worst since 2011, when 29 people died in a blaze at a warehouse.\n\n"
        "Police arrested two managers.\n")
    labels = [
        {"file": "fire.txt", "quote": "A fire killed nine workers", "value": "nine", "other_event": False,
         "source": "fire service"},
        {"file": "fire.txt", "quote": "when 29 people died in a blaze", "value": "29", "other_event": True,
         "source": None},
        {"file": "fire.txt", "quote": "Police arrested two managers", "value": "two", "other_event": False,
         "source": "Ministry of the Interior"},                 # credited to Police: another source
        {"file": "fire.txt", "quote": "the worst since 2011", "value": "worst", "other_event": False,
         "source": None},                                       # no figure there
    ]
    (tmp_path / "labels.json").write_text(json.dumps(labels))
    tally = score_set(tmp_path, verbose=False)
    assert (tally.labels, tally.found) == (4, 3)
    assert (tally.other, tally.flagged, tally.wrongly_flagged) == (1, 1, 0)
    assert (tally.named, tally.credited) == (2, 1)

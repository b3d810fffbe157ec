"""Figures of labelled articles: is each found, flagged as another incident's or not, and
credited to whom the text says gives it.

    python -m bench.labelled [--part development|held_back|all] [--verbose]

eval/labelled/<part>/<set>/ holds articles written by helpers who never saw the extractor, and a
labels.json listing every figure of them (not dates or clock times) with a quote holding it,
whether it is another incident's (background statistics are not), and who the text credits it
to (an acting body, "Police arrested 40", is the source; a pronoun's body is named). The
development sets were read while choosing rules (seventeenth round); the held-back ones were
written beside them and scored only at the round's end. A source is right when the names share
a word or one is the other's acronym (bench/figures.source_verdict).
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from bench.figures import source_verdict
from index.figures import extract_figures
from index.models import Figure

ROOT = Path(__file__).resolve().parent.parent / "eval" / "labelled"
PARTS = ("development", "held_back")


@dataclass
class Tally:
    labels: int = 0
    found: int = 0
    other: int = 0                  # labelled another incident's
    flagged: int = 0                # of those, flagged so
    wrongly_flagged: int = 0        # own figures flagged as another incident's
    named: int = 0                  # found figures whose label names a source
    credited: int = 0               # of those, credited to it

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        return (f"found {self.found}/{self.labels}; other-event figures flagged {self.flagged}/{self.other}, "
                f"own figures flagged {self.wrongly_flagged}; sources right {self.credited}/{self.named}")


def figure_at(figures: list[Figure], text: str, quote: str, value: str) -> Figure | None:
    """The extracted figure standing where the label's value is written."""
    start = text.find(value, max(0, text.find(quote)))
    return next((f for f in figures if start >= 0 and f.start < start + len(value) and start < f.end), None)


def score_set(folder: Path, verbose: bool) -> Tally:
    tally, figures = Tally(), {}
    for label in json.loads((folder / "labels.json").read_text()):
        text = (folder / label["file"]).read_text()
        if label["file"] not in figures:
            figures[label["file"]] = extract_figures(label["file"], text, None)
        figure = figure_at(figures[label["file"]], text, label["quote"], label["value"])
        tally.labels += 1
        tally.other += label["other_event"]
        if figure is None:
            if verbose:
                print(f"  not found  {label['value']!r}: {label['quote']}")
            continue
        tally.found += 1
        tally.flagged += label["other_event"] and figure.other_event
        tally.wrongly_flagged += not label["other_event"] and figure.other_event
        if verbose and label["other_event"] != figure.other_event:
            print(f"  {'unflagged' if label['other_event'] else 'flagged  '}  {label['value']!r}: {label['quote']}")
        verdict = source_verdict(label["source"], figure.attributed_to, None)
        if verdict:
            tally.named += 1
            tally.credited += verdict == "right"
            if verbose and verdict != "right":
                print(f"  source     {label['value']!r}: want {label['source']!r}, got {figure.attributed_to!r}: "
                      f"{label['quote']}")
    return tally


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all")
    parser.add_argument("--verbose", action="store_true", help="list every figure missed, misflagged or miscredited")
    args = parser.parse_args(argv)
    for part in PARTS if args.part == "all" else (args.part,):
        total = Tally()
        for folder in sorted((ROOT / part).iterdir()):
            if folder.is_dir():
                print(f"== {part}/{folder.name}")
                tally = score_set(folder, args.verbose)
                print(f"  {tally.line()}")
                total.add(tally)
        print(f"{part}: {total.line()}\n")


if __name__ == "__main__":
    main()

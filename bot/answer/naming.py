"""One name for one measure across sources: the names the extractor gave that differ only in
fillers, order or a modifier are merged into one."""
from __future__ import annotations

import bisect
import dataclasses

from index.figures import relevance
from index.figures.vocabulary import VOCAB
from index.models import Figure

# Words that say how a measure was counted, not what: "number of suspected cases" is "suspected cases".
NAME_FILLERS = frozenset({"of", "the", "number", "total", "count", "tally", "figure", "a", "an"})
VOCABULARY_MEASURES = frozenset(VOCAB.measures.values())


def kept_apart(measure: str) -> bool:
    """Whether a name keeps its figures apart on purpose: another place's ("damage in Norvania",
    scope.in_scope) or a projection ("suspected cases (projected)", statements.projected)."""
    return " in " in measure or "(" in measure


def merge_same_names(figures_by_measure: dict[str, list[Figure]]) -> tuple[dict[str, list[Figure]], dict[str, str]]:
    """The figures under merged names, and each merged name's new one. A name no vocabulary
    word gives that opens exactly one longer name of the same kind joins it, as do names with
    the same words but fillers or in another order ("suspected" and "number of suspected cases"
    are "suspected cases", "stranded containers" is "stranded: containers"; "cases" and "homes"
    stay apart from "suspected cases" and "left without homes"). A name kept apart on purpose
    (another place, a sum per recipient, a projection) is joined by none ("payment" stays apart
    from "payment per family")."""
    words = {m: frozenset(w for w in m.replace(":", " ").split() if w not in NAME_FILLERS)
             for m in figures_by_measure}
    kinds = {m: {f.kind for f in figures} for m, figures in figures_by_measure.items()}
    by_words: dict[frozenset[str], list[str]] = {}
    for name, own in words.items():
        by_words.setdefault(own, []).append(name)
    ordered = sorted(words)                        # names opening with a name follow it: found by bisection
    merged: dict[str, str] = {}
    for name, own in words.items():
        if not own or name in VOCABULARY_MEASURES or name in relevance.GENERIC_MEASURES or ": " in name:
            continue
        wider: dict[frozenset[str], str] = {}      # one name per set of words: the shortest
        prefix = name + " "
        for other in ordered[bisect.bisect_left(ordered, prefix):]:
            if not other.startswith(prefix):
                break
            if own < words[other] and kinds[other] & kinds[name] and other not in VOCABULARY_MEASURES \
                    and not kept_apart(other) and " per " not in other:
                wider[words[other]] = min(wider.get(words[other], other), other, key=len)
        if len(wider) == 1:
            merged[name] = next(iter(wider.values()))
        elif not wider:
            same = [other for other in by_words[own] if other != name]
            if same and (own != frozenset(name.split()) or any(": " in other for other in same)):
                # "stranded containers" joins "stranded: containers", the form a verb gives
                merged[name] = min([name, *same], key=lambda n: (": " not in n, len(n), n))
    for name in figures_by_measure:
        # "640 planned operations had been cancelled" joins "2,870 cancelled operations": what
        # was done to the same things, one with a modifier more
        verb, _, things = name.partition(": ")
        plain = f"{verb} {things.split()[-1]}" if len(things.split()) > 1 else None
        if plain and plain in figures_by_measure and plain not in merged and name not in merged \
                and verb not in VOCABULARY_MEASURES and kinds[plain] & kinds[name]:
            merged[name] = plain
    merged_figures = {name: list(figures) for name, figures in figures_by_measure.items()}
    renamed = {}
    for name in merged:
        target = final_name(name, merged)
        if target != name:
            renamed[name] = target
            merged_figures.setdefault(target, []).extend(
                dataclasses.replace(f, measure=target) for f in merged_figures.pop(name))
    return merged_figures, renamed


def final_name(name: str, merged: dict[str, str]) -> str:
    """Where a chain of renamings ends; names renamed into each other in a ring all take the
    ring's shortest name."""
    seen = [name]
    target = merged[name]
    while target in merged and target not in seen:
        seen.append(target)
        target = merged[target]
    if target in seen:
        return min(seen[seen.index(target):], key=lambda n: (len(n), n))
    return target

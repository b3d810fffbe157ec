"""Answers as plain text (command line, console) and as JSON. Discord has its own renderer."""
from __future__ import annotations

import dataclasses
import json
import textwrap
from collections.abc import Mapping, Sequence

from bot.answer import (Answer, Citation, Comparison, Disagreements, FigureValue, MeasureFigures,
                        Quote, SourceList)
from bot.timeline import (GLANCE_VALUES, Step, Timeline, article_time, glance_order, latest_label, stated_time,
                          whole_figure)
from corrections.apply import Stale
from corrections.model import Correction, Report
from state.feedback import QuestionFeedback


# ----------------------------------------------------------------------------- JSON

def citation_json(c: Citation) -> dict:
    return {"number": c.number, "source": c.source.id, "title": c.source.title, "outlet": c.source.outlet,
            "url": c.source.url, "start": c.start, "end": c.end, "text": c.text, "score": round(c.score, 6)}


def quote_json(q: Quote) -> dict:
    """"stated" says when the source stated the figure: the time its sentence gives, else its
    article's, else null ("how": "text", "article" or "unknown")."""
    stated = stated_time(q.quote, article_time(q.source.published), q.words)
    return {"source": q.source.id, "start": q.start, "end": q.end, "quote": q.quote, "words": q.words,
            "attributed_to": q.attributed_to, "revision": q.revision, "revision_of": q.revision_of,
            "statement": q.statement, "at": q.at, "correction": q.correction,
            "stated": {"at": stated.at.isoformat() if stated.at else None, "how": stated.how, "words": stated.words}}


def value_json(v: FigureValue) -> dict:
    return {"label": v.label, "value": v.value, "low": v.low, "high": v.high, "kind": v.kind, "unit": v.unit,
            "scope": v.scope,
            "conflicts_with": list(v.conflicts_with), "agrees_with": list(v.agrees_with),
            "corrected": any(q.correction for q in v.quotes),
            "sources": [quote_json(q) for q in v.quotes]}


def measure_json(m: MeasureFigures) -> dict:
    """"disagree" is true only for a real conflict: two values that cannot both be true;
    "separate" when the values are separate facts under a name that only gives their kind
    ("amount of money", "distance"); "corrected" whether a moderator's correction changed it ("hidden_by_corrections" statements
    taken out, a quote's "correction" saying what was decided about it)."""
    return {"measure": m.measure, "kind": m.kind, "disagree": m.disagree, "separate": m.separate,
            "summary": m.summary, "corrected": m.corrected, "hidden_by_corrections": m.hidden,
            "values": [value_json(v) for v in m.values]}


def answer_json(a: Answer) -> dict:
    return {"question": a.question, "degraded": a.degraded,
            "passages": [citation_json(c) for c in a.citations],
            "figures": [measure_json(m) for m in a.figures]}


def comparison_json(c: Comparison) -> dict:
    return {"topic": c.topic, "degraded": c.degraded,
            "sources": [{"source": v.source.id, "title": v.source.title, "outlet": v.source.outlet,
                         "best": citation_json(v.best) if v.best else None,
                         "figures": [measure_json(m) for m in v.figures]} for v in c.views],
            "silent": [s.id for s in c.silent]}


def disagreements_json(d: Disagreements) -> dict:
    return {"measures": [measure_json(m) for m in d.measures]}


def sources_json(s: SourceList) -> dict:
    return {"sources": [{"source": x.source.id, "title": x.source.title, "outlet": x.source.outlet,
                         "url": x.source.url, "published": x.source.published,
                         "passages": x.passages, "figures": x.figures} for x in s.sources]}


def dumps(data: dict, pretty: bool = True) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1 if pretty else None)


# ----------------------------------------------------------------------------- text

def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent)


def quote_line(q: Quote) -> str:
    notes = []
    if q.attributed_to:
        notes.append(f"according to {q.attributed_to}")
    if q.statement and q.statement != "official":
        notes.append(q.statement)
    if q.revision == "earlier":
        notes.append(f"earlier figure, revised to {q.revision_of}" if q.revision_of else "earlier figure")
    elif q.revision == "current":
        notes.append(f"revised from {q.revision_of}" if q.revision_of else "revised figure")
    if q.correction:
        notes.append(f"corrected: {q.correction}")
    note = f" ({'; '.join(notes)})" if notes else ""
    return f"{q.source.name} [{q.source.id}]{note}: \"{q.quote}\""


def measure_text(m: MeasureFigures) -> str:
    lines = [m.summary]
    for v in m.values:
        relation = (f" (conflicts with {', '.join(v.conflicts_with)})" if v.conflicts_with
                    else f" (compatible with {', '.join(v.agrees_with)})" if v.agrees_with else "")
        lines.append(f"  {v.label}{relation}:")
        lines += [_wrap(quote_line(q), "      ") for q in v.quotes]
    if m.hidden_note and m.values:
        lines.append(f"  ({m.hidden_note}: /corrections)")
    return "\n".join(lines)


def citation_text(c: Citation) -> str:
    return _wrap(f"[{c.number}] {c.source.name} ({c.source.id}): \"{c.text}\"", "  ")


def answer_text(a: Answer) -> str:
    parts = [f"Q: {a.question}"]
    if a.degraded:
        parts.append(f"(degraded: {a.degraded})")
    parts += [measure_text(m) for m in a.figures]
    parts.append("Passages:" if a.citations else "No passage matches this question.")
    parts += [citation_text(c) for c in a.citations]
    return "\n".join(parts)


def comparison_text(c: Comparison) -> str:
    parts = [f"Compare: {c.topic}"]
    if c.degraded:
        parts.append(f"(degraded: {c.degraded})")
    for view in c.views:
        parts.append(f"- {view.source.name} [{view.source.id}]")
        if view.best:
            parts.append(_wrap(f"\"{view.best.text}\"", "    "))
        parts += [_wrap(m.summary, "    ") for m in view.figures]
    if c.silent:
        parts.append("Say nothing on it: " + ", ".join(f"{s.name} [{s.id}]" for s in c.silent))
    return "\n".join(parts)


def disagreements_text(d: Disagreements) -> str:
    if not d.measures:
        return "The sources agree on every figure they share."
    return "\n\n".join(measure_text(m) for m in d.measures)


def sources_text(s: SourceList) -> str:
    lines = [f"{len(s.sources)} articles indexed:"]
    for x in s.sources:
        details = ", ".join(filter(None, [x.source.outlet, x.source.published, x.source.url]))
        lines.append(f"- [{x.source.id}] {x.source.title}" + (f" ({details})" if details else "")
                     + f": {x.passages} passages, {x.figures} figures")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- at a glance, timelines

GLANCE_NAMES = 3


def _glance_value(v: FigureValue, latest: bool) -> str:
    names = list(dict.fromkeys(q.source.name for q in v.quotes))
    marks = list(dict.fromkeys(
        [q.attributed_to for q in v.quotes if q.attributed_to]
        + [f"revised to {q.revision_of}" if q.revision_of else "later revised" for q in v.quotes if q.revision == "earlier"]
        + [f"revised from {q.revision_of}" if q.revision_of else "a revision" for q in v.quotes if q.revision == "current"]
        + [f"corrected: {q.correction}" for q in v.quotes if q.correction]
    ))[:3] + (["latest"] if latest else [])
    more = f" +{len(names) - GLANCE_NAMES}" if len(names) > GLANCE_NAMES else ""
    shown = ", ".join(n if len(n) <= 30 else n[:29] + "…" for n in names[:GLANCE_NAMES])
    return (f"  {v.label}: {v.source_count} source{'s' if v.source_count != 1 else ''} ({shown}{more})"
            + (f"; {'; '.join(marks)}" if marks else ""))


def figure_words(a: Answer) -> list[str]:
    return [q.words for m in a.figures for v in m.values for q in v.quotes if q.words]


def holds_figure(text: str, words: str) -> bool:
    """Whether `words` stand in `text` as a whole figure ("84", not the end of "284")."""
    return whole_figure(text, words) >= 0


def glance_passages(a: Answer) -> list[Citation]:
    """The answer's passages, those that state one of its figures first."""
    words = figure_words(a)
    with_figure = [c for c in a.citations if any(holds_figure(c.text, w) for w in words)]
    return with_figure + [c for c in a.citations if c not in with_figure]


def glance_text(a: Answer, passages: int = 3) -> str:
    """The compact answer: per measure whether sources conflict and one line per value, then a few
    short passages. /quotes shows every sentence."""
    parts = [f"Q: {a.question}"]
    if a.degraded:
        parts.append(f"(degraded: {a.degraded})")
    for m in a.figures:
        parts.append(f"{m.state} {m.measure}:")
        ordered, latest = glance_order(m), latest_label(m)
        parts += [_glance_value(v, v.label == latest) for v in ordered[:GLANCE_VALUES]]
        if len(ordered) > GLANCE_VALUES:
            parts.append(f"  … and {len(ordered) - GLANCE_VALUES} more values (/quotes)")
        if m.hidden_note:
            parts.append(f"  ({m.hidden_note}: /corrections)")
    parts.append("Passages:" if a.citations else "No passage matches this question.")
    parts += [_wrap(f"[{c.number}] {c.source.name}: \"{textwrap.shorten(c.text, 200, placeholder=' …')}\"", "  ")
              for c in glance_passages(a)[:passages]]
    return "\n".join(parts)


def stated_json(s: Step) -> dict:
    return {"at": s.stated.at.isoformat() if s.stated.at else None, "how": s.stated.how, "words": s.stated.words,
            "value": s.value.label, "low": s.value.low, "high": s.value.high, "who": s.who,
            "source": s.quote.source.id, "url": s.quote.source.url, "revision": s.quote.revision,
            "revision_of": s.quote.revision_of, "quote": s.quote.quote}


def timeline_json(t: Timeline) -> dict:
    return {"measure": t.measure, "kind": t.kind, "values": t.values, "chain": t.chain_text(),
            "steps": [stated_json(s) for s in t.steps], "unknown": [stated_json(s) for s in t.unknown]}


def timeline_text(t: Timeline) -> str:
    lines = [f"Timeline: {t.measure}"]
    lines.append(f"  {t.chain_text()}" if t.chain else "  no statement has a known time")
    for s in t.steps:
        lines.append(f"  {s.stated.label():<22} {s.value.label:<16} {s.who} [{s.quote.source.id}]")
    if t.unknown:
        lines.append("Time unknown (not placed):")
        lines += [f"  {s.value.label:<16} {s.who} [{s.quote.source.id}]" for s in t.unknown]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- corrections, feedback

def correction_json(c: Correction, stale: Stale | None) -> dict:
    """"stale": null while every figure it names is found; else why not, and "applied": false
    once none is."""
    return {"id": c.id, "action": c.action, "target": c.target, "summary": c.summary, "note": c.note,
            "made_by": c.made_by, "made_at": c.made_at, "report": c.report_id,
            "stale": stale.reason if stale else None, "applied": not (stale and stale.whole),
            "figures": [dataclasses.asdict(f) for f in c.figures]}


def stale_note(stale: Stale | None) -> str:
    if stale is None:
        return ""
    return f"stale, no longer applied: {stale}" if stale.whole else f"partly stale: {stale}"


def corrections_text(corrections: Sequence[Correction], stale: Mapping[int, Stale]) -> str:
    if not corrections:
        return "No correction is in force."
    whole = sum(1 for s in stale.values() if s.whole)
    lines = [f"{len(corrections)} corrections in force ({whole} stale: their sentences changed):"]
    for c in corrections:
        lines.append(f"  #{c.id} {c.summary} (by {c.made_by}" + (f", report #{c.report_id}" if c.report_id else "")
                     + ")" + (f"\n      {stale_note(stale.get(c.id))}" if c.id in stale else ""))
    return "\n".join(lines)


def feedback_json(found: Sequence[QuestionFeedback], reports: Sequence[Report]) -> dict:
    by_id = {r.id: r for r in reports}
    return {"questions": [{"question": f.question, "up": f.up, "down": f.down, "reports": [
        {"id": r.id, "status": r.status, "reason": r.reason, "measure": r.measure, "value": r.value, "note": r.note,
         "asked": r.asked, "created_at": r.created_at, "reporter": r.reporter, "channel_id": r.channel_id,
         "message_url": r.message_url,
         "figures": [{**dataclasses.asdict(f), "extracted": e} for f, e in zip(r.figures, r.extracted or
                                                                              [None] * len(r.figures))]}
        for r in (by_id[i] for i in f.reports if i in by_id)]}
        for f in found]}


def feedback_text(found: Sequence[QuestionFeedback]) -> str:
    if not found:
        return "No thumbs and no reports yet."
    lines = ["👎 👍 reports  question (the weakest first)"]
    lines += [f"{f.down:>2} {f.up:>2} {len(f.reports):>7}  {f.question}" for f in found]
    return "\n".join(lines)

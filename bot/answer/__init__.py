"""The answer engine and what it returns.

- results.py: the plain data an answer is made of (Answer, MeasureFigures, FigureValue, Quote, ...);
- engine.py: Engine, from a question to passages and every value of each measure it asks for;
- event.py: what the folder's event is (its own places, off-topic articles, other events' marks);
- naming.py: one name for one measure across sources.
"""
from bot.answer.engine import Engine, clean_query
from bot.answer.results import (Answer, Citation, Comparison, Disagreements, FigureValue, MeasureFigures, Quote,
                                Source, SourceList, SourceSummary, SourceView, correction_note)

__all__ = ["Answer", "Citation", "Comparison", "Disagreements", "Engine", "FigureValue", "MeasureFigures", "Quote",
           "Source", "SourceList", "SourceSummary", "SourceView", "clean_query", "correction_note"]

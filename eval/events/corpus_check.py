"""Consistency checks shared by the evaluation corpora under eval/events/: each corpus's
verify.py calls check(its folder).

It prints one line per problem, a word count per article and a final
summary line. The exit status is 0 when there are no problems, 1 otherwise.
Only the Python standard library is used.
"""
import json
import os
import re
from html.parser import HTMLParser

ARTICLE_EXTS = (".txt", ".md", ".html")
DATA_FILES = ("QUESTIONS.json", "EXPECTED.json")
MIN_WORDS, MAX_WORDS = 250, 600
MAX_QUESTIONS = 20
MIN_OPEN_QUESTIONS = 4  # questions whose answer is not a figure

# Elements whose text is not part of the visible article body.
HIDDEN_TAGS = {"head", "title", "script", "style", "noscript", "template",
               "nav", "aside", "footer"}
# Elements that break a line of text; everything else is treated as inline.
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
              "figure", "figcaption", "article", "section", "header", "main",
              "br", "hr", "tr", "td", "th", "table", "blockquote", "body",
              "html", "dl", "dt", "dd", "pre"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input",
             "link", "meta", "source", "track", "wbr"}

# Absolute locations on a computer: POSIX home/system folders, drive letters,
# file URLs. Written as alternations so that this file does not match itself.
ABSOLUTE_PATH_PATTERNS = [
    re.compile(r"(?<![\w.:/-])/(?:home|root|Users|tmp|var|opt|mnt|srv|usr|etc|private|Volumes|work)/"),
    re.compile(r"(?<![A-Za-z])[A-Za-z]:\\[A-Za-z0-9_]"),
    re.compile(r"file:/{2,3}", re.IGNORECASE),
    re.compile(r"~/[A-Za-z0-9_.-]"),
]


class VisibleText(HTMLParser):
    """Collects the visible body text of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden_depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden_depth += 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if tag in HIDDEN_TAGS and self.hidden_depth:
            self.hidden_depth -= 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def article_text(path):
    """Text that quotes must come from: visible body text for HTML, whole file otherwise."""
    with open(path, encoding="utf-8") as handle:
        raw = handle.read()
    if path.endswith(".html"):
        parser = VisibleText()
        parser.feed(raw)
        parser.close()
        return normalise("".join(parser.parts)), raw
    return normalise(raw), raw


def count_words(text):
    return sum(1 for token in text.split() if re.search(r"[A-Za-z0-9]", token))


def has_value(text, spelling):
    """True when `spelling` occurs in `text` as a whole value.

    Case-insensitive. A spelling that starts or ends with a digit may not be
    glued to further digits ("100" does not match inside "1,100" or "100,000");
    a spelling that starts or ends with a letter may not be glued to further
    letters or digits ("four" does not match inside "fourteen").
    """
    text = text.lower()
    spelling = normalise(spelling.lower())
    if not spelling:
        return False
    pattern = re.escape(spelling)
    first, last = spelling[0], spelling[-1]
    if first.isdigit():
        pattern = r"(?<![0-9])(?<![0-9][.,])" + pattern
    elif first.isalpha():
        pattern = r"(?<![a-z0-9])" + pattern
    if last.isdigit():
        pattern = pattern + r"(?![0-9])(?![.,][0-9])"
    elif last.isalpha():
        pattern = pattern + r"(?![a-z0-9])"
    return re.search(pattern, normalise(text)) is not None


def check(folder, min_questions=18):
    """Check the corpus in `folder`; the exit status (0: no problems)."""
    problems = []

    def problem(message):
        problems.append(message)

    # ---- articles -------------------------------------------------------
    articles = {}
    for name in sorted(os.listdir(folder)):
        stem, ext = os.path.splitext(name)
        if ext in ARTICLE_EXTS and name not in ("README.md", "SOURCES.md"):
            if stem in articles:
                problem(f"two article files share the stem '{stem}'")
            text, raw = article_text(os.path.join(folder, name))
            articles[stem] = {"file": name, "text": text, "raw": raw}

    print("Word counts:")
    for stem, art in articles.items():
        words = count_words(art["text"])
        art["words"] = words
        print(f"  {art['file']}: {words}")
        if not MIN_WORDS <= words <= MAX_WORDS:
            problem(f"{art['file']}: {words} words, outside {MIN_WORDS}-{MAX_WORDS}")

    kinds = {ext: sum(1 for a in articles.values() if a["file"].endswith(ext))
             for ext in ARTICLE_EXTS}
    event_articles = [a for s, a in articles.items() if not s.startswith("noise_")]
    if not any(s.startswith("noise_") and a["file"].endswith(".txt") for s, a in articles.items()):
        problem("no unrelated noise_*.txt article")
    if len(event_articles) != 7:
        problem(f"expected 7 event articles, found {len(event_articles)}")
    event_kinds = {ext: sum(1 for a in event_articles if a["file"].endswith(ext)) for ext in ARTICLE_EXTS}
    if event_kinds[".txt"] < 4 or event_kinds[".md"] < 1 or event_kinds[".html"] < 2:
        problem(f"event article formats {event_kinds} do not meet 4 txt / 1 md / 2 html")

    def load(name):
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                return json.load(handle)
        except OSError:
            problem(f"{name}: missing or unreadable")
            return None
        except ValueError as error:
            problem(f"{name}: not valid JSON ({error})")
            return None

    # ---- QUESTIONS.json ---------------------------------------------------
    questions = load("QUESTIONS.json")
    if questions is not None:
        if not isinstance(questions.get("about"), str) or not questions["about"].strip():
            problem("QUESTIONS.json: missing 'about'")
        qlist = questions.get("questions", [])
        if not min_questions <= len(qlist) <= MAX_QUESTIONS:
            problem(f"QUESTIONS.json: {len(qlist)} questions, outside {min_questions}-{MAX_QUESTIONS}")
        open_questions = sum(1 for q in qlist if "values" not in q)
        if open_questions < MIN_OPEN_QUESTIONS:
            problem(f"QUESTIONS.json: only {open_questions} questions without values")
        seen_ids = set()
        for q in qlist:
            qid = q.get("id", "?")
            if qid in seen_ids:
                problem(f"{qid}: duplicate id")
            seen_ids.add(qid)
            if not q.get("question"):
                problem(f"{qid}: empty question")
            relevant = q.get("relevant", [])
            if not relevant:
                problem(f"{qid}: no relevant quotes")
            values = q.get("values")
            expect = values.get("expect", []) if values else []
            forbid = values.get("forbid", []) if values else []
            if values is not None and not expect:
                problem(f"{qid}: 'values' present but nothing expected")
            for entry in relevant:
                source, quote = entry.get("source"), entry.get("quote", "")
                art = articles.get(source)
                if art is None:
                    problem(f"{qid}: unknown source '{source}'")
                    continue
                if normalise(quote) not in art["text"]:
                    problem(f"{qid}: quote not found verbatim in {art['file']}: {quote!r}")
                if values and not any(has_value(quote, s) for group in expect for s in group):
                    problem(f"{qid}: quote from {source} holds no expected value: {quote!r}")
            for group in expect:
                if not group:
                    problem(f"{qid}: empty spelling list in 'expect'")
                    continue
                if not any(has_value(e["quote"], s) for e in relevant for s in group):
                    problem(f"{qid}: expected value {group} is in no relevant quote")
            expected_spellings = {normalise(s.lower()) for group in expect for s in group}
            for f in forbid:
                if normalise(f.lower()) in expected_spellings:
                    problem(f"{qid}: '{f}' is both expected and forbidden")
                for s in expected_spellings:
                    if has_value(s, f):
                        problem(f"{qid}: expected spelling '{s}' contains forbidden '{f}'")
                if not any(has_value(a["text"], f) for a in articles.values()):
                    problem(f"{qid}: forbidden value '{f}' occurs in no article")

    # ---- EXPECTED.json ----------------------------------------------------
    expected = load("EXPECTED.json")
    if expected is not None:
        covered = set()
        for item in expected:
            name = item.get("file", "")
            stem = os.path.splitext(name)[0]
            art = articles.get(stem)
            if art is None or art["file"] != name:
                problem(f"EXPECTED.json: unknown file '{name}'")
                continue
            covered.add(stem)
            for fig in item.get("figures", []):
                for key in ("measure", "value", "quote", "attributed_to"):
                    if not isinstance(fig.get(key), str) or not fig.get(key).strip():
                        problem(f"{name}: figure {fig.get('value')!r} lacks '{key}'")
                quote, value = fig.get("quote", ""), fig.get("value", "")
                if normalise(quote) not in art["text"]:
                    problem(f"{name}: quote not found verbatim: {quote!r}")
                if not has_value(quote, value):
                    problem(f"{name}: quote does not contain its value {value!r}: {quote!r}")
            for number in item.get("not_figures", []):
                if normalise(number) not in normalise(art["raw"]):
                    problem(f"{name}: not_figure {number!r} does not occur in the file")
        for stem, art in articles.items():
            if stem not in covered:
                problem(f"EXPECTED.json: no entry for {art['file']}")

    # ---- absolute machine paths ---------------------------------------------
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            path = os.path.join(root, name)
            try:
                with open(path, encoding="utf-8") as handle:
                    content = handle.read()
            except (OSError, UnicodeDecodeError):
                continue
            rel = os.path.relpath(path, folder)
            for pattern in ABSOLUTE_PATH_PATTERNS:
                match = pattern.search(content)
                if match:
                    problem(f"{rel}: holds what looks like an absolute path near {match.group(0)!r}")

    for message in problems:
        print("PROBLEM:", message)
    print(f"{len(articles)} articles, {len(problems)} problems")
    return 1 if problems else 0


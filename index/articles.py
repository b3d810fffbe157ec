"""Read the seed articles: walk the folder, decode each file, turn Markdown and HTML into plain
text and infer what metadata the file itself gives (title, outlet, author, url, published date).
Web pages are read by trafilatura, which keeps the article and leaves the page's menus out.

Article.text is final here: every later offset points into it, so nothing after this module may
change it. Bad files never stop a read; each becomes one warning line "<id>: <reason>".
"""
from __future__ import annotations

import codecs
import copy
import errno
import hashlib
import json
import logging
import os
import re
import stat
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from trafilatura import extract, extract_metadata
from trafilatura.utils import load_html

from index.models import Article

log = logging.getLogger(__name__)
# trafilatura logs every page it finds no article in, or cannot parse, at ERROR: routine for a
# reader of arbitrary web pages, and each such page is reported here as one warning already.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
_HTML_SUFFIXES = (".html", ".htm")
SIDECAR_SUFFIX = ".meta.json"          # "a.txt.meta.json" (or "a.meta.json") holds metadata for "a.txt"
METADATA_KEYS = ("title", "outlet", "author", "url", "published")


class ArticleError(Exception):
    """Why one file cannot be read; str() is a short reason."""


@dataclass(frozen=True)
class ReadResult:
    articles: list[Article]      # sorted by id
    warnings: list[str]          # one line each: "<relative path>: <reason>"
    stamps: dict[str, str] = field(default_factory=dict)  # article id -> stamp, see read_articles


# --- Public API ------------------------------------------------------------------------------

def read_articles(seeds_dir: Path, max_bytes: int,
                  known: Mapping[str, tuple[str, Article]] | None = None) -> ReadResult:
    """Every article under seeds_dir (recursively), sorted by id; a warning per skipped file.

    known maps an article id to the stamp its files had when it was read and the Article read
    then (the previous build's): a file whose stamp is unchanged is not read again, as make and
    git trust a file's size and modification time. Re-reading 10,000 unchanged files was the
    largest part of adding one article to a 10,000-article index. A stamp is only given for a
    file read without warnings and last modified over STAMP_SETTLE_NS before it was read, so a
    change in the same clock tick as the read cannot go unseen.
    """
    known = known or {}
    root = check_seeds_folder(seeds_dir)
    files, warnings = _walk(seeds_dir, root)
    articles: list[Article] = []
    stamps: dict[str, str] = {}
    first_with_hash: dict[str, str] = {}
    for article_id, path in sorted(files):
        stamp = _stamp(path)
        try:
            if stamp is not None and article_id in known and known[article_id][0] == stamp:
                article, notes = known[article_id][1], []
            else:
                article, notes = _load(path, seeds_dir, max_bytes, root, article_id)
        except ArticleError as error:
            warnings.append(f"{article_id}: {error}")
            continue
        # The same article saved twice would count every figure twice; keep the first id.
        if article.content_hash in first_with_hash:
            warnings.append(f"{article_id}: same text as {first_with_hash[article.content_hash]}")
            continue
        first_with_hash[article.content_hash] = article_id
        articles.append(article)
        warnings.extend(notes)
        if stamp is not None and not notes:
            stamps[article_id] = stamp
    return ReadResult(articles=articles, warnings=sorted(warnings), stamps=stamps)


def read_document(data: bytes, suffix: str) -> tuple[str, dict, str | None]:
    """(text, metadata, fallback encoding or None) of one file's bytes, as the index stores
    them: the text every offset will point into. Raises ArticleError when nothing is left."""
    raw, encoding = _decode(data, html=suffix in _HTML_SUFFIXES)
    if _looks_binary(raw):
        raise ArticleError("binary file")
    raw = _normalise_line_breaks(raw)
    if not raw.strip():
        raise ArticleError("empty")
    text, metadata = _convert(suffix, raw)
    # NFC after converting: HTML entities (e&#769;) only become characters there.
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ArticleError("no article text (only scripts, menus or boilerplate)"
                           if suffix in _HTML_SUFFIXES else "no visible text")
    return text, metadata, encoding


def read_article(path: Path, seeds_dir: Path, max_bytes: int) -> Article:
    """One article; raises ArticleError when it cannot be read. Minor problems are logged."""
    article, notes = _load(path, seeds_dir, max_bytes)
    for note in notes:
        log.warning(note)
    return article


# --- Walking the folder ----------------------------------------------------------------------

def check_seeds_folder(seeds_dir: Path) -> Path:
    """The seeds folder resolved, or ArticleError saying why it cannot be read."""
    if not seeds_dir.exists():
        raise ArticleError(f"seeds folder not found: {seeds_dir}")
    if not seeds_dir.is_dir():
        raise ArticleError(f"seeds path is not a folder: {seeds_dir}")
    return seeds_dir.resolve()


def _walk(seeds_dir: Path, root: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """(id, path) of every candidate article, and warnings for what is skipped.

    Links to folders are not followed: one out of seeds must not be read, one inside seeds
    would only repeat articles under a second id (or loop back on itself).
    """
    files: list[tuple[str, Path]] = []
    warnings: list[str] = []
    pending: list[tuple[Path, str]] = [(seeds_dir, "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            warnings.append(f"{prefix.rstrip('/') or '.'}: cannot read folder: {_os_reason(error)}")
            continue
        real_folder = os.path.realpath(folder)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            article_id = prefix + entry.name
            path = Path(entry.path)
            if entry.name.endswith(SIDECAR_SUFFIX):
                # Read (and checked) along with its article; alone it is a leftover.
                described = described_articles(path)
                if not described:
                    warnings.append(f"{article_id}: metadata file without an article")
                elif len(described) > 1:
                    names = ", ".join(sorted(p.name for p in described))
                    warnings.append(f"{article_id}: metadata file could describe {names}; ignored")
                continue
            try:
                # An entry that is not a link resolves to its resolved folder plus its name: one
                # realpath per folder instead of one per file (the read resolves each file again).
                real = os.path.join(real_folder, entry.name) if not entry.is_symlink() else _resolve(path)
            except (OSError, RuntimeError):   # RuntimeError: symlink loop (Python < 3.13)
                warnings.append(f"{article_id}: broken link")
                continue
            if not _is_inside(real, root):
                # Security: nothing outside the seeds folder may be read, not even through links.
                warnings.append(f"{article_id}: link points outside the seeds folder")
            elif entry.is_dir():
                if not entry.is_symlink():
                    pending.append((path, article_id + "/"))
            elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append((article_id, path))
            else:
                warnings.append(f"{article_id}: unsupported file type")
    return files, warnings


# --- Reading one file ------------------------------------------------------------------------

def _load(path: Path, seeds_dir: Path, max_bytes: int, root: Path | None = None,
          article_id: str | None = None) -> tuple[Article, list[str]]:
    """The article and its non-fatal warnings (fallback encoding, broken sidecar).

    read_articles passes the resolved root and the id it walked to, so they are not worked
    out again for each of thousands of files.
    """
    root = root or check_seeds_folder(seeds_dir)
    article_id = article_id or _article_id(path, seeds_dir)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ArticleError("unsupported file type")
    text, metadata, encoding = read_document(_read_bytes(path, root, max_bytes), suffix)
    warnings = [f"{article_id}: not UTF-8, decoded as {encoding}"] if encoding else []
    sidecar = sidecar_of(path)
    if os.path.lexists(sidecar):
        try:
            metadata.update(_read_sidecar(sidecar, root, max_bytes))
        except ArticleError as error:
            warnings.append(f"{_article_id(sidecar, seeds_dir)}: {error}; ignored")

    metadata = {key: _clean(value) for key, value in metadata.items()}
    article = Article(
        id=article_id,
        text=text,
        title=metadata.get("title") or path.stem,
        outlet=metadata.get("outlet") or None,
        author=metadata.get("author") or None,
        url=metadata.get("url") or None,
        published=metadata.get("published") or None,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    return article, warnings


def sidecar_of(path: Path) -> Path:
    """The metadata file of an article: "a.txt.meta.json", or "a.meta.json" when that names no
    other article beside it (as a folder with one sidecar per story is often saved). The full
    name when neither is there, so a stamp notices one appearing."""
    full = path.with_name(path.name + SIDECAR_SUFFIX)
    if os.path.lexists(full):
        return full
    by_stem = path.with_name(path.stem + SIDECAR_SUFFIX)
    if os.path.lexists(by_stem) and described_articles(by_stem) == [path]:
        return by_stem
    return full


def described_articles(sidecar: Path) -> list[Path]:
    """The articles a metadata file could be read for: "a.txt" for "a.txt.meta.json" (alone,
    for its name is exact), else every "a.<suffix>" beside "a.meta.json"."""
    name = sidecar.name[: -len(SIDECAR_SUFFIX)]
    exact = sidecar.with_name(name)
    if os.path.lexists(exact):
        return [exact]
    return [sidecar.with_name(name + suffix) for suffix in sorted(SUPPORTED_SUFFIXES)
            if os.path.lexists(sidecar.with_name(name + suffix))]


STAMP_SETTLE_NS = 2_000_000_000


def _stamp(path: Path) -> str | None:
    """Device, inode, size, modification and change times of the file (through a link) and of
    its sidecar; None when it cannot be read or was changed too recently to be trusted."""
    parts = []
    now = time.time_ns()
    for candidate in (path, sidecar_of(path)):
        try:
            status = os.stat(candidate)
        except FileNotFoundError:
            if candidate is path:
                return None
            parts.append("-")
            continue
        except OSError:
            return None
        if now - max(status.st_mtime_ns, status.st_ctime_ns) < STAMP_SETTLE_NS:
            return None
        parts.append(f"{status.st_dev}:{status.st_ino}:{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}")
    return "/".join(parts)


def _article_id(path: Path, seeds_dir: Path) -> str:
    # abspath, not resolve: a link inside seeds keeps its own name as id.
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(seeds_dir))
    except ValueError:
        raise ArticleError("outside the seeds folder") from None
    return relative.as_posix()


def _read_bytes(path: Path, root: Path, max_bytes: int) -> bytes:
    try:
        real = _resolve_strict(path)
        if not _is_inside(real, root):
            raise ArticleError("link points outside the seeds folder")
        status = os.stat(real)
        if not stat.S_ISREG(status.st_mode):    # a FIFO would block the read forever
            raise ArticleError("not a regular file")
        if status.st_size > max_bytes:
            raise ArticleError(f"larger than {max_bytes} bytes")
        with Path(real).open("rb") as file:
            data = file.read(max_bytes + 1)    # +1: notices a file that grew since stat
    except (OSError, RuntimeError) as error:
        raise ArticleError(f"cannot read: {_os_reason(error)}") from None
    if len(data) > max_bytes:
        raise ArticleError(f"larger than {max_bytes} bytes")
    return data


def _resolve(path: Path) -> str:
    """str(path.resolve()) without building Path objects: the real path as far as it exists,
    and RuntimeError for a link loop, as Path.resolve does before Python 3.13."""
    real = os.path.realpath(path)
    try:
        os.stat(real)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise RuntimeError(f"Symlink loop from {error.filename!r}") from None
    return real


def _resolve_strict(path: Path) -> str:
    """str(path.resolve(strict=True)) without building Path objects (it is called per file):
    the same real path, the same OSError, and a link loop reported as RuntimeError the way
    Path.resolve does before Python 3.13."""
    try:
        return os.path.realpath(path, strict=True)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise RuntimeError(f"Symlink loop from {error.filename!r}") from None
        raise


def _is_inside(real: str, root: Path) -> bool:
    """Path(real).is_relative_to(root) for an absolute, resolved real and root."""
    base = str(root)
    return real == base or real.startswith(base if base.endswith(os.sep) else base + os.sep)


def _os_reason(error: Exception) -> str:
    if isinstance(error, RuntimeError):      # Python < 3.13 reports a symlink loop this way
        return "link loop"
    strerror = getattr(error, "strerror", None)
    return strerror.lower() if strerror else str(error) or type(error).__name__


# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_DECLARED_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)


def _decode(data: bytes, html: bool = False) -> tuple[str, str | None]:
    """The text and the fallback encoding used (None for UTF-8). A web page that is not UTF-8
    is read in the charset it declares (windows-1251, Shift_JIS, ...) before guessing cp1252."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    if html and (declared := _DECLARED_CHARSET.search(data[:4096])):
        name = declared[1].decode("ascii")
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:               # cp1252 leaves five bytes undefined
        return data.decode("latin-1"), "latin-1"


# Control characters other than tab and line/page breaks; text files have next to none.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BINARY_CONTROL_SHARE = 0.1


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    if not _CONTROL.search(text):  # the usual case, without listing every match
        return False
    return len(_CONTROL.findall(text)) > _BINARY_CONTROL_SHARE * len(text)


def _normalise_line_breaks(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")


def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", " ".join(value.split()))


def _convert(suffix: str, text: str) -> tuple[str, dict]:
    if suffix in (".md", ".markdown"):
        return _markdown_to_text(text)
    if suffix in _HTML_SUFFIXES:
        return html_to_text(text)
    return text, _plain_text_metadata(text)


def _read_sidecar(path: Path, root: Path, max_bytes: int) -> dict[str, str]:
    """Metadata from "<article>.meta.json"; raises ArticleError if it is unusable."""
    data = _read_bytes(path, root, max_bytes)
    try:
        values = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ArticleError("metadata file is not UTF-8") from None
    except json.JSONDecodeError as error:
        raise ArticleError(f"invalid JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(values, dict):
        raise ArticleError("metadata file is not a JSON object")
    metadata: dict[str, str] = {}
    for key in METADATA_KEYS:
        if key not in values:
            continue
        value = values[key]
        if not isinstance(value, str) or not value.strip():
            raise ArticleError(f"{key} is not a non-empty string")
        metadata[key] = value
    if "published" in metadata:
        published = _parse_date(metadata["published"])
        if published is None:
            raise ArticleError(f"published is not a date: {metadata['published']!r}")
        metadata["published"] = published
    return metadata


# --- Dates -----------------------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
          r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})\b"
# Numeric day/month orders (04/01/2024) are ambiguous between US and European use: not guessed.
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),
)


def _parse_date(value: str) -> str | None:
    """ISO YYYY-MM-DD for the first real date in value, e.g. "Thu, 4 January 2024 10:00"."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(value):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS.index(month[:3].lower()) + 1
            try:
                return date(int(match["year"]), number, int(match["day"])).isoformat()
            except ValueError:
                continue
    return None


# --- Plain text ------------------------------------------------------------------------------

# "- The Media Line - https://themedialine.org -": a site banner saved above the article.
_BANNER = re.compile(r"^-\s*(?P<outlet>\S.*?)\s+-\s+(?P<url>https?://\S+?)\s*(?:-\s*)?$")
# "Photo: Social Media", "(Photo credit: AFP)": a caption or credit above the headline.
_CAPTION = re.compile(
    r"^[(\[]?\s*(?:file\s+)?(?:photo(?:graph)?|image|picture|video|illustration|credit)s?"
    r"(?:\s+credits?)?\s*(?::|/|\bby\b)", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(?:published|posted|date)(?:\s+on)?\s*:\s*(?P<date>.+)$", re.IGNORECASE)
_LEADING_LINES = 12
# A date line in a text file's masthead without a "Date:" label: "Thursday, 13 August 2020 |
# Page 14", "Updated 23:40 local time, Tuesday 4 August 2020", "BEIRUT, 5 August 2020 -". Short
# and not a sentence, opening with a weekday, an update word, a date or a dateline's place, or
# a masthead of parts between bars ("MERIDIAN NEWS | Lebanon | Wednesday 4 August 2021").
_DATELINE = re.compile(
    r"^(?:(?:last\s+|first\s+)?(?:updated|published|posted)\b|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|[A-Z][A-Z .'-]{2,40},\s)", re.IGNORECASE)
_DATELINE_MAX_CHARS = 100
_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 30


def _plain_text_metadata(text: str) -> dict:
    """Metadata from the lines above the article body; the text itself is left untouched."""
    metadata: dict[str, str] = {}
    for line in text.split("\n", _LEADING_LINES)[:_LEADING_LINES]:
        line = line.strip()
        if not line:
            continue
        if banner := _BANNER.match(line):
            metadata.setdefault("outlet", banner["outlet"])
            metadata.setdefault("url", banner["url"])
        elif date_line := _DATE_LINE.match(line):
            if published := _parse_date(date_line["date"]):
                metadata.setdefault("published", published)
        elif not _CAPTION.match(line):
            # The first real line is the headline; when it opens the story instead, its first
            # words name the article better than a file name would.
            metadata["title"] = line if _is_headline(line) else _opening_words(line)
            break
    if "published" not in metadata:
        metadata.update(_dateline(text))
    return metadata


def _dateline(text: str) -> dict:
    """{"published": ISO date} from an unlabelled date line near the top, or {}."""
    for line in text.split("\n", _LEADING_LINES)[:_LEADING_LINES]:
        line = line.strip()
        if (line and len(line) <= _DATELINE_MAX_CHARS and not line.endswith(".")
                and (_DATELINE.match(line) or "|" in line) and (published := _parse_date(line))):
            return {"published": published}
    return {}


def _opening_words(line: str, limit: int = 80) -> str:
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _is_headline(line: str) -> bool:
    words = line.split()
    return (2 <= len(words) <= _HEADLINE_MAX_WORDS and len(line) <= _HEADLINE_MAX_CHARS
            and not line.endswith((".", ",", ";", ":")) and any(c.isalpha() for c in line))


# --- Markdown --------------------------------------------------------------------------------

# Spans are bounded so a long line full of unmatched markers stays linear, not quadratic.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)",
                           re.DOTALL)
_YAML_PAIR = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]{1,1000}\]:\s*\S")
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:[ \t]+|$)(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*(?::?-+:?\s*)?$")
_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>[ \t]?)+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_ESCAPED = re.compile(r"[\ue000-\ue07f]")
_URL = r"<?[^()\s]{0,2000}(?:\([^()\s]{0,2000}\)[^()\s]{0,2000})?>?"
_TARGET = rf"\(\s*{_URL}(?:\s+(?:\"[^\"\n]{{0,500}}\"|'[^'\n]{{0,500}}'))?\s*\)"
_LABEL = r"[^\[\]\n]{0,1000}"
_IMAGE = re.compile(rf"!\[{_LABEL}\](?:{_TARGET}|\[{_LABEL}\])[ \t]*")
_LINK = re.compile(rf"\[(?P<text>{_LABEL})\](?:{_TARGET}|\[{_LABEL}\])")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto):[^\s<>]{1,2000})>")
_CODE = re.compile(r"(?P<ticks>`+)(?P<text>.{1,1000}?)(?P=ticks)")
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)(?P<text>.{1,1000}?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)(?P<text>.{1,1000}?)(?<=\S)__(?!\w)"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<text>[^*\n]{1,1000}?)(?<=[^\s*])\*(?![\w*])"),
    # Underscores inside words (snake_case, file_name) are not emphasis.
    re.compile(r"(?<!\w)_(?=[^\s_])(?P<text>[^_\n]{1,1000}?)(?<=[^\s_])_(?!\w)"),
)


def _markdown_to_text(markdown: str) -> tuple[str, dict]:
    """Plain text of a Markdown article, so figures read without markup around them."""
    metadata, body = _front_matter(markdown)
    lines: list[str] = []
    first_heading: str | None = None
    in_fence = False
    for line in _strip_html_comments(body).split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append(line.rstrip())
            continue
        if _REFERENCE_DEFINITION.match(line) or _TABLE_SEPARATOR.match(line):
            continue
        if _SETEXT_UNDERLINE.match(line) and lines and lines[-1].strip():
            first_heading = first_heading or lines[-1].strip()
            continue
        if _RULE.match(line):
            continue
        heading = _ATX_HEADING.match(line)
        line = _inline_markdown(heading["text"] if heading else _BLOCKQUOTE.sub("", line))
        if heading and first_heading is None:
            first_heading = line.strip()
        lines.append(line.rstrip())
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if "title" not in metadata:
        title = first_heading or next((line for line in text.split("\n") if line.strip()), "")
        if title:
            metadata["title"] = title
    return text, metadata


def _front_matter(markdown: str) -> tuple[dict, str]:
    """Metadata from a leading YAML block ("---" ... "---") and the text after it."""
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return {}, markdown
    pairs = [_YAML_PAIR.match(line) for line in (match["body"] or "").split("\n") if line.strip()]
    if not pairs or not pairs[0]:
        return {}, markdown                  # a horizontal rule at the top, not front matter
    values = {pair["key"].lower(): _unquote(pair["value"]) for pair in pairs if pair}
    metadata = {key: values[key] for key in ("title", "outlet", "url") if values.get(key)}
    if published := _parse_date(values.get("published") or values.get("date") or ""):
        metadata["published"] = published
    return metadata, markdown[match.end():]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _strip_html_comments(text: str) -> str:
    # A find loop rather than a regex: many unclosed "<!--" must not make it quadratic.
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        parts.append(text[position:start])
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def _inline_markdown(line: str) -> str:
    # Escaped characters (\*) hide in private-use code points so no rule below treats them.
    line = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m[1])), line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(lambda m: m["text"], line)
    line = _AUTOLINK.sub(lambda m: m["url"], line)
    line = _CODE.sub(lambda m: m["text"], line)
    for pattern in _EMPHASIS:
        line = pattern.sub(lambda m: m["text"], line)
    return _ESCAPED.sub(lambda m: chr(ord(m[0]) - 0xE000), line)


# --- HTML ------------------------------------------------------------------------------------

# trafilatura's extraction as its own evaluation runs it (tests/eval_common.py EXTRACT_OPTS):
# tables kept, comments and formatting dropped. Links are not text; duplicates are kept because
# a figure repeated in a caption is still what the page says.
_EXTRACT_OPTIONS = {"output_format": "txt", "include_tables": True, "include_comments": False,
                    "include_formatting": False, "include_links": False, "include_images": False,
                    "deduplicate": False, "with_metadata": False}
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*$")
_HIDDEN = ("//*[@hidden] | //*[@aria-hidden='true'] | "
           "//*[contains(translate(@style, 'DISPLAYNOE ', 'displaynoe'), 'display:none')]")
# What trafilatura's metadata calls each field of ours.
_PAGE_FIELDS = {"title": "title", "outlet": "sitename", "author": "author", "url": "url",
                "published": "date"}


def html_to_text(html: str | bytes) -> tuple[str, dict]:
    """The main text of a web page (one paragraph per line, a table row as "a | b") and its
    metadata (title, outlet, author, canonical url, published date), read by trafilatura.

    Menus, "most read" lists, comment sections, share bars and footers are left out: trafilatura
    decides what the article is. Elements a browser would not show (hidden, aria-hidden,
    display: none) are dropped first. A page with no article in it gives "".
    """
    # trafilatura refuses a fragment ("<p>text</p>", a hand-saved snippet) that lxml reads
    # fine inside a document.
    tree = load_html(html)
    if tree is None:
        tree = load_html(f"<html><body>{_as_str(html)}</body></html>")
    if tree is None:
        return "", {}
    for element in tree.xpath(_HIDDEN):
        if element.getparent() is not None:
            element.drop_tree()
    # Each step on its own copy: extraction prunes the tree it is given. Not `extensive`: a
    # date must be one the page's markup states; the extensive search guesses one from the
    # text, and turns "Copyright 2024" in a footer into a publication date of 2024-01-01.
    found = extract_metadata(copy.deepcopy(tree), extensive=False)
    metadata = {field: str(value) for field, name in _PAGE_FIELDS.items()
                if (value := getattr(found, name, None))}
    text = extract(copy.deepcopy(tree), **_EXTRACT_OPTIONS) or ""
    # When the article finder comes back empty, trafilatura falls back to the page's whole
    # text: on a page of menus, "most read" lists and footers, that is all boilerplate. Its
    # precision mode has no such fallback, so a page it finds nothing in has no article
    # (2 of the 990 pages of its evaluation corpus, at no cost in F1: bench/reader.py).
    if text and extract(tree, **_EXTRACT_OPTIONS, favor_precision=True) is None:
        text = ""
    return _text_lines(text), metadata


def _as_str(html: str | bytes) -> str:
    return html if isinstance(html, str) else _decode(html, html=True)[0]


def _text_lines(text: str) -> str:
    """trafilatura's text with its Markdown table syntax turned into plain rows, blank lines
    and padding dropped: the figures engine reads "84 | 284", not "| 84 | 284 |"."""
    lines = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if _TABLE_RULE.match(line):
            continue
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            line = " | ".join(cell.strip() for cell in line[1:-1].split("|"))
        if line:
            lines.append(line)
    return "\n".join(lines)

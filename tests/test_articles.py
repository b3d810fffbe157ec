"""Reading the seed folder: walking, decoding, bad files, plain text, Markdown, HTML, sidecars."""
from __future__ import annotations

import hashlib
import json
import os
import pathlib
import time
import unicodedata
from pathlib import Path

import pytest

from index.articles import (
    SUPPORTED_SUFFIXES,
    ArticleError,
    ReadResult,
    html_to_text,
    read_article,
    read_articles,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MAX = 10_000


def write(root: Path, relative: str, content: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def read(root: Path, max_bytes: int = MAX) -> ReadResult:
    return read_articles(root, max_bytes)


def ids(result: ReadResult) -> list[str]:
    return [article.id for article in result.articles]


def only(result: ReadResult):
    assert len(result.articles) == 1, result
    return result.articles[0]


def normalised(raw: bytes) -> str:
    text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


# --- The real seeds ---------------------------------------------------------------------------

SEED_TITLES = {
    "000_f88b6be7cb54ebcd.txt":
        "Islamic State Claims Responsibility for Deadly Blasts at Qassem Soleimani Memorial in Iran",
    "001_89f44fc20e03fb94.txt":
        "ISIS takes credit for Qasem Soleimani memorial bombings as mourning Iran vows revenge",
    # 002 opens straight with a story sentence: no headline line, so its opening words.
    "002_9b40749a38398c5a.txt": "At least 84 people were killed and over 200 injured in twin suicide bombings…",
    "003_5cd184624a0acadd.txt":
        "Islamic State Claims Responsibility for Fatal Attack at Soleimani Memorial in Iran",
    "004_3a2a303a9a7b6c5b.txt":
        "Islamic State Claims Responsibility for Twin Attacks at Iranian Commander’s Memorial",
}


def test_seed_articles_read_with_titles_and_whole_text():
    result = read_articles(SEEDS, 2_000_000)
    assert result.warnings == []
    assert ids(result) == sorted(SEED_TITLES)
    for article in result.articles:
        assert article.title == SEED_TITLES[article.id]
        raw = (SEEDS / article.id).read_bytes()
        assert article.text == normalised(raw)           # nothing lost, not even the banner
        assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()


def test_seed_banner_gives_outlet_and_url_and_photo_credit_is_not_a_title():
    by_id = {a.id: a for a in read_articles(SEEDS, 2_000_000).articles}
    media_line = by_id["003_5cd184624a0acadd.txt"]
    assert (media_line.outlet, media_line.url) == ("The Media Line", "https://themedialine.org")
    assert media_line.text.startswith("- The Media Line - https://themedialine.org -")
    assert by_id["004_3a2a303a9a7b6c5b.txt"].title != "Photo: Social Media"
    assert by_id["000_f88b6be7cb54ebcd.txt"].outlet is None


def test_articles_are_frozen():
    article = read_articles(SEEDS, 2_000_000).articles[0]
    with pytest.raises(AttributeError):
        article.text = "changed"  # type: ignore[misc]


# --- Walking ----------------------------------------------------------------------------------

def test_sub_folders_give_slash_ids_sorted(tmp_path):
    write(tmp_path, "b.txt", "Second story here\nbody b")
    write(tmp_path, "a/z.md", "# Deep story\nbody z")
    write(tmp_path, "a/deeper/c.html", "<p>body c</p>")  # a fragment is read too
    result = read(tmp_path)
    assert ids(result) == ["a/deeper/c.html", "a/z.md", "b.txt"]
    assert result.warnings == []


def test_hidden_files_and_folders_are_skipped_silently(tmp_path):
    write(tmp_path, "story.txt", "Visible story\nbody")
    write(tmp_path, ".draft.txt", "hidden draft")
    write(tmp_path, ".git/notes.txt", "hidden folder")
    write(tmp_path, "sub/.DS_Store", b"\x00\x01binary")
    result = read(tmp_path)
    assert ids(result) == ["story.txt"]
    assert result.warnings == []


def test_empty_folder_returns_nothing(tmp_path):
    assert read(tmp_path) == ReadResult(articles=[], warnings=[])


def test_missing_seeds_folder_raises(tmp_path):
    with pytest.raises(ArticleError, match="not found"):
        read(tmp_path / "nope")


def test_seeds_path_that_is_a_file_raises(tmp_path):
    file = write(tmp_path, "file.txt", "x")
    with pytest.raises(ArticleError, match="not a folder"):
        read(file)


def test_suffixes_are_case_insensitive(tmp_path):
    write(tmp_path, "UPPER.TXT", "Loud story\nbody")
    assert ids(read(tmp_path)) == ["UPPER.TXT"]
    assert ".markdown" in SUPPORTED_SUFFIXES and ".htm" in SUPPORTED_SUFFIXES


# --- Bad files: one warning each, the rest still read -----------------------------------------

BAD_FILES = {
    "empty": ("bad.txt", b"", "bad.txt: empty"),
    "whitespace": ("bad.txt", b"  \n\t\r\n  ", "bad.txt: empty"),
    "nul bytes": ("bad.txt", b"text\x00with a NUL byte", "bad.txt: binary file"),
    "control characters": ("bad.md", bytes(range(1, 9)) * 20 + b"some words", "bad.md: binary file"),
    "image bytes": ("bad.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "bad.html: binary file"),
    "too large": ("bad.txt", b"x" * (MAX + 1), f"bad.txt: larger than {MAX} bytes"),
    "unsupported": ("bad.pdf", b"%PDF-1.4", "bad.pdf: unsupported file type"),
    "no suffix": ("README", b"notes", "README: unsupported file type"),
    "html without visible text": ("bad.html", b"<script>x()</script>",
                                  "bad.html: no article text (only scripts, menus or boilerplate)"),
}


@pytest.mark.parametrize("name, content, warning", BAD_FILES.values(), ids=BAD_FILES)
def test_each_bad_file_gives_one_warning_and_the_rest_is_read(tmp_path, name, content, warning):
    write(tmp_path, "good.txt", "A good story\nIt reads fine.")
    write(tmp_path, name, content)
    result = read(tmp_path)
    assert ids(result) == ["good.txt"]
    assert result.warnings == [warning]


def test_size_is_checked_before_opening(tmp_path, monkeypatch):
    write(tmp_path, "huge.txt", b"x" * (MAX + 1))
    real_open = pathlib.Path.open

    def tracking_open(self, *args, **kwargs):
        assert self.name != "huge.txt", "an oversized file was opened"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", tracking_open)
    assert read(tmp_path).warnings == [f"huge.txt: larger than {MAX} bytes"]


def test_file_of_exactly_max_bytes_is_read(tmp_path):
    write(tmp_path, "edge.txt", b"y" * MAX)
    assert len(only(read(tmp_path)).text) == MAX


def test_identical_text_keeps_the_first_id(tmp_path):
    write(tmp_path, "a.txt", "Same story\nsame words\n")
    write(tmp_path, "b.txt", b"Same story\r\nsame words\r\n")    # identical after normalisation
    write(tmp_path, "c.txt", "Other story\nother words\n")
    result = read(tmp_path)
    assert ids(result) == ["a.txt", "c.txt"]
    assert result.warnings == ["b.txt: same text as a.txt"]


def test_unreadable_file_gives_a_warning(tmp_path, monkeypatch):
    write(tmp_path, "good.txt", "A good story\nfine")
    locked = write(tmp_path, "locked.txt", "Locked story\nsecret")
    real_open = pathlib.Path.open

    def refusing_open(self, *args, **kwargs):
        # chmod 000 does not stop root, so refuse the way the OS would.
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", refusing_open)
    locked.chmod(0)
    result = read(tmp_path)
    assert ids(result) == ["good.txt"]
    assert result.warnings == ["locked.txt: cannot read: permission denied"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_not_opened(tmp_path):
    write(tmp_path, "good.txt", "A good story\nfine")
    os.mkfifo(tmp_path / "pipe.txt")
    result = read(tmp_path)                   # would block forever if the FIFO were opened
    assert ids(result) == ["good.txt"]
    assert result.warnings == ["pipe.txt: not a regular file"]


def test_read_article_raises_the_reason(tmp_path):
    big = write(tmp_path, "big.txt", b"z" * 50)
    with pytest.raises(ArticleError, match="larger than 10 bytes"):
        read_article(big, tmp_path, 10)


def test_read_article_refuses_paths_outside_seeds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    outside = write(tmp_path, "secret.txt", "Secret story\nprivate")
    with pytest.raises(ArticleError, match="outside the seeds folder"):
        read_article(seeds / ".." / "secret.txt", seeds, MAX)
    assert read_article(outside, tmp_path, MAX).id == "secret.txt"


# --- Decoding and normalisation ---------------------------------------------------------------

@pytest.mark.parametrize("data, text, encoding", [
    ("Caf\u00e9 story \u201cquoted\u201d \u2014 84 killed".encode("cp1252"),
     "Café story “quoted” — 84 killed", "cp1252"),
    (b"Story with \x81 an odd byte and \xe9", "Story with \x81 an odd byte and é", "latin-1"),
    ("Wide story\n84 killed".encode("utf-16"), "Wide story\n84 killed", "UTF-16"),
])
def test_non_utf8_file_is_decoded_with_a_warning(tmp_path, data, text, encoding):
    write(tmp_path, "old.txt", data)
    result = read(tmp_path)
    assert only(result).text == text
    assert result.warnings == [f"old.txt: not UTF-8, decoded as {encoding}"]


def test_bom_line_endings_and_nfc(tmp_path):
    write(tmp_path, "a.txt", "\ufeffCafe\u0301 story\r\nline two\rline three\r\n".encode())
    article = only(read(tmp_path))
    assert article.text == "Caf\u00e9 story\nline two\nline three\n"
    assert article.title == "Caf\u00e9 story"


# --- Plain text metadata ----------------------------------------------------------------------

def test_plain_text_banner_caption_and_date_lines_are_metadata_not_title(tmp_path):
    content = ("- Example News - https://news.example.com/world -\n\n"
               "Image: Reuters\n"
               "Published: January 4, 2024\n"
               "Blasts kill dozens at memorial\n"
               "The story starts here.\n")
    write(tmp_path, "a.txt", content)
    article = only(read(tmp_path))
    assert article.title == "Blasts kill dozens at memorial"
    assert article.outlet == "Example News"
    assert article.url == "https://news.example.com/world"
    assert article.published == "2024-01-04"
    assert article.text == content


@pytest.mark.parametrize("written, iso", [
    ("2024-01-04", "2024-01-04"),
    ("2024-01-04T10:30:00+03:30", "2024-01-04"),
    ("Thursday, January 4, 2024", "2024-01-04"),
    ("4 Jan. 2024", "2024-01-04"),
    ("Jan 4th, 2024", "2024-01-04"),
    ("Thu, 04 Jan 2024 10:00:00 GMT", "2024-01-04"),
    ("2024/1/4", "2024-01-04"),
    ("Sept 3, 2024", "2024-09-03"),
])
def test_date_line_formats(tmp_path, written, iso):
    write(tmp_path, "a.txt", f"Date: {written}\nHeadline words here\nBody.")
    assert only(read(tmp_path)).published == iso


@pytest.mark.parametrize("written", ["04/01/2024", "2024-13-45", "soon"])
def test_ambiguous_or_impossible_dates_are_not_guessed(tmp_path, written):
    write(tmp_path, "a.txt", f"Published: {written}\nHeadline words here\nBody.")
    article = only(read(tmp_path))
    assert article.published is None
    assert article.title == "Headline words here"


def test_story_sentence_first_gives_its_opening_as_title(tmp_path):
    write(tmp_path, "kerman-report.txt",
          "At least 84 people were killed on Wednesday, officials said.\nMore text.")
    assert only(read(tmp_path)).title == "At least 84 people were killed on Wednesday, officials said."
    long_opening = "Officials said " + "many " * 40 + "people came."
    write(tmp_path, "kerman-report.txt", long_opening)
    title = only(read(tmp_path)).title
    assert title.endswith("…") and len(title) <= 81 and long_opening.startswith(title[:-1])


# --- Markdown ---------------------------------------------------------------------------------

MARKDOWN = """---
title: "Front matter title"
outlet: Example Wire
url: https://wire.example/a
date: 2024-01-05
---
# The *heading*

At least **84** people were __killed__ and *more than* 280 _wounded_ in `Kerman`.
Keep snake_case_words, file_name_ and 2*3*4 as they are.
![a photo](https://img.example/p.jpg "caption") See [the report](https://ex.example/r_(1)) and [ref][1].
<!-- an editor's note
over two lines -->
> Quoted \\*literal stars\\*

[1]: https://ex.example/ref
| Dead | Injured |
|---|---|
| 84 | 284 |

---
"""


def test_markdown_is_converted_to_plain_text(tmp_path):
    write(tmp_path, "story.md", MARKDOWN)
    article = only(read(tmp_path))
    assert article.text == (
        "The heading\n\n"
        "At least 84 people were killed and more than 280 wounded in Kerman.\n"
        "Keep snake_case_words, file_name_ and 2*3*4 as they are.\n"
        "See the report and ref.\n\n"
        "Quoted *literal stars*\n\n"
        "| Dead | Injured |\n"
        "| 84 | 284 |"
    )
    assert (article.title, article.outlet, article.url, article.published) == (
        "Front matter title", "Example Wire", "https://wire.example/a", "2024-01-05")


def test_markdown_title_falls_back_to_heading_then_first_line(tmp_path):
    write(tmp_path, "a.md", "Intro line\n\n## Second-level heading\n\ntext")
    write(tmp_path, "b.markdown", "Setext heading\n==============\n\ntext")
    write(tmp_path, "c.md", "Just **bold** text\nmore")
    titles = {a.id: a.title for a in read(tmp_path).articles}
    assert titles == {"a.md": "Second-level heading", "b.markdown": "Setext heading",
                      "c.md": "Just bold text"}


def test_markdown_rule_at_top_is_not_front_matter(tmp_path):
    write(tmp_path, "a.md", "---\n\nFirst paragraph here\n\n---\nSecond")
    article = only(read(tmp_path))
    assert article.text == "First paragraph here\n\nSecond"


def test_markdown_with_many_unmatched_markers_stays_fast(tmp_path):
    write(tmp_path, "a.md", "*a _b [c `d " * 50_000)
    started = time.monotonic()
    article = only(read(tmp_path, 2_000_000))
    assert time.monotonic() - started < 5
    assert article.text.startswith("*a _b [c")


# --- HTML -------------------------------------------------------------------------------------

STORY = ("Rescue teams searched the area near the cemetery in Kerman through the night, the provincial "
         "governor told reporters on Thursday, as families gathered outside the hospitals of the city. ")
PAGE = f"""<!doctype html><html><head>
<title>Page title | Site</title>
<meta property="og:title" content="Blasts at  memorial">
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://times.example/blasts">
<meta property="article:published_time" content="2024-01-04T09:15:00Z">
<style>p {{ color: red }}</style>
<script>document.write("<p>not text</p>")</script>
</head><body>
<header><h1>Example Times</h1></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
  <h1>Blasts &amp; grief</h1>
  <p>At least <b>84</b>
     people were killed&nbsp;&mdash; officials said.</p>
  <p>{STORY * 2}</p>
  <div hidden>hidden text</div><span aria-hidden="true">icon text</span>
  <p style="display: none">invisible</p>
  <table><tr><th>Dead</th><th>Injured</th></tr><tr><td>84</td><td>284</td></tr></table>
  <p>First line<br>second line</p>
</article>
<div class="most-read"><h2>Most read</h2><ul><li><a href="/x">Other story, 12 comments</a></li></ul></div>
<footer><p>Copyright 2024 Example Times. All rights reserved.</p></footer>
</body></html>"""


def test_html_keeps_the_article_and_drops_the_page_around_it():
    text, metadata = html_to_text(PAGE)
    assert text == ("Blasts & grief\n"
                    "At least 84 people were killed — officials said.\n"
                    + (STORY * 2).strip() + "\n"
                    "Dead | Injured\n"          # a table keeps its rows
                    "84 | 284\n"
                    "First line\n"
                    "second line")
    for boilerplate in ("not text", "color", "Home", "World", "hidden text", "icon text", "invisible",
                        "Most read", "comments", "Copyright"):
        assert boilerplate not in text
    assert metadata == {"title": "Blasts at memorial", "outlet": "Example Times", "author": "Jane Reporter",
                        "url": "https://times.example/blasts", "published": "2024-01-04"}


def test_html_page_of_only_boilerplate_has_no_article(tmp_path):
    page = ("<html><head><title>Example News</title></head><body><nav><a href=/>Home</a> <a href=/w>World</a></nav>"
            "<div class=cookie>We use cookies to improve your experience. <button>Accept</button></div>"
            "<div class=most-read><h2>Most read</h2><ol><li><a href=/a>Story one about a thing happening today</a>"
            "</li><li><a href=/b>Story two: 12 comments</a></li></ol></div>"
            "<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer></body></html>")
    assert html_to_text(page)[0] == ""
    write(tmp_path, "menu.html", page)
    result = read(tmp_path)
    assert result.articles == []
    assert result.warnings == ["menu.html: no article text (only scripts, menus or boilerplate)"]


def test_html_date_comes_from_the_markup_not_a_copyright_line():
    body = f"<article><p>{STORY}</p></article><footer><p>Copyright 2024 Example Times</p></footer>"
    assert "published" not in html_to_text(f"<html><body>{body}</body></html>")[1]
    dated = f"<html><body><time datetime='2024-01-04T10:00'>4 Jan</time>{body}</body></html>"
    assert html_to_text(dated)[1]["published"] == "2024-01-04"


def test_html_fragment_is_read():
    assert html_to_text("<p>Officials said 84 people were killed.</p>")[0] == "Officials said 84 people were killed."


def test_html_offsets_point_into_the_stored_text(tmp_path):
    write(tmp_path, "page.html", PAGE)
    article = only(read(tmp_path))
    start = article.text.index("At least 84")
    assert article.text[start:start + len("At least 84 people")] == "At least 84 people"
    assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()


def test_html_in_a_declared_charset_is_decoded_with_it(tmp_path):
    page = PAGE.replace("<head>", '<head><meta charset="windows-1251">').replace("Blasts &amp; grief", "Взрывы")
    (tmp_path / "ru.html").write_bytes(page.encode("windows-1251"))
    result = read(tmp_path)
    assert only(result).text.startswith("Взрывы\n")
    assert result.warnings == ["ru.html: not UTF-8, decoded as windows-1251"]


def test_text_is_nfc_after_entities_are_decoded(tmp_path):
    write(tmp_path, "a.html", "<p>Cafe&#769; in Kerman</p>")      # e + combining acute accent
    assert only(read(tmp_path)).text == "Caf\u00e9 in Kerman"


def test_html_file_is_read_with_its_metadata(tmp_path):
    write(tmp_path, "page.html", PAGE)
    article = only(read(tmp_path))
    assert (article.title, article.outlet, article.author) == ("Blasts at memorial", "Example Times", "Jane Reporter")
    assert "hidden text" not in article.text and "not text" not in article.text


def test_deeply_nested_html_is_refused_quickly_not_crashed(tmp_path):
    depth = 20_000
    write(tmp_path, "deep.html", "<div>" * depth + "<p>deep 84 killed</p>" + "</div>" * depth)
    write(tmp_path, "unclosed.htm", "<article><p>open <b>bold <i>italic" + "<div>" * depth)
    started = time.monotonic()
    result = read(tmp_path, 2_000_000)
    assert time.monotonic() - started < 10
    # Past libxml2's depth limit the page has no article; either way one clear line, no crash.
    assert {a.id: a.text for a in result.articles} == {"unclosed.htm": "open bold italic"}
    assert result.warnings == ["deep.html: no article text (only scripts, menus or boilerplate)"]


def test_broken_html_does_not_crash():
    text, _ = html_to_text("<p>kept</p><a href='x' <b>>bold</b></p></div></article>&bogus; <")
    assert text.startswith("kept")


def test_unterminated_tag_at_the_end_stays_fast():
    # HTMLParser.close() can re-scan an unterminated tag once per "<" in it: minutes, not seconds.
    started = time.monotonic()
    text, _ = html_to_text("<p>kept</p>" + "<a b='" * 100_000)
    assert time.monotonic() - started < 5
    assert text == "kept"


# --- Sidecar metadata -------------------------------------------------------------------------

def test_sidecar_overrides_inferred_metadata(tmp_path):
    write(tmp_path, "a.txt", "- Banner Outlet - https://banner.example -\nInferred headline here\nx")
    write(tmp_path, "a.txt.meta.json",
          '{"title": "Sidecar title", "outlet": "Sidecar Outlet", "published": "3 January 2024"}')
    result = read(tmp_path)
    article = only(result)
    assert (article.title, article.outlet, article.url, article.published) == (
        "Sidecar title", "Sidecar Outlet", "https://banner.example", "2024-01-03")
    assert result.warnings == []


@pytest.mark.parametrize("sidecar, reason", [
    ("{not json", "invalid JSON"),
    ('["a list"]', "not a JSON object"),
    ('{"title": 42}', "title is not a non-empty string"),
    ('{"published": "someday"}', "published is not a date"),
])
def test_broken_sidecar_is_ignored_with_a_warning(tmp_path, sidecar, reason):
    write(tmp_path, "a.txt", "Inferred headline here\nbody")
    write(tmp_path, "a.txt.meta.json", sidecar)
    result = read(tmp_path)
    assert only(result).title == "Inferred headline here"
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("a.txt.meta.json: ")
    assert reason in result.warnings[0] and result.warnings[0].endswith("ignored")


def test_sidecar_without_article_gives_a_warning(tmp_path):
    write(tmp_path, "gone.txt.meta.json", '{"title": "x"}')
    result = read(tmp_path)
    assert result == ReadResult(articles=[],
                                warnings=["gone.txt.meta.json: metadata file without an article"])


def test_sidecar_named_by_the_stem_is_read(tmp_path):
    write(tmp_path, "story.html", "<article><h1>Inferred headline</h1><p>Body text here.</p></article>")
    write(tmp_path, "story.meta.json", '{"outlet": "Stem Wire", "published": "2027-01-17T16:25:00+01:00"}')
    result = read(tmp_path)
    assert (only(result).outlet, only(result).published) == ("Stem Wire", "2027-01-17")
    assert result.warnings == []


def test_the_full_name_sidecar_wins_over_the_stem_one(tmp_path):
    write(tmp_path, "story.txt", "Inferred headline here\nbody")
    write(tmp_path, "story.meta.json", '{"outlet": "Stem Wire"}')
    write(tmp_path, "story.txt.meta.json", '{"outlet": "Full Wire"}')
    result = read(tmp_path)
    assert only(result).outlet == "Full Wire"
    assert result.warnings == []    # the stem one names this article too: not a leftover


def test_a_stem_sidecar_two_articles_share_is_read_for_neither(tmp_path):
    write(tmp_path, "story.txt", "Text headline here\nbody one")
    write(tmp_path, "story.md", "# Markdown headline\n\nbody two")
    write(tmp_path, "story.meta.json", '{"outlet": "Which Wire"}')
    result = read(tmp_path)
    assert [a.outlet for a in result.articles] == [None, None]
    assert result.warnings == ["story.meta.json: metadata file could describe story.md, story.txt; ignored"]


def test_a_broken_stem_sidecar_is_named_in_its_warning(tmp_path):
    write(tmp_path, "sub/story.txt", "Inferred headline here\nbody")
    write(tmp_path, "sub/story.meta.json", "{not json")
    result = read(tmp_path)
    assert only(result).title == "Inferred headline here"
    assert len(result.warnings) == 1 and result.warnings[0].startswith("sub/story.meta.json: invalid JSON")


# --- Symlinks ---------------------------------------------------------------------------------

def test_links_out_of_seeds_are_skipped_and_folder_links_are_not_followed(tmp_path):
    seeds, outside = tmp_path / "seeds", tmp_path / "outside"
    write(outside, "secret.txt", "Secret story\nprivate words")
    write(outside, "dir/more.txt", "More secrets\nprivate")
    write(seeds, "real/story.txt", "Real story\npublic words")
    (seeds / "escape.txt").symlink_to(outside / "secret.txt")
    (seeds / "escape_dir").symlink_to(outside / "dir", target_is_directory=True)
    (seeds / "alias").symlink_to(seeds / "real", target_is_directory=True)   # a repeat
    (seeds / "real" / "loop").symlink_to(seeds, target_is_directory=True)    # a cycle
    (seeds / "link.txt").symlink_to(seeds / "real" / "story.txt")
    result = read(seeds)
    assert "private" not in " ".join(a.text for a in result.articles)
    assert ids(result) == ["link.txt"]        # a file link inside seeds reads; its target repeats it
    assert result.warnings == ["escape.txt: link points outside the seeds folder",
                               "escape_dir: link points outside the seeds folder",
                               "real/story.txt: same text as link.txt"]


def test_sidecar_link_out_of_seeds_is_not_read(tmp_path):
    seeds = tmp_path / "seeds"
    write(tmp_path, "evil.json", '{"title": "from outside"}')
    write(seeds, "a.txt", "Inside headline here\nbody")
    (seeds / "a.txt.meta.json").symlink_to(tmp_path / "evil.json")
    result = read(seeds)
    assert only(result).title == "Inside headline here"
    assert result.warnings == ["a.txt.meta.json: link points outside the seeds folder; ignored"]


# --- python -m index read ---------------------------------------------------------------------

def test_index_read_prints_what_the_index_stores(tmp_path, capsys):
    from index.__main__ import main

    write(tmp_path, "page.html", PAGE)
    write(tmp_path, "bad.html", "<script>x()</script>")
    status = main(["read", str(tmp_path / "page.html"), str(tmp_path / "bad.html"), "--json",
                   "--seeds", str(tmp_path)])
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 1 and "bad.html: no article text" in err
    assert [(r["id"], r["title"], r["outlet"], r["url"], r["published"]) for r in rows] == [
        ("page.html", "Blasts at memorial", "Example Times", "https://times.example/blasts", "2024-01-04")]
    assert rows[0]["text"] == only(read(tmp_path)).text


@pytest.mark.parametrize("masthead, iso", [
    ("EASTERN GAZETTE\nThursday, 13 August 2020 | Page 14 | World\n", "2020-08-13"),
    ("LEVANT WIRE SERVICE | URGENT\nUpdated 23:40 local time (20:40 GMT), Tuesday 4 August 2020\n", "2020-08-04"),
    ("MERIDIAN NEWS AGENCY | Lebanon | Wednesday 4 August 2021\n", "2021-08-04"),
    ("BEIRUT, 5 August 2020 -\n", "2020-08-05"),
])
def test_an_unlabelled_date_line_at_the_top_is_the_published_date(tmp_path, masthead, iso):
    write(tmp_path, "a.txt", masthead + "\nHeadline words here\nThe port exploded on 4 August 2020, officials said.\n")
    assert only(read(tmp_path)).published == iso


def test_a_date_in_a_sentence_near_the_top_is_not_a_date_line(tmp_path):
    write(tmp_path, "a.txt", "Headline words here\nOn January 3, 2024, twin blasts killed 84 people in Kerman.\n")
    assert only(read(tmp_path)).published is None

"""Synthetic corpora for the scale benchmarks, generated from the seed articles' own sentences.

    python -m bench.synth --articles 10000 --out /tmp/crosscheck-bench/corpus-10000 [--seeds DIR] [--seed N]

Every synthetic article takes one seed article as its template (so sizes follow the real
ones: about 2,500 to 6,000 characters), keeps its headline and paragraph structure, swaps
some paragraphs and sentences for ones from other seeds, reorders a few, and then varies:

  figures   every number but years gets a new value (each article its own: "84" may become
            "61" here and "129" there, consistently within the article)
  dates     month and day of each date, some years, weekdays and clock times
  names     people, places and outlets are each renamed in about half the articles, one
            consistent new name per article ("Kerman" -> "Yazd" throughout)
  ordinals  "fourth anniversary" -> "second anniversary", and so on

so no two articles are copies (the reader would drop a duplicate), figures disagree the way
real coverage does, and BM25 sees realistic term statistics. The output folder holds the
real seed files too (their names untouched, so the development questions still find them)
plus synthetic files named syn<number>_<hash>.txt, N files in all. Deterministic for a given
--seed. The folder is replaced when it exists and holds only generated files.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from index.sentences import sentence_spans

PROJECT = Path(__file__).resolve().parents[1]
SYNTHETIC_PREFIX = "syn"

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]

# Names in the seeds, longest first so "Qassem Soleimani" is renamed before "Soleimani".
PEOPLE = {
    "Soleimani": ["Hamedani", "Shateri", "Zahedi", "Mousavi", "Hajizadeh", "Baqeri", "Salami"],
    "Raisi": ["Rouhani", "Jalili", "Larijani", "Ghalibaf", "Pezeshkian"],
    "Khamenei": ["Sistani", "Shirazi", "Golpaygani", "Makarem"],
    "Mokhber": ["Jahangiri", "Aref", "Nobakht", "Zarghami"],
    "Zelin": ["Lister", "Hassan", "Byman", "Winter", "Mironova", "Hoffman"],
    "Kirby": ["Price", "Patel", "Jean-Pierre", "Sullivan", "Psaki"],
    "Miller": ["Ortagus", "Nauert", "Toner", "Kirby"],
    "Amirabdollahian": ["Zarif", "Araghchi", "Salehi", "Velayati"],
    "Fazli": ["Vahidi", "Momeni", "Rahmani"],
    "Alinejad": ["Ebadi", "Sotoudeh", "Mohammadi"],
    "Bahrami": ["Mansouri", "Kazemi", "Sadeghi"],
    "Guterres": ["Annan", "Ban", "Dujarric"],
}
FIRST_NAMES = {
    "Qassem": ["Hossein", "Mohammad", "Ali", "Reza", "Mehdi", "Javad", "Hassan"],
    "Qasem": ["Hossein", "Mohammad", "Ali", "Reza", "Mehdi", "Javad", "Hassan"],
    "Ebrahim": ["Hassan", "Saeed", "Mohammad", "Masoud"],
    "Ebhrahim": ["Hassan", "Saeed", "Mohammad", "Masoud"],
    "Aaron": ["Charles", "Daniel", "Colin", "Vera", "Bruce"],
    "John": ["Ned", "Vedant", "Karine", "Jake"],
    "Matthew": ["Morgan", "Heather", "Mark"],
    "Hossein": ["Javad", "Abbas", "Ali Akbar"],
    "Masih": ["Shirin", "Nasrin", "Narges"],
    "António": ["Kofi", "Ban Ki-moon", "Stéphane"],
}
PLACES = {
    "Kerman": ["Yazd", "Isfahan", "Shiraz", "Mashhad", "Tabriz", "Ahvaz", "Zahedan", "Qom", "Rasht",
               "Kermanshah", "Bandar Abbas", "Hamadan"],
    "Baghdad": ["Basra", "Erbil", "Mosul", "Damascus"],
    "Kabul": ["Kandahar", "Herat", "Jalalabad"],
    "Tehran": ["Tehran", "Tehran", "the capital"],
    "Turkey": ["Iraq", "Pakistan", "Qatar", "Oman"],
}
OUTLETS = {
    "Telegram": ["Telegram", "Rocket.Chat", "Element", "TamTam"],
    "IRNA": ["ISNA", "Fars", "Mehr", "IRIB"],
    "Tasnim": ["Fars", "Mehr", "Tabnak", "Khabar Online"],
    "Amaq": ["Al-Naba", "Nashir", "Al-Hayat"],
    "AFP": ["Reuters", "AP", "Anadolu", "EPA"],
}
BANNERS = [("The Media Line", "https://themedialine.org"), ("Gulf Observer", "https://gulf-observer.example"),
           ("Tehran Monitor", "https://tehran-monitor.example"), ("Levant Wire", "https://levantwire.example"),
           ("Caspian Daily", "https://caspiandaily.example"), ("Eastern Post", "https://easternpost.example")]

_DATE = re.compile(rf"\b(?P<month>{'|'.join(MONTHS)}) (?P<day>\d{{1,2}})\b(?P<year>,? (?:19|20)\d\d)?")
_DAY_MONTH = re.compile(rf"\b(?P<weekday>{'|'.join(WEEKDAYS)}), (?P<month>{'|'.join(MONTHS)}) (?P<day>\d{{1,2}})\b")
_TIME = re.compile(r"\b(?P<hour>\d{1,2}):(?P<minute>\d\d)(?P<suffix> ?[ap]\.m\.)")
_YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w]|[.,]\d)")
_NUMBER = re.compile(r"(?<![\w.,:])\d{1,3}(?:,\d{3})*(?![\w]|[.,:]\d)")
_WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")
_ORDINAL = re.compile(rf"\b(?:{'|'.join(ORDINALS)})(?= anniversary\b)", re.IGNORECASE)


@dataclass(frozen=True)
class SeedArticle:
    name: str
    headline: str                     # first non-blank line
    preamble: list[str]               # lines above the headline (banners, captions)
    paragraphs: list[str]             # non-blank lines after the headline
    sentences: list[list[str]]        # sentences of each paragraph


def load_seeds(seeds_dir: Path) -> list[SeedArticle]:
    seeds = []
    for path in sorted(seeds_dir.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        head = 0
        while head < len(lines) - 1 and (lines[head].startswith("- ") and "http" in lines[head]
                                         or lines[head].lower().startswith("photo")):
            head += 1
        paragraphs = lines[head + 1:]
        sentences = [[line[s:e] for s, e in sentence_spans(line)] for line in paragraphs]
        seeds.append(SeedArticle(path.name, lines[head], lines[:head], paragraphs, sentences))
    if not seeds:
        raise SystemExit(f"no seed articles in {seeds_dir}")
    return seeds


class Generator:
    """Makes article number i, always the same text for the same (seeds, seed, i)."""

    def __init__(self, seeds: list[SeedArticle], seed: int = 0):
        self.seeds = seeds
        self.seed = seed
        # Paragraphs and sentences worth borrowing: prose, not table rows or lists.
        self.paragraph_pool = [p for s in seeds for p in s.paragraphs if len(p) > 120 and "|" not in p]
        self.sentence_pool = [x for s in seeds for sents in s.sentences for x in sents
                              if len(x) > 60 and "|" not in x and not x.startswith("-")]

    def article(self, i: int) -> str:
        rng = random.Random(f"{self.seed}:{i}")
        template = self.seeds[i % len(self.seeds)] if rng.random() < 0.5 else rng.choice(self.seeds)
        paragraphs = []
        for paragraph, sentences in zip(template.paragraphs, template.sentences):
            roll = rng.random()
            if roll < 0.08:
                continue                                         # dropped
            if roll < 0.30 and len(paragraph) > 120 and "|" not in paragraph:
                paragraphs.append(self._borrow(rng, paragraphs))  # swapped for another source's
                continue
            if len(sentences) > 1:
                sentences = [rng.choice(self.sentence_pool) if rng.random() < 0.2 else s for s in sentences]
            paragraphs.append(" ".join(sentences))
        if rng.random() < 0.5:
            paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), self._borrow(rng, paragraphs))
        for _ in range(rng.randrange(3)):                        # a few adjacent paragraphs swapped
            if len(paragraphs) > 3:
                j = rng.randrange(1, len(paragraphs) - 1)
                paragraphs[j], paragraphs[j + 1] = paragraphs[j + 1], paragraphs[j]
        paragraphs = list(dict.fromkeys(paragraphs))  # a borrowed paragraph may be one the template has
        preamble = []
        if rng.random() < 0.35:
            outlet, url = rng.choice(BANNERS)
            preamble.append(f"- {outlet} - {url} -")
        elif template.preamble and rng.random() < 0.5:
            preamble.extend(template.preamble)
        body = "\n\n".join(preamble + [template.headline] + paragraphs)
        return self._vary(body, rng) + "\n"

    def _borrow(self, rng: random.Random, present: list[str]) -> str:
        """A paragraph of another seed that the article does not hold yet."""
        for _ in range(10):
            paragraph = rng.choice(self.paragraph_pool)
            if paragraph not in present:
                return paragraph
        return paragraph

    def _vary(self, text: str, rng: random.Random) -> str:
        # Names first (whole words), one consistent choice per article.
        for table in (FIRST_NAMES, PEOPLE, PLACES, OUTLETS):
            for name, options in table.items():
                if name in text and rng.random() < 0.5:
                    text = re.sub(rf"\b{re.escape(name)}\b", rng.choice(options), text)
        shift = rng.choice([0, 0, 0, -1, 1, 2])
        event_month = rng.randrange(12)

        def new_date(match: re.Match) -> str:
            month = MONTHS[(MONTHS.index(match["month"]) + event_month) % 12]
            day = max(1, min(28, int(match["day"]) + rng.randrange(-2, 6)))
            year = match["year"]
            if year:
                year = re.sub(r"\d{4}", lambda y: str(int(y.group()) + shift), year)
            return f"{month} {day}{year or ''}"

        weekday_shift = rng.randrange(7)
        text = _DAY_MONTH.sub(lambda m: f"{WEEKDAYS[(WEEKDAYS.index(m['weekday']) + weekday_shift) % 7]}, "
                                        f"{m['month']} {m['day']}", text)
        text = _DATE.sub(new_date, text)
        text = _WEEKDAY.sub(lambda m: WEEKDAYS[(WEEKDAYS.index(m.group()) + weekday_shift) % 7], text)
        text = _TIME.sub(lambda m: f"{rng.randrange(1, 12)}:{rng.choice(['00', '15', '30', '45', '10', '50'])}"
                                   f"{m['suffix']}", text)
        if shift:
            text = _YEAR.sub(lambda m: str(int(m.group()) + shift) if int(m.group()) >= 2015 else m.group(), text)
        ordinal_shift = rng.choice([0, 0, 1, -1, 2])
        if ordinal_shift:
            text = _ORDINAL.sub(lambda m: _same_case(m.group(), ORDINALS[
                max(0, min(len(ORDINALS) - 1, ORDINALS.index(m.group().lower()) + ordinal_shift))]), text)
        numbers: dict[str, str] = {}

        def new_number(match: re.Match) -> str:
            written = match.group()
            if written not in numbers:
                value = int(written.replace(",", ""))
                if 1900 <= value <= 2100 and "," not in written:
                    return written                                # a year: left (or shifted) above
                varied = max(1, round(value * rng.uniform(0.55, 1.7)))
                if value <= 10:
                    varied = max(1, value + rng.randrange(-2, 4))
                numbers[written] = f"{varied:,}" if "," in written else str(varied)
            return numbers[written]

        return _NUMBER.sub(new_number, text)


def _same_case(original: str, word: str) -> str:
    return word.capitalize() if original[:1].isupper() else word


def generate(out: Path, articles: int, seeds_dir: Path, seed: int = 0) -> list[Path]:
    """Write the real seeds plus synthetic articles to out, `articles` files in all."""
    seeds = load_seeds(seeds_dir)
    if out.exists():
        stray = [p for p in out.iterdir() if not (p.name.startswith(SYNTHETIC_PREFIX)
                                                  or (seeds_dir / p.name).exists())]
        if stray:
            raise SystemExit(f"{out} holds files this generator did not write ({stray[0].name}); "
                             "choose an empty or generated folder")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    for s in seeds[:articles]:
        shutil.copyfile(seeds_dir / s.name, out / s.name)
        written.append(out / s.name)
    generator = Generator(seeds, seed)
    seen: set[str] = set()
    i = len(written)
    attempt = i
    while len(written) < articles:
        text = generator.article(attempt)
        attempt += 1
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:
            continue                                              # vanishingly rare; never a copy
        seen.add(digest)
        path = out / f"{SYNTHETIC_PREFIX}{i:05d}_{digest[:12]}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
        i += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True, help="files in the corpus, seeds included")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (outside the repository)")
    parser.add_argument("--seeds", type=Path, default=PROJECT / "seeds")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.out, args.articles, args.seeds, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB, average {size / len(paths):.0f} bytes -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Wrap held-out treebank documents in article pages, for real extractors in 12 languages.

The readability page set is mostly English. This script builds a page set whose
article text is human-edited prose in every UD language of ``../shared/data/ud``:
each page holds one document's paragraphs (at most ``PARAGRAPHS``) with inline links
and emphasis, as a CMS writes them, inside a page frame (menu, byline, share
buttons, related links, footer, a style sheet and a config script). The frame's
words are written for this project in each language (``FRAME``).

``scripts/extract_with_tools.py --html-dir OUT/html --pages-meta OUT/meta.jsonl``
then runs the real extractors on the pages and labels what they broke against
``expected.html`` (the headline and the paragraphs), as for the readability pages.
Only documents that never trained the model are used (the build's hash split, or
NC-licensed ones); Russian has none, so its pages reuse trained documents.

Usage (system python, then the tools' venv, then the benchmark)::

    python3 scripts/make_ud_pages.py --out /work/data/ud_pages
    /work/toolsvenv/bin/python scripts/extract_with_tools.py --html-dir /work/data/ud_pages/html \\
        --pages-meta /work/data/ud_pages/meta.jsonl --out /work/data/ud_pages
    python3 benchmarks/audit_quality.py /work/data/ud_pages/extracted.jsonl --by-language
"""

from __future__ import annotations

import argparse
import collections
import html
import json
import pathlib
import random
import sys
from typing import Iterator, NamedTuple

import regex

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from build_training_set import DATA, hash_split, read_jsonl  # noqa: E402

#: Paragraphs per page, pages per language.
PARAGRAPHS, PAGES = 6, 12
#: Share of words (or CJK phrases) that open an inline element.
INLINE_SHARE = 0.08
SPACELESS = {"ja", "zh"}


class Frame(NamedTuple):
    """A page frame's words in one language; the first five make the menu."""
    home: str
    news: str
    world: str
    sport: str
    culture: str
    contact: str
    privacy: str
    rights: str
    related: str
    byline: str
    share: str
    subscribe: str


#: Page frame words per language, in ``Frame``'s order.
_FRAME_WORDS = {
    "en": ["Home", "News", "World", "Sport", "Culture", "Contact us", "Privacy policy", "All rights reserved",
           "Read more", "By", "Share", "Subscribe"],
    "fr": ["Accueil", "Actualités", "Monde", "Sport", "Culture", "Nous contacter", "Politique de confidentialité",
           "Tous droits réservés", "Lire aussi", "Par", "Partager", "S'abonner"],
    "de": ["Startseite", "Nachrichten", "Welt", "Sport", "Kultur", "Kontakt", "Datenschutz",
           "Alle Rechte vorbehalten", "Mehr zum Thema", "Von", "Teilen", "Abonnieren"],
    "ru": ["Главная", "Новости", "В мире", "Спорт", "Культура", "Контакты", "Политика конфиденциальности",
           "Все права защищены", "Читайте также", "Автор:", "Поделиться", "Подписаться"],
    "uk": ["Головна", "Новини", "Світ", "Спорт", "Культура", "Контакти", "Політика конфіденційності",
           "Усі права захищено", "Читайте також", "Автор:", "Поділитися", "Підписатися"],
    "bg": ["Начало", "Новини", "Свят", "Спорт", "Култура", "Контакти", "Политика за поверителност",
           "Всички права запазени", "Прочетете още", "Автор:", "Сподели", "Абонирай се"],
    "hr": ["Naslovnica", "Vijesti", "Svijet", "Sport", "Kultura", "Kontakt", "Pravila privatnosti",
           "Sva prava pridržana", "Pročitajte još", "Autor:", "Podijeli", "Pretplati se"],
    "fi": ["Etusivu", "Uutiset", "Ulkomaat", "Urheilu", "Kulttuuri", "Ota yhteyttä", "Tietosuojaseloste",
           "Kaikki oikeudet pidätetään", "Lue myös", "Teksti:", "Jaa", "Tilaa"],
    "el": ["Αρχική", "Ειδήσεις", "Κόσμος", "Αθλητισμός", "Πολιτισμός", "Επικοινωνία", "Πολιτική απορρήτου",
           "Με επιφύλαξη παντός δικαιώματος", "Διαβάστε επίσης", "Του", "Κοινοποίηση", "Εγγραφή"],
    "ar": ["الرئيسية", "أخبار", "العالم", "رياضة", "ثقافة", "اتصل بنا", "سياسة الخصوصية", "جميع الحقوق محفوظة",
           "اقرأ أيضا", "بقلم", "مشاركة", "اشترك"],
    "ja": ["ホーム", "ニュース", "国際", "スポーツ", "文化", "お問い合わせ", "プライバシーポリシー", "無断転載を禁じます",
           "関連記事", "文：", "シェア", "購読する"],
    "zh": ["首页", "新闻", "国际", "体育", "文化", "联系我们", "隐私政策", "版权所有", "相关阅读", "作者：", "分享", "订阅"],
}
FRAME = {lang: Frame(*words) for lang, words in _FRAME_WORDS.items()}
SITES = ("Dnevnik", "Le Quotidien", "Tagesblatt", "Sanomat", "Kathimerini", "Al Yawm", "Asahi", "Renmin")
NAMES = ("Anna Petrova", "Jean Martin", "Li Wei", "Sato Yuki", "Maria Weber", "Ahmed Hassan", "Ivan Horvat")
_SENTENCE_RE = regex.compile(r"(?<=[.!?。！？])\s*")
#: A sentence that ends on a word of 3+ letters, not on an abbreviation cut (``κ.``, ``(27.``).
_WORD_END_RE = regex.compile(r"\p{L}{3,}[.!?]?\Z")
#: A CJK phrase boundary: inline elements start after punctuation or at a character.
_CJK_CUT_RE = regex.compile(r"(?<=[，、。：「」])")


def held_out_documents(ud_path: pathlib.Path) -> dict[str, list[list[dict]]]:
    """Per language, the UD documents (lists of paragraphs in order) that never
    trained the model: their hash split is not train, or they are NC-licensed.
    Russian has none of those, so all its documents are kept."""
    docs: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for row in read_jsonl(ud_path):
        held = hash_split("ud:" + row["doc_id"]) != "train" or "NC" in (row.get("license") or "")
        if held or row["lang"] == "ru":
            docs[(row["lang"], row["doc_id"])].append(row)
    out: dict[str, list[list[dict]]] = collections.defaultdict(list)
    for (lang, _), rows in sorted(docs.items()):
        for i in range(0, len(rows), PARAGRAPHS):  # long documents make several pages
            out[lang].append(rows[i:i + PARAGRAPHS])
    return out


def headline(text: str, lang: str) -> str | None:
    """A headline from a document's first paragraph: its shortest whole sentence of
    headline length (final stop dropped), else None.

    >>> headline("It rained. The storm reached the coast on Monday. Nobody was hurt.", "en")
    'The storm reached the coast on Monday'
    >>> headline("Yes.", "en") is None
    True
    >>> headline("Der Präsident der Kommission (EK) sprach am Freitag (27. Mai) lange.", "de") is None
    True
    """
    low, high = (6, 30) if lang in SPACELESS else (20, 90)
    parts = [p.strip() for p in _SENTENCE_RE.split(text) if p.strip()]
    good = [p for p in parts if low <= len(p) <= high and (lang in SPACELESS or _WORD_END_RE.search(p))
            and p.count("(") == p.count(")")]
    return min(good, key=len).rstrip(".。") if good else None


def with_inline(text: str, lang: str, rng: random.Random) -> str:
    """The paragraph's HTML with a few words (CJK: phrases) inside ``<a>``, ``<em>``
    or ``<strong>``; a closing mark after a wrapped word mostly stays outside it."""
    if lang in SPACELESS:
        pieces = [p for p in _CJK_CUT_RE.split(text) if p]
        out = []
        for piece in pieces:
            if rng.random() < INLINE_SHARE * 4 and len(piece) > 3:
                n = rng.randint(2, min(6, len(piece) - 1))
                out.append(_wrap(piece[:n], rng) + html.escape(piece[n:]))
            else:
                out.append(html.escape(piece))
        return "".join(out)
    words, out, i = text.split(" "), [], 0
    while i < len(words):
        if rng.random() < INLINE_SHARE and len(words[i]) > 1:
            n = rng.choice((1, 1, 2, 3))
            span, tail = " ".join(words[i:i + n]), ""
            if span[-1:] in ",.;:!?»”)" and rng.random() < 0.7:
                span, tail = span[:-1], span[-1]
            out.append(_wrap(span, rng) + html.escape(tail))
            i += n
        else:
            out.append(html.escape(words[i]))
            i += 1
    return " ".join(out)


def _wrap(text: str, rng: random.Random) -> str:
    tag = rng.choice(("a", "a", "em", "strong"))
    attr = f' href="/p/{rng.randrange(1000)}"' if tag == "a" else ""
    return f"<{tag}{attr}>{html.escape(text)}</{tag}>"


def page(lang: str, k: int, rows: list[dict], teasers: list[str], rng: random.Random) -> tuple[str, str, str]:
    """(name, source.html, expected.html) of one page."""
    frame = FRAME[lang]
    name = f"ud-{lang}-{k:02d}"
    site = rng.choice(SITES)
    title = headline(rows[0]["text"], lang)
    h1 = f"<h1>{html.escape(title)}</h1>\n" if title else ""
    nav = "".join(f'<li><a href="/{i}">{html.escape(w)}</a></li>' for i, w in enumerate(frame[:5]))
    body = "\n".join(f"<p>{with_inline(r['text'], lang, rng)}</p>" for r in rows)
    related = "".join(f'<li><a href="/t/{i}">{html.escape(t)}</a></li>' for i, t in enumerate(teasers))
    date = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.20{rng.randint(10, 24)}"
    source = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title or site)} | {site}</title>
<style>body{{font-family:sans-serif;margin:0}} nav li{{display:inline;margin:0 6px}} .byline{{color:#666}}</style>
<script>window.__CONFIG__ = {{"page":"{name}","lang":"{lang}","ads":true}};</script>
</head><body>
<header><div class="logo"><a href="/">{site}</a></div><nav><ul>{nav}</ul></nav></header>
<main><article>
{h1}<p class="byline">{html.escape(frame.byline)} <a href="/a/1">{rng.choice(NAMES)}</a> · {date}</p>
{body}
<div class="share"><a href="#">{html.escape(frame.share)}</a> <a href="#">{html.escape(frame.subscribe)}</a></div>
</article>
<aside><h2>{html.escape(frame.related)}</h2><ul>{related}</ul></aside>
</main>
<footer><p>© 2024 {site}. {html.escape(frame.rights)}.</p><p><a href="/privacy">{html.escape(frame.privacy)}</a> | <a href="/contact">{html.escape(frame.contact)}</a></p></footer>
</body></html>
"""
    expected = h1 + "\n".join(f"<p>{html.escape(r['text'])}</p>" for r in rows)
    return name, source, expected


def build(ud_path: pathlib.Path, out: pathlib.Path, seed: int = 7) -> Iterator[dict]:
    """Write the pages under ``out/html``; yield one meta row per page."""
    rng = random.Random(seed)
    for lang, docs in sorted(held_out_documents(ud_path).items()):
        if lang not in FRAME:
            continue
        rng.shuffle(docs)
        heads = [h for d in docs for h in [headline(d[0]["text"], lang)] if h]
        for k, rows in enumerate(docs[:PAGES]):
            own = headline(rows[0]["text"], lang)
            others = sorted({h for h in heads if h != own})
            teasers = rng.sample(others, min(4, len(others)))
            name, source, expected = page(lang, k, rows, teasers, rng)
            folder = out / "html" / name
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "source.html").write_text(source, encoding="utf-8")
            (folder / "expected.html").write_text(expected, encoding="utf-8")
            yield {"page_name": name, "lang": lang, "split": "test", "html_lang": lang}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ud", type=pathlib.Path, default=DATA / "ud" / "paragraphs.jsonl")
    ap.add_argument("--out", type=pathlib.Path, default=pathlib.Path("/work/data/ud_pages"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    meta = list(build(args.ud, args.out, args.seed))
    (args.out / "meta.jsonl").write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in meta),
                                         encoding="utf-8")
    print(f"{len(meta)} pages: {dict(collections.Counter(m['lang'] for m in meta))} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Align extractor output with a page's expected article text and label each paragraph.

Standard library only, so it runs both in the tools virtualenv (from
``scripts/extract_with_tools.py``) and under the system python (unit tests).

Vocabulary
----------
- *block*: one block-level piece of the expected article (p, li, h1-6, td, ...),
  whitespace-collapsed.  ``<br>`` does not end a block; its position is kept as a
  *soft break* so that a cut at a line break can be judged separately.
- *alnum form*: NFKC, casefolded, only letters, digits and combining marks.  Two
  texts with the same alnum form have the same words; they may differ in spacing
  and punctuation.  ``S`` is the alnum form of all blocks concatenated.
- *cut*: a place inside a block where a paragraph starts or ends.  A cut is a
  ``sentence`` boundary, ``mid`` (mid-sentence: the paragraph is truncated) or
  ``ambiguous`` (row dropped).

>>> ref = Reference([Block("Title"), Block("The first sentence is written here. The second one follows it.")])
>>> label_paragraph("TitleThe first sentence is written here. The second one follows it.", ref).labels
['spliced']
>>> label_paragraph("The first sentence is written here.", ref).labels
[]
>>> label_paragraph("The first sentence is", ref).labels  # short, but 4 words found once
['truncated']
>>> label_paragraph("first", ref).labels  # one short word: not judged (None)
>>> label_paragraph("The first sentence is written here. The second one", ref).labels
['truncated']
>>> label_paragraph("The first sentence is written here . The second one follows it.", ref).labels
['spacing']
"""

from __future__ import annotations

import html
import html.parser
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "Block", "Reference", "CodeReference", "Verdict", "label_paragraph",
    "html_blocks", "code_texts", "split_paragraphs", "norm_text", "alnum_form",
]

# ---------------------------------------------------------------- normalisation

# Invisible characters dropped before any comparison (not ZWJ/ZWNJ: they matter in
# Persian, Indic scripts and emoji).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)
_WS_RUN = re.compile(r"\s+")
_BULLET = re.compile(r"^[^\S\n]*(?:#{1,6}|[-*+\u2022\u00b7\u25aa\u25cf]|>)[^\S\n]+", re.M)
# Sentence-final marks (after NFKC: "！" -> "!", "？" -> "?", "．" -> ".").
_SENT_END = set(".!?\u3002\u2026\u061f\u0964\u06d4")
_CJK_SENT_END = set("\u3002!?\uff61")
_CLOSERS = set("\"'\u201d\u2019\u00bb\u300d\u300f)]}\u3011\u3009\u300b")
_FRENCH_PUNCT = set(";:!?\u00bb\u00ab")
_AFTER_SPACE = set(".!?,;:)]}\"'\u201d\u2019\u00bb")
SOFT_BREAK = "\u2028"  # marks <br> positions while parsing
INLINE = "\ue000"  # marks inline tag boundaries while parsing (private use: NFKC keeps it)


def norm_text(text: str) -> str:
    """NFKC, drop invisibles, collapse whitespace (runs with a newline -> "\\n", else " ").

    >>> norm_text(" a\\u00a0 b \\n\\n c ")
    'a b\\nc'
    """
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)

    def _collapse(m: re.Match) -> str:
        return "\n" if "\n" in m.group(0) else " "

    return _WS_RUN.sub(_collapse, text).strip()


def flat(text: str) -> str:
    """``text`` with newlines turned into spaces (for whitespace-insensitive-to-kind compare)."""
    return text.replace("\n", " ")


def nospace(text: str) -> str:
    """``text`` without any whitespace."""
    return _WS_RUN.sub("", text)


def _is_word_char(ch: str) -> bool:
    """Letter, digit or combining mark (marks belong to the preceding letter)."""
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


def alnum_form(text: str) -> tuple[str, list[int]]:
    """Casefolded word characters of ``text`` and, for each, its index in ``text``.

    >>> alnum_form("Ab, c!")
    ('abc', [0, 1, 4])
    >>> alnum_form("Straße")[0]
    'strasse'
    """
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for folded in ch.casefold():
            if _is_word_char(folded):
                chars.append(folded)
                index.append(i)
    return "".join(chars), index


def strip_bullet(text: str) -> str:
    """Remove list/heading/quote markers that extractors put at line starts ("- ", "* ", "# ", "> ").

    >>> strip_bullet("- one\\n  * two")
    'one\\ntwo'
    """
    return _BULLET.sub("", text)


# ---------------------------------------------------------------- HTML parsing

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li "
    "main menu nav ol p pre section summary table tbody td tfoot th thead title tr ul".split()
)
SKIP_TAGS = frozenset("script style template noscript svg head".split())
CODE_TAGS = frozenset("script style template".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


@dataclass(frozen=True)
class Block:
    """One block of the expected article: normalised text, soft-break offsets, tag."""

    text: str
    soft_breaks: frozenset = frozenset()
    tag: str = "p"
    glue_points: frozenset = frozenset()  # offsets where two inline elements meet as "lowerUpper"


class _BlockParser(html.parser.HTMLParser):
    """Collects block texts; inline elements are concatenated as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._buf: list[str] = []
        self._tags: list[str] = ["p"]
        self._skip = 0

    def _flush(self) -> None:
        raw = "".join(self._buf)
        self._buf = []
        if raw.strip():
            self.blocks.append((raw, self._tags[-1]))

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self._skip += 1
        elif tag == "br" and not self._skip:
            self._buf.append(SOFT_BREAK)
        elif tag in BLOCK_TAGS:
            self._flush()
            if tag not in _VOID:
                self._tags.append(tag)
        elif not self._skip:
            self._buf.append(INLINE)

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and not self._skip:
            self._buf.append(SOFT_BREAK)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self._flush()
            if tag in self._tags[1:]:
                while self._tags.pop() != tag:
                    pass
        elif not self._skip:
            self._buf.append(INLINE)

    def handle_data(self, data):
        if not self._skip:
            if "pre" in self._tags:  # preformatted line breaks are real line breaks
                data = data.replace("\n", SOFT_BREAK)
            self._buf.append(data)

    def close(self):
        super().close()
        self._flush()


def _make_block(raw: str, tag: str) -> Block | None:
    """Normalise a raw block; soft-break and inline-boundary markers become offsets."""
    text = ""
    breaks = set()
    for piece in raw.replace(INLINE, "").split(SOFT_BREAK):
        piece = flat(norm_text(piece))
        if not piece:
            continue
        if text:
            breaks.add(len(text))  # offset of the separating space
            text += " "
        text += piece
    if not alnum_form(text)[0]:
        return None
    return Block(text, frozenset(breaks), tag, frozenset(_glue_points(raw, text)))


def _glue_points(raw: str, text: str) -> set[int]:
    """Offsets in ``text`` where an inline tag boundary joins a lowercase and an uppercase letter.

    ``<span>Credit</span><span>Erik</span>`` renders as two visual units but its text
    reads "CreditErik": a splice made by the page itself.
    """
    marked = flat(norm_text(raw.replace(SOFT_BREAK, " ")))
    points = set()
    j = 0
    pending = False
    for ch in marked:
        if ch == INLINE:
            pending = True
            continue
        if ch.isspace():
            continue
        while j < len(text) and text[j] != ch:
            j += 1
        if j >= len(text):
            break
        if pending and j > 0 and text[j - 1].isalpha() and text[j - 1].islower() and text[j].isupper():
            points.add(j)
        pending = False
        j += 1
    return points


_CODE_CHARS = set("{}[]()<>;=$#|\\/*&%_+`~^")
_CODE_LINE = re.compile(r"(?:^|\n)\s*(?:\$|>>>|db=#|#include|import |def |function |var |const |let |SELECT |<\w)", re.I)
_LATEX = re.compile(r"\{\\displaystyle|\\(?:frac|mathrm|mathsf|mathbf|overline|left|right|sum|int|lambda|alpha)\b")


def looks_like_code(text: str) -> bool:
    """True if a preformatted block reads as program text, a shell session or data (not prose).

    >>> looks_like_code("db=# SELECT status, count(*) FROM logs;"), looks_like_code("The key words MUST and MAY.")
    (True, False)
    """
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return False
    share = sum(ch in _CODE_CHARS for ch in chars) / len(chars)
    return share >= 0.06 or bool(_CODE_LINE.search(text))


_PROSE = re.compile(r"[^\W\d_]{2,}[,;:]? [^\W\d_]{2,}[,;:]? [^\W\d_]{2,}")


def has_latex(text: str) -> bool:
    """True if ``text`` carries LaTeX source (math alttext such as ``{\\displaystyle A^{T}}``)."""
    return bool(_LATEX.search(text))


def is_code_text(text: str) -> bool:
    """Paragraph-level test for text from a ``<pre>`` block: code/data/transcript, not prose.

    >>> is_code_text("SELECT avg(n) FROM unnest(array[2, 3]) AS n;"), is_code_text("emcc -O3 add.c -o add.wasm")
    (True, True)
    >>> is_code_text("The server then returns the current version of the document to the client.")
    False
    """
    if looks_like_code(text):
        return True
    lowered = [m.group(0) for m in _PROSE.finditer(text)]
    return not any(w == w.lower() for w in lowered)


def html_blocks(markup: str) -> list[Block]:
    """Block texts of an HTML document (article text), skipping script/style.

    >>> [b.text for b in html_blocks("<h1>T</h1><p>A <a>b</a>, c.<br>D</p><ul><li>x</li></ul>")]
    ['T', 'A b, c. D', 'x']
    """
    parser = _BlockParser()
    parser.feed(markup)
    parser.close()
    out = []
    for raw, tag in parser.blocks:
        block = _make_block(raw, tag)
        if block is not None:
            out.append(block)
    return out


class _CodeParser(html.parser.HTMLParser):
    """Collects the text of script/style/template elements, and the visible text apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.texts: list[str] = []
        self.visible: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in CODE_TAGS:
            self._depth += 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag in CODE_TAGS and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.texts[-1] += data
        else:
            self.visible.append(data)

    def handle_entityref(self, name):
        if not self._depth:
            self.visible.append(html.unescape(f"&{name};"))

    def handle_charref(self, name):
        if not self._depth:
            self.visible.append(html.unescape(f"&#{name};"))


def code_texts(markup: str) -> list[str]:
    """Raw text of every script/style/template element of a page.

    >>> code_texts("<p>x</p><script>var a = 1;</script><style>p{}</style>")
    ['var a = 1;', 'p{}']
    """
    return page_texts(markup)[0]


def page_texts(markup: str) -> tuple[list[str], str]:
    """(script/style/template texts, all other text of the page joined by spaces)."""
    parser = _CodeParser()
    parser.feed(markup)
    parser.close()
    return [t for t in parser.texts if t.strip()], " ".join(parser.visible)


# ---------------------------------------------------------------- paragraphs

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_BLANK_SPLIT = re.compile(r"(?:\n[^\S\n]*){2,}")
_LINE_SPLIT = re.compile(r"[\n\u2028\u2029\x0b\x0c\x85]+")


def split_paragraphs(text: str) -> list[str]:
    """Split on blank lines when the text has one, else on lines; trim each, drop empty.

    >>> split_paragraphs("a\\nb\\n\\n c ")
    ['a\\nb', 'c']
    >>> split_paragraphs("a\\nb")
    ['a', 'b']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    splitter = _BLANK_SPLIT if _BLANK_LINE.search(text) else _LINE_SPLIT
    return [p.strip() for p in splitter.split(text) if p.strip()]


# ---------------------------------------------------------------- references

GRAM = 10


def _grams(s: str, n: int = GRAM) -> set[int]:
    """Hashes of all n-grams of ``s``."""
    return {hash(s[i:i + n]) for i in range(len(s) - n + 1)}


def _coverage(s: str, grams: set[int], n: int = GRAM) -> float:
    """Share of the characters of ``s`` covered by an n-gram found in ``grams``."""
    if len(s) < n:
        return 0.0
    covered = [False] * len(s)
    for i in range(len(s) - n + 1):
        if hash(s[i:i + n]) in grams:
            for j in range(i, i + n):
                covered[j] = True
    return sum(covered) / len(s)


class Reference:
    """The expected article of one page, indexed for alignment."""

    def __init__(self, blocks: list[Block], strict_spacing: bool = False) -> None:
        """``strict_spacing``: the reference itself may glue inline nodes (a raw page), so a
        space the output adds between two words is not evidence of a defect."""
        self.blocks = list(blocks)
        self.strict_spacing = strict_spacing
        parts = []
        self.pos_block: list[int] = []
        self.pos_char: list[int] = []
        self.block_start: list[int] = []
        offset = 0
        for b, block in enumerate(self.blocks):
            form, index = alnum_form(block.text)
            self.block_start.append(offset)
            parts.append(form)
            self.pos_block.extend([b] * len(form))
            self.pos_char.extend(index)
            offset += len(form)
        self.S = "".join(parts)
        self.grams = _grams(self.S)
        self.whole: dict[str, int] = {}  # alnum form of a block -> its first offset in S
        for b in range(len(self.blocks)):
            end = self.block_start[b + 1] if b + 1 < len(self.blocks) else len(self.S)
            self.whole.setdefault(self.S[self.block_start[b]:end], self.block_start[b])

    def find(self, q: str) -> int:
        """Offset of ``q`` in ``S``, preferring a block that ``q`` equals; -1 if absent."""
        pos = self.whole.get(q)
        return pos if pos is not None else self.S.find(q)

    def coverage(self, q: str) -> float:
        """Share of ``q`` (alnum form) covered by 10-grams of the article."""
        return _coverage(q, self.grams)


class CodeReference:
    """Script/style text of the source page (and its visible text), for detecting leaked code.

    A paragraph is code when most of it occurs in scripts/styles and little of it
    occurs in the page's visible text: UI strings that are also repeated inside a
    JavaScript config ("Cookies", "Share") stay out of ``leaked_code``.
    """

    N = 12

    def __init__(self, texts: list[str], visible: str = "") -> None:
        self.grams = _grams("\x00".join(nospace(norm_text(t)) for t in texts), self.N)
        vis = nospace(norm_text(visible))
        self.visible = vis
        self.visible_grams = _grams(vis, self.N)

    @classmethod
    def from_html(cls, markup: str) -> "CodeReference":
        """Build from a page's HTML."""
        texts, visible = page_texts(markup)
        return cls(texts, visible)

    def coverage(self, text: str) -> float:
        """Share of ``text`` (non-space chars) found in scripts/styles but not in visible text."""
        s = nospace(flat(norm_text(text)))
        if len(s) < self.N:
            return 0.0
        in_code = _coverage(s, self.grams, self.N)
        if in_code < 0.5:
            return in_code
        return in_code if _coverage(s, self.visible_grams, self.N) < 0.5 else 0.0


# ---------------------------------------------------------------- labelling

@dataclass
class Verdict:
    """Labels for a paragraph, or ``labels=None`` when the row must be dropped (``reason``)."""

    labels: list[str] | None
    reason: str
    detail: dict = field(default_factory=dict)


_TAG_RE = re.compile(r"<[A-Za-z/!][^<>]{0,400}>")


def markup_share(text: str) -> float:
    """Share of characters inside HTML tags."""
    if not text:
        return 0.0
    return sum(len(m.group(0)) for m in _TAG_RE.finditer(text)) / len(text)


def is_wide(ch: str) -> bool:
    """True for CJK/kana/full-width characters (scripts written without spaces)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


_SENT_MARK_THEN_SPACE = re.compile(r"(?<!\s)[.!?\u2026\u061f\u0964\u06d4][^\w\s]*\s")


def ends_sentence(gap: str, block_end: bool = False) -> bool:
    """True if the non-word text ``gap`` (between two words) holds a sentence end.

    Inside a block the mark must be followed by whitespace ("3.5" and "abcnews.com"
    are not sentence ends) and must not follow a space (citation lists: 'Review" . Variety');
    at the end of a block the mark alone is enough.

    >>> ends_sentence('." '), ends_sentence(', '), ends_sentence('。'), ends_sentence('.')
    (True, False, True, False)
    >>> ends_sentence('.', block_end=True)
    True
    """
    if any(ch in "\u3002\uff61" for ch in gap):
        return True
    if block_end:
        return any(ch in _SENT_END for ch in gap)
    return _SENT_MARK_THEN_SPACE.search(gap) is not None


def classify_cut(block: Block, left_end: int, right_start: int) -> str:
    """Judge a cut inside ``block`` between the word char at ``left_end`` and the one at ``right_start``.

    Returns ``sentence`` (the pieces are whole sentences), ``mid`` (a sentence, word
    or number is cut: truncated) or ``ambiguous`` (clause boundary, line break
    before a capital, abbreviation: the row is dropped).

    >>> b = Block("He left. Then she came, and: it 3.5 ends")
    >>> classify_cut(b, 6, 9), classify_cut(b, 18, 20), classify_cut(b, 1, 3), classify_cut(b, 31, 33)
    ('sentence', 'mid', 'mid', 'mid')
    """
    text = block.text
    gap = text[left_end + 1:right_start]
    if not gap:
        return "mid"  # inside a word or a number
    left, right = text[left_end], text[right_start]
    cjk_end = any(ch in "!?" for ch in gap) and (is_wide(left) or is_wide(right))
    if ends_sentence(gap) or cjk_end:
        if "." in gap and not cjk_end and _looks_abbrev(text, left_end):
            return "ambiguous"
        return "sentence"
    if any(left_end < b < right_start for b in block.soft_breaks):
        return "mid" if right.islower() else "ambiguous"
    if any(ch in ":;" for ch in gap):
        return "ambiguous"
    return "mid"


def _looks_abbrev(text: str, left_end: int) -> bool:
    """True if the word ending at ``left_end`` looks like an abbreviation or initial ("U.S", "Dr", "J")."""
    start = left_end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:left_end + 1]
    return len(word.replace(".", "")) <= 2 or "." in word or word in {"Mr", "Mrs", "Dr", "St", "vs", "etc", "Inc"}


def _compare_core(p_part: str, e_part: str, strict: bool = False) -> str:
    """``same``, ``spacing``, ``unsure`` (only debatable whitespace differs) or ``punct``.

    >>> _compare_core("word , word", "word, word"), _compare_core("CreditHiroko", "Credit Hiroko")
    ('spacing', 'spacing')
    >>> _compare_core("Credit Hiroko", "CreditHiroko"), _compare_core("a ; b", "a; b")
    ('unsure', 'unsure')
    """
    p_part, e_part = flat(p_part), flat(e_part)
    if p_part == e_part:
        return "same"
    if nospace(p_part) != nospace(e_part):
        return "punct"
    kinds = whitespace_diffs(p_part, e_part, strict)
    if not kinds:
        return "same"
    return "spacing" if "spacing" in kinds else "unsure"


def space_gaps(text: str) -> tuple[str, list[bool]]:
    """Non-space characters of ``text`` and, for each gap between two of them, whether space was there."""
    chars: list[str] = []
    spaced: list[bool] = []
    pending = False
    for ch in text:
        if ch.isspace():
            pending = True
            continue
        if chars:
            spaced.append(pending)
        chars.append(ch)
        pending = False
    return "".join(chars), spaced


_CLOSING = set(",.;:!?)]}\u00bb\u201d\u3001\u3002")
_OPENING = set("([{\u00ab\u201c")


def whitespace_diffs(p_text: str, e_text: str, strict: bool = False) -> set[str]:
    """Kinds of whitespace differences between two texts with equal non-space characters.

    ``spacing``: a real defect ("word ,", "it.So", "H ong", "亮麗的 天空").
    ``unsure``: French spacing before ; : ! ? » / after «, a space added at a
    lower->upper case boundary or after punctuation where the reference glues
    ("Credit Hiroko", "salt. Credit" vs "salt.CreditHiroko": the reference is the
    glued one), or a space between CJK
    characters that the reference has but the output drops.
    With ``strict`` (the reference is a raw page that may glue inline nodes), an added
    space is ``spacing`` only before closing or after opening punctuation.

    >>> sorted(whitespace_diffs("comments 941", "comments941", strict=True))
    ['unsure']
    >>> sorted(whitespace_diffs("Tech , Trump", "Tech, Trump", strict=True))
    ['spacing']
    """
    chars, p_sp = space_gaps(p_text)
    _, e_sp = space_gaps(e_text)
    kinds = set()
    for i, (ps, es) in enumerate(zip(p_sp, e_sp)):
        if ps == es:
            continue
        left, right = chars[i], chars[i + 1]
        if right in _FRENCH_PUNCT or left == "\u00ab":
            kinds.add("unsure")
        elif strict and ps and not (right in _CLOSING or left in _OPENING):
            kinds.add("unsure")
        elif ps and left.isalpha() and right.isalpha() and left.islower() and right.isupper():
            kinds.add("unsure")
        elif ps and left in _AFTER_SPACE and right.isalnum():
            kinds.add("unsure")  # the output adds the space that belongs after punctuation
        elif es and is_wide(left) and is_wide(right):
            kinds.add("unsure")
        else:
            kinds.add("spacing")
    return kinds


@dataclass
class _Span:
    """A piece of the paragraph whose alnum form equals ``S[s_from:s_from+len]``."""

    q_from: int
    q_to: int
    s_from: int


def _runs(span: _Span, ref: Reference) -> list[tuple[int, int, int]]:
    """Split a span into (block, q_from, q_to) runs of one block each."""
    runs = []
    k = span.q_from
    while k < span.q_to:
        b = ref.pos_block[span.s_from + k - span.q_from]
        end_s = ref.block_start[b + 1] if b + 1 < len(ref.blocks) else len(ref.S)
        k_end = min(span.q_to, k + end_s - (span.s_from + k - span.q_from))
        runs.append((b, k, k_end))
        k = k_end
    return runs


def _analyse_span(p: str, qidx: list[int], span: _Span, ref: Reference, first: bool, last: bool) -> dict:
    """Compare one aligned span with the article: spacing, punctuation, junctions and cuts."""
    out = {"spacing": False, "unsure": False, "punct": False, "glued": False,
           "cell_glue": False, "start_cut": None, "end_cut": None}

    def s_char(k: int) -> int:
        return ref.pos_char[span.s_from + k - span.q_from]

    runs = _runs(span, ref)
    for r, (b, k0, k1) in enumerate(runs):
        block = ref.blocks[b]
        verdict = _compare_core(p[qidx[k0]:qidx[k1 - 1] + 1], block.text[s_char(k0):s_char(k1 - 1) + 1],
                                ref.strict_spacing)
        out[verdict] = out.get(verdict, False) or verdict != "same"
        _check_inline_glue(p, qidx, block, [s_char(k) for k in range(k0, k1)], k0, out)
        if r + 1 < len(runs):  # junction between two blocks
            nb, nk0, _ = runs[r + 1]
            region = p[qidx[k1 - 1] + 1:qidx[nk0]]
            tail = block.text[s_char(k1 - 1) + 1:]
            head = ref.blocks[nb].text[:s_char(nk0)]
            _judge_junction(region, tail, head, block, ref.blocks[nb], out)
    # paragraph start
    b0, k0, _ = runs[0]
    block = ref.blocks[b0]
    c0 = s_char(k0)
    lead_p = p[:qidx[k0]] if first else ""
    if ref.block_start[b0] < span.s_from:  # cut inside the block
        prev = ref.pos_char[span.s_from - 1]
        out["start_cut"] = classify_cut(block, prev, c0)
        out["start_info"] = (block.text[prev + 1:c0], block.text[c0])
        lead_e = nospace(block.text[prev + 1:c0])
        if first and nospace(lead_p) and not lead_e.endswith(nospace(lead_p)):
            out["punct"] = True
    elif first:
        _compare_edge(lead_p, block.text[:c0], out, lead=True, strict=ref.strict_spacing)
    # paragraph end
    bl, _, kl = runs[-1]
    block = ref.blocks[bl]
    cl = s_char(kl - 1)
    trail_p = p[qidx[kl - 1] + 1:] if last else ""
    block_end = ref.block_start[bl + 1] if bl + 1 < len(ref.blocks) else len(ref.S)
    s_end = span.s_from + kl - span.q_from
    if s_end < block_end:
        nxt = ref.pos_char[s_end]
        out["end_cut"] = classify_cut(block, cl, nxt)
        out["end_info"] = (block.text[cl + 1:nxt], block.text[nxt])
        trail_e = block.text[cl + 1:nxt]
        if last and nospace(trail_p) and not nospace(trail_e).startswith(nospace(trail_p)):
            out["punct"] = True
        elif last and trail_p[:1].isspace() and not trail_e[:1].isspace():
            out["spacing"] = True  # "word ," at a cut
    elif last:
        _compare_edge(trail_p, block.text[cl + 1:], out, lead=False, strict=ref.strict_spacing)
    return out


def _check_inline_glue(p: str, qidx: list[int], block: Block, chars: list[int], k0: int, out: dict) -> None:
    """Flag a glue point of ``block`` inside the paragraph that the paragraph also keeps glued."""
    if not block.glue_points:
        return
    for offset, c in enumerate(chars):
        k = k0 + offset
        if offset and c in block.glue_points and qidx[k] == qidx[k - 1] + 1:
            out["glued"] = True
            out.setdefault("joins", []).append(("inline_glue", "", p[max(0, qidx[k] - 20):qidx[k]],
                                                p[qidx[k]:qidx[k] + 20]))


def _compare_edge(p_edge: str, e_edge: str, out: dict, lead: bool, strict: bool = False) -> None:
    """Compare the non-word text before the first (``lead``) / after the last word with the block's.

    A stand-in word character is attached so that "( 14" vs "(14" shows up as spacing.
    """
    p_edge, e_edge = flat(p_edge), flat(e_edge)
    if lead:
        kind = _compare_core(p_edge + "x", e_edge + "x", strict)
    else:
        kind = _compare_core("x" + p_edge, "x" + e_edge, strict)
    if kind == "punct" and nospace(p_edge) in nospace(e_edge):
        return  # the output dropped a quote or bracket of its own edge: tolerated
    if kind != "same":
        out[kind] = True


def _judge_junction(region: str, tail: str, head: str, left: Block, right: Block, out: dict) -> None:
    """Judge how two expected blocks are joined inside one paragraph.

    ``region`` is the paragraph text between the last word of ``left`` and the first
    word of ``right``; ``tail``/``head`` are the blocks' own trailing/leading non-word text.
    A join is legitimate at a line break, or after a sentence end followed by a space
    (no space needed after "。" or before a CJK character).  Otherwise it is a splice.
    """
    if nospace(region) != nospace(tail + head):
        out["punct"] = True
        return
    if "\n" in region:
        return  # a line break separates them: not glued
    middle = region[len(tail):len(region) - len(head)] if len(region) >= len(tail) + len(head) else "x"
    clean_sep = region.startswith(tail) and region.endswith(head) and not middle.strip()
    has_space = bool(middle) and clean_sep
    first_right = right.text[len(head)] if len(right.text) > len(head) else ""
    no_space_ok = "\u3002" in tail or (first_right and is_wide(first_right))
    context = (region, left.text[-25:], right.text[:25])
    if ends_sentence(tail, block_end=True):
        if not (has_space or no_space_ok):
            out["spacing"] = True  # "end.Next" or "end .Next": a sentence break without its space
            out.setdefault("joins", []).append(("spacing",) + context)
        return
    if (left.tag in ("td", "th") and right.tag in ("td", "th") and region.strip(" ") != region) or \
            re.search(r"[ \t]{3,}", region):
        out["cell_glue"] = True  # table cells, or a column layout (inscriptis): not judged
        return
    out["glued"] = True
    out.setdefault("joins", []).append(("glued",) + context)


def _find_pieces(q: str, ref: Reference, min_len: int) -> list[_Span]:
    """Greedy left-to-right decomposition of ``q`` into maximal substrings of the article."""
    pieces: list[_Span] = []
    i = 0
    hint = 0
    S = ref.S
    while i <= len(q) - min_len:
        if q[i:i + min_len] not in S:
            i += 1
            continue
        lo, hi = min_len, len(q) - i
        while lo < hi:  # longest prefix of q[i:] that occurs in S
            mid = (lo + hi + 1) // 2
            if q[i:i + mid] in S:
                lo = mid
            else:
                hi = mid - 1
        sub = q[i:i + lo]
        pos = S.find(sub, hint)
        if pos < 0:
            pos = S.find(sub)
        pieces.append(_Span(i, i + lo, pos))
        hint = pos + lo
        i += lo
    return pieces


def _labels_from(analyses: list[dict], spliced: bool) -> Verdict:
    """Turn span analyses into a verdict (or a drop)."""
    labels = set()
    if spliced or any(a["glued"] for a in analyses):
        labels.add("spliced")
    if any(a["spacing"] for a in analyses):
        labels.add("spacing")
    cuts = [analyses[0]["start_cut"], analyses[-1]["end_cut"]]
    if "mid" in cuts:
        labels.add("truncated")
    if any(a["punct"] for a in analyses):
        return Verdict(None, "punct_differs", {"labels": sorted(labels)})
    if "ambiguous" in cuts and "truncated" not in labels:
        return Verdict(None, "ambiguous_cut", {"labels": sorted(labels)})
    if any(a["unsure"] for a in analyses) and not labels:
        return Verdict(None, "unsure_spacing_only")
    if any(a["cell_glue"] for a in analyses) and not labels:
        return Verdict(None, "table_or_layout_join")
    joins = [j for a in analyses for j in a.get("joins", [])]
    info = [analyses[0].get("start_info"), analyses[-1].get("end_info")]
    return Verdict(sorted(labels), "aligned", {"cuts": cuts, "cut_info": info, "joins": joins[:3]})


def _judgeable_fragment(p: str, q: str, ref: Reference) -> bool:
    """True if a short partial match is specific enough to be judged as a piece of the article.

    It must occur once in the article and have at least 3 words (8 characters in scripts
    written without spaces); single UI words ("Accueil", "Share") that also occur inside
    article prose are not.
    """
    words = [w for w in p.split() if alnum_form(w)[0]]
    wide = sum(is_wide(ch) for ch in p) >= len(q) / 2
    if not (len(words) >= 3 or (wide and len(q) >= 8)):
        return False
    first = ref.S.find(q)
    return first >= 0 and ref.S.find(q, first + 1) < 0


_GLUED_LINE_LETTERS = 6
_LIST_MARK = re.compile(r"^(?:[*+\-#>]+|\d+\.)\s+")


def _glued_line(text: str, source_ref: Reference) -> bool:
    """True when a line of a multi-line ``text`` (list marks dropped) glues two source
    blocks (``source_defects`` of the line alone says spliced). Lines of fewer than
    ``_GLUED_LINE_LETTERS`` letters are too short to place on the page (``50`` matched
    as the end of ``2015`` glued to ``0 comments``)."""
    lines = [_LIST_MARK.sub("", line.strip()) for line in text.splitlines()]
    lines = [line for line in lines if sum(c.isalpha() for c in line) >= _GLUED_LINE_LETTERS]
    return len(lines) > 1 and any("spliced" in source_defects(line, source_ref) for line in lines)


def source_defects(text: str, source_ref: Reference) -> set[str]:
    """Extra labels for a boilerplate paragraph, from its alignment with the *source page's* blocks.

    The source page's naive block split is the reference for text outside the article.
    Only strict evidence counts, because nav bars and link lists are legitimately
    split into items: ``spliced`` when two source blocks are glued with no space
    between word characters ("ProfileFollow"), ``truncated`` when the paragraph starts
    or ends inside running prose (the text after the cut starts lowercase after plain
    space, or the cut is inside a word), ``spacing`` for whitespace errors.

    >>> src = Reference(html_blocks("<div>Profile</div><div>Follow</div><p>Sign up to get the daily newsletter in your inbox today.</p>"), True)
    >>> sorted(source_defects("ProfileFollow", src)), sorted(source_defects("Sign up to get the daily newsletter", src))
    (['spliced'], ['truncated'])
    >>> sorted(source_defects("Profile Follow", src))
    []

    A paragraph of several lines that does not align whole (a comment's header with its
    menu under it) is judged line by line for glued blocks: one glued line makes it spliced.

    >>> sorted(source_defects("ProfileFollow\\n  Sign up to get the daily newsletter in your inbox today.", src))
    ['spliced']
    """
    verdict = label_paragraph(text, source_ref)
    if not verdict.labels:
        return {"spliced"} if _glued_line(text, source_ref) else set()
    extra = set()
    if "spacing" in verdict.labels:
        extra.add("spacing")
    for join in verdict.detail.get("joins", []):
        if join[0] in ("glued", "inline_glue") and join[1] == "" and join[2][-1:].isalnum() \
                and join[3][:1].isalnum():
            extra.add("spliced")
    if "truncated" in verdict.labels:
        prose_cut = True
        for cut, info in zip(verdict.detail["cuts"], verdict.detail["cut_info"]):
            if cut == "mid":
                gap, right_char = info
                prose_cut &= gap == "" or (not gap.strip() and right_char.islower())
        if prose_cut:
            extra.add("truncated")
    return extra


def label_paragraph(text: str, ref: Reference, code: CodeReference | None = None,
                    short: int = 25, min_piece: int = 12) -> Verdict:
    """Label one extractor paragraph against the expected article ``ref``.

    ``code`` (scripts/styles of the source page) enables ``leaked_code``.
    """
    p = norm_text(strip_bullet(text.strip()))
    q, qidx = alnum_form(p)
    if not q:
        return Verdict(None, "no_word_chars")
    if markup_share(text) >= 0.3:
        return Verdict(["leaked_code"], "markup")
    if has_latex(text):
        return Verdict(["leaked_code"], "latex")
    pos = ref.find(q)
    if pos >= 0:
        span = _Span(0, len(q), pos)
        runs = _runs(span, ref)
        if any(ref.blocks[b].tag == "pre" for b, _, _ in runs) and is_code_text(p):
            return Verdict(["leaked_code"], "code_block")  # content code is still code in prose corpora
        if len(q) < short and len(runs) == 1 and flat(ref.blocks[runs[0][0]].text) != flat(p):
            block = ref.blocks[runs[0][0]]
            if nospace(block.text) != nospace(flat(p)) and not _judgeable_fragment(p, q, ref):
                if code is not None and code.coverage(text) >= 0.8:
                    return Verdict(["leaked_code"], "code_short")
                return Verdict(None, "short_substring")
        a = _analyse_span(p, qidx, span, ref, True, True)
        return _labels_from([a], spliced=False)
    code_cov = code.coverage(text) if code is not None else 0.0
    if code_cov >= 0.5:
        return Verdict(["leaked_code"], "code", {"code_cov": round(code_cov, 2)})
    if code_cov >= 0.2:
        return Verdict(None, "partly_code", {"code_cov": round(code_cov, 2)})
    if len(q) < short:
        return Verdict(["boilerplate"], "short_not_in_article")
    cov = ref.coverage(q)
    if cov <= 0.2:
        return Verdict(["boilerplate"], "not_in_article", {"coverage": round(cov, 2)})
    pieces = _find_pieces(q, ref, min_piece)
    covered = sum(s.q_to - s.q_from for s in pieces)
    if not pieces or covered / len(q) < 0.8 or len(pieces) > 4:
        return Verdict(None, "partial_coverage", {"coverage": round(cov, 2), "pieces": len(pieces)})
    return _label_pieces(p, qidx, q, _snap_to_blocks(pieces, q, ref), ref)


def _snap_to_blocks(pieces: list[_Span], q: str, ref: Reference, reach: int = 12) -> list[_Span]:
    """Move a split point between two pieces back onto a block boundary when possible.

    Greedy matching lets a piece overrun into the next block when that block starts like
    the text that follows in the paragraph ("...Properties" + "Th|is section" vs "Th|e
    entries"); moving the split back by a few characters turns it into a block junction.
    """
    starts = set(ref.block_start) | {len(ref.S)}
    out = list(pieces)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if b.q_from != a.q_to:
            continue
        a_end = a.s_from + a.q_to - a.q_from
        for d in range(1, min(reach, a.q_to - a.q_from - 1, b.s_from) + 1):
            if (a_end - d) in starts and (b.s_from - d) in starts and \
                    ref.S[b.s_from - d:b.s_from] == q[b.q_from - d:b.q_from]:
                out[k] = _Span(a.q_from, a.q_to - d, a.s_from)
                out[k + 1] = _Span(b.q_from - d, b.q_to, b.s_from - d)
                break
    return out


_CODEISH = re.compile(r"[{}\\<>=^_]")
_TITLE_SEP = re.compile(r"\s[-|\u2013\u2014:\u00bb/]\s|\s?[|]\s?")


def _letters(s: str) -> int:
    """Number of letters (not digits) in ``s``."""
    return sum(ch.isalpha() for ch in s)


def is_whole_block(text: str, ref: Reference) -> bool:
    """True if ``text`` has the same words as one whole block of ``ref``."""
    return alnum_form(norm_text(strip_bullet(text)))[0] in ref.whole


def _block_bounds(ref: Reference, s: int) -> tuple[bool, bool]:
    """(is ``s`` the start of a block, is ``s`` the end of a block) for an offset in S."""
    starts = set(ref.block_start)
    return s in starts or s == 0, s in starts or s == len(ref.S)


def _label_pieces(p: str, qidx: list[int], q: str, pieces: list[_Span], ref: Reference) -> Verdict:
    """Label a paragraph made of several article pieces and/or foreign text.

    Between two pieces, or at the paragraph edges:
    - a jump from one block end to another block start (nothing foreign between) is a
      junction, judged like any block join (line break or sentence end: fine; glued: spliced);
    - a pure deletion inside a block (a chunk of the block missing, as when link text is
      dropped) or a pure insertion of foreign text on the same line is ``spliced``;
    - foreign text on its own line, after a title separator (" - ", " | "), or a
      substitution (both deleted and inserted text: paraphrase) makes the row ambiguous.
    """
    analyses = []
    for k, span in enumerate(pieces):
        a = _analyse_span(p, qidx, span, ref, k == 0 and span.q_from == 0,
                          k == len(pieces) - 1 and span.q_to == len(q))
        analyses.append(a)
    spliced = False
    for k, (a, b) in enumerate(zip(pieces, pieces[1:])):
        a_end = a.s_from + a.q_to - a.q_from
        inserted = b.q_from - a.q_to
        region = p[qidx[a.q_to - 1] + 1:qidx[b.q_from]]
        at_end = _block_bounds(ref, a_end)[1]
        at_start = _block_bounds(ref, b.s_from)[0]
        if inserted == 0 and at_end and at_start:
            left, right = ref.blocks[ref.pos_block[a_end - 1]], ref.blocks[ref.pos_block[b.s_from]]
            tail = left.text[ref.pos_char[a_end - 1] + 1:]
            head = right.text[:ref.pos_char[b.s_from]]
            _judge_junction(region, tail, head, left, right, analyses[k])
            analyses[k]["punct"] = False
            continue
        if "\n" in region or _TITLE_SEP.search(region):
            return Verdict(None, "mixed_lines")
        if _CODEISH.search(region):
            return Verdict(None, "inserted_markup")
        skipped = b.s_from - a_end
        context = (p[max(0, qidx[a.q_to - 1] - 20):qidx[a.q_to - 1] + 1], region, p[qidx[b.q_from]:qidx[b.q_from] + 20])
        same_block = ref.pos_block[a_end - 1] == ref.pos_block[b.s_from] if b.s_from < len(ref.S) else False
        if inserted == 0 and 3 <= skipped <= 400 and same_block:
            spliced = True  # a chunk of the block is missing here
            analyses[k].setdefault("joins", []).append(("missing_chunk",) + context)
        elif inserted >= 3 and skipped == 0 and _letters(q[a.q_to:b.q_from]) >= 3:
            spliced = True  # foreign text inserted on the same line
            analyses[k].setdefault("joins", []).append(("inserted",) + context)
        else:
            return Verdict(None, "substitution")
    for side, extra in (("lead", pieces[0].q_from), ("tail", len(q) - pieces[-1].q_to)):
        if not extra:
            continue
        region = p[:qidx[pieces[0].q_from]] if side == "lead" else p[qidx[pieces[-1].q_to - 1] + 1:]
        foreign = q[:extra] if side == "lead" else q[len(q) - extra:]
        if _letters(foreign) < 3:
            return Verdict(None, "small_difference")
        edge = pieces[0].s_from if side == "lead" else pieces[-1].s_from + pieces[-1].q_to - pieces[-1].q_from
        if not _block_bounds(ref, edge)[0 if side == "lead" else 1]:
            return Verdict(None, "substitution")  # foreign text replaces the rest of a block
        if "\n" in region or _TITLE_SEP.search(region):
            return Verdict(None, "mixed_lines")
        if _CODEISH.search(region):
            return Verdict(None, "inserted_markup")
        spliced = True  # foreign text glued to article text
        analyses[0 if side == "lead" else -1].setdefault("joins", []).append((side + "_extra", region[:40]))
        if side == "lead":
            analyses[0]["start_cut"] = None
        else:
            analyses[-1]["end_cut"] = None
    return _labels_from(analyses, spliced=spliced)


def write_jsonl(path, rows) -> None:
    """Write rows as JSONL atomically (temp file + rename), so a reader never sees half a file."""
    import json
    import pathlib

    path = pathlib.Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    tmp.replace(path)

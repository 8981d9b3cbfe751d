"""Boilerplate: page furniture kept by the scraper (menus, footers, share bars …).

Two sources of evidence, both counted and both giving spans:

1. A phrase table (``features/data/boilerplate_phrases.json``) of navigation,
   legal, account and share phrases in 35 languages. *Phrases* ("privacy
   policy", "Lire la suite", "阅读全文") are specific; *words* ("Menu",
   "Share", "Suche") are page furniture only when a line holds nothing else.
   All languages are matched at once (a page in one language often carries
   an English footer) with one trie-shaped regex.
2. Shapes, one named alternative each in ``_SHAPE_RE``:

=================  ==============================================================
rule               what it matches
=================  ==============================================================
separator_line     a line of ``___``, ``***``, ``-----``, ``· · ·`` (3+ marks)
ui_counter         a short label with a count, a link arrow or an icon-font glyph (a private-use
                   character): ``Webinars (6)``, ``► December (5)``, ``Más en Especial ›``,
                   ``Next Chapter →``, ``\ue095 Pin``; or a link to another article after a
                   "read also" lead: ``Lire : Que sont les IMSI-catchers ?``, ``Related: …``,
                   ``Читайте также: …``, ``関連記事：…``; or MediaWiki's permanent link line
                   (``Retrieved from "https://…/index.php?title=…&oldid=…"`` in any language)
byline_only        a line that is only a byline, a credit or a follow button: ``By Jane
                   Smith``, ``Por Tejal Rao``, ``Photo: Reuters``, ``(Artist: Mr-Corr)``,
                   ``Follow @dangoodin``
date_only          a line that is only a (publication) date, optionally prefixed by
                   "Published", "Updated", "Publié le" … or by a name ("Rick Rottman ·
                   March 10, 2017 at 6:16 PM"), a relative timestamp ("4 hours
                   ago", "il y a 3 heures", "3時間前") or a time ("10:25"); month + year
                   alone is counted but gets no span: it may be a timeline heading
copyright          ``© 2024 ABC News``, ``Copyright 2019``, ``(c) 2020``
share_count        ``1,623 comments``, ``12 shares``, ``Share 0``
link_chain         3+ short items joined by ``|`` ``·`` ``•`` ``»`` ``›`` ``>``, a tag line
                   (``Topics: uber, Sydney, sharing economy``), or 3+ bulleted short items
                   without sentence ends, one per line (a menu as html2text writes it)
=================  ==============================================================

Span rules built on phrase hits: ``ui_line`` (a line made only of phrases/words,
separators and counts), ``phrase_chain`` (3+ phrases with short gaps: a footer
glued into one line) and ``phrase_dominant`` (a short paragraph mostly made of
one phrase, such as "Chat with us in Facebook Messenger.").

Teasers of other articles and captions read like prose: the numbers (length,
title-case share, terminator, phrase hits) let the model combine them with page
context. No span is claimed for them from the text alone; ``looks_like_headline``
tells the page-context step (``qa.model.featurize``) which lines may be a teaser
once their place on the page is known.

>>> [s.rule for s in signals("___").spans]
['separator_line']
>>> [s.rule for s in signals("Home | News | Weather | Contact us").spans]
['link_chain', 'ui_line']
>>> signals("The committee published its privacy report on Monday.", "en").spans
()
"""

from __future__ import annotations

import bisect
import functools
import math
import operator
import re
import unicodedata
from typing import Iterable

import regex

from features.data import table
from features.scripts import ends_with_reference_marks, wide_count
from features.spans import Signals, Span, clip_spans

__all__ = [
    "LABEL",
    "NAMES",
    "RULES",
    "signals",
    "phrase_spans",
    "shape_spans",
    "count",
    "is_boilerplate",
    "looks_like_headline",
]

LABEL = "boilerplate"

RULES: tuple[str, ...] = (
    "separator_line",
    "ui_counter",
    "byline_only",
    "date_only",
    "copyright",
    "share_count",
    "link_chain",
    "ui_line",
    "phrase_chain",
    "phrase_dominant",
)

NAMES: tuple[str, ...] = (
    "boilerplate_phrase_hits_log",
    "boilerplate_word_hits_log",
    "boilerplate_phrase_char_share",
    "boilerplate_ui_line",
    "boilerplate_phrase_chain",
    "boilerplate_phrase_dominant",
    "boilerplate_separator_line",
    "boilerplate_separator_share",
    "boilerplate_link_chain",
    "boilerplate_items_log",
    "boilerplate_copyright",
    "boilerplate_ui_counter",
    "boilerplate_share_count",
    "boilerplate_date_only",
    "boilerplate_byline_only",
    "boilerplate_short",
    "boilerplate_words_log",
    "boilerplate_title_case_share",
    "boilerplate_no_terminator",
    "boilerplate_url_email",
    "boilerplate_rule_count",
)

#: Longest gap (characters) between two phrases of a chain.
CHAIN_GAP = 40
#: Lines up to this length are tried by the line-shape rules.
SHORT_LINE = 200
#: Only this many leading characters are searched for phrases, copyright and line
#: shapes: it bounds the cost of a huge paragraph (its numbers are capped anyway).
SHAPE_SCAN = 20_000
#: Lines longer than this are never a UI line.
UI_LINE_MAX = 160

_MONTHS = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?"
    r"|aug(?:ust|\.)?|sep(?:t|tember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?"
    r"|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|januar|februar|märz|juni|juli|oktober|dezember"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    r"|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
    r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|януари|февруари|март|април|юни|юли|август|септември|октомври|ноември|декември"
    r"|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|januari|februari|maart|mei|augustus"
    r"|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"
    r"|ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince"
    r"|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
    r"|ocak|şubat|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık"
    r"|augusti|marts|tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta"
    r"|elokuuta|syyskuuta|lokakuuta|marraskuuta|joulukuuta"
    r"|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie"
    r"|január|február|március|április|május|június|július|augusztus|szeptember|október"
    r"|siječnja|veljače|ožujka|travnja|svibnja|lipnja|srpnja|kolovoza|rujna|studenoga|prosinca"
    r"|ιανουαρίου|φεβρουαρίου|μαρτίου|απριλίου|μαΐου|ιουνίου|ιουλίου|αυγούστου|σεπτεμβρίου"
    r"|οκτωβρίου|νοεμβρίου|δεκεμβρίου"
)
_DATE = (
    rf"(?:\d{{1,2}}\.?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"        # 27 Nov 2018, 19 юни 2024
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"   # November 27, 2018
    rf"|(?:{_MONTHS})\.?\s+\d{{4}}"                            # October 2021
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"   # 2018-11-27, 2013/12/28, 27.11.2018
    r"|\d{4}\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?"          # 2024年6月19日
    rf"|\d{{4}}\.\s+(?:{_MONTHS})\s+\d{{1,2}}\.?)"                # 2018. január 27. (Hungarian)
)
#: "4 hours ago", "il y a 3 heures", "před 21 minutami", "3時間前": a timestamp relative to now.
_AGO = (
    r"(?:about\ |over\ |updated\ |aktualizováno\ |actualizado\ |atualizado\ |mis\ à\ jour\ )?"
    r"(?:\d{1,3}\ ?(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)"
    r"\ ago"
    r"|il\ y\ a\ \d{1,3}\ (?:s|sec|secondes?|min|minutes?|h|heures?|jours?|semaines?|mois|ans?)"
    r"|vor\ \d{1,3}\ (?:Sek\.?|Sekunden|Min\.?|Minuten|Std\.?|Stunden?|Tag(?:en)?|Wochen?|Monat(?:en)?|Jahr(?:en)?)"
    r"|(?:hace|há)\ \d{1,3}\ (?:seg|segundos?|min|minutos?|h|horas?|días?|dias?|semanas?|meses|mes|mês|años?|anos?)"
    r"|\d{1,3}\ (?:secondi|minuti|ore|giorni|settimane|mesi|anni)\ fa"
    r"|před\ \d{1,3}\ (?:vteřinami|sekundami|minutou|minutami|hodinou|hodinami|dnem|dny|týdnem|týdny|měsícem"
    r"|měsíci|rokem|lety)"
    r"|\d{1,3}\ (?:секунд\w*|минут\w*|час\w*|дн\w*|день|недел\w*|месяц\w*|год\w*|лет|хвилин\w*|годин\w*"
    r"|тижн\w*|місяц\w*|рок\w*)\ (?:назад|тому)"
    r"|преди\ \d{1,3}\ (?:секунд\w*|минут\w*|час\w*|дни|ден|седмиц\w*|месец\w*|годин\w*)"
    r"|\d{1,3}\ (?:minut\w*|godzin\w*|dni|dzień|tygodni\w*|miesiąc\w*|lat\w*)\ temu"
    r"|\d{1,3}\ (?:minuten|uur|dagen|dag|weken|week|maanden|jaar)\ geleden"
    r"|\d{1,3}\ (?:saniye|dakika|saat|gün|hafta|ay|yıl)\ önce"
    r"|\d{1,3}\ ?(?:秒|分|分钟|分鐘|時間|小时|小時|日|天|週間|周|週|か月|ヶ月|个月|個月|年)前)"
)
_TIME = r"(?:\s*[,|•·-]?\s*(?:(?:at|à|um|a\ las|às|в)\s+)?\d{1,2}[:.h]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s?(?:[A-Z]{2,4}|ч\.))?)"
_COUNT_WORDS = (
    r"comments?|shares?|likes?|views?|replies|reply|retweets?|reactions?|votes?"
    r"|kommentare?|commentaires?|comentarios?|comentários?|commenti|reacties"
    r"|коммента\w{0,4}|комента\w{0,4}|просмотр\w{0,3}|прегледа|лайк\w{0,3}|评论|評論|条评论|コメント"
)

#: Shape rules (MULTILINE, VERBOSE), one alternative per rule, tried in this order.
#: The four line rules are anchored at ``^``; copyright and counts match anywhere.
_SHAPE_SRC: dict[str, str] = {
    "separator_line": r"""
    ^[ \t]*(?P<separator_line>[_=*~#·•—–-]{3,}|(?:[*·•~][ \t]?){3,})[ \t]*$   # ___ *** · · ·
    """,
    "ui_counter": r"""
    ^[ \t]*(?P<ui_counter>[►▼▶»›•·@]?[ \t]?[\p{L}\p{N}][\p{L}\p{M}\p{N} _&'’./-]{0,40}[ \t]?
        \((?!(?:1[89]|20)\d\d\))\d{1,6}\)                              # Webinars (6), 2011 六月 (8), not (1972)
        |(?![^\n]*[«‹])[←]?[ \t]?[\p{L}\p{N}][^\n]{0,60}?[ \t]?(?:›|→|»|>>)      # Más en Especial ›, Next →
        |\p{Co}[^\n]{0,40}|[^\n]{1,40}\p{Co}                         # an icon-font glyph and its label: \ue095 Pin
        |(?i:lire(?:\ aussi|\ également)?|à\ lire(?:\ aussi)?|voir\ aussi|see\ also|read\ (?:more|also|next)
        |also\ read|related(?:\ articles?|\ stories|\ coverage)?|more\ on\ this(?:\ story)?|leer\ (?:más|también)
        |lea\ también|ver\ también|leia\ (?:mais|também)|veja\ também|saiba\ mais|lesen\ sie\ (?:auch|mehr)
        |auch\ interessant|mehr\ zum\ thema|leggi\ anche|vedi\ anche|lees\ ook|zie\ ook|czytaj\ (?:też|także|również)
        |přečtěte\ si\ (?:také|též)|čtěte\ také|читайте(?:\ также|\ еще|\ ещё)?|смотрите\ также|прочетете\ още
        |вижте\ още|прочетете\ също|читайте\ також|дивіться\ також|lue\ myös|pročitajte\ (?:još|i)
        |διαβάστε\ (?:επίσης|ακόμη)|ayrıca\ okuyun|اقرأ\ أيضاً?|相关阅读|延伸阅读|相關閱讀|延伸閱讀|関連記事
        |あわせて読みたい|관련\ 기사)[ \t\u00a0\u202f]*[:：›»>|][ \t\u00a0\u202f]*(?:\n[ \t]*)?\S[^\n]{2,200}
        # Lire : …, Related: … (a link to another article; French puts a no-break space
        # before the colon, and an extractor may put the link on the next line)
        |[^\n"“«„]{0,40}["“«„]?[ \t]?https?://[^\s"”»]{1,200}?index\.php\?title=[^\s"”»]{1,300}&oldid=\d+[ \t]?["”»“]?
        )[ \t]*$                                      # Retrieved from "https://…/index.php?title=…&oldid=…" (MediaWiki)
    """,
    "byline_only": r"""
    ^[ \t]*(?P<byline_only>(?i:by|written\ by|posted\ by|edited\ by|reviewed\ by|medically\ reviewed\ by|photos?\ by
        |photographs\ by|illustrations?\ by|reporting\ by|por|par|von|di|door|от|автор:?|autor:?|yazar:?|av|af)
        [ \t]+\p{Lu}[\p{L}\p{M}'’.-]+(?:[ \t]+(?:and|y|et|und|и|&)?[ \t]?\p{Lu}[\p{L}\p{M}'’.-]+){0,4}
        (?:[ \t]*[|·•;][ \t]*(?i:sources?|photos?|graphic|chart|data|image|credits?|fuente|fonte|quelle)
        [ \t]*[:：][ \t]*[\p{Lu}\p{Lo}][\p{L}\p{M}\p{N}'’.&/, -]{0,70})?      # By X | Source: Reuters (a chart's credit)
        |\(?(?:(?i:photo(?:graph)?s?|image|picture|pictured|credit|cr[ée]dits?|cr[ée]ditos?|fotos?|bild|source|fuente
        |fonte|quelle|artist|illustration|ilustraci[óo]n|ilustra[çc][ãa]o|снимк[аи]|фото|写真|图片|圖片)
        [ \t]*[:：][ \t]*|Cr[ée]dit(?:os?|s)?(?=\p{Lu}))[\p{Lu}\p{Lo}][\p{L}\p{M}\p{N}'’.&/,| -]{0,70}(?<!\p{Ll}\.)\)?
        |(?:Follow|Unfollow|Suivre|Seguir|Folgen|Segui)[ \t]+(?:@[\p{L}\p{N}_.]+
        |\p{Lu}[\p{L}\p{M}'’.-]+(?:[ \t]+\p{Lu}[\p{L}\p{M}'’.-]+){0,2}))
        [ \t]*$                                                             # By Jane Smith, Photo: Reuters
    """,
    "date_only": rf"""
    ^[ \t]*(?P<date_only>(?:(?i:published|updated|posted|last\ updated|publié|mis\ à\ jour|veröffentlicht
        |aktualisiert|publicado|actualizado|atualizado|опубликовано|обновлено|публикувано|发布时间|更新|於|于
        |pubblicato|aggiornato|gepubliceerd|bijgewerkt|opublikowano|publikováno|aktualizováno|опубліковано
        |yayınlanma|güncellenme|publicerad|publiceret|publisert|julkaistu|päivitetty|publicat|actualizat
        |publikálva|frissítve|objavljeno|ažurirano|δημοσιεύθηκε|ενημερώθηκε)
        (?:\ on|\ le|\ am|\ el|\ em|\ il|\ op|\ tarihi)?[ \t]*:?[ \t]*)?
        (?i:{_DATE}){_TIME}?
        |(?:(?i:by|von|par|por|di|door|av|af|przez|от|від|автор:?|autor:?|teksti:|tekst:|text:|του|της)[ \t]+)?
        \p{{Lu}}[\p{{L}}\p{{M}}'’.-]+(?:[ \t]+\p{{Lu}}[\p{{L}}\p{{M}}'’.-]+){{0,3}}
        [ \t]*[·•|,—–-]?[ \t]*(?i:{_DATE}){_TIME}?                     # Rick Rottman · March 10, 2017 at 6:16 PM
        |(?i:{_AGO})|\d{{1,2}}:\d{{2}})[ \t]*$                              # Updated: 27 Nov 2018, 4 hours ago, 10:25
    """,
    "copyright": r"""
    (?P<copyright>(?:(?<![\p{L}\p{M}])©|&copy;|\((?i:c)\)|(?i:copyright)[ \t]*©?)[ \t]*(?:\d{4}(?:[ \t]?[-–][ \t]?\d{4})?
        |\p{Lu}))                                        # © 2024 ABC News (not Ã© / Â©: mojibake of é, ©)
    """,
    "share_count": rf"""
    (?P<share_count>(?<![\p{{L}}\d,.])\d[\d,.]{{0,9}}[KkMm]?[ \t]+(?i:{_COUNT_WORDS})(?![\p{{L}}])
        |(?<![\p{{L}}])(?i:share|tweet|pin|like|email)[ \t]*\d{{1,7}}(?![\p{{L}}\d]))   # 1,623 comments, Share 0
    """,
}


def _shape_re(*rules: str) -> regex.Pattern:
    return regex.compile("|".join(_SHAPE_SRC[r] for r in rules), regex.VERBOSE | regex.MULTILINE)


#: All shape rules at once: the reference. :func:`_shape_finditer` yields exactly
#: its ``finditer`` matches, several times faster: it tries the line rules only at
#: line starts and searches for copyright/counts separately.
_SHAPE_RE = _shape_re(*_SHAPE_SRC)
_SHAPE_LINE_RE = _shape_re("separator_line", "ui_counter", "byline_only", "date_only")
_SHAPE_ANY_RE = _shape_re("copyright", "share_count")
#: ``ui_counter`` and ``date_only`` need a digit (or, for ``ui_counter``, a link arrow:
#: ``_HEAVY_RE``) and a line of at most ~55 non-space
#: characters (a date line may go on over the next lines through ``\s+``, but it
#: holds its whole first line). Elsewhere only the two other line rules can match.
_SHAPE_LINE_LIGHT_RE = _shape_re("separator_line", "byline_only")
_DATE_LINE_MAX = 100
_DIGIT_RE = regex.compile(r"\d")
#: What the heavy line rules need: a digit (counts, dates), a link arrow (``More in Sport ›``),
#: an icon-font glyph (private-use characters: ``\ue095 Pin``) or the colon of a related link.
_HEAVY_RE = regex.compile(r"[\d›→»\p{Co}:：]|>>")


def _no_match(chunk: str, pos: int) -> None:
    return None


def _shape_finditer(chunk: str, maybe_copyright: bool = True):
    """The matches of ``_SHAPE_RE.finditer(chunk)``, found faster.

    The line alternatives start with ``^``: they can only match at a line start,
    where they take precedence over the others. So the leftmost match is the
    first line start (at or before the next copyright/count match) where a line
    rule matches, else that copyright/count match. Counts need a digit and a
    copyright needs a digit or one of the marks: ``maybe_copyright=False``
    promises that ``chunk`` holds none of the marks.
    """
    line_match = _SHAPE_LINE_RE.match
    light_match = _SHAPE_LINE_LIGHT_RE.match
    any_search = _SHAPE_ANY_RE.search
    n = len(chunk)
    digit = _HEAVY_RE.search(chunk)
    if digit is None and not maybe_copyright:
        if "\n" not in chunk:  # one line, no count, no copyright: only the light line rules
            m = _SHAPE_LINE_LIGHT_RE.match(chunk)
            if m is not None:
                yield m
            return
        any_search = _no_match
    digit_at = digit.start() if digit is not None else n + 1  # next digit at or after a line start
    pos = 0
    nl = -1  # chunk.find("\n", ...) cursor: line starts are 0 and nl + 1
    line_start = 0
    am = any_search(chunk, 0)
    while pos <= n:
        # a match found earlier still is the leftmost one at or after pos (a match at
        # a given start does not depend on where the search began): search again
        # only when it was passed, so a run of line matches costs linear time
        if am is not None and am.start() < pos:
            am = any_search(chunk, pos)
        limit = am.start() if am is not None else n
        m = None
        while line_start <= limit:
            nl = chunk.find("\n", line_start)
            if line_start >= pos:
                if digit_at < line_start:
                    digit = _HEAVY_RE.search(chunk, line_start)
                    digit_at = digit.start() if digit is not None else n + 1
                line = chunk[line_start:nl] if nl >= 0 else chunk[line_start:]
                heavy = digit_at <= n and (
                    len(line) <= _DATE_LINE_MAX or sum(map(len, line.split())) <= _DATE_LINE_MAX)
                m = (line_match if heavy else light_match)(chunk, line_start)
                if m is not None:
                    break
            if nl < 0:
                line_start = n + 1
                break
            line_start = nl + 1
        if m is None:
            m = am
        if m is None:
            return
        yield m
        pos = m.end()


#: Chains of short items joined by separators (checked on each line).
_CHAIN_SEP_RE = regex.compile(r"[ \t]+[|·•»›/>][ \t]+|[ \t]*[|•][ \t]*")
#: A line of tags: a label, then 3+ short items separated by commas.
_TAG_LIST_RE = regex.compile(
    r"[ \t]*(?i:topics|tags|tagged(?:\ with)?|filed\ under|categories|related\ topics|keywords|mots-clés|thèmes"
    r"|sujets|schlagworte|schlagwörter|themen|etiquetas|temas|tópicos|argomenti|теги|метки|标签|標籤|タグ)"
    r"[ \t]*[:：][ \t]*(?P<items>[^\n.!?]{3,300})"
)
_CHAIN_QUOTES = frozenset("«‹")
_LETTER_RE = regex.compile(r"[\p{L}\p{M}]")
_SEPARATOR_CHARS = frozenset("|·•»›«‹_=*~#—–/\\►▼▶")
_SEPARATOR_ASCII = tuple(c for c in _SEPARATOR_CHARS if c.isascii())
_FIRST = operator.itemgetter(0)
_FILLER_RE = regex.compile(r"[\s\d\p{P}\p{S}]+")
_TERMINATOR_END_RE = regex.compile(r"[.!?。！？؟।…][\"'”’»)\]]*\s*\Z", regex.REVERSE)
_NEWLINE_RE = re.compile("\n")
_MONTH_YEAR_RE = regex.compile(rf"(?i:{_MONTHS})\.?\s+\d{{4}}")
#: Scripts written without spaces between words: their phrases are matched without
#: word boundaries (the unspaced matcher of ``_matchers``).
_UNSPACED_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")
_GLUE_RE = regex.compile(r"\p{Ll}(?=\p{Lu})")
_GLUE_ASCII_RE = re.compile(r"[a-z](?=[A-Z])")  # the same on ASCII text, with the faster engine


def _escape(phrase: str) -> str:
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _trie(phrases: Iterable[str]) -> str:
    """A regex alternation shaped as a trie (longest match first within a branch).

    >>> _trie(["log in", "log out", "login"])
    'log(?:\\\\s+(?:in|out)|in)'
    """
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [_escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return (body if len(alts) > 1 or len(body) == 1 else "(?:" + body + ")") + "?"
        return body

    return emit(root)


def _key(phrase: str) -> str:
    """A matched phrase as the kind table stores it: lowercase, one space, straight apostrophe."""
    return " ".join(phrase.replace("’", "'").split())


@functools.cache
def _matchers() -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, str]]:
    """The phrase matchers, built once from the data table, and the kind of each entry.

    All entries of a script family sit in ONE trie (an alternation of several
    tries would be tried one after the other at every word start); what kind
    a hit is (phrase, word, section) is looked up afterwards. The spaced-script
    matcher runs on the lowercased text and starts at word boundaries (``\\b``
    lets the engine skip most positions); the matcher of unspaced scripts (CJK, Thai)
    has no boundaries.
    Right boundaries are checked on the original text by :func:`_right_ok` so
    that glued footers (``Contact usPrivacy``) still match.
    """
    data = table("boilerplate_phrases")
    kinds: dict[str, str] = {}
    for kind, name in (("sections", "section"), ("words", "word"), ("phrases", "phrase")):  # phrase wins
        for entry in data.values():
            for p in entry.get(kind, ()):
                kinds[_key(p.strip().lower())] = name
    spaced_entries = [k for k in kinds if not _UNSPACED_RE.search(k)]
    cjk_entries = [k for k in kinds if _UNSPACED_RE.search(k)]
    for k in cjk_entries:
        kinds[k] = "cjk_" + kinds[k]
    body = f"(?:{_trie(spaced_entries)})"
    return re.compile(r"\b" + body), re.compile(body), re.compile(_trie(cjk_entries)), kinds


# Built at import: compiling the ~14 kB trie takes 30-60 ms (more on a loaded
# machine), which would otherwise land on the first paragraph scored.
_matchers()


def _right_ok(text: str, end: int) -> bool:
    """True when a phrase ending at ``end`` is not the start of a longer word."""
    if end >= len(text):
        return True
    ch = text[end]
    if not (ch.isalnum() or unicodedata.category(ch).startswith("M")):
        return True
    return ch.isupper() and not text[end - 1].isupper()  # glued: "nasНе", "usPrivacy"


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _phrase_hits(text: str, low: str | None = None) -> list[tuple[int, int, str]]:
    """Sorted ``(start, end, kind)`` of phrase-table hits; kind is phrase/word/section/cjk_*.

    ``low`` is ``_lower(text)`` when the caller already has it.
    """
    spaced, glued_re, cjk, kinds = _matchers()
    if low is None:
        low = _lower(text)
    hits = [(m.start(), m.end(), kinds.get(_key(m.group()), "word"))
            for m in spaced.finditer(low) if _right_ok(text, m.end())]
    glued = 0
    for g in (_GLUE_ASCII_RE if text.isascii() else _GLUE_RE).finditer(text):
        m = glued_re.match(low, g.end())
        if m is not None and _right_ok(text, m.end()):
            hits.append((m.start(), m.end(), kinds.get(_key(m.group()), "word")))
        glued += 1
        if glued > 1000:
            break
    if not text.isascii() and _UNSPACED_RE.search(text):
        hits.extend((m.start(), m.end(), kinds.get(_key(m.group()), "word")) for m in cjk.finditer(low))
    return sorted(set(hits))


def _outside_prose(text: str, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``hits`` without the one-word phrases that sit in a line of prose (longer than
    ``UI_LINE_MAX``): ``connexion``, ``реклама``, ``Kontakt`` name furniture on a short
    line, but in a sentence they are words of it (``la connexion internet``). So are
    phrases of two or three words written in lowercase after a lowercase word there
    (``for discussing all topics related to``, ``allows drivers to sign up``:
    ``_inside_sentence``). Longer phrases (``Sign up for our newsletter``) and
    capitalised ones count anywhere.

    >>> text = "La loi impose aux fournisseurs de garder les données de connexion pendant un an, " * 2
    >>> [text[s:e] for s, e, _ in _outside_prose(text, _phrase_hits(text))]
    []
    >>> line = "Connexion"
    >>> [line[s:e] for s, e, _ in _outside_prose(line, _phrase_hits(line))]
    ['Connexion']
    """
    if len(text) <= UI_LINE_MAX:
        return hits  # (every line is short: nothing to look at)
    phrases = [h for h in hits if h[2].endswith("phrase")]
    if not phrases:
        return hits
    newlines = [m.start() for m in _NEWLINE_RE.finditer(text)]
    drop = set()
    for h in phrases:
        a, b = _line_bounds(newlines, len(text), h[0])
        if b - a <= UI_LINE_MAX:
            continue
        words = len(text[h[0]:h[1]].split())
        if words == 1 or words <= SENTENCE_PHRASE_WORDS and _inside_sentence(text, a, h[0]):
            drop.add(h)
    return [h for h in hits if h not in drop] if drop else hits


#: A lowercase word and a space just before a phrase: the phrase is words of a sentence.
_WORD_BEFORE_RE = regex.compile(r"\p{Ll}[\p{L}\p{M}'’-]* $")


def _inside_sentence(text: str, line_start: int, start: int) -> bool:
    """Does a phrase of several words at ``start`` run on a sentence, written in
    lowercase after a lowercase word (``for discussing all topics related to``)? A
    menu's label keeps its capital (``podcastAll topics``).

    >>> t = "There is no shared vocabulary for discussing all topics related to it."
    >>> _inside_sentence(t, 0, t.index("all topics")), _inside_sentence("Podcast All topics", 0, 8)
    (True, False)
    """
    before = _WORD_BEFORE_RE.search(text, max(line_start, start - 40), start)
    return text[start:start + 1].islower() and before is not None


#: A phrase of at most this many words is read as words of a sentence when it runs on
#: one (``all topics``, ``sign up``); a longer one is furniture's own sentence
#: (``son de exclusiva responsabilidad de sus autores``).
SENTENCE_PHRASE_WORDS = 3


def _line_bounds(newlines: list[int], length: int, start: int) -> tuple[int, int]:
    """The line ``[a, b)`` holding offset ``start``; ``newlines`` are the sorted ``\\n`` offsets."""
    i = bisect.bisect_left(newlines, start)
    a = newlines[i - 1] + 1 if i > 0 else 0
    b = newlines[i] if i < len(newlines) else length
    return a, b


def _link_chain(line: str) -> int:
    """Number of items if ``line`` is a chain of 3+ short items, else 0: menus
    (``Home | News | Sport``), breadcrumbs (``Home > News > 2015 > Title``) and
    tag lines (``Topics: uber, Sydney, sharing economy``).

    >>> _link_chain("Mac & i > News > 2015 > 1Password für Mac"), _link_chain("Tags: a b, c, d e")
    (4, 3)
    >>> _link_chain("if a > b > c then stop"), _link_chain("Topics: we discussed this at length, and more")
    (0, 0)
    """
    if len(line) > 400 or (line.startswith("|") and line.rstrip().endswith("|")):
        return 0
    tags = _TAG_LIST_RE.fullmatch(line.rstrip())
    if tags:
        items = [it.strip() for it in tags.group("items").split(",") if it.strip()]
        return len(items) if len(items) >= 3 and max(len(it.split()) for it in items) <= 4 else 0
    if any(q in line for q in _CHAIN_QUOTES):  # » closes a quotation here, not a menu
        line = line.replace("»", " ").replace("›", " ")
    seps = _CHAIN_SEP_RE.findall(line)
    if len(seps) < 2:
        return 0
    items = [it.strip() for it in _CHAIN_SEP_RE.split(line) if it.strip()]
    if len(items) < 3:
        return 0
    if all(sep.strip() == ">" for sep in seps) and not all(it[0].isupper() or it[0].isdigit() for it in items):
        return 0  # "if a > b > c": a comparison, not a breadcrumb
    lengths = [len(it.split()) for it in items]
    if max(lengths) > 6 or sum(lengths) / len(lengths) > 3.5:
        return 0
    if any(_TERMINATOR_END_RE.search(it) and len(it.split()) > 3 for it in items):
        return 0
    return len(items)


_BULLET_RE = regex.compile(r"[ \t]*(?:[*+•·o-]|\d{1,2}[.)])[ \t]+(\S[^\n]*)")
_ITEM_END_RE = regex.compile(r"[.!?。！？:;][\"')\]]*\s*\Z")
#: A list item that starts with a quantity (``200 g flour``, ``3 large eggs``,
#: ``1/2 tsp salt``, ``2,5 kg``): an ingredient or a part, which no menu lists.
_QUANTITY_ITEM_RE = regex.compile(r"(?:\d+(?:[.,/]\d+)?|[½¼¾⅓⅔])\s*\p{Ll}")


def _bullet_links(text: str) -> int:
    """Number of items if ``text`` is a list of 3+ bulleted short items (at most 8
    words, no sentence end): a menu or a list of links as html2text or inscriptis
    write them, else 0. A list whose items mostly start with a quantity is content
    (ingredients, parts).

    >>> _bullet_links("* Politics\\n* Business\\n  * Science & health")
    3
    >>> _bullet_links("* Mix the flour.\\n* Add eggs.\\n* Bake.")
    0
    >>> _bullet_links("- 200 g flour\\n- 3 large eggs\\n- 1 tsp salt\\n- A pinch of sugar")
    0
    """
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 3 or len(lines) > 200:
        return 0
    quantities = 0
    for line in lines:
        m = _BULLET_RE.fullmatch(line)
        if m is None:
            return 0
        item = m.group(1).rstrip()
        if len(item.split()) > 8 or _ITEM_END_RE.search(item):
            return 0
        quantities += _QUANTITY_ITEM_RE.match(item) is not None
    return 0 if 2 * quantities >= len(lines) else len(lines)


def signals(text: str, lang: str = "und") -> Signals:
    """Numbers (aligned with ``NAMES``) and evidence spans for boilerplate.

    ``lang`` is accepted for the common contract; phrases of every language are
    matched because footers are often in another language than the article.

    >>> sig = signals("Politique de confidentialité · Mentions légales · Contact", "fr")
    >>> sorted({s.rule for s in sig.spans})
    ['link_chain', 'ui_line']
    """
    spans: list[Span] = []
    stripped = text.strip()

    # -- phrases ----------------------------------------------------------------
    head = text[:SHAPE_SCAN]
    low_head = _lower(head)
    hits = _outside_prose(head, _phrase_hits(head, low_head))

    # ui_line: a (short) line made of nothing but phrases, words and filler.
    ui_line = chain = dominant = 0.0
    by_line: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    if hits and (len(text) <= UI_LINE_MAX or "\n" in text):
        newlines = [m.start() for m in _NEWLINE_RE.finditer(text)]
        for h in hits:
            by_line.setdefault(_line_bounds(newlines, len(text), h[0]), []).append(h)
    ui_lines = set()
    for (a, b), line_hits in by_line.items():
        if b - a > UI_LINE_MAX:
            continue
        rest = [text[a:line_hits[0][0]]]
        rest += [text[line_hits[i][1]:line_hits[i + 1][0]] for i in range(len(line_hits) - 1)]
        rest.append(text[line_hits[-1][1]:b])
        if all(not _FILLER_RE.sub("", r) for r in rest) and not (
            # "1. Finland", "3. Sport": a numbered list of plain words is article text
            all(h[2].endswith("section") for h in line_hits) and any(_DIGIT_RE.search(r) for r in rest)
        ):
            ui_line = 1.0
            ui_lines.add((a, b))
            spans.append(Span(line_hits[0][0], line_hits[-1][1], LABEL, "ui_line"))
    # Section names count only on their own line ("Economy" in a menu, not in prose).
    if any(h[2].endswith("section") for h in hits):
        kept = {h for line, line_hits in by_line.items() if line in ui_lines for h in line_hits}
        hits = [h for h in hits if not h[2].endswith("section") or h in kept]
    n_phrase = sum(1 for h in hits if h[2].endswith("phrase"))
    n_word = len(hits) - n_phrase
    covered = sum(e - s for s, e, _ in hits)

    # phrase_chain: 3+ specific phrases with short gaps (a footer glued into one line).
    run: list[tuple[int, int, str]] = []
    strong = [h for h in hits if h[2].endswith("phrase")]
    for h in strong + [(10**12, 10**12, "")]:
        if run and h[0] - run[-1][1] <= CHAIN_GAP:
            run.append(h)
            continue
        if len(run) >= 3:
            chain = 1.0
            spans.extend(Span(s, e, LABEL, "phrase_chain") for s, e, _ in run)
        run = [h]

    # phrase_dominant: a short paragraph mostly made of one specific phrase.
    words = stripped.split()
    letters_total = len(_LETTER_RE.findall(text)) if strong and len(words) <= 12 else 0
    if letters_total:
        share = sum(len(_LETTER_RE.findall(text[s:e])) for s, e, _ in strong) / letters_total
        if share >= 0.4:
            dominant = 1.0
            if not ui_line:
                spans.extend(Span(s, e, LABEL, "phrase_dominant") for s, e, _ in strong)

    # -- shapes -----------------------------------------------------------------
    # Line rules only make sense on short lines: look at those alone, so a long
    # paragraph costs nothing here. Copyright and counts are looked for anywhere
    # (after a cheap substring gate).
    found = {name: 0 for name in ("separator_line", "ui_counter", "byline_only", "date_only",
                                  "copyright", "share_count")}
    # (_lower only differs from str.lower on "İ", which cannot change these tests)
    gate = "©" in low_head or "copyright" in low_head or "(c)" in low_head or "&copy;" in low_head
    # (?i:copyright) in _SHAPE_RE also matches "İ" for "i"
    maybe_copyright = gate or "&copy;" in head or "\u0130" in head
    candidates: list[tuple[int, str]] = []
    if len(text) <= SHORT_LINE:
        candidates.append((0, text))
    elif "\n" in text[:SHAPE_SCAN]:
        pos = 0
        for line in text[:SHAPE_SCAN].split("\n"):
            if len(line) <= SHORT_LINE:
                candidates.append((pos, line))
            pos += len(line) + 1
    if gate and len(text) > SHORT_LINE:
        candidates.append((0, text[:SHAPE_SCAN]))
    for offset, chunk in candidates:
        for m in _shape_finditer(chunk, maybe_copyright):
            rule = m.lastgroup or ""
            if offset == 0 and chunk is not text and len(chunk) > SHORT_LINE and rule != "copyright":
                continue
            found[rule] += 1
            if rule == "share_count" and len(words) > 4 and (len(words) > 20 or chunk[:m.start(rule)].strip()):
                # a count inside prose ("She posted 12 comments on the thread.") is no share bar
                continue
            if rule == "copyright" and len(words) > 60 and not chain:
                continue
            if rule == "date_only" and _MONTH_YEAR_RE.fullmatch(m.group(rule).strip()):
                continue  # "April 2014" may be a timeline heading: a number, not a span
            spans.append(Span(offset + m.start(rule), offset + m.end(rule), LABEL, rule))

    items = 0
    if "|" in text or "·" in text or "•" in text or "»" in text or "›" in text or " > " in text or ":" in text:
        pos = 0
        for line in text[:SHAPE_SCAN].split("\n"):
            n_items = _link_chain(line)
            if n_items:
                items = max(items, n_items)
                off = len(line) - len(line.lstrip())
                spans.append(Span(pos + off, pos + len(line.rstrip()), LABEL, "link_chain"))
            pos += len(line) + 1

    if "\n" in text and len(text) <= SHAPE_SCAN:
        n_items = _bullet_links(text)
        if n_items:
            items = max(items, n_items)
            spans.append(Span(len(text) - len(text.lstrip()), len(text.rstrip()), LABEL, "link_chain"))

    nonspace = sum(map(len, words)) if len(text) < 200_000 else len(text)  # text.split() == words
    seps = sum(map(text.count, _SEPARATOR_ASCII if text.isascii() else _SEPARATOR_CHARS))
    # words are non-empty: w[:1].isupper() is w[0].isupper()
    title = sum(map(str.isupper, map(_FIRST, words[:200]))) / min(len(words), 200) if words else 0.0
    spans_out = clip_spans(spans, len(text))
    values = (
        min(1.0, math.log1p(n_phrase) / math.log(30)),
        min(1.0, math.log1p(n_word) / math.log(30)),
        min(1.0, covered / nonspace) if nonspace else 0.0,
        ui_line,
        chain,
        dominant,
        1.0 if found["separator_line"] else 0.0,
        min(1.0, seps / nonspace) if nonspace else 0.0,
        1.0 if items else 0.0,
        min(1.0, math.log1p(items) / math.log(50)),
        1.0 if found["copyright"] else 0.0,
        1.0 if found["ui_counter"] else 0.0,
        1.0 if found["share_count"] else 0.0,
        1.0 if found["date_only"] else 0.0,
        1.0 if found["byline_only"] else 0.0,
        1.0 if 0 < len(words) <= 4 else 0.0,
        min(1.0, math.log1p(len(words)) / math.log(1000)),
        title,
        0.0 if _TERMINATOR_END_RE.search(text[-50:]) or ends_with_reference_marks(text) else 1.0,
        min(1.0, (text.count("://") + text.count("www.") + text.count("@")) / 5),
        min(1.0, len({s.rule for s in spans_out}) / 4),
    )
    return Signals(values, spans_out)


def phrase_spans(text: str, lang: str = "und") -> tuple[Span, ...]:
    """Spans from the phrase table only (``ui_line``, ``phrase_chain``, ``phrase_dominant``).

    >>> [s.rule for s in phrase_spans("Skip to main content")]
    ['ui_line']
    """
    rules = {"ui_line", "phrase_chain", "phrase_dominant"}
    return tuple(s for s in signals(text, lang).spans if s.rule in rules)


def shape_spans(text: str, lang: str = "und") -> tuple[Span, ...]:
    """Spans from the shape rules only.

    >>> [s.rule for s in shape_spans("Comments (12)")]
    ['ui_counter']
    """
    rules = {"ui_line", "phrase_chain", "phrase_dominant"}
    return tuple(s for s in signals(text, lang).spans if s.rule not in rules)


def count(text: str, lang: str = "und") -> int:
    """How many distinct boilerplate rules fired (count view).

    >>> count("© 2024 Example Media. All rights reserved.")
    2
    """
    return len({s.rule for s in signals(text, lang).spans})


def is_boilerplate(text: str, lang: str = "und") -> bool:
    """Yes/no view: did any rule claim a span?

    >>> is_boilerplate("Sign in | Register"), is_boilerplate("He signed the register.")
    (True, False)
    """
    return bool(signals(text, lang).spans)


_CLOSERS_RE = regex.compile(r"[\"'\u201d\u2019\u00bb)\]\uff09\u300d\u300f\s]+$")
_HEADLINE_STOP_RE = regex.compile(r"[.!\u3002\uff01:;,\u3001]$")
_INNER_CJK_STOP_RE = regex.compile(r"[\u3002\uff01\uff1f]\S")
_HEADLINE_START_RE = regex.compile(r"[\p{Lu}\p{Lo}\p{N}'\"\u2018\u201c\u00ab\u00bf\u00a1]")


def looks_like_headline(text: str) -> bool:
    """Does ``text`` read like a headline or a link title: one line of 3-25 words
    (or 5+ CJK characters), 15-180 characters (CJK counting twice), starting
    with a capital, a digit, a quote or an unbased script, ending without a stop,
    colon or comma (a question mark or an ellipsis may end it)?

    Many article headings have this shape too, so it is no evidence on its own;
    page context turns it into some (``qa.model.featurize``: after the article's
    last prose paragraph, such a line is a teaser or page furniture).

    >>> looks_like_headline("Google removes 17 features from Google Assistant")
    True
    >>> looks_like_headline("OnePlus 3T vs OnePlus 3: what's the difference?")
    True
    >>> looks_like_headline("トレンドマイクロ、セキュリティサービスを提供")
    True
    >>> looks_like_headline("The committee published its report on Monday.")
    False
    >>> looks_like_headline("“It is a deadly toxin.”"), looks_like_headline("and then some more words")
    (False, False)
    >>> looks_like_headline("Menu"), looks_like_headline("Ingredients:")
    (False, False)
    """
    text = text.strip()
    if "\n" in text:
        return False
    wide = wide_count(text)
    size = len(text) + wide
    if not 15 <= size <= 180:
        return False
    if wide < 5 and not 3 <= len(text.split()) <= 25:
        return False
    if _HEADLINE_STOP_RE.search(_CLOSERS_RE.sub("", text)) or _INNER_CJK_STOP_RE.search(text):
        return False
    return _HEADLINE_START_RE.match(text) is not None

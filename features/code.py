"""Leaked code: JavaScript, JSON, CSS, HTML, templates and blobs inside prose.

We measure *structure*, not keywords: one token of code ("the ``function``
keyword", a URL, ``3:2``) is prose; a stretch where code tokens follow each
other closely, with code punctuation between them, is code. One verbose regex
finds the tokens (one named group per rule, one comment per alternative); the
numbers count them, and the spans are the dense stretches (regions) they form.
A few rules are strong enough alone ("strong" below) and always make a span.

=================  =====================================================  ======
rule               what it matches                                        strong
=================  =====================================================  ======
``cond_comment``   ``[if IE 9]>``, ``<![endif]``, ``<!--``, ``-->``        yes
``cdata``          ``<![CDATA[``, ``]]>``                                  yes
``template``       ``{{ x }}``, ``{% x %}``, ``<% x %>``, ``{\\displaystyle`` yes
``html_tag``       ``<div class="x">``, ``</p>``, ``<br/>`` (known tags)    closing/attrs
``html_entity``    ``&amp;``, ``&lt;``, ``&#39;``, ``&nbsp;``
``js``             ``function(``, ``=>``, ``var x =``, ``window[``,
                   ``document.x``, ``a.b(``, ``!0``, ``===``, ``&&``
``json_key``       ``"key":``, ``\\"key\\":``, ``'key':``
``json_escape``    ``\\u002F``, ``\\/``, ``\\"``, ``\\n``
``css``            ``color: #333;``, ``12px``, ``!important``, ``rgba(``,
                   ``url(``, ``{ prop:``, ``@media``
``blob``           base64 / hash-like runs of 40+ characters, id lists
``url``            ``https://...``, ``//cdn.x.com/...``, ``/a/b/c.js``
``console_table``  a console's result table: ``404 │ 17:57 │ 0.38``,      yes
                   ``──────┼──────`` (``console_spans``)
=================  =====================================================  ======

A console table's span is evidence only: the numbers above leave it out (they
describe code tokens, and a model trained on them keeps its meaning).

>>> text = "Read more. window['__CONFIG__'] ={\\"uid\\":\\"abc\\",\\"mode\\":\\"server\\",\\"tms\\":{\\"on\\":true"
>>> [(s.rule, text[s.start:s.end][:18]) for s in signals(text).spans]
[('code_region', "window['__CONFIG__")]
>>> signals("In JavaScript you write function f(x) and the var keyword; see https://mdn.io.").spans
()
"""

from __future__ import annotations

import math
import re

import regex

from features.spans import Signals, Span, clip_spans

__all__ = [
    "LABEL",
    "NAMES",
    "HTML_TAGS",
    "signals",
    "spans",
    "is_code",
    "token_counts",
    "region_spans",
    "strong_spans",
    "console_spans",
]

LABEL = "leaked_code"

NAMES: tuple[str, ...] = (
    "code_token_share",        # share of characters inside any code token
    "code_syntax_rate",        # share of characters in { } [ ] ( ) ; = < > " \ (x3, capped)
    "code_brace_rate",         # { } per character (x20, capped)
    "code_semicolon_rate",     # ; per character (x20, capped)
    "code_js_rate",            # JavaScript tokens per word (capped at 1)
    "code_json_key_rate",      # "key": per word
    "code_json_escape_rate",   # \uXXXX, \/, \" per word
    "code_css_rate",           # CSS tokens per word
    "code_html_rate",          # HTML tags and entities per word
    "code_template_any",       # 1 when template syntax is present
    "code_conditional_any",    # 1 when a conditional comment or CDATA marker is present
    "code_blob_share",         # share of characters in base64/hash/id-list runs
    "code_url_share",          # share of characters in URLs and paths
    "code_longest_token",      # longest whitespace-free token, log-scaled to [0, 1]
    "code_space_rate",         # spaces per character (code is dense or minified)
    "code_brace_balance",      # |#{ - #}| / (#{ + #}): near 0 for whole objects
    "code_region_share",       # share of characters inside code spans
)

#: HTML element names that count as tags (lower case).
HTML_TAGS = frozenset(
    "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption "
    "cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset "
    "figcaption figure font footer form frame h1 h2 h3 h4 h5 h6 head header hr html i iframe img input "
    "ins kbd label legend li link main map mark meta meter nav noscript object ol optgroup option output "
    "p param picture pre progress q rp rt ruby s samp script section select small source span strong "
    "style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track u ul "
    "var video wbr path g use symbol center".split()
)

_TOKEN_RE = re.compile(
    r"""
    # A token starts at punctuation or at the start of a word: this guard lets
    # the engine skip the inside of words and whitespace in one test.
    (?=[\[\]<&{}"'\\=!|();.\#@:/$+\-*%]
      | (?<![\w$])(?:[\w$]{1,40}\s?[.\[(:+=] | (?:var|let|const|function)\b | \d
                    | [A-Za-z0-9+/_\-]{40}))
    (?:
    # --- conditional comments and CDATA (strong) ---
      (?P<cond_comment>\[if\s[^\]\n]{1,40}\]>(?:<!)?       # [if IE 9]>  [if !IE]><!
        | <!\[endif\]-*>? | \[endif\]                      # <![endif]   [endif]
        | <!--(?!\s*$) | (?:(?<=\S)|(?<=\S\s))-->)         # <!--  -->
    | (?P<cdata><!\[CDATA\[ | //\s?\]\]> | \]\]>)             # <![CDATA[  ]]>
    # --- template syntax (strong) ---
    | (?P<template>\{\{[^{}\n]{1,120}\}\}                     # {{ name }}  {{#logo}}
        | \{%[^%\n]{1,120}%\} | <%[=\-]?[^%\n]{1,120}%>     # {% tag %}  <%= x %>
        | \{\\displaystyle | \\(?:mathrm|mathsf|frac|left|right|mathbb)\{)   # leaked LaTeX alttext
    # --- HTML (strong when closing or with attributes) ---
    | (?P<html_tag>(?:<|&lt;)/?[a-zA-Z][a-zA-Z0-9]{0,10}      # <div  </p  &lt;img
        (?:\s{1,5}[a-zA-Z_:][\w:.-]{0,30}                  #   attribute name
           (?:\s?=\s?(?:"[^"<>\n]{0,300}"|'[^'<>\n]{0,300}'|\\"[^"<>\n]{0,300}\\"|[^\s<>"']{1,100}))?
        ){0,20}\s{0,5}/?(?:>|&gt;))                        #   > or /> or &gt;
    | (?P<html_entity>&(?:amp;)*(?:lt|gt|quot|nbsp|apos|amp|\#\d{2,5}|\#x[0-9a-fA-F]{2,4});)
    # --- JSON ---
    | (?P<json_key>"[\w$@.\-]{1,60}"\s?:(?!\s?\d\d:\d\d)      # "key":
        | \\"[\w$@.\-]{1,60}\\"\s?:                          # \"key\":
        | '[\w$@.\-]{1,60}'\s?:\s?(?=['"\d\[{tfn])          # 'key': value
        | (?:(?<=[{,])|(?<=[{,]\s))[A-Za-z_$][\w$]{0,40}:(?=\s?['"\d\[{!])  # {key:'v', key2:1}
        | \[\s?[{\[] | [}\]]\s?\] | \}\s?,\s?\{               # [{  }]  ]]  },{
        | \[\s?"(?=[^"\n]{1,60}"\s?[,\]])                     # ["a", (array of strings)
        | ",(?=") | ":(?=["{\[]) | "[}\]]                       # minified "a","b" "k":"v" "k":{ "}
        | (?:(?<=[{,])|(?<=[{,]\s))[a-z_]{1,20}=(?=\d|[A-Z]))              # {id=1226, type=News}
    | (?P<json_list>"[^"\n]{1,60}"\s?,\s?(?="[^"\n]{1,60}"\s?[,\]]))   # "a", "b" (weak: prose lists too)
    | (?P<json_escape>\\u[0-9a-fA-F]{4} | \\/ | \\" | \\n(?=[\s\\"A-Z]))   # \u002F  \/  \"  \n
    # --- JavaScript ---
    | (?P<js>\bfunction\s?[\w$]{0,40}\s?\([^()\n]{0,80}\)\s?\{   # function f(a) {
        | \bfunction\s?\(                                   # function(
        | =>                                                # arrow
        | \b(?:var|let|const)\s[\w$]{1,40}\s?=(?!=)         # var x =
        | (?<![\w$])window(?:\[|\.[A-Za-z_$])               # window[  window.x
        | \bdocument\.[a-zA-Z]                              # document.x
        | \b[\w$]{1,40}\.[\w$]{1,40}\s?\((?=[^)\n]{0,200}\)\s?[;,)])  # a.b(...);
        | \b[\w$]{1,40}(?:\.[\w$]{1,40}){0,5}\.[A-Za-z_$][\w$]{2,40}\((?=[\[{'"\w$])  # a.b.init([
        | \)\.[A-Za-z_$][\w$]{1,40}\(                           # ).addClass(
        | (?<![\w$])\$\(                                        # $(  jQuery
        | \b[A-Za-z_$][\w$]{1,40}\(\)\s?;                        # prettyPrint();
        | (?<![\w$])[A-Za-z_$][\w$]{0,40}\[(?:[A-Za-z_$][\w$]{0,20}|'[^'\n]{1,40}'|"[^"\n]{1,40}")\]  # d[i]  w['x']
        | (?:(?<=[,;(])|(?<=[,;(]\s))[A-Za-z_$][\w$]{0,40}\s?=\s?(?=['"\d\[{])   # , x = 'v'
        | (?<=[\w\]])\+\+ | [+\-*/|&]= (?=\s?[\w$'"(\[{])            # i++  x += 1
        | \b[\w$]{1,40}(?:\.[\w$]{1,40}){1,6}\s?=\s?(?=[\w$'"\[{!(-])  # a.b.c = v
        | (?<![\w$])!(?:0|1)\b                              # !0  !1 (minified booleans)
        | (?<![=!<>])={2,3}(?!=) | !== | \|\| | &&           # operators (not "=====" rules)
        | \)\s?\{ | \}\s?\) | \}\s?else\b | \);              # ) {   })   } else   ); (not French ") ;")
        | ;\s?(?=(?:var|if|for|return|function|this|window|document)\b))  # statement starts
    # --- CSS ---
    | (?P<css>(?<![\w.])-?(?:\d{1,6}(?:\.\d{1,4})?|\.\d{1,4})(?:px|em|rem|vh|vw|pt)\b  # 12px .75rem
        | (?<![\w&])\#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b(?=\s?[;}!\s)])   # #fff; #ebebeb
        | !important\b | \brgba?\( | \burl\( | @media\b | @font-face\b | @keyframes\b
        | [{;]\s?[a-z\-]{3,30}\s?:\s?(?=[\w#.\-"'(!])     # { color:   ; margin:
        | [a-z\-]{3,30}\s?:\s?[^;:{}\n]{1,60}\s?;\s?\}    # prop: value; }
        | (?<=[\w\-\]):])\s?\{\s?(?=[a-z\-]{3,30}\s?:)     # selector {prop:
        | (?<![\w.\-])\.[a-z][\w\-]{2,40}(?=\s?[.,:{>\[]|\s\.)    # .class selector
        | (?<=[\w)\]]):{1,2}(?:hover|before|after|last-child|first-child|nth-child\(|not\(|focus|active|visited)\b)
    # --- blobs ---
    | (?P<blob>(?<![A-Za-z0-9+/_\-])[A-Za-z0-9+/_\-]{40,}={0,2}   # base64 / hash / token
        | (?<!\d)\d{6,}(?:,\d{6,}){3,})                           # 4950703425,4950703428,...
    # --- URLs and paths ---
    | (?P<url>\bhttps?://[^\s"'<>()]{3,} | (?<![\w:/])//[a-z0-9\-]+(?:\.[a-z0-9\-]+)+/[^\s"'<>()]*
        | (?<![\w.])(?:/[\w\-.]{1,60}){3,}\.(?:js|css|php|json|png|jpg|gif|svg|html?)\b)
    )
    """,
    re.VERBOSE,
)

#: Code punctuation: no region or strong token forms without one of these
#: nearby, and prose has few of them, so tokens are only searched in windows
#: around them (one fast character-class pass instead of the full regex).
_TRIGGER_RE = re.compile(r"""[{}\[\]<>=;\\|&$#@"]""")

#: Blobs and id lists have no code punctuation: a second cheap trigger.
_BLOB_TRIGGER_RE = re.compile(r"(?<![A-Za-z0-9+/_\-,])[A-Za-z0-9+/_\-,]{40}")

#: Characters searched around each trigger, and at most how much text is analysed:
#: beyond ``_SAMPLE`` characters the numbers come from the sample, and a code
#: region that runs to the end of the sample is extended to the end of the text.
_MARGIN = 120
_SAMPLE = 100_000

#: Rules whose single match is enough for a span.
_STRONG = frozenset({"cond_comment", "cdata", "template"})

#: Rules that start or extend a code region (URLs alone never make one).
_REGION_RULES = frozenset(
    {"html_tag", "html_entity", "json_key", "json_list", "json_escape", "js", "css", "blob"}
)

_SYNTAX_RE = regex.compile(r"""[{}\[\]();=<>"\\]""")
_WORD_RE = regex.compile(r"\w+")
_NONSPACE_RE = regex.compile(r"\S{20,}")

#: Kinds that are code structure by themselves ("key":, selector {prop:, <tag a="">).
_STRUCTURAL = frozenset({"json_key", "css", "html_tag", "json_escape"})

#: Longest gap (characters) between two code tokens inside one region.
_GAP = 48
#: ... or this long when the gap has at most two spaces (a long URL or id string).
_LONG_GAP = 160
#: A region needs this many tokens, of which this many distinct kinds or
#: this share of code punctuation, to become a span.
_MIN_TOKENS = 4
_MIN_SYNTAX = 0.10


def _is_blob(tok: str) -> bool:
    """A base64/hash run has digits and letters; pure words (Donaudampf...) are not blobs."""
    if "," in tok:
        return True
    has_digit = any(c.isdigit() for c in tok)
    has_upper = any(c.isupper() for c in tok)
    has_lower = any(c.islower() for c in tok)
    return has_digit and (has_upper or has_lower) and (has_upper or "-" not in tok)


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` windows around trigger characters, within the sample."""
    limit = min(len(text), _SAMPLE)
    out: list[tuple[int, int]] = []
    hits = [m.start() for m in _TRIGGER_RE.finditer(text, 0, limit)]
    blobs = [m.start() for m in _BLOB_TRIGGER_RE.finditer(text, 0, limit)]
    if blobs:
        hits = sorted(hits + blobs)
    for pos in hits:
        start, end = max(0, pos - _MARGIN), min(limit, pos + 40 + _MARGIN)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """All code tokens: ``(start, end, rule)``."""
    out: list[tuple[int, int, str]] = []
    for ws, we in _windows(text):
        _window_tokens(text, ws, we, out)
    return out


def _window_tokens(text: str, ws: int, we: int, out: list[tuple[int, int, str]]) -> None:
    for m in _TOKEN_RE.finditer(text, ws, we):
        kind = m.lastgroup
        if kind == "html_tag":
            tag = m.group()
            name = regex.match(r"(?:<|&lt;)/?([a-zA-Z0-9]+)", tag)
            if not name or (name.group(1).lower() not in HTML_TAGS
                            and not (tag.startswith("&lt;") or '="' in tag)):
                continue
        elif kind == "blob" and not _is_blob(m.group()):
            continue
        out.append((m.start(), m.end(), kind))


def token_counts(text: str) -> dict[str, int]:
    """Count view: number of tokens per rule.

    >>> token_counts('{"a": 1, "b": [2]}')["json_key"]
    2
    """
    counts = dict.fromkeys(("cond_comment", "cdata", "template", "html_tag", "html_entity",
                            "json_key", "json_list", "json_escape", "js", "css", "blob", "url"), 0)
    for _, _, kind in _tokens(text):
        counts[kind] += 1
    return counts


def _strong_tag(text: str, start: int, end: int) -> bool:
    tag = text[start:end]
    return tag.startswith(("</", "&lt;/")) or "=" in tag or tag.endswith(("/>", "/&gt;"))


def strong_spans(text: str, toks: list[tuple[int, int, str]] | None = None) -> list[Span]:
    """Tokens that are code on their own: conditional comments, CDATA, templates,
    closing HTML tags and tags with attributes.

    >>> [s.rule for s in strong_spans("[if lt IE 9]> <script src=x.js></script> <![endif]")]
    ['cond_comment', 'html_tag', 'html_tag', 'cond_comment']
    """
    toks = _tokens(text) if toks is None else toks
    out = []
    for start, end, kind in toks:
        if kind in _STRONG or (kind == "html_tag" and _strong_tag(text, start, end)):
            out.append(Span(start, end, LABEL, kind))
    return out


def region_spans(text: str, toks: list[tuple[int, int, str]] | None = None) -> list[Span]:
    """Dense stretches of code tokens: at least four tokens no more than 48
    characters apart, with code punctuation or several kinds of token.

    >>> t = "Intro text. .nav a { color: #333; font-size: 12px; margin: 0 !important; }"
    >>> [(s.rule, t[s.start:s.end]) for s in region_spans(t)]
    [('code_region', '{ color: #333; font-size: 12px; margin: 0 !important; }')]
    """
    toks = _tokens(text) if toks is None else toks
    out = []
    group: list[tuple[int, int, str]] = []

    def flush() -> None:
        if not group:
            return
        start, end = group[0][0], max(t[1] for t in group)
        kinds = {t[2] for t in group}
        length = end - start
        covered = sum(t[1] - t[0] for t in group)
        if kinds == {"blob"}:
            # one long base64/hash/id-list run is code on its own
            if covered >= 80:
                out.append(Span(start, end, LABEL, "code_blob"))
            return
        syntax = len(_SYNTAX_RE.findall(text, start, end))
        dense = syntax / max(1, length) >= _MIN_SYNTAX or covered / max(1, length) >= 0.5
        # the whole (short) paragraph is code: fewer tokens are enough
        whole = length >= 0.6 * len(text.strip()) and len(text) <= 400
        need = _MIN_TOKENS
        if whole and len(_SYNTAX_RE.findall(text)) / len(text) >= 0.12:
            need = 2
        if len(group) < need or not dense:
            return
        # a region must not rest on one weak kind of token (four "&&" in a
        # legal text are not code); one structural kind is fine
        statements = any(c in text[start:end] for c in ";{")
        if len(kinds) >= 2 or len(group) >= 2 * _MIN_TOKENS or kinds & _STRUCTURAL or (
            statements and syntax / max(1, length) >= 0.12
        ):
            out.append(Span(start, _extend_end(text, end), LABEL, "code_region"))

    group_end = 0
    for tok in toks:
        if tok[2] not in _REGION_RULES and not (tok[2] == "url" and group):
            continue
        gap = tok[0] - group_end
        if group and gap > _GAP and (gap > _LONG_GAP or text.count(" ", group_end, tok[0]) > 2):
            flush()
            group = []
        group.append(tok)
        group_end = max(group_end, tok[1]) if len(group) > 1 else tok[1]
    flush()
    return out


_TAIL_RE = regex.compile(r"""\S{0,80}(?:\s?[}\]);,]){0,8}""")


def _extend_end(text: str, end: int) -> int:
    """Extend a region over the code characters right after its last token."""
    m = _TAIL_RE.match(text, end)
    return m.end() if m else end


def spans(text: str, lang: str = "und") -> tuple[Span, ...]:
    """Span view: strong tokens, code regions (overlapping ones merged away) and
    console tables.

    >>> spans("<![CDATA[ x ]]>")
    (Span(start=0, end=9, label='leaked_code', rule='cdata'), Span(start=12, end=15, label='leaked_code', rule='cdata'))
    """
    toks = _tokens(text)
    return _with_console(text, _merge(text, toks))


#: A console's result table (psql, sqlite's box mode): a bar between cells, with
#: space or the line's end on both sides (KOI8 mojibake, ``я│я┌``, has none) ...
_BOX_BAR = regex.compile(r"(?:(?<=\s)|^)[│┃](?=\s|$)")
#: ... and the rule under its header (``─────┼─────``).
_BOX_RULE = regex.compile(r"[ \t]*[─━]+(?:[┼╋╪╫][─━]+)+[ \t]*")
#: Frames drawn around prose in old plain-text documents have corners; a result
#: table's lines do not.
_BOX_CORNER = regex.compile(r"[┌┐└┘┏┓┗┛╔╗╚╝╭╮╰╯]")
_BOX_CHARS = frozenset("│┃─━")
#: A cell of a console table is short, and a row has at least two cells.
_CELL_MAX = 40


def console_spans(text: str) -> list[Span]:
    """Lines of a console's result table: cells split by box-drawing bars, or the
    rule under the header. Consecutive lines make one span.

    >>> t = "status │ entries │ mean\\n───────┼─────────┼──────\\n   404 │      23 │ 5.14"
    >>> [(s.rule, s.start, s.end) for s in console_spans(t)]
    [('console_table', 0, 72)]
    >>> console_spans("п╟я│я┌п╟ я│я┌п╬"), console_spans("┌─ Alt-N : sort by name ──┐ │ Tab : swap │ more")
    ([], [])
    """
    if not _BOX_CHARS.intersection(text[:_SAMPLE]):
        return []
    out: list[Span] = []
    pos = 0
    for line in text[:_SAMPLE].split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not _console_line(line):
            continue
        if out and out[-1].end == start - 1:
            out[-1] = out[-1]._replace(end=start + len(line))
        else:
            out.append(Span(start, start + len(line), LABEL, "console_table"))
    return out


def _console_line(line: str) -> bool:
    """Is this line a row or the header rule of a console's result table?

    >>> _console_line("404 │ 2020-08-01 17:57:00+00 │ -0.385"), _console_line("a │ b")
    (True, False)
    """
    if _BOX_RULE.fullmatch(line):
        return True
    if _BOX_CORNER.search(line):
        return False
    cells = _BOX_BAR.split(line)
    return len(cells) >= 3 and sum(bool(c.strip()) for c in cells) >= 2 and all(len(c.strip()) <= _CELL_MAX for c in cells)


def _with_console(text: str, found: tuple[Span, ...]) -> tuple[Span, ...]:
    """``found`` with the console tables that no span of it already covers."""
    extra = [s for s in console_spans(text) if not any(f.start <= s.start and s.end <= f.end for f in found)]
    return clip_spans(list(found) + extra, len(text)) if extra else found


#: SQL: ``SELECT ... FROM`` (uppercase, as SQL is written in code blocks), or a
#: data statement (``INSERT INTO t (``, ``CREATE TABLE t``, ``UPDATE t SET x =``).
_SQL_START_RE = regex.compile(
    r"""
    \b(?:WITH\s+[A-Za-z_][\w]{0,40}\s+AS\s*\(\s*)?SELECT\b       # (WITH x AS ( ) SELECT
      (?P<select>(?:(?!\n[ \t]*\n)[\s\S]){1,400}?)\bFROM\b\s+[\w."(]   # ... FROM t, not across a blank line
    | \bINSERT\s+INTO\s+[\w.]+\s*(?:\(|VALUES\b)
    | \bCREATE\s+(?:TABLE|INDEX|VIEW)\s+[\w.]+
    | \bUPDATE\s+[\w.]+\s+SET\s+\w+\s*=
    """,
    regex.VERBOSE,
)
#: What keeps a SQL statement going: clause keywords and code punctuation.
_SQL_MORE_RE = regex.compile(
    r"\b(?:SELECT|FROM|WHERE|GROUP\s+BY|ORDER\s+BY|PARTITION\s+BY|HAVING|LIMIT|JOIN|UNION|WITH|AS|OVER|CASE|"
    r"WHEN|THEN|ELSE|END|AND|OR|NOT|NULL|IN|ON|VALUES|SET|DESC|ASC|FILTER|WINDOW|ROWS|BETWEEN)\b|[(),;*=<>]"
)
#: A SELECT list that is code: a star, a comma-separated list, a call, or a snake_case name.
_SQL_LIST_RE = regex.compile(r"[*,(]|\b[a-z]+_[a-z_]+\b")


def sql_spans(text: str) -> list[Span]:
    """SQL statements (code blocks kept by an extractor): from the statement's
    first keyword through the clause keywords and punctuation that follow it.

    >>> t = "The query is short. SELECT status_code, count(*) AS n FROM requests GROUP BY status_code;"
    >>> [t[s.start:s.end] for s in sql_spans(t)]
    ['SELECT status_code, count(*) AS n FROM requests GROUP BY status_code;']
    >>> sql_spans("Please SELECT a date FROM the calendar below."), sql_spans("SELECT COMMITTEE FROM THE HOUSE")
    ([], [])
    """
    out: list[Span] = []
    if not any(word in text for word in ("FROM", "INSERT", "CREATE", "UPDATE")):
        return out  # the cheap test that keeps prose (and SELECT-only floods) fast
    pos = 0
    limit = min(len(text), _SAMPLE)
    while True:
        m = _SQL_START_RE.search(text, pos, limit)
        if m is None:
            return out
        if m.group("select") is not None and not _SQL_LIST_RE.search(m.group("select")):
            pos = m.end()
            continue
        end = m.end()
        for more in _SQL_MORE_RE.finditer(text, end, limit):
            if more.start() - end > 120 or "\n\n" in text[end:more.start()]:
                break
            end = more.end()
        line_end = text.find("\n", end)
        end = limit if line_end < 0 else line_end
        out.append(Span(m.start(), end, LABEL, "code_region"))
        pos = end


def _merge(text: str, toks: list[tuple[int, int, str]]) -> tuple[Span, ...]:
    regions = region_spans(text, toks)
    regions += [s for s in sql_spans(text) if not any(r.start <= s.start and s.end <= r.end for r in regions)]
    strong = [s for s in strong_spans(text, toks)
              if not any(r.start <= s.start and s.end <= r.end for r in regions)]
    if len(text) > _SAMPLE and regions and regions[-1].end >= _SAMPLE - _GAP:
        # the sample ends inside code: the code goes on past it
        regions[-1] = regions[-1]._replace(end=len(text))
    return clip_spans(regions + strong, len(text))


def is_code(text: str, lang: str = "und") -> bool:
    """Yes/no view: does any leaked-code span fire?

    >>> is_code('var a = {"x": 1, "y": [1, 2]}; window.a = a;'), is_code("Use var to declare a variable.")
    (True, False)
    """
    return bool(spans(text, lang))


def signals(text: str, lang: str = "und") -> Signals:
    """Values (aligned with ``NAMES``) and evidence spans for ``text``.

    >>> v = dict(zip(NAMES, signals('a { color: #333; margin: 0; }').values))
    >>> v["code_css_rate"] > 0, v["code_region_share"] > 0.5
    (True, True)
    """
    if not text:
        return Signals((0.0,) * len(NAMES), ())
    toks = _tokens(text)
    found = _merge(text, toks)
    whole, text = text, text[:_SAMPLE]  # the numbers describe the sample
    n = len(text)
    counts = dict.fromkeys(("cond_comment", "cdata", "template", "html_tag", "html_entity",
                            "json_key", "json_list", "json_escape", "js", "css", "blob", "url"), 0)
    chars = dict.fromkeys(counts, 0)
    covered = 0
    last = 0
    for start, end, kind in toks:
        counts[kind] += 1
        chars[kind] += end - start
        s = max(start, last)
        if end > s:
            covered += end - s
            last = end
    region_cover = 0
    last = 0
    for sp in found:
        s = max(sp.start, last)
        e = min(sp.end, n)
        if e > s:
            region_cover += e - s
            last = e
    words = max(1, len(_WORD_RE.findall(text)))
    syntax = len(_SYNTAX_RE.findall(text))
    open_b, close_b = text.count("{"), text.count("}")
    longest = max((len(m.group()) for m in _NONSPACE_RE.finditer(text)), default=0)
    values = (
        min(1.0, covered / n),
        min(1.0, 3.0 * syntax / n),
        min(1.0, 20.0 * (open_b + close_b) / n),
        min(1.0, 20.0 * text.count(";") / n),
        min(1.0, counts["js"] / words),
        min(1.0, (counts["json_key"] + counts["json_list"]) / words),
        min(1.0, counts["json_escape"] / words),
        min(1.0, counts["css"] / words),
        min(1.0, (counts["html_tag"] + counts["html_entity"]) / words),
        1.0 if counts["template"] else 0.0,
        1.0 if counts["cond_comment"] or counts["cdata"] else 0.0,
        min(1.0, chars["blob"] / n),
        min(1.0, chars["url"] / n),
        min(1.0, math.log1p(longest) / math.log1p(2000)),
        min(1.0, text.count(" ") / n),
        abs(open_b - close_b) / max(1, open_b + close_b),
        min(1.0, region_cover / n),
    )
    return Signals(values, _with_console(whole, found))

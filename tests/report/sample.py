"""Small hand-written corpora for the report tests (text written for this project).

>>> docs = sample_corpus()
>>> sum(len(items) for _, items in docs) > 10
True
"""

from __future__ import annotations

from typing import Iterable, Sequence

from features.spans import Span
from qa.labels import LABELS
from qa.records import Document, Paragraph, ParagraphScore

__all__ = ["RUN", "SKIPS", "scored_document", "sample_corpus", "hostile_corpus", "feed"]

RUN = {
    "inputs": ["corpus/news.jsonl", "corpus/forum/"],
    "options": {"segment": "blank", "on_error": "skip", "limit": None},
    "tool_version": "0.1.0",
    "model": {
        "name": "qa-default",
        "version": "2024.1",
        "feature_set": "1.abcdef123456",
        "sha256": "0" * 64,
        "card_summary": "Gradient boosting over 212 features.\nTrained on synthetic corruptions.",
        "thresholds": {label: 0.5 for label in LABELS},
    },
    "started": "2024-05-01T10:00:00+00:00",
}

SKIPS = {
    "count": 2,
    "by_reason": {"invalid JSON": 1, "missing text field": 1},
    "examples": [
        {"path": "corpus/news.jsonl", "line": 7, "reason": "invalid JSON"},
        {"path": "corpus/news.jsonl", "line": 9, "reason": "missing text field"},
    ],
}

# (text, lang, score, labels, evidence as (needle, label, rule)): each span covers
# the first occurrence of its needle in the text.
Para = tuple[str, str, float, Sequence[str], Sequence[tuple[str, str, str]]]


def _span(text: str, needle: str, label: str, rule: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), label, rule)


def scored_document(
    doc_id: str, paras: Sequence[Para], source: str = "corpus/news.jsonl", sep: str = "\n\n"
) -> tuple[Document, list[ParagraphScore]]:
    """A document made of ``paras`` joined by ``sep``, and its paragraph scores."""
    text = sep.join(p[0] for p in paras)
    doc = Document(doc_id, text, source=source, line=1)
    scores = []
    offset = 0
    for i, (ptext, lang, score, labels, spans) in enumerate(paras):
        para = Paragraph(doc_id, i, ptext, offset, offset + len(ptext), len(paras))
        offset += len(ptext) + len(sep)
        probs = {label: (score if label in labels else round(score / 12, 3)) for label in LABELS}
        signals = tuple((f"{s[2]}_count", round(0.9 - 0.1 * k, 2)) for k, s in enumerate(spans))
        scores.append(
            ParagraphScore(
                para, lang, score, probs, tuple(labels), tuple(_span(ptext, *s) for s in spans), signals
            )
        )
    return doc, scores


def sample_corpus() -> list[tuple[Document, list[ParagraphScore]]]:
    """Five documents in five scripts with every label, overlaps, emoji and odd characters."""
    return [
        scored_document(
            "news-1",
            [
                ("Markets rallied on Tuesday , after the report .", "en", 0.91, ["spacing"],
                 [(" ,", "spacing", "space_before_comma"), (" .", "spacing", "space_before_period")]),
                ("The study, co-author of the study, . \"In our simulation the ice", "en", 0.83,
                 ["spliced", "truncated"],
                 [(", .", "spliced", "empty_clause"), ("the ice", "truncated", "no_final_punct")]),
                ("A calm, complete sentence about the weather.", "en", 0.04, [], []),
                ("window['__CONFIG__'] ={\"uid\":\"news\",\"v\":2}", "en", 0.99,
                 ["leaked_code", "truncated"],
                 [("window['__CONFIG__'] ={", "leaked_code", "js_assignment"),
                  ("{\"uid\":\"news\",\"v\":2}", "leaked_code", "json_object"),
                  ("\"v\":2}", "truncated", "no_final_punct")]),
            ],
        ),
        scored_document(
            "forum-2",
            [
                ("He's Justinâ¤ and cafÃ© 😀 fans say \"hi\"", "en", 0.88, ["mojibake"],
                 [("â¤", "mojibake", "utf8_as_cp1252"), ("Ã©", "mojibake", "utf8_as_cp1252"),
                  ("© 😀 fa", "spacing", "emoji_test")]),
                ("Privacy policy · Contact us · Chat with us in Messenger.\r\nFollow us", "en", 0.95,
                 ["boilerplate"], [("Privacy policy", "boilerplate", "nav_words"), ("Contact us", "boilerplate", "nav_words"),
                  ("\r\nFollow us", "boilerplate", "share_prompt")]),
                ("Une phrase française correcte ; avec « guillemets » !", "fr", 0.08, [], []),
            ],
            source="corpus/forum/page2.txt",
        ),
        scored_document(
            "bg-3",
            [
                ("ръцете , прегърнаха целият свят“. споразумение за изграждане", "bg", 0.77,
                 ["spacing", "spliced"],
                 [(" ,", "spacing", "space_before_comma"), ("“. с", "spliced", "lowercase_after_stop")]),
                ("Политика за поверителност Свържете се с нас", "bg", 0.86, ["boilerplate"],
                 [("Политика за поверителност", "boilerplate", "legal_link")]),
            ],
        ),
        scored_document(
            "ja-4",
            [
                ("東京の天気は晴れです。明日も晴れるでしょう。", "ja", 0.02, [], []),
                ("本日のニュース一覧 ログイン 会員登録", "ja", 0.72, ["boilerplate"],
                 [("ログイン", "boilerplate", "nav_words"), ("会員登録", "boilerplate", "nav_words")]),
            ],
        ),
        scored_document(
            "ar-5",
            [
                ("هل هذا صحيح؟ نعم، هذا صحيح.", "ar", 0.03, [], []),
                ("=SUM(A1:A9) and then the medical staff", "en", 0.64, ["truncated"],
                 [("medical staff", "truncated", "no_final_punct")]),
            ],
            source="-",
        ),
    ]


PAYLOADS = [
    "<script>window.__pwned = 1; document.title = 'pwned'</script>",
    "</script><script>window.__pwned = 2</script>",
    "<img src=x onerror=\"window.__pwned = 3\">",
    "<a href=\"javascript:window.__pwned = 4\">click me</a>",
    "\"><svg onload=\"window.__pwned = 5\"></svg>",
    "</style><style>body{display:none}</style>",
    "<!-- <script>window.__pwned = 6</script> -->",
    "{{ 7 * 7 }} ${window.__pwned = 7}",
    "\u2028</ScRiPt ><iframe srcdoc=\"<script>parent.__pwned = 8</script>\"></iframe>",
]


def hostile_corpus() -> list[tuple[Document, list[ParagraphScore]]]:
    """Every field a scraper or model could fill carries an injection payload."""
    out = []
    for i, payload in enumerate(PAYLOADS):
        doc_id = f"{payload}#{i}"
        paras = [
            (f"Intro {payload} middle {payload} end", "en", 0.9 - i / 100, ["leaked_code"],
             [(payload, "leaked_code", payload)]),
            (payload, payload[:12], 0.5, [payload], [(payload, payload, "r" + payload)]),
        ]
        doc, scores = scored_document(doc_id, paras, source=payload)
        out.append((doc, scores))
    return out


def feed(writer, corpus: Iterable[tuple[Document, list[ParagraphScore]]]) -> None:
    """Add every paragraph of ``corpus`` to ``writer`` in document order."""
    for doc, scores in corpus:
        for score in scores:
            writer.add(score, doc)

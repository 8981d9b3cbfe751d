"""A small grammar of the code blobs scrapers keep: page state, tag managers, JSON-LD, CSS, templates.

Each generator returns one blob in a real-world shape, with identifiers, keys and values drawn
from ``rng``; ``blob`` picks a shape. Minified most of the time, as on real pages.

>>> import random
>>> b = json_ld(random.Random(1), "Scientists find a new species of frog")
>>> b.startswith('{"@context":"https://schema.org"') and "Scientists find" in b
True
>>> blob(random.Random(3), "Hello world") != blob(random.Random(4), "Hello world")
True
"""

from __future__ import annotations

import json
import random
from typing import Callable

__all__ = [
    "SHAPES",
    "blob",
    "json_value",
    "window_state",
    "data_layer",
    "loader_iife",
    "json_ld",
    "css_rules",
    "ie_conditional",
    "template_markup",
    "ad_slot",
]

_WORDS = (
    "app", "page", "site", "config", "user", "ad", "video", "player", "consent", "analytics", "tracking",
    "state", "data", "store", "env", "feature", "flags", "article", "section", "layout", "theme", "locale",
    "session", "paywall", "meter", "comments", "share", "related", "slot", "unit", "region", "edition",
)
_HOSTS = ("cdn.example-media.net", "static.newsportal.io", "assets.pagekit.com", "img.mediahub.org", "api.frontline.cloud")
_CSS_PROPS = (
    ("display", ("none", "block", "inline-block", "flex", "grid")),
    ("color", ("#333", "#fff", "#ebebeb", "#1a1a1a", "rgba(0,0,0,.6)", "inherit")),
    ("background-color", ("#f5f5f5", "#000", "transparent", "#c00")),
    ("margin", ("0", "0 auto", "10px 0", "0 0 1.5em")),
    ("padding", ("0", "4px 8px", "12px", "1rem 2rem")),
    ("font-family", ("Georgia,serif", "\"Helvetica Neue\",Arial,sans-serif", "system-ui")),
    ("font-size", ("12px", "14px", ".875rem", "1.2em")),
    ("line-height", ("1.4", "1.5", "20px")),
    ("position", ("relative", "absolute", "fixed", "sticky")),
    ("z-index", ("1", "10", "999", "2147483647")),
    ("border", ("0", "1px solid #ddd", "none")),
    ("width", ("100%", "auto", "300px", "50vw")),
)
_SELECTORS = (
    ".nav-item", "#header", ".btn-primary:hover", ".site-footer a", ".article-body p", ".ad-slot",
    ".cookie-banner", "#main-menu>li", ".share-buttons .icon", "body.modal-open", ".visually-hidden", "img.lazy",
)


def _ident(rng: random.Random) -> str:
    """A camelCase identifier made of 1-3 words."""
    words = rng.sample(_WORDS, rng.randint(1, 3))
    return words[0] + "".join(w.capitalize() for w in words[1:])


def _string(rng: random.Random) -> str:
    """A string value: an id, a URL, a word or a hash."""
    kind = rng.randrange(5)
    if kind == 0:
        return f"https://{rng.choice(_HOSTS)}/{_ident(rng).lower()}/{rng.randrange(10**6):06d}.{rng.choice(('js', 'jpg', 'webp', 'json'))}"
    if kind == 1:
        return "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice((8, 12, 24, 32))))
    if kind == 2:
        return rng.choice(("article", "news", "homepage", "desktop", "mobile", "en-US", "fr-FR", "premium", "free"))
    if kind == 3:
        return f"{rng.choice(('UA', 'G', 'GTM', 'AW'))}-{rng.randrange(10**7):X}"
    return _ident(rng)


def json_value(rng: random.Random, depth: int = 0) -> object:
    """A random JSON value, objects and lists nesting at most 3 deep."""
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind in (0, 1):
        return _string(rng)
    if kind == 2:
        return rng.randrange(100000)
    if kind == 3:
        return round(rng.random() * 100, 2)
    if kind == 4:
        return rng.choice((True, False))
    if kind == 5:
        return None
    if kind == 6:
        return [json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {_ident(rng): json_value(rng, depth + 1) for _ in range(rng.randint(1, 5))}


def _dump(value: object, rng: random.Random) -> str:
    """JSON text, minified (mostly) or indented."""
    if rng.random() < 0.75:
        return json.dumps(value, ensure_ascii=rng.random() < 0.5, separators=(",", ":"))
    return json.dumps(value, ensure_ascii=False, indent=2)


def window_state(rng: random.Random, text: str = "") -> str:
    """``window.__INITIAL_STATE__ = {...};`` and its cousins."""
    name = "__" + "_".join(rng.sample(("INITIAL", "PRELOADED", "APP", "CONFIG", "STATE", "DATA", "NUXT", "APOLLO"), 2)) + "__"
    obj = {_ident(rng): json_value(rng, 1) for _ in range(rng.randint(2, 7))}
    lhs = rng.choice((f"window.{name}", f"window['{name}']", f"var {_ident(rng)}", f"self.{name}"))
    return f"{lhs}{rng.choice((' = ', ' =', '='))}{_dump(obj, rng)};"


def data_layer(rng: random.Random, text: str = "") -> str:
    """Tag-manager calls: ``dataLayer.push({...})``, ``gtag('config', ...)``."""
    tag = f"{rng.choice(('G', 'UA', 'AW'))}-{rng.randrange(10**8):08X}"
    event = {"event": rng.choice(("pageview", "article_view", "scroll_depth", "consent_update")), _ident(rng): _string(rng), _ident(rng): rng.randrange(1000)}
    parts = [
        "window.dataLayer = window.dataLayer || [];",
        "function gtag(){dataLayer.push(arguments);}",
        "gtag('js', new Date());",
        f"gtag('config', '{tag}');",
        f"dataLayer.push({json.dumps(event, separators=(',', ':'))});",
    ]
    chosen = parts[: rng.randint(1, len(parts))] if rng.random() < 0.6 else [parts[-1]]
    return rng.choice(("", "\n", " ")).join(chosen)


def loader_iife(rng: random.Random, text: str = "") -> str:
    """An immediately-invoked loader that inserts a third-party script tag."""
    a, b, c = rng.sample("abcdefghijklmnopqrstuvwxyz", 3)
    src = f"https://{rng.choice(_HOSTS)}/{_ident(rng).lower()}.js"
    return (
        f"(function({a},{b},{c}){{var js,first={a}.getElementsByTagName({b})[0];if({a}.getElementById({c}))return;"
        f"js={a}.createElement({b});js.id={c};js.async=true;js.src=\"{src}\";first.parentNode.insertBefore(js,first);}})"
        f"(document,'script','{_ident(rng).lower()}-sdk');"
    )


def json_ld(rng: random.Random, text: str = "") -> str:
    """A schema.org JSON-LD object whose headline is the start of ``text``."""
    words = text.split()
    headline = " ".join(words[: rng.randint(4, 12)]) if words else _ident(rng)
    year = rng.randint(2012, 2025)
    obj: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": rng.choice(("NewsArticle", "Article", "BlogPosting", "WebPage")),
        "headline": headline,
        "datePublished": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
        "author": {"@type": "Person", "name": rng.choice(("Staff", "Editorial team", "Redaktion", "Rédaction"))},
        "image": [_string(rng)],
    }
    if rng.random() < 0.5:
        obj["publisher"] = {"@type": "Organization", "name": _ident(rng).capitalize(), "logo": {"@type": "ImageObject", "url": _string(rng)}}
    return json.dumps(obj, ensure_ascii=rng.random() < 0.5, separators=(",", ":"))


def css_rules(rng: random.Random, text: str = "") -> str:
    """A few CSS rules, sometimes inside a media query."""
    rules = []
    for selector in rng.sample(_SELECTORS, rng.randint(1, 5)):
        decls = ";".join(f"{p}:{rng.choice(vals)}" for p, vals in rng.sample(_CSS_PROPS, rng.randint(1, 5)))
        rules.append(f"{selector}{{{decls}}}")
    body = "".join(rules) if rng.random() < 0.7 else "\n".join(rules)
    if rng.random() < 0.25:
        body = f"@media (max-width:{rng.choice((480, 768, 1024))}px){{{body}}}"
    return body


def ie_conditional(rng: random.Random, text: str = "") -> str:
    """An Internet Explorer conditional comment, whole or with its ``<!--`` already stripped."""
    inner = rng.choice((
        f'<script src="https://{rng.choice(_HOSTS)}/html5shiv.min.js"></script>',
        '<video style="display: none;">',
        f'<link rel="stylesheet" href="/css/ie{rng.choice((8, 9))}.css">',
        '<p class="browserupgrade">',
    ))
    cond = rng.choice(("if lt IE 9", "if IE 9", "if IE", "if lte IE 8", "if gt IE 8"))
    whole = f"<!--[{cond}]>{inner}<![endif]-->"
    return whole if rng.random() < 0.6 else f"[{cond}]>{inner}<![endif]"


def template_markup(rng: random.Random, text: str = "") -> str:
    """Unrendered template syntax: Jinja/Django, Handlebars, ERB, JS template literals."""
    var = f"{rng.choice(('article', 'page', 'user', 'item', 'post'))}.{rng.choice(('title', 'author', 'date', 'url', 'name'))}"
    return rng.choice((
        f"{{{{ {var} }}}}",
        f"{{% if {var} %}}{{{{ {var}|escape }}}}{{% endif %}}",
        f"{{{{#each items}}}}<li>{{{{this.{rng.choice(('name', 'title'))}}}}}</li>{{{{/each}}}}",
        f"<%= {var} %>",
        f"${{{var}}}",
        f"{{{{ '{_ident(rng)}' | translate }}}}",
    ))


def ad_slot(rng: random.Random, text: str = "") -> str:
    """An ad-slot definition pushed onto a command queue."""
    slot = f"div-ad-{rng.randrange(10**6)}-{rng.randrange(10)}"
    return (
        f"googletag.cmd.push(function(){{googletag.defineSlot('/{rng.randrange(10**8)}/{_ident(rng)}',"
        f"[[{rng.choice((300, 728, 970))},{rng.choice((90, 250, 600))}]],'{slot}').addService(googletag.pubads());"
        f"googletag.display('{slot}');}});"
    )


SHAPES: tuple[Callable[[random.Random, str], str], ...] = (
    window_state, window_state, data_layer, loader_iife, json_ld, json_ld, css_rules, css_rules,
    ie_conditional, template_markup, ad_slot,
)
"""The shapes ``blob`` draws from (repeats are weights)."""


def blob(rng: random.Random, text: str = "") -> str:
    """One code blob of a random shape; 20% of the time two shapes back to back."""
    out = rng.choice(SHAPES)(rng, text)
    if rng.random() < 0.2:
        out += rng.choice(("", "\n", " ")) + rng.choice(SHAPES)(rng, text)
    return out

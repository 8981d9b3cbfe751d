"""Assemble train/dev/test JSONL for the paragraph defect model (system python3).

Reads the shared sets (never copied into the repo) and the tool-extracted rows made
by ``scripts/extract_with_tools.py``; writes, under ``--out`` (default /work/data)::

    train.jsonl dev.jsonl test.jsonl   {"id","text","lang","labels","doc_id","pos","split","source"}
    dev_gold.jsonl                     hand-labelled rows, kept apart (split "dev_gold")
    ud_nc_dev.jsonl                    NC-licensed UD rows kept out of train: extra clean edited
                                       rows for choosing thresholds (``qa tune``)
    ud_train.jsonl                     the clean UD rows of train again: with them ``qa tune`` holds
                                       the per-language cap on edited text over thousands of rows
    build_stats.json                   counts per split x source x label and per language

Usage::

    python3 scripts/build_training_set.py
    python3 scripts/build_training_set.py --gold-pages exclude   # strict: drop dev_gold pages from train
    python3 scripts/build_training_set.py --no-corrupt           # skip qa.corrupt variants

Decisions (see scripts/README.md): readability ``mixed`` -> ["boilerplate"] (what the dev_gold
annotators chose for 47 of 60 such rows); a leaked script/style chunk cut at the 2000-char
limit (chunk > 0, or followed by its next chunk) -> ["leaked_code", "truncated"]; clean ``<pre>``
rows that read as code, and LaTeX alttext rows -> ["leaked_code"] (as dev_gold does); real rows
where UI link text is glued on (a wiki ``[edit]`` or a permalink ``¶`` after a heading, a
``Credit``/``Photo`` label glued to a name) also get "spliced": the alignment calls them clean
because the article holds the same characters, but the taxonomy (and dev_gold) call the glue a
splice; dev_gold ids and texts are removed from every split; NC-licensed UD rows never go to train.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import pathlib
import random
import re
import sys
import unicodedata
from typing import Iterable, Iterator

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import align  # noqa: E402  (stdlib-only labelling helpers shared with extract_with_tools.py)

DATA = pathlib.Path("/work/shared/data")
FIELDS = ("id", "text", "lang", "labels", "doc_id", "pos", "split", "source", "known_labels")
SPLITS = ("train", "dev", "test")
SEED = 20240611


# ---------------------------------------------------------------- helpers

def read_jsonl(path: pathlib.Path) -> Iterator[dict]:
    """Yield the JSON objects of a JSONL file."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def hash_split(key: str, train: int = 70, dev: int = 10) -> str:
    """Deterministic split from a key: ``train``% / ``dev``% / rest test.

    >>> hash_split("a") in SPLITS
    True
    """
    bucket = int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % 100
    return "train" if bucket < train else "dev" if bucket < train + dev else "test"


def text_key(text: str) -> str:
    """Whitespace-, case- and width-insensitive key used to match texts across sets."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def row(id_: str, text: str, lang: str, labels: Iterable[str], doc_id: str, pos: int | None,
        split: str, source: str) -> dict:
    """A row in the output schema."""
    return {"id": id_, "text": text, "lang": lang, "labels": sorted(set(labels)), "doc_id": doc_id,
            "pos": pos, "split": split, "source": source}


def page_of(doc_id: str) -> str:
    """Page name of a readability or tools doc_id ("readability/bbc-1", "tools/x/bbc-1")."""
    return doc_id.rsplit("/", 1)[-1]


# ---------------------------------------------------------------- sources

def readability_rows(path: pathlib.Path, per_doc_label_cap: int, rng: random.Random) -> list[dict]:
    """readability_testpages with labels; caps rows per (page, label) so big pages don't dominate."""
    raw = list(read_jsonl(path))
    by_doc = collections.defaultdict(dict)
    for r in raw:
        by_doc[r["doc_id"]][r["pos"]] = r
    out = []
    for r in raw:
        label = r["label"]
        if label == "clean":
            labels = []
        elif label == "mixed":
            labels = ["boilerplate"]
        else:
            labels = [label]
        if labels == [] and r.get("tag") == "pre" and align.is_code_text(r["text"]):
            labels = ["leaked_code"]  # a code block that is the content is still code (taxonomy)
        elif "leaked_code" not in labels and align.has_latex(r["text"]):
            labels = ["leaked_code"]  # LaTeX alttext of math markup
        if label == "leaked_code" and "chunk" in r:
            nxt = by_doc[r["doc_id"]].get(r["pos"] + 1)
            if r["chunk"] > 0 or (nxt is not None and nxt.get("chunk") == r["chunk"] + 1):
                labels.append("truncated")  # cut at the 2000-char chunk limit
        out.append(row(r["id"], r["text"], r["lang"], labels, r["doc_id"], r["pos"], r["split"],
                       "readability_testpages"))
    return cap_groups(out, lambda r: (r["doc_id"], tuple(r["labels"])), per_doc_label_cap, rng)


def cap_groups(rows: list[dict], key, cap: int, rng: random.Random) -> list[dict]:
    """Keep at most ``cap`` rows per group (random, seeded), preserving input order."""
    groups = collections.defaultdict(list)
    for i, r in enumerate(rows):
        groups[key(r)].append(i)
    keep = set()
    for k in sorted(groups, key=repr):
        idx = groups[k]
        keep.update(idx if len(idx) <= cap else rng.sample(idx, cap))
    return [r for i, r in enumerate(rows) if i in keep]


def extracted_rows(path: pathlib.Path, caps: dict[str, int], rng: random.Random) -> list[dict]:
    """Tool-extracted rows: one copy per (page, text), capped per (page, extractor, label set)."""
    if not path.exists():
        print(f"warning: {path} missing, no tool-extracted rows", file=sys.stderr)
        return []
    raw = sorted(read_jsonl(path), key=lambda r: (r["page_name"], r["extractor"], r["pos"]))
    seen = set()
    out = []
    for r in raw:
        key = (r["page_name"], text_key(r["text"]))
        if key in seen:  # the same paragraph from another extractor adds nothing
            continue
        seen.add(key)
        out.append(row(r["id"], r["text"], r["lang"], r["labels"], r["doc_id"], r["pos"], r["split"],
                       r["source"]))

    def cap_of(r: dict) -> int:
        labs = r["labels"] or ["clean"]
        return max(caps.get(lab, caps["default"]) for lab in labs)

    groups = collections.defaultdict(list)
    for i, r in enumerate(out):
        groups[(r["doc_id"], tuple(r["labels"]))].append(i)
    keep = set()
    for k in sorted(groups):
        idx = groups[k]
        cap = cap_of(out[idx[0]])
        keep.update(idx if len(idx) <= cap else rng.sample(idx, cap))
    return [r for i, r in enumerate(out) if i in keep]


def partial_tokenized(text: str, tokenized: str, rng: random.Random, k: int) -> str | None:
    """``text`` with ``k`` of the spaces that tokenisation adds (e.g. before "," or inside "l'homme").

    Returns None when the two texts do not share their non-space characters.

    >>> partial_tokenized("Hi, you.", "Hi , you .", random.Random(0), 1) in ("Hi , you.", "Hi, you .")
    True
    """
    chars, t_gaps = align.space_gaps(tokenized)
    chars2, o_gaps = align.space_gaps(text)
    if chars != chars2:
        return None
    added = [i for i, (o, t) in enumerate(zip(o_gaps, t_gaps)) if t and not o]
    if not added:
        return None
    chosen = set(rng.sample(added, min(k, len(added))))
    out, gi, seen_first = [], -1, False
    for ch in text:
        if ch.isspace():
            out.append(ch)
            continue
        if seen_first:
            gi += 1
            if gi in chosen:
                out.append(" ")
        out.append(ch)
        seen_first = True
    return "".join(out)


def ud_positions(rows: list[dict]) -> dict[str, int]:
    """Each UD paragraph's position in its document: the order of the file, which
    follows the treebank's sentence order. With positions, a treebank document is
    scored as a page (page context), as ``qa audit`` scores a file of such text.

    >>> ud_positions([{"id": "a", "doc_id": "d"}, {"id": "b", "doc_id": "e"}, {"id": "c", "doc_id": "d"}])
    {'a': 0, 'b': 0, 'c': 1}
    """
    seen: dict[str, int] = {}
    out = {}
    for r in rows:
        out[r["id"]] = seen[r["doc_id"]] = seen.get(r["doc_id"], -1) + 1
    return out


def ud_rows(path: pathlib.Path, spacing_share: float, rng: random.Random) -> list[dict]:
    """UD clean paragraphs (doc-level hash split; NC rows never in train) + spacing variants."""
    out = []
    rows = list(read_jsonl(path))
    pos = ud_positions(rows)
    for r in sorted(rows, key=lambda r: r["id"]):
        split = hash_split("ud:" + r["doc_id"])
        if "NC" in (r.get("license") or "") and split == "train":
            continue  # non-commercial text stays out of the shipped model's training data
        out.append(row(r["id"], r["text"], r["lang"], [], "ud/" + r["doc_id"], pos[r["id"]], split, "ud"))
        tok = r.get("text_tokenized")
        if not tok or rng.random() >= spacing_share:
            continue
        if rng.random() < 0.5:
            variant, mech = (tok if tok != r["text"] else None), "tokenized_full"
        else:
            variant, mech = partial_tokenized(r["text"], tok, rng, rng.randint(1, 3)), "tokenized_partial"
        if variant and variant != r["text"]:
            out.append(row(r["id"] + "~" + mech, variant, r["lang"], ["spacing"], "ud/" + r["doc_id"], pos[r["id"]],
                           split, "ud:" + mech))
    return out


def ud_nc_rows(path: pathlib.Path) -> list[dict]:
    """The NC-licensed UD rows that ``ud_rows`` keeps out of train: never trained on,
    so they measure false alarms on edited text (written to ``ud_nc_dev.jsonl``)."""
    rows = list(read_jsonl(path))
    pos = ud_positions(rows)
    return [
        row(r["id"], r["text"], r["lang"], [], "ud/" + r["doc_id"], pos[r["id"]], "dev", "ud")
        for r in sorted(rows, key=lambda r: r["id"])
        if "NC" in (r.get("license") or "") and hash_split("ud:" + r["doc_id"]) == "train"
    ]


def chardet_rows(path: pathlib.Path) -> list[dict]:
    """chardet pairs; a pair never crosses splits."""
    out = []
    for r in sorted(read_jsonl(path), key=lambda r: r["id"]):
        labels = ["mojibake"] if r["label"] == "mojibake" else []
        rec = row(r["id"], r["text"], r["lang"], labels, r["pair_id"], None,
                  hash_split("chardet:" + r["pair_id"]), "chardet_mojibake")
        # Feed text is "clean" only in the sense "correctly decoded": it may be
        # boilerplate or truncated, so the row vouches for the mojibake label only.
        rec["known_labels"] = ["mojibake"]
        out.append(rec)
    return out


#: Labels a correctly decoded feed row vouches for (besides mojibake) when feed
#: variants are made: splices and spacing defects are rare in feed text, while
#: boilerplate and cut-off teasers are common.
FEED_CLEAN_KNOWN = ("mojibake", "spacing", "spliced")

#: Sources whose labels come from aligning real tool output (not the synthesizer).
REAL_SOURCES = ("readability_testpages", "extractor:")
#: Rows whose glued UI text is relabelled spliced: scraped rows and their synthetic variants.
GLUE_SOURCES = REAL_SOURCES + ("corrupt:",)
#: Splice rules that mark UI link text glued to a heading or a name.
GLUED_UI_RULES = frozenset({"ui_glue", "glue_word"})


def feed_corrupt_rows(feed: list[dict], per_lang: int, seed: int) -> list[dict]:
    """Synthetic defects (splices, spacing, cuts, furniture, code) made from
    correctly decoded feed text: the chardet rows bring languages the pages and
    the shippable treebanks lack (bg, he, hu, ko, th, tr, el ...).

    Up to ``per_lang`` clean rows per language. A feed row may itself be
    boilerplate or truncated, so a variant vouches only for the labels it was
    given and for mojibake (absent unless a codec mechanism added it); the
    unchanged originals are not kept.
    """
    rng = random.Random(seed)
    by_lang: dict[str, list[dict]] = {}
    for r in feed:
        if not r["labels"]:
            by_lang.setdefault(r["lang"], []).append(r)
    base = []
    for lang in sorted(by_lang):
        rows = sorted(by_lang[lang], key=lambda r: r["id"])
        rng.shuffle(rows)
        base += rows[:per_lang]
    out = []
    for v in corrupt_rows(base, 1.0, seed):
        if not v["labels"]:
            continue
        v["known_labels"] = sorted(set(v["labels"]) | {"mojibake"})
        v["source"] = v["source"].replace("corrupt:", "corrupt_feed:", 1)
        out.append(v)
    return out


def add_label(row: dict, label: str) -> None:
    """Give ``row`` the label ``label``; a row that vouches for some labels only
    now vouches for this one too.

    >>> r = {"labels": ["spacing"], "known_labels": ["mojibake"]}
    >>> add_label(r, "truncated"); r
    {'labels': ['spacing', 'truncated'], 'known_labels': ['mojibake', 'truncated']}
    """
    row["labels"] = sorted(set(row["labels"]) | {label})
    if "known_labels" in row:
        row["known_labels"] = sorted(set(row["known_labels"]) | {label})


def relabel(rows: list[dict], label: str, wants) -> int:
    """Add ``label`` to the rows lacking it for which ``wants(row)`` is true; return how many changed.

    >>> rows = [{"text": "a", "labels": []}, {"text": "b", "labels": ["spliced"]}, {"text": "a", "labels": []}]
    >>> relabel(rows, "spliced", lambda r: True), relabel(rows, "truncated", lambda r: r["text"] == "a")
    (2, 2)
    """
    changed = 0
    for r in rows:
        if label not in r["labels"] and wants(r):
            add_label(r, label)
            changed += 1
    return changed


def glued_ui_spliced(rows: list[dict]) -> int:
    """Add "spliced" to scraped rows, and to the synthetic variants made from them, where UI
    link text is glued on; return how many changed.

    A variant keeps its original's glue (``CreditEllen Surrey`` with a cut end is still glued):
    left clean, it would teach the model that the glue it learns elsewhere is clean.

    >>> rows = [{"text": "History[edit]", "lang": "en", "labels": [], "source": "extractor:trafilatura"},
    ...         {"text": "History", "lang": "en", "labels": [], "source": "readability_testpages"},
    ...         {"text": "CreditEllen Surrey", "lang": "en", "labels": ["truncated"], "source": "corrupt:end_cut_word"}]
    >>> glued_ui_spliced(rows), rows[0]["labels"], rows[1]["labels"], rows[2]["labels"]
    (2, ['spliced'], [], ['spliced', 'truncated'])
    """
    from features.punctuation import GLUE_LEFT_WORDS, GLUE_RIGHT_WORDS
    from features.splice import splice_spans

    def ui_word_glued(text: str, span) -> bool:
        if span.rule == "ui_glue":
            return True
        humps = re.split(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])", text[span.start:span.end])
        return any(h in GLUE_LEFT_WORDS for h in humps[:-1]) or any(h in GLUE_RIGHT_WORDS for h in humps[1:])

    def wants(r: dict) -> bool:
        if not r["source"].startswith(GLUE_SOURCES) or set(r["labels"]) & {"mojibake", "leaked_code"}:
            return False
        spans = splice_spans(r["text"], r.get("lang") or "und")
        return any(s.rule in GLUED_UI_RULES and ui_word_glued(r["text"], s) for s in spans)

    return relabel(rows, "spliced", wants)


def lost_char_mojibake(rows: list[dict]) -> int:
    """Add "mojibake" to rows with a character an encoder replaced by "?" between
    Han characters (``巴兹?奥尔德林``); return how many changed.

    The page sets label such rows clean because the source page itself carries
    the "?" (real source defects stay "clean" there); dev_gold and the taxonomy
    call them mojibake. Synthetic variants of such rows inherit the "?".

    >>> rows = [{"text": "巴兹?奥尔德林是宇航员", "lang": "zh", "labels": [], "source": "readability_testpages"},
    ...         {"text": "你好吗?我很好", "lang": "zh", "labels": [], "source": "readability_testpages"}]
    >>> lost_char_mojibake(rows), rows[0]["labels"], rows[1]["labels"]
    (1, ['mojibake'], [])
    """
    from features.mojibake import lost_char_spans

    return relabel(rows, "mojibake", lambda r: "?" in r["text"] and bool(lost_char_spans(r["text"])))


def start_cut_truncated(rows: list[dict]) -> int:
    """Add "truncated" to scraped rows (and their synthetic variants) that start
    with ``, `` / ``; `` / ``. x``: a paragraph that lost its start (``, where``
    around a dropped formula, ``. Variety. Retrieved ...`` after a dropped link
    title). The page sets label them by whether they are article text; the
    taxonomy calls them truncated. Edited (UD) and feed rows are left as they are.

    >>> rows = [{"text": ", where the matrix is real.", "lang": "en", "labels": [], "source": "readability_testpages"},
    ...         {"text": ", обяви той.", "lang": "bg", "labels": [], "source": "ud"}]
    >>> start_cut_truncated(rows), rows[0]["labels"], rows[1]["labels"]
    (1, ['truncated'], [])
    """
    from features.truncation import signals

    def wants(r: dict) -> bool:
        if r["source"].startswith(("ud", "chardet")) or r["text"][:1] not in ".,;":
            return False
        return any(s.rule == "start_punct" for s in signals(r["text"], r.get("lang") or "und").spans)

    return relabel(rows, "truncated", wants)


def gold_rows(path: pathlib.Path) -> list[dict]:
    """dev_gold rows, labels as given."""
    return [row(r["id"], r["text"], r["lang"], r["labels"], r["doc_id"], r.get("pos"), "dev_gold", "dev_gold")
            for r in read_jsonl(path)]


def corrupt_rows(base: list[dict], share: float, seed: int) -> list[dict]:
    """Variants from ``qa.corrupt.corrupt_records`` for a sample of clean rows; [] if unavailable."""
    try:
        from qa.corrupt import corrupt_records
    except Exception as exc:  # the module is written by someone else and may be absent or broken
        print(f"note: qa.corrupt not usable ({type(exc).__name__}: {exc}); no synthetic variants",
              file=sys.stderr)
        return []
    rng = random.Random(seed)
    sample = [dict(r) for r in base if rng.random() < share]
    out = []
    try:
        for v in corrupt_records(sample, seed=seed, rate=1.0):
            if "source_id" not in v:
                continue  # the original itself
            mech = v.get("mechanism", "unknown")
            out.append(row(v["id"], v["text"], v.get("lang", "und"), v.get("labels", []), v.get("doc_id"),
                           v.get("pos"), v["split"], f"corrupt:{mech}"))
    except Exception as exc:
        print(f"note: qa.corrupt failed ({type(exc).__name__}: {exc}); kept {len(out)} variants",
              file=sys.stderr)
    return out


# ---------------------------------------------------------------- assembly

def remove_gold(rows: list[dict], gold: list[dict], mode: str) -> tuple[list[dict], collections.Counter]:
    """Drop dev_gold ids and texts everywhere; with ``mode='exclude'`` also dev_gold pages from train."""
    ids = {g["id"] for g in gold}
    texts = {text_key(g["text"]) for g in gold}
    pages = {page_of(g["doc_id"]) for g in gold}
    kept, dropped = [], collections.Counter()
    for r in rows:
        page_src = r["source"].startswith(("readability", "extractor:"))
        if r["id"] in ids:
            dropped["gold_id"] += 1
        elif text_key(r["text"]) in texts:
            dropped["gold_text"] += 1
        elif mode == "exclude" and page_src and r["split"] == "train" and page_of(r["doc_id"]) in pages:
            dropped["gold_page"] += 1
        else:
            kept.append(r)
    return kept, dropped


def print_stats(rows: list[dict], gold: list[dict]) -> dict:
    """Print and return counts per split x source x label and per language."""
    stats: dict = {"split_source_label": {}, "split_lang": {}, "split_rows": {}}
    for split in SPLITS + ("dev_gold",):
        sel = gold if split == "dev_gold" else [r for r in rows if r["split"] == split]
        stats["split_rows"][split] = len(sel)
        table = collections.defaultdict(collections.Counter)
        for r in sel:
            src = r["source"].split(":")[0] if r["source"].startswith("corrupt:") else r["source"]
            for lab in r["labels"] or ["clean"]:
                table[src][lab] += 1
            table[src]["rows"] += 1
        stats["split_source_label"][split] = {k: dict(v) for k, v in sorted(table.items())}
        stats["split_lang"][split] = dict(collections.Counter(r["lang"] for r in sel).most_common())
    labs = ["rows", "clean", "leaked_code", "boilerplate", "spliced", "spacing", "truncated", "mojibake"]
    for split, table in stats["split_source_label"].items():
        print(f"\n== {split}: {stats['split_rows'][split]} rows")
        print(f"{'source':36s}" + "".join(f"{lab[:11]:>12s}" for lab in labs))
        total = collections.Counter()
        for src, cnt in table.items():
            total.update(cnt)
            print(f"{src[:36]:36s}" + "".join(f"{cnt.get(lab, 0):12d}" for lab in labs))
        print(f"{'TOTAL':36s}" + "".join(f"{total.get(lab, 0):12d}" for lab in labs))
        print("langs:", stats["split_lang"][split])
    return stats


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=pathlib.Path, default=DATA)
    ap.add_argument("--extracted", type=pathlib.Path, default=pathlib.Path("/work/data/extracted.jsonl"))
    ap.add_argument("--out", type=pathlib.Path, default=pathlib.Path("/work/data"))
    ap.add_argument("--gold-pages", choices=("keep", "exclude"), default="keep",
                    help="keep dev_gold pages in train minus gold ids/texts (default), or exclude them")
    ap.add_argument("--readability-cap", type=int, default=150, help="rows per (page, label set)")
    ap.add_argument("--ud-spacing-share", type=float, default=0.3)
    ap.add_argument("--corrupt-share", type=float, default=0.3)
    ap.add_argument("--no-corrupt", action="store_true")
    ap.add_argument("--feed-corrupt-per-lang", type=int, default=0,
                    help="clean feed (chardet) rows per language given synthetic defects (0: none)")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    gold = gold_rows(args.data / "dev_gold/paragraphs.jsonl")
    read = readability_rows(args.data / "readability_testpages/paragraphs.jsonl", args.readability_cap, rng)
    extr = extracted_rows(args.extracted, {"clean": 20, "boilerplate": 20, "leaked_code": 10, "default": 60}, rng)
    ud = ud_rows(args.data / "ud/paragraphs.jsonl", args.ud_spacing_share, rng)
    moj = chardet_rows(args.data / "chardet_mojibake/pairs.jsonl")
    rows = read + extr + ud + moj
    if not args.no_corrupt:
        base = [r for r in read + ud if not r["labels"] and r["source"] in ("readability_testpages", "ud")]
        rows += corrupt_rows(base, args.corrupt_share, args.seed)
        if args.feed_corrupt_per_lang:
            rows += feed_corrupt_rows(moj, args.feed_corrupt_per_lang, args.seed + 1)
            # The variants bring splices and spacing defects in these languages: their
            # correctly decoded feed rows must show the clean side too, or the model
            # learns the language. Feed text rarely has either defect.
            for r in moj:
                if not r["labels"]:
                    r["known_labels"] = sorted(set(r["known_labels"]) | set(FEED_CLEAN_KNOWN))

    print("glued UI text relabelled spliced:", glued_ui_spliced(rows))
    print("characters lost to '?' relabelled mojibake:", lost_char_mojibake(rows))
    print("paragraphs starting with ', ' or '. x' relabelled truncated:", start_cut_truncated(rows))
    rows, gold_dropped = remove_gold(rows, gold, args.gold_pages)
    print("removed for dev_gold:", dict(gold_dropped), f"(mode {args.gold_pages})")
    seen_ids = set()
    unique = []
    for r in rows:
        if r["id"] in seen_ids:
            continue
        seen_ids.add(r["id"])
        unique.append({k: r[k] for k in FIELDS if k in r})
    args.out.mkdir(parents=True, exist_ok=True)
    for split in SPLITS:
        align.write_jsonl(args.out / f"{split}.jsonl", [r for r in unique if r["split"] == split])
    align.write_jsonl(args.out / "dev_gold.jsonl", gold)
    align.write_jsonl(args.out / "ud_nc_dev.jsonl", ud_nc_rows(args.data / "ud/paragraphs.jsonl"))
    align.write_jsonl(args.out / "ud_train.jsonl", [r for r in unique if r["split"] == "train" and r["source"] == "ud"])
    stats = print_stats(unique, gold)
    stats["removed_for_dev_gold"] = dict(gold_dropped)
    stats["args"] = {k: str(v) for k, v in vars(args).items()}
    (args.out / "build_stats.json").write_text(json.dumps(stats, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Give the UD rows of an existing build their page positions (``pos``), as
``build_training_set.py`` now writes them, without rebuilding anything else.

Builds made before UD rows carried positions (``/work/data8``, the packaged
model's) score treebank documents only one paragraph at a time; with positions,
``qa tune`` can score them as pages. Row ids of spacing and corrupt variants
(``id~mechanism``) take their source paragraph's position.

    python3 scripts/add_ud_positions.py /work/data8 /work/data8p
"""

from __future__ import annotations

import argparse
import json
import pathlib

from build_training_set import DATA, read_jsonl, ud_positions

FILES = ("train", "dev", "test", "ud_train", "ud_nc_dev", "dev_gold")


def with_positions(row: dict, positions: dict[str, int]) -> dict:
    """``row`` with its UD position filled in when it has none.

    >>> with_positions({"id": "ud/x~tokenized_full", "pos": None}, {"ud/x": 3})
    {'id': 'ud/x~tokenized_full', 'pos': 3}
    >>> with_positions({"id": "page-1", "pos": 7}, {"ud/x": 3})
    {'id': 'page-1', 'pos': 7}
    """
    base = row["id"].split("~")[0]
    if row.get("pos") is None and base in positions:
        return dict(row, pos=positions[base])
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", type=pathlib.Path)
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--data", type=pathlib.Path, default=DATA)
    args = ap.parse_args()
    positions = ud_positions(list(read_jsonl(args.data / "ud/paragraphs.jsonl")))
    args.out.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        src = args.build / f"{name}.jsonl"
        if not src.exists():
            continue
        changed = 0
        with open(args.out / f"{name}.jsonl", "w", encoding="utf-8") as out:
            for row in read_jsonl(src):
                new = with_positions(row, positions)
                changed += new is not row
                out.write(json.dumps(new, ensure_ascii=False) + "\n")
        print(f"{name}: {changed} rows given a position")


if __name__ == "__main__":
    main()

"""The ``qa`` command line: a thin layer over the Python API.

Every command has ``--help`` with an example. Library errors (``QAError``) are
turned into one-line messages here and nowhere else.
"""

from __future__ import annotations

import dataclasses

import functools
import json
import sys
from pathlib import Path

import click

from qa import __version__
from qa.errors import QAError

__all__ = ["main"]


def _friendly(fn):
    """Turn library errors into a clean message and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except QAError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def input_options(fn):
    """Options shared by every command that reads a corpus."""
    decorators = [
        click.argument("inputs", nargs=-1, required=True),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["text", "markdown", "jsonl", "csv", "tsv", "parquet", "warc", "wet"]),
            help="Input format (default: by file extension).",
        ),
        click.option("--text-field", default="text", show_default=True, help="Field holding the text (JSONL, CSV, Parquet)."),
        click.option("--id-field", default="id", show_default=True, help="Field holding the record id; missing ids become FILE:LINE."),
        click.option(
            "--segment",
            type=click.Choice(["auto", "blank", "line", "none"]),
            default="auto",
            show_default=True,
            help="Paragraphs: blank-line blocks, lines, whole records, or auto (blank if present, else lines).",
        ),
        click.option("--model", "model", type=click.Path(file_okay=False), help="Model directory (default: the packaged model)."),
        click.option("--workers", type=int, default=0, show_default=True, help="Processes to score with (0 = all cores)."),
        click.option(
            "--page-field",
            default="doc_id",
            show_default=True,
            help="Record field naming a record's page: records of one page share context when the model scores with document context ('' = off).",
        ),
        click.option("--pos-field", default="pos", show_default=True, help="Record field giving a record's position in its page."),
        click.option(
            "--lang-field",
            default="lang",
            show_default=True,
            help="Record field declaring its language (ISO 639 code): used for paragraphs too short to identify ('' = always detect).",
        ),
    ]
    for dec in reversed(decorators):
        fn = dec(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qa")
def main() -> None:
    """Find what scrapers break in text: leaked code, boilerplate, splices,
    spacing, truncation and mojibake, paragraph by paragraph.

    \b
    Example:
        qa audit corpus.jsonl --out reports/corpus
    """


@main.command()
@input_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Output folder (default: reports/<input name>).")
@click.option(
    "--on-error",
    type=click.Choice(["fail", "skip"]),
    default="skip",
    show_default=True,
    help="Bad records: stop at the first, or skip and count them in the summary.",
)
@click.option("--report-limit", type=int, default=1000, show_default=True, help="Paragraphs detailed in the HTML report.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@_friendly
def audit(inputs, fmt, text_field, id_field, segment, model, workers, page_field, pos_field, lang_field, out_dir, on_error,
          report_limit, quiet):
    """Score every paragraph; write paragraphs.csv, summary.json and report.html.

    \b
    Examples:
        qa audit fixtures/example
        qa audit dump.jsonl --format jsonl --text-field text --id-field id --segment none --out reports/dump
    """
    from qa.audit import audit as run_audit
    from qa.audit import default_out_dir
    from qa.pipeline import ScoreOptions
    from qa.readers import ReadOptions

    read_options = ReadOptions(format=fmt, text_field=text_field, id_field=id_field, on_error=on_error)
    score_options = ScoreOptions(segment=segment, model=model, workers=workers, page_field=page_field or None,
                                 pos_field=pos_field, lang_field=lang_field or None)
    out = Path(out_dir) if out_dir else default_out_dir(inputs)
    summary = run_audit(inputs, out, read_options, score_options, report_limit, progress=False if quiet else None)
    click.echo(
        f"{summary['documents']:,} documents, {summary['paragraphs']:,} paragraphs, "
        f"{summary['defective_share']:.1%} defective ({summary['defective_char_share']:.1%} of characters)"
    )
    per_label = summary.get("per_label", {})
    if per_label:
        click.echo("  " + "  ".join(f"{k}: {v['share']:.1%}" for k, v in per_label.items()))
    skipped = summary.get("skipped", {}).get("count", 0)
    if skipped:
        click.echo(f"  skipped {skipped} record(s): {summary['skipped'].get('by_reason')}")
    click.echo(f"report: {out / 'report.html'}  csv: {out / 'paragraphs.csv'}")


@main.command()
@click.argument("text", required=False)
@click.option("--lang", help="Language code (default: detected).")
@click.option("--model", type=click.Path(file_okay=False), help="Model directory.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_friendly
def explain(text, lang, model, as_json):
    """Score one text and say why: labels, probabilities, evidence, top signals.

    \b
    Example:
        qa explain "The summit ended , and the leaders left ."
        echo "Ã©tÃ© chaud" | qa explain
    """
    from qa.model.scorer import Scorer

    if text is None:
        text = sys.stdin.read()
    scorer = Scorer.load(model)
    result = scorer.explain_text(text, lang)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "lang": result.lang,
                    "score": round(result.score, 4),
                    "labels": list(result.labels),
                    "probs": {k: round(v, 4) for k, v in result.probs.items()},
                    "evidence": [list(s) for s in result.evidence],
                    "signals": [list(s) for s in result.signals],
                    "thresholds": scorer.reported_thresholds(result.lang),
                    "evidence_floors": scorer.reported_floors(),
                },
                ensure_ascii=False,
            )
        )
        return
    click.echo(f"language: {result.lang}   score (any defect): {result.score:.3f}")
    click.echo(f"labels: {', '.join(result.labels) or '(clean)'}")
    click.echo("probabilities: " + "  ".join(f"{k}={v:.3f}" for k, v in result.probs.items()))
    limits = scorer.reported_thresholds(result.lang)
    click.echo("flagged from: " + "  ".join(f"{k}={v:.3f}" for k, v in limits.items())
               + "  (a label's evidence can lower its own)")
    click.echo("without evidence of their own: " + "  ".join(
        f"{k} {'never' if v is None else f'from {v:.3f}'}" for k, v in scorer.reported_floors().items()))
    for s in result.evidence:
        click.echo(f"  evidence [{s.start}:{s.end}] {s.label}/{s.rule}: {text[s.start:s.end]!r}")
    for name, weight in result.signals:
        click.echo(f"  signal {name} ({weight:.3f})")


@main.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Model directory to write.")
@click.option("--dev", "dev_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Development data (default: rows with split=dev).")
@click.option("--test", "test_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Held-out data measured after training and recorded in the model card.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--workers", type=int, default=0, help="Processes for featurizing (0 = all cores).")
@click.option("--edited-clean-weight", type=float, default=1.0, show_default=True,
              help="Training weight of clean edited rows (source 'ud') against other rows.")
@click.option("--repeat-increases", default="", show_default=True,
              help="Comma-separated outputs (labels or 'any') whose probability may only rise with a line's repetition.")
@_friendly
def train(data, out_dir, dev_files, test_files, seed, workers, edited_clean_weight, repeat_increases):
    """Train a model from labelled JSONL (fields: text, labels or label, lang, doc_id, pos, split).

    \b
    Example:
        qa train data/train.jsonl --dev data/dev.jsonl --out models/mine
    """
    import os

    from qa.model.dataset import read_labelled
    from qa.model.train import TrainOptions, train_model

    frame = read_labelled(data)
    if dev_files:
        train_frame, dev_frame = frame[frame["split"].fillna("train") == "train"], read_labelled(dev_files)
    else:
        train_frame = frame[frame["split"].fillna("train") == "train"]
        dev_frame = frame[frame["split"] == "dev"]
    if len(dev_frame) == 0:
        raise click.ClickException("no development rows: pass --dev FILE or rows with split=dev")
    from qa.labels import LABELS

    outputs = tuple(o.strip() for o in repeat_increases.split(",") if o.strip())
    unknown = set(outputs) - {*LABELS, "any"}
    if unknown:
        raise click.BadParameter(f"unknown outputs {sorted(unknown)}", param_hint="--repeat-increases")
    opts = TrainOptions(seed=seed, workers=workers or os.cpu_count() or 1, edited_clean_weight=edited_clean_weight,
                        repeat_increases=outputs)
    pipeline, manifest = train_model(train_frame.reset_index(drop=True), dev_frame.reset_index(drop=True), opts, log=click.echo)
    _finish_model(pipeline, manifest, out_dir, data, dev_files, test_files, train_frame, dev_frame)


def _finish_model(pipeline, manifest, out_dir, data, dev_files, test_files, train_frame, dev_frame) -> None:
    """Record data digests and summaries, measure held-out data, save the model and card."""
    from qa.model.card import data_summary, model_card
    from qa.model.dataset import digest_files, read_labelled
    from qa.model.metrics import format_report
    from qa.model.store import save_model

    manifest["data"] = dict(manifest.get("data", {}), dev=digest_files(dev_files), test=digest_files(test_files))
    if data:
        manifest["data"]["train"] = digest_files(data)
    if train_frame is not None:
        manifest["train_summary"] = data_summary(train_frame)
    manifest["dev_summary"] = data_summary(dev_frame)
    click.echo(format_report(manifest["dev_metrics"]))
    if test_files:
        from qa.model.evaluate import evaluate_frame
        from qa.model.scorer import Scorer
        from qa.model.store import LoadedModel

        scorer = Scorer(LoadedModel(pipeline=pipeline, manifest=manifest, path=Path(out_dir)))
        test_frame = read_labelled(test_files)
        manifest["test_metrics"] = {
            "context": evaluate_frame(test_frame, scorer, context=True),
            "no_context": evaluate_frame(test_frame, scorer, context=False),
        }
        click.echo("held-out test (no document context):")
        click.echo(format_report(manifest["test_metrics"]["no_context"]))
    save_model(pipeline, manifest, Path(out_dir), card=model_card(manifest))
    click.echo(f"model written to {out_dir}")


@main.command()
@click.argument("dev_files", metavar="DEV...", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", type=click.Path(file_okay=False), help="Model to tune (default: packaged).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Model directory to write.")
@click.option("--test", "test_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Held-out data to measure.")
@click.option("--train", "train_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="The training data, to record its summary in the card.")
@click.option("--max-fpr", type=float, default=0.05, show_default=True, help="Share of clean scraped development rows that may be flagged, overall and per language.")
@click.option("--max-edited-fpr", type=float, default=0.015, show_default=True, help="Share of clean edited rows (source 'ud') that may be flagged, per language.")
@click.option("--target", "target_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Rows like the text you will score: thresholds maximise F1 on them (caps still hold on all rows); "
                   "with page positions they also choose the thresholds of rows with page context.")
@click.option("--document-context", is_flag=True, help="Score with document context (page position, neighbours); default: each paragraph alone, with corpus repetition.")
@click.option("--recalibrate-only", is_flag=True, help="Keep the model's thresholds and span rules for rows scored alone; fit again only the recalibration "
                   "of reported probabilities (on DEV) and the thresholds of rows with page context (--context-labels; "
                   "lowered only on --target rows). With --train, rules added since the last full tune become "
                   "decisive where they qualify.")
@click.option("--remeasure", is_flag=True, help="Choose nothing: keep every threshold and span rule (apply --span-support, "
                   "set by hand); measure the development (and --test) metrics again under the current code's decision "
                   "rules, and write them and the card.")
@click.option("--context-labels", default="", show_default=True,
              help="Comma-separated labels (or 'any', the any-defect model) whose probability reads page context; "
                   "the rest score each paragraph alone (default: the model's own choice; 'none': no label).")
@click.option("--span-support", "span_support", multiple=True, metavar="RULE=FACTOR",
              help="Set by hand where a rule (label/rule, e.g. spacing/before_comma) flags its label: from FACTOR x "
                   "the label's threshold (0 = whenever it fires, 1 = no help); applied after tuning. Repeatable.")
@click.option("--raise-languages", is_flag=True,
              help="With --recalibrate-only: raise a language's thresholds of rows alone until its clean edited rows "
                   "(source 'ud'), scored alone, are flagged at most 0.8 x --max-edited-fpr (the raise that keeps the "
                   "best F1 on the language's other DEV rows first).")
@click.option("--lower-labels", default="", metavar="LABEL,...",
              help="With --recalibrate-only: lower these labels' thresholds of rows alone (down to half) where that "
                   "raises the any-defect F1 of the scraped DEV rows that are not --target rows, with their clean rows "
                   "(and the target's) flagged at most --max-fpr; a language where that flags clean edited rows (source 'ud') keeps "
                   "a higher threshold of its own, flagging none of them. Before --raise-languages.")
@click.option("--accept-feature-drift", is_flag=True,
              help="Tune a model even though the extractors in features/ now compute other values than when it was "
                   "saved: its weights are kept as they are and its thresholds chosen again on the current values; "
                   "the manifest and card record the step. Retrain with 'qa train' to refit the weights.")
@_friendly
def tune(dev_files, model, out_dir, test_files, train_files, max_fpr, max_edited_fpr, target_files, document_context,
         recalibrate_only, remeasure, context_labels, span_support, raise_languages, lower_labels, accept_feature_drift):
    """Choose a trained model's thresholds and span rules again on development data.

    \b
    Example:
        qa tune data/dev.jsonl --model models/mine --out models/mine-tuned
    """
    from qa.model.dataset import read_labelled
    from qa.model.store import load_model
    from qa.model.train import TrainOptions, retune

    loaded = load_model(model, accept_drift=accept_feature_drift)
    dev_frame = read_labelled(dev_files)
    if target_files:
        import pandas as pd

        target = read_labelled(target_files).assign(objective=True)
        dev_frame = pd.concat([dev_frame.assign(objective=False), target], ignore_index=True)
    chosen = tuple(label for label in _labels(context_labels, "--context-labels", also=("any", "none"))
                   if label != "none")
    if not context_labels:
        chosen = tuple(loaded.manifest.get("context_labels", ()))  # keep the model's own choice
    caps = tuple((k, max_fpr if k == "any" else v) for k, v in TrainOptions().max_fpr)
    opts = TrainOptions(max_fpr=caps, max_edited_fpr=max_edited_fpr, document_context=document_context,
                        context_labels=chosen, span_overrides=_span_overrides(span_support),
                        raise_languages=raise_languages, lower_labels=_labels(lower_labels, "--lower-labels"))
    if remeasure and (recalibrate_only or raise_languages or opts.lower_labels or context_labels):
        raise click.BadParameter("chooses nothing: use it without options that choose", param_hint="--remeasure")
    if raise_languages and not recalibrate_only:
        raise click.BadParameter("only with --recalibrate-only", param_hint="--raise-languages")
    if opts.lower_labels and not recalibrate_only:
        raise click.BadParameter("only with --recalibrate-only", param_hint="--lower-labels")
    train_frame = read_labelled(train_files) if train_files else None
    if recalibrate_only or remeasure:  # the model's own scoring mode stays
        opts = dataclasses.replace(
            opts, document_context=bool(loaded.manifest.get("options", {}).get("document_context", False)))
    manifest = retune(loaded.pipeline, loaded.manifest, dev_frame, opts, log=click.echo, train=train_frame,
                      keep_decisions=recalibrate_only, remeasure=remeasure)
    _finish_model(loaded.pipeline, manifest, out_dir, list(train_files), (*dev_files, *target_files), test_files,
                  train_frame, dev_frame)


def _labels(value: str, hint: str, also: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Parse a comma-separated list of labels (or the words in ``also``); a clear error for an unknown one.

    >>> _labels("truncated, spliced", "--lower-labels")
    ('truncated', 'spliced')
    """
    from qa.labels import LABELS

    out = tuple(label.strip() for label in value.split(",") if label.strip())
    unknown = sorted(set(out) - set(LABELS) - set(also))
    if unknown:
        raise click.BadParameter(f"unknown labels {unknown}: choose among {', '.join((*LABELS, *also))}",
                                 param_hint=hint)
    return out


def _span_overrides(values) -> tuple[tuple[str, float], ...]:
    """Parse ``--span-support RULE=FACTOR`` values; a clear error for a bad one."""
    from qa.labels import LABELS

    out = []
    for value in values:
        key, sep, factor = value.partition("=")
        try:
            number = float(factor)
        except ValueError:
            number = -1.0
        if not sep or key.split("/", 1)[0] not in LABELS or not 0.0 <= number <= 1.0:
            raise click.BadParameter(f"{value!r}: expected LABEL[/RULE]=FACTOR with a factor from 0 to 1",
                                     param_hint="--span-support")
        out.append((key, number))
    return tuple(out)


@main.command(name="eval")
@click.argument("data", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", type=click.Path(file_okay=False), help="Model directory (default: packaged).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="Also write the metrics as JSON.")
@click.option("--no-context", is_flag=True, help="Score rows without document context (like --segment none).")
@_friendly
def evaluate(data, model, json_out, no_context):
    """Precision, recall, F1 per label and language; false-positive rate on clean text.

    \b
    Example:
        qa eval ../shared/data/dev_gold/paragraphs.jsonl
    """
    from qa.model.evaluate import evaluate_files
    from qa.model.metrics import format_report

    metrics = evaluate_files(data, model, context=not no_context)
    click.echo(format_report(metrics))
    if json_out:
        Path(json_out).write_text(json.dumps(metrics, indent=1), encoding="utf-8")


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="JSONL file to write.")
@click.option("--kinds", default="all", show_default=True, help="Comma-separated: spacing,spliced,truncated,mojibake,leaked_code,boilerplate.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--rate", type=float, default=1.0, show_default=True, help="Share of records that get a corrupted variant.")
@click.option("--text-field", default="text", show_default=True)
@_friendly
def corrupt(input_path, out_path, kinds, seed, rate, text_field):
    """Make labelled defective variants of clean paragraphs (JSONL in, JSONL out).

    \b
    Example:
        qa corrupt clean.jsonl --out noisy.jsonl --kinds spacing,mojibake --seed 1
    """
    from qa.corrupt import KINDS, corrupt_records

    chosen = KINDS if kinds == "all" else tuple(k.strip() for k in kinds.split(",") if k.strip())
    unknown = sorted(set(chosen) - set(KINDS))
    if unknown:
        raise click.BadParameter(f"unknown kinds {unknown}; choose from {', '.join(KINDS)}")

    def records():
        with open(input_path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise QAError(f"{input_path}:{n}: invalid JSON ({exc.msg})") from exc

    count = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for rec in corrupt_records(records(), chosen, seed, rate=rate, text_field=text_field):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            count += 1
    click.echo(f"{count} records written to {out_path}")


if __name__ == "__main__":  # pragma: no cover
    main()

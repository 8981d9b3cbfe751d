"""Atomic writes: a failure mid-write leaves no partial file (and no temp file)."""

from __future__ import annotations

import os
import stat

import pytest

from qa.report import AuditWriter
from qa.report import writer as writer_module
from qa.report.atomic import AtomicFile, atomic_open, atomic_write_text

from .sample import RUN, SKIPS, feed, sample_corpus


class Boom(Exception):
    pass


def test_failure_mid_write_leaves_nothing(tmp_path):
    target = tmp_path / "report.html"
    with pytest.raises(Boom):
        with atomic_open(target) as f:
            f.write("<html>" * 10_000)
            f.flush()
            raise Boom
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_the_previous_file(tmp_path):
    target = tmp_path / "summary.json"
    atomic_write_text(target, "old")
    with pytest.raises(Boom):
        with atomic_open(target) as f:
            f.write("new, half")
            raise Boom
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.json"]


def test_commit_replaces_and_uses_normal_permissions(tmp_path):
    af = AtomicFile(tmp_path / "a" / "b.txt")
    af.file.write("x")
    assert not (tmp_path / "a" / "b.txt").exists()
    af.commit()
    af.commit()  # idempotent
    path = tmp_path / "a" / "b.txt"
    assert path.read_text() == "x"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_writer_failure_while_rendering_leaves_no_file(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise Boom

    monkeypatch.setattr(writer_module, "render_report", broken)
    writer = AuditWriter(tmp_path / "out", RUN)
    feed(writer, sample_corpus())
    with pytest.raises(Boom):
        writer.close(SKIPS, 1.0)
    assert list((tmp_path / "out").iterdir()) == []


def test_writer_failure_while_writing_html_keeps_old_report(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("previous report")
    real = writer_module.atomic_write_text

    def failing(path, text):
        if str(path).endswith(".html"):
            with atomic_open(path) as f:
                f.write(text[: len(text) // 2])
                raise Boom
        real(path, text)

    monkeypatch.setattr(writer_module, "atomic_write_text", failing)
    writer = AuditWriter(out, RUN)
    feed(writer, sample_corpus())
    with pytest.raises(Boom):
        writer.close(SKIPS, 1.0)
    assert (out / "report.html").read_text() == "previous report"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_exception_in_pipeline_aborts_via_context_manager(tmp_path):
    with pytest.raises(Boom):
        with AuditWriter(tmp_path, RUN) as writer:
            feed(writer, sample_corpus())
            raise Boom
    assert list(tmp_path.iterdir()) == []
    doc, scores = sample_corpus()[0]
    with pytest.raises(RuntimeError):
        writer.add(scores[0], doc)

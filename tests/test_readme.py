"""The README: two commands first, every command documented, the first one works."""

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

from qa.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def first_block():
    match = re.search(r"```bash\n(.*?)```", README, re.S)
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_readme_opens_with_install_and_test_commands():
    install_run, install_test = first_block()[:2]
    assert install_run.startswith("pip install") and "qa audit fixtures/" in install_run
    assert install_test.startswith("pip install") and "pytest" in install_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install" in ci and "pytest" in ci


def test_every_command_is_documented():
    for name in main.commands:
        assert f"qa {name}" in README, name


def test_first_command_runs(tmp_path):
    install_run = first_block()[0]
    audit = install_run.split("&&", 1)[1].strip()
    args = shlex.split(audit)
    assert args[0] == "qa"
    out = tmp_path / "out"
    args = args[1:]
    args[args.index("--out") + 1] = str(out)
    proc = subprocess.run(
        [sys.executable, "-m", "qa", *args, "--quiet", "--workers", "1"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["paragraphs"] > 20
    assert summary["defective_paragraphs"] > 0
    assert (out / "report.html").exists() and (out / "paragraphs.csv").exists()

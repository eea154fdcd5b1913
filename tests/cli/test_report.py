"""`voyager report RUN_DIR` as a user runs it: the three PNGs and report.md, their paths on stdout;
a path that is no run directory is one line. (Variants run in-process: matplotlib's import is
the slow part of a subprocess.)"""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

from tests.learner.test_report import _fake_run
from voyager.cli import main
from voyager.config import load_config
from voyager.learner.rundir import RunDir

FILES = ["unique_items.png", "tech_tree.png", "tokens.png", "report.md"]


def report(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voyager", "report", *args], capture_output=True, text=True,
                          timeout=120)


def report_in_process(capsys, *args: str) -> subprocess.CompletedProcess:
    code = main(["report", *args])
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(["voyager", "report", *args], code, captured.out, captured.err)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def assert_report(out: subprocess.CompletedProcess, folder: Path) -> str:
    """The files are written and listed, the PNGs are real images; returns report.md."""
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [str(folder / name) for name in FILES]
    for name in FILES[:3]:
        width, height = png_size(folder / name)
        assert width > 100 and height > 100
    assert not list(folder.glob("*.tmp*")), "temporary files left behind"
    return (folder / "report.md").read_text()


def test_report_writes_pngs_and_markdown_into_the_run(tmp_path):
    run = _fake_run(tmp_path)
    text = assert_report(report(str(run.root)), run.root / "report")
    assert text.startswith("# Run report: run\n")
    assert "- iterations: 4" in text and "- successful tasks: 3 (75%)" in text
    assert "- wooden tool: iteration 3" in text and "- stone tool: iteration 4" in text
    assert "- iron tool: not reached" in text
    assert "| 2 | task 2 | failed |" in text and "| 4 | task 4 | success |" in text


def test_report_out_option(tmp_path, capsys):
    run = _fake_run(tmp_path)
    out_dir = tmp_path / "elsewhere" / "plots"
    assert_report(report_in_process(capsys, str(run.root), "--out", str(out_dir)), out_dir)
    assert not (run.root / "report").exists()


def test_report_of_a_run_without_iterations(tmp_path, capsys):
    """A run stopped before its first task ends still gets a (mostly empty) report."""
    run = RunDir.create(load_config(), tmp_path / "fresh")
    text = assert_report(report_in_process(capsys, str(run.root)), run.root / "report")
    assert "- iterations: 0" in text and "- successful tasks: 0" in text


def test_report_of_a_missing_run_dir_is_one_line(tmp_path):
    missing = tmp_path / "no-such-run"
    out = report(str(missing))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == f"voyager: error: {missing} is not a run directory (no config.yaml); check the path\n"
    assert not missing.exists()

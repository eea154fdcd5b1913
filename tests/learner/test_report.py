import struct

from voyager import atomic
from voyager.config import load_config
from voyager.learner.report import summarize, write_report
from voyager.learner.rundir import RunDir
from voyager.learner.status import run_status


def _png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _fake_run(tmp_path):
    run = RunDir.create(load_config(), tmp_path / "run")
    items = [["oak_log"], ["oak_log", "oak_planks"], ["oak_log", "oak_planks", "stick", "wooden_pickaxe"],
             ["oak_log", "oak_planks", "stick", "wooden_pickaxe", "cobblestone", "stone_pickaxe"]]
    for i, seen in enumerate(items, start=1):
        atomic.append_jsonl(run.metrics_path, {"iteration": i, "task": f"task {i}", "success": i != 2,
                                               "unique_items": len(seen), "items_seen": seen, "tokens": 100 * i,
                                               "cost": 0.01 * i, "skill": f"skill{i}" if i != 2 else None})
    # A resumed run may write an iteration twice: the last record wins.
    atomic.append_jsonl(run.metrics_path, {"iteration": 4, "task": "task 4", "success": True, "unique_items": 6,
                                           "items_seen": items[-1], "tokens": 400, "cost": 0.04, "skill": "skill4"})
    atomic.append_jsonl(run.llm_log, {"role": "action", "prompt_tokens": 90, "completion_tokens": 10, "cost": 0.5})
    atomic.append_jsonl(run.llm_log, {"role": "critic", "prompt_tokens": 5, "completion_tokens": 5, "cost": 0.25})
    return run


def test_summary_series_and_milestones(tmp_path):
    summary = summarize(_fake_run(tmp_path))
    assert summary.iterations == [1, 2, 3, 4]
    assert summary.unique_items == [1, 2, 4, 6]
    assert summary.successes == 3
    assert summary.milestones == {"wooden tool": 3, "stone tool": 4, "iron tool": None, "diamond tool": None}


def test_report_writes_nonempty_pngs_and_markdown(tmp_path):
    run = _fake_run(tmp_path)
    paths = write_report(run.root)
    names = {p.name for p in paths}
    assert names == {"unique_items.png", "tech_tree.png", "tokens.png", "report.md"}
    for path in paths:
        if path.suffix == ".png":
            width, height = _png_size(path)
            assert width > 100 and height > 100
    text = (run.root / "report" / "report.md").read_text()
    assert "wooden tool: iteration 3" in text and "iron tool: not reached" in text
    assert "| 2 | task 2 | failed |" in text


def test_status_totals_by_role(tmp_path):
    status = run_status(_fake_run(tmp_path))
    assert status["tokens"] == 110
    assert status["by_role"]["action"]["calls"] == 1
    assert abs(status["cost"] - 0.75) < 1e-9
    assert status["running"] is False

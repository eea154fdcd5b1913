"""`voyager report`: plots (as in the Voyager paper's Fig. 1) and a Markdown summary of a run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voyager import atomic
from voyager.learner.rundir import RunDir

# Tech-tree milestones and the items that mark them (any tool of that material).
MILESTONES: dict[str, tuple[str, ...]] = {
    "wooden tool": ("wooden_pickaxe", "wooden_axe", "wooden_sword", "wooden_shovel", "wooden_hoe"),
    "stone tool": ("stone_pickaxe", "stone_axe", "stone_sword", "stone_shovel", "stone_hoe"),
    "iron tool": ("iron_pickaxe", "iron_axe", "iron_sword", "iron_shovel", "iron_hoe"),
    "diamond tool": ("diamond_pickaxe", "diamond_axe", "diamond_sword", "diamond_shovel", "diamond_hoe"),
}


@dataclass
class RunSummary:
    iterations: list[int] = field(default_factory=list)
    unique_items: list[int] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    successes: int = 0
    milestones: dict[str, int | None] = field(default_factory=dict)
    skills: list[str] = field(default_factory=list)
    tasks: list[tuple[int, str, bool]] = field(default_factory=list)


def metrics_by_iteration(run: RunDir) -> list[dict[str, Any]]:
    """One metrics record per iteration (a resumed run may have written one twice: last wins)."""
    records: dict[int, dict[str, Any]] = {}
    for record in atomic.read_jsonl(run.metrics_path):
        if isinstance(record.get("iteration"), int):
            records[record["iteration"]] = record
    return [records[i] for i in sorted(records)]


def summarize(run: RunDir) -> RunSummary:
    summary = RunSummary(milestones=dict.fromkeys(MILESTONES))
    for record in metrics_by_iteration(run):
        it = record["iteration"]
        summary.iterations.append(it)
        summary.unique_items.append(int(record.get("unique_items", 0)))
        summary.tokens.append(int(record.get("tokens", 0)))
        summary.cost.append(float(record.get("cost", 0.0)))
        summary.successes += bool(record.get("success"))
        summary.tasks.append((it, str(record.get("task", "")), bool(record.get("success"))))
        if record.get("skill"):
            summary.skills.append(str(record["skill"]))
        seen = set(record.get("items_seen", [])) | set(record.get("inventory", {}))
        for name, items in MILESTONES.items():
            if summary.milestones[name] is None and seen.intersection(items):
                summary.milestones[name] = it
    return summary


def write_report(run_dir: str | Path, out_dir: str | Path | None = None) -> list[Path]:
    """Write unique_items.png, tech_tree.png, tokens.png and report.md; return their paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    run = RunDir.open(run_dir)
    out = Path(out_dir) if out_dir else run.root / "report"
    out.mkdir(parents=True, exist_ok=True)
    summary = summarize(run)
    written: list[Path] = []

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(summary.iterations, summary.unique_items, marker="o", linewidth=1.5)
    ax.set(xlabel="prompting iterations", ylabel="distinct items obtained", title="Unique items over iterations")
    ax.grid(alpha=0.3)
    written.append(_save(fig, out / "unique_items.png"))

    fig, ax = plt.subplots(figsize=(6, 3))
    names = list(MILESTONES)
    reached = [summary.milestones[n] for n in names]
    ax.barh(names, [r if r is not None else 0 for r in reached],
            color=["tab:green" if r is not None else "lightgray" for r in reached])
    for y, r in enumerate(reached):
        ax.text((r or 0) + 0.1, y, f"iteration {r}" if r is not None else "not reached", va="center")
    ax.set(xlabel="iteration reached", title="Tech-tree milestones")
    ax.set_xlim(0, max([r for r in reached if r is not None] + [len(summary.iterations), 1]) * 1.3)
    written.append(_save(fig, out / "tech_tree.png"))

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.bar(summary.iterations, summary.tokens, color="tab:blue", label="tokens")
    ax.set(xlabel="iteration", ylabel="tokens", title="LLM tokens and cost per iteration")
    ax2 = ax.twinx()
    ax2.plot(summary.iterations, summary.cost, color="tab:red", marker=".", label="cost (USD)")
    ax2.set_ylabel("cost (USD)")
    written.append(_save(fig, out / "tokens.png"))
    plt.close("all")

    total = len(summary.iterations)
    lines = [
        f"# Run report: {run.root.name}", "",
        f"- iterations: {total}",
        f"- successful tasks: {summary.successes} ({100 * summary.successes / total:.0f}%)" if total
        else "- successful tasks: 0",
        f"- skills learned: {len(set(summary.skills))}",
        f"- distinct items obtained: {summary.unique_items[-1] if summary.unique_items else 0}",
        f"- tokens: {sum(summary.tokens)}; cost: ${sum(summary.cost):.4f}", "",
        "## Tech-tree milestones", "",
        *[f"- {name}: {'iteration ' + str(it) if it is not None else 'not reached'}"
          for name, it in summary.milestones.items()],
        "", "## Tasks", "", "| iteration | task | result |", "| --- | --- | --- |",
        *[f"| {it} | {task} | {'success' if ok else 'failed'} |" for it, task, ok in summary.tasks],
        "", "![unique items](unique_items.png) ![tech tree](tech_tree.png) ![tokens](tokens.png)", "",
    ]
    report_md = out / "report.md"
    atomic.write_text(report_md, "\n".join(lines))
    written.append(report_md)
    return written


def _save(fig: Any, path: Path) -> Path:
    tmp = path.with_suffix(".tmp.png")
    fig.savefig(tmp, dpi=100, bbox_inches="tight")
    tmp.replace(path)
    return path

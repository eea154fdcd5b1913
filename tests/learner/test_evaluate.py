import json

import pytest

from voyager.errors import ConfigError
from voyager.learner.evaluate import Suite, format_cell, load_suite, milestone_iterations, run_suite


def test_format_cell_matches_the_papers_tables():
    assert format_cell([4, 6, 8]) == "6 ± 2 (3/3)"
    assert format_cell([5, None, None]) == "5 ± 0 (1/3)"
    assert format_cell([None, None]) == "N/A (0/2)"


def test_milestones_come_from_items_seen():
    metrics = [{"iteration": 1, "items_seen": ["oak_log"]},
               {"iteration": 2, "items_seen": ["oak_log", "wooden_pickaxe"]},
               {"iteration": 3, "inventory": {"stone_sword": 1}}]
    assert milestone_iterations(metrics) == {"wooden tool": 2, "stone tool": 3, "iron tool": None,
                                             "diamond tool": None}


def test_run_suite_collects_rows_per_seed_and_writes_results(tmp_path):
    lifelong = Suite(name="tt", kind="lifelong", max_iterations=9)
    calls = []

    def learn_one(seed, run_dir, max_iterations):
        calls.append((seed, run_dir.name, max_iterations))
        return [{"iteration": seed, "items_seen": ["wooden_axe"]}]

    result = run_suite(lifelong, [2, 5], tmp_path, learn_one=learn_one, solve_one=None)
    assert calls == [(2, "seed-2", 9), (5, "seed-5", 9)]
    assert result.rows["wooden tool"] == [2, 5]
    assert dict(result.table())["iron tool"] == "N/A (0/2)"
    assert json.loads((tmp_path / "results.json").read_text())["rows"]["wooden tool"] == [2, 5]

    zero = Suite(name="zs", kind="zero_shot", tasks=["Craft 1 compass", "Craft 1 golden sword"])
    result = run_suite(zero, [1], tmp_path / "z", learn_one=None,
                       solve_one=lambda seed, task, run_dir, n: 3 if "compass" in task else None)
    assert result.rows == {"Craft 1 compass": [3], "Craft 1 golden sword": [None]}


def test_unknown_suite_names_the_available_ones(tmp_path):
    with pytest.raises(ConfigError, match="no task suite"):
        load_suite("does-not-exist")
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nkind: zero_shot\ntasks: ['Craft 1 compass']\nmax_iterations: 7\n")
    suite = load_suite(str(path))
    assert (suite.name, suite.kind, suite.tasks, suite.max_iterations) == ("mine", "zero_shot", ["Craft 1 compass"], 7)
    path.write_text("kind: forever\n")
    with pytest.raises(ConfigError, match="kind must be"):
        load_suite(str(path))

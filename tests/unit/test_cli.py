import subprocess
import sys

import pytest

from voyager.cli import SUBCOMMANDS, main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voyager", *args], capture_output=True, text=True, timeout=60)


def test_help_lists_every_subcommand():
    out = run_cli("--help")
    assert out.returncode == 0
    for name in SUBCOMMANDS:
        assert name in out.stdout


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_every_subcommand_has_help(name, capsys):
    with pytest.raises(SystemExit) as info:
        main([name, "--help"])
    assert info.value.code == 0
    assert "usage: voyager" in capsys.readouterr().out


def test_bad_set_key_is_one_line_and_nonzero():
    out = run_cli("learn", "--set", "llm.modle=x")
    assert out.returncode != 0
    assert out.stderr.strip().count("\n") == 0
    assert "llm.modle" in out.stderr and "Traceback" not in out.stderr


def test_missing_config_file_is_one_line_and_nonzero(tmp_path):
    out = run_cli("learn", "--config", str(tmp_path / "nope.yaml"))
    assert out.returncode != 0
    assert "does not exist" in out.stderr and "Traceback" not in out.stderr

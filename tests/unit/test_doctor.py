from voyager.cli import main


def test_doctor_reports_each_check_and_passes_with_a_reachable_endpoint(scripted_llm, monkeypatch, capsys):
    monkeypatch.setenv("OPENAI_BASE_URL", scripted_llm.base_url)
    assert main(["doctor", "--skip-world"]) == 0
    out = capsys.readouterr().out
    for name in ("python", "node", "npm packages", "llm"):
        assert f"ok    {name}:" in out
    assert "4 of 4 checks passed" in out


def test_doctor_names_the_unreachable_endpoint_and_the_fix(monkeypatch, capsys):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert main(["doctor", "--skip-world"]) == 1
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("FAIL"))
    assert "cannot reach http://127.0.0.1:9/v1" in line and "start the server or fix base_url" in line


def test_doctor_without_key_or_endpoint_says_how_to_configure(monkeypatch, capsys):
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert main(["doctor", "--skip-world"]) == 1
    assert "export OPENAI_API_KEY" in capsys.readouterr().out


def test_learn_without_any_llm_configured_stops_before_starting_anything(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert main(["learn", "--run-dir", str(tmp_path / "run")]) != 0
    err = capsys.readouterr().err
    assert "no LLM configured" in err and "llm.base_url" in err and err.count("\n") == 1
    assert not (tmp_path / "run").exists()

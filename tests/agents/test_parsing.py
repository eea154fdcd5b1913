"""Program and JSON extraction on a corpus of real-world-shaped bad and odd model outputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from voyager.agents.parsing import ParseError, extract_json, extract_program, functions_in, syntax_error

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def read(kind: str, name: str) -> str:
    # newline="" keeps CRLF files as written
    with open(CORPUS / kind / name, encoding="utf-8", newline="") as handle:
        return handle.read()


def test_corpus_is_complete():
    for kind in ("program", "json"):
        files = {p.name for p in (CORPUS / kind).glob("*.txt")}
        assert files == set(EXPECTED[kind]), f"{kind}: files and expected.yaml disagree"
    assert len(EXPECTED["program"]) + len(EXPECTED["json"]) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED["program"]))
def test_program_corpus(name):
    expected = EXPECTED["program"][name]
    text = read("program", name)
    if "error" in expected:
        with pytest.raises(ParseError, match=re.escape(expected["error"])) as info:
            extract_program(text)
        assert "\n" not in str(info.value)  # one line, sent back to the model
        return
    program = extract_program(text)
    assert program.main_function == expected["main"]
    assert program.exec_code == f"await {expected['main']}(bot);"
    assert syntax_error(program.code) is None
    names = [f.name for f in functions_in(program.code)]
    assert names[-1] == expected["main"]  # the main function comes last
    if "functions" in expected:
        assert names == expected["functions"]
    for part in expected.get("contains", []):
        assert part in program.code
    for part in expected.get("absent", []):
        assert part not in program.code


@pytest.mark.parametrize("name", sorted(EXPECTED["json"]))
def test_json_corpus(name):
    expected = EXPECTED["json"][name]
    text = read("json", name)
    if "error" in expected:
        with pytest.raises(ParseError, match=re.escape(expected["error"])):
            extract_json(text)
        return
    assert extract_json(text) == expected["value"]


def test_json_expect_picks_the_bracket_kind():
    text = 'Subgoals: ["Mine 1 wood log"] and {"note": 1}'
    assert extract_json(text, expect=list) == ["Mine 1 wood log"]
    assert extract_json(text, expect=dict) == {"note": 1}
    with pytest.raises(ParseError, match="no JSON list"):
        extract_json('{"a": 1}', expect=list)
    with pytest.raises(ParseError, match="no JSON object"):
        extract_json('["a"]', expect=dict)


def test_syntax_errors_name_line_and_column():
    message = syntax_error("async function f(bot) {\n  const x = ;\n}")
    assert message is not None and message.startswith("line 2")
    assert syntax_error("async function f(bot) { await bot.waitForTicks(1) }") is None

"""The primitives' LLM-facing docs (skills/<name>.md, included verbatim in the action prompt):
every public function of skills/*.js has one, in the shape the prompt relies on (a heading with
the real signature, a purpose line, its parameters, its failure behaviour, a ```js example that
parses and calls only primitives that exist)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from voyager.agents.action import primitive_names
from voyager.agents.parsing import fenced_blocks, functions_in, syntax_error, undefined_calls
from voyager.paths import skills_dir

SKILLS = skills_dir()


def _public_functions() -> dict[str, tuple[Path, str]]:
    """Public function name -> (its .js file, its parameter list as written, e.g. "bot, count = 1")."""
    out: dict[str, tuple[Path, str]] = {}
    for path in sorted(SKILLS.glob("*.js")):
        for function in functions_in(path.read_text(encoding="utf-8")):
            if function.name.startswith("_"):
                continue
            out[function.name] = (path, _parameters(function.code))
    return out


def _parameters(code: str) -> str:
    """The text between the parentheses of the function's parameter list (defaults may hold parentheses)."""
    start = code.index("(") + 1
    depth = 1
    for i in range(start, len(code)):
        depth += {"(": 1, ")": -1}.get(code[i], 0)
        if depth == 0:
            return " ".join(code[start:i].split())
    raise AssertionError(f"cannot read the signature of: {code.splitlines()[0]}")


PUBLIC = _public_functions()
PRIMITIVES = set(PUBLIC)


def test_the_primitives_of_the_issue_are_all_there():
    voyager = {"mineBlock", "craftItem", "smeltItem", "placeItem", "killMob", "exploreUntil", "getItemFromChest",
               "depositItemIntoChest", "checkItemInsideChest", "shoot", "waitForMobRemoved", "givePlacedItemBack"}
    assert voyager <= PRIMITIVES, sorted(voyager - PRIMITIVES)


def test_each_public_function_lives_in_its_own_file_and_has_a_doc():
    for name, (path, _) in PUBLIC.items():
        assert path.stem == name, f"{name} is declared in {path.name}; one primitive per file, named after it"
        assert (SKILLS / f"{name}.md").is_file(), f"skills/{name}.md is missing"
    # ... and the prompt documents nothing else (primitive_names() lists the .md files).
    assert set(primitive_names()) == PRIMITIVES


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_doc_shape(name: str):
    doc = (SKILLS / f"{name}.md").read_text(encoding="utf-8")
    lines = doc.strip().splitlines()
    _, params = PUBLIC[name]
    assert lines[0] == f"### {name}({params})", f"{name}.md heading must be the signature: ### {name}({params})"
    purpose = lines[1].strip()
    assert purpose and not purpose.startswith(("-", "`", "#")) and len(purpose) > 40, f"{name}.md: no purpose line"
    bullets = [line for line in lines if line.startswith("- ")]
    for param in [p.split("=")[0].strip() for p in params.split(",")][1:]:  # every parameter after bot
        assert any(f"`{param}`" in line for line in bullets), f"{name}.md does not describe `{param}`"
    assert any(re.search(r"\bOn failure\b|\bThrows\b|\bRejects\b", line) for line in bullets), \
        f"{name}.md does not say how it fails"
    examples = [block for block in fenced_blocks(doc) if block.lang in ("js", "javascript")]
    assert len(examples) == 1 and examples[0].closed, f"{name}.md needs one ```js example"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_example_parses_and_calls_only_primitives(name: str):
    doc = (SKILLS / f"{name}.md").read_text(encoding="utf-8")
    example = next(block.text for block in fenced_blocks(doc) if block.lang in ("js", "javascript"))
    program = f"async function example(bot) {{\n{example}\n}}\n"  # how generated code uses it
    assert syntax_error(program) is None, f"{name}.md example: {syntax_error(program)}"
    assert undefined_calls(program, PRIMITIVES) == [], f"{name}.md example calls functions that do not exist"
    assert re.search(rf"\b{name}\(bot\b", example), f"{name}.md example does not call {name}(bot, ...)"


def test_the_checker_catches_a_bad_example():
    # The two checks above fail on what they are meant to catch.
    assert syntax_error("async function example(bot) {\nawait mineBlock(bot, 'oak_log', 3;\n}\n") is not None
    assert undefined_calls("async function example(bot) {\nawait collectBlock(bot, 'oak_log');\n}\n",
                           PRIMITIVES) == ["collectBlock"]

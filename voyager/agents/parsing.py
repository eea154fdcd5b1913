"""Robust extraction of a JavaScript program and of JSON from real models' messy answers.

Programs are checked with a real JavaScript parser, tree-sitter with the tree-sitter-javascript
grammar (full modern syntax: async/await, optional chaining, `??`, classes), so a syntax error is
reported with its line and column and the model can be asked again with that message.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import tree_sitter
import tree_sitter_javascript

from voyager.agents.program import Program


class ParseError(ValueError):
    """The answer holds no usable program/JSON. The message (one line) is sent back to the model."""


# ------------------------------------------------------------------ text helpers
_ZERO_WIDTH = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"), None)
# Languages of fenced blocks we treat as JavaScript ("" is an untagged fence).
_JS_LANGS = {"", "javascript", "js", "jsx", "mjs", "cjs", "node", "nodejs", "es6", "ecmascript", "typescript", "ts"}
_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([\w+#.-]*)[^\n]*$", re.M)


def normalize(text: str) -> str:
    """CRLF/CR -> LF, drop BOM and zero-width characters, put inline fences on their own line."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").translate(_ZERO_WIDTH)
    # "Code: ```javascript" and "}```" -> the fence on its own line.
    return re.sub(r"(?<=[^\s`~])[ \t]*(`{3,}|~{3,})", r"\n\1", text)


@dataclass
class Block:
    lang: str
    text: str
    closed: bool


def fenced_blocks(text: str) -> list[Block]:
    """Every fenced block (``` or ~~~, any tag); an unclosed last fence runs to the end."""
    blocks: list[Block] = []
    pos = 0
    while True:
        opening = _FENCE_OPEN.search(text, pos)
        if not opening:
            return blocks
        fence, lang = opening.group(1), opening.group(2).lower()
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        end = closing.search(text, opening.end() + 1)
        if end is None:
            blocks.append(Block(lang, text[opening.end() + 1:], closed=False))
            return blocks
        blocks.append(Block(lang, text[opening.end() + 1:end.start()], closed=True))
        pos = end.end()


_CODE_START = re.compile(
    r"^[ \t]*(?:export\s+)?(?:async\s+function\b|function\s*[\w$]|(?:const|let|var)\s+[\w$]+\s*=\s*(?:async\b|function\b|\())",
    re.M,
)


def unfenced_code(text: str) -> str | None:
    """Code written without fences: from the first function-like line to the last closing brace."""
    start = _CODE_START.search(text)
    if not start:
        return None
    # Include comment lines right above the first function.
    begin = start.start()
    while begin > 0:
        prev_start = text.rfind("\n", 0, begin - 1) + 1
        if not text[prev_start:begin].strip().startswith("//"):
            break
        begin = prev_start
    end = text.rfind("}")
    if end < start.start():
        return text[begin:]
    return text[begin:end + 1]


# --------------------------------------------------------------- the JS parser
@cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))


def syntax_error(code: str) -> str | None:
    """The first syntax error of `code` as one line ("line 3, column 7: missing `)` ..."), or None."""
    source = code.encode("utf-8")
    root = _parser().parse(source).root_node
    if not root.has_error:
        return None
    node = _first_error(root)
    if node is None:  # has_error without a located node: report the whole program
        return "the program does not parse as JavaScript"
    row, col = node.start_point.row, node.start_point.column
    line = source.split(b"\n")[row].decode("utf-8", "replace").strip() if row < source.count(b"\n") + 1 else ""
    if node.is_missing:
        what = f"missing `{node.type}`"
    else:
        snippet = node.text.decode("utf-8", "replace").strip().split("\n")[0][:40] if node.text else ""
        what = f"unexpected `{snippet}`" if snippet else "unexpected end of input"
    return f"line {row + 1}, column {col + 1}: {what} in `{line[:100]}`"


def _first_error(node: tree_sitter.Node) -> tree_sitter.Node | None:
    if node.is_missing or node.type == "ERROR":
        # Prefer a more precise descendant (a MISSING token inside an ERROR).
        for child in node.children:
            found = _first_error(child)
            if found is not None and found.is_missing:
                return found
        return node
    for child in node.children:
        if child.has_error or child.is_missing:
            found = _first_error(child)
            if found is not None:
                return found
    return None


@dataclass
class Function:
    name: str
    is_async: bool
    params: list[str]
    code: str


def _text(source: bytes, node: tree_sitter.Node) -> str:
    return source[node.start_byte:node.end_byte].decode("utf-8")


def _param_names(source: bytes, params: tree_sitter.Node | None) -> list[str]:
    if params is None:
        return []
    if params.type == "identifier":  # `bot => ...`
        return [_text(source, params)]
    names = []
    for child in params.named_children:
        if child.type == "identifier":
            names.append(_text(source, child))
        elif child.type == "assignment_pattern":
            left = child.child_by_field_name("left")
            names.append(_text(source, left) if left is not None else "")
        elif child.type != "comment":
            names.append(_text(source, child))
    return names


def _is_async(node: tree_sitter.Node) -> bool:
    return any(child.type == "async" for child in node.children)


def functions_in(code: str) -> list[Function]:
    """Top-level functions of a (syntactically valid) program, in order.

    `async function f(bot) {}` is kept as written; `const f = async (bot) => {...}` and
    `const f = async function (bot) {...}` are rewritten as function declarations so the
    bridge can load them by name. Other top-level statements are dropped.
    """
    source = code.encode("utf-8")
    root = _parser().parse(source).root_node
    out: list[Function] = []
    for node in root.named_children:
        if node.type == "export_statement":
            inner = node.child_by_field_name("declaration") or next(
                (c for c in node.named_children if c.type.endswith("declaration")), None)
            if inner is None:
                continue
            node = inner
        if node.type == "function_declaration":
            name = node.child_by_field_name("name")
            out.append(Function(
                name=_text(source, name) if name is not None else "",
                is_async=_is_async(node),
                params=_param_names(source, node.child_by_field_name("parameters")),
                code=_text(source, node),
            ))
        elif node.type in ("lexical_declaration", "variable_declaration"):
            for declarator in node.named_children:
                if declarator.type != "variable_declarator":
                    continue
                value = declarator.child_by_field_name("value")
                name = declarator.child_by_field_name("name")
                if value is None or name is None or value.type not in ("arrow_function", "function_expression"):
                    continue
                out.append(_rewrite_expression(source, _text(source, name), value))
    return out


def _rewrite_expression(source: bytes, name: str, value: tree_sitter.Node) -> Function:
    params_node = value.child_by_field_name("parameters") or value.child_by_field_name("parameter")
    params = _param_names(source, params_node)
    params_text = _text(source, params_node) if params_node is not None else "()"
    if not params_text.startswith("("):
        params_text = f"({params_text})"
    body = value.child_by_field_name("body")
    body_text = _text(source, body) if body is not None else "{}"
    if body is not None and body.type != "statement_block":
        body_text = f"{{\n  return {body_text};\n}}"
    is_async = _is_async(value)
    prefix = "async function" if is_async else "function"
    return Function(name=name, is_async=is_async, params=params, code=f"{prefix} {name}{params_text} {body_text}")


# ------------------------------------------------------------------ call check
# Callable globals of JavaScript and of the bridge's sandbox; everything else must be defined.
JS_GLOBALS = frozenset({
    "parseInt", "parseFloat", "isNaN", "isFinite", "Number", "String", "Boolean", "Array", "Object", "Symbol",
    "BigInt", "Date", "RegExp", "Error", "TypeError", "RangeError", "Promise", "setTimeout", "clearTimeout",
    "setInterval", "clearInterval", "setImmediate", "clearImmediate", "encodeURIComponent", "decodeURIComponent",
    "encodeURI", "decodeURI", "Map", "Set", "WeakMap", "WeakSet", "Vec3", "Movements",
})  # ECMAScript built-ins plus bridge/lib/sandbox.js globals (no Node host globals: it is a vm context)
NEVER_DEFINED = {  # common hallucinations, with what to do instead
    "sleep": "there is no `sleep`: wait with `await bot.waitForTicks(20)` (20 ticks = 1 s)",
    "require": "there is no `require`: bot, mcData, Vec3, goals and every primitive are already defined",
}


def undefined_calls(code: str, known: set[str] | frozenset[str] | None) -> list[str]:
    """Names called as `name(...)` that the program never defines or mentions otherwise and that are
    not JavaScript/sandbox globals or in `known`. With `known` None only NEVER_DEFINED names are checked."""
    source = code.encode("utf-8")
    root = _parser().parse(source).root_node
    callees: dict[str, None] = {}
    others: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "identifier":
            parent = node.parent
            name = _text(source, node)
            if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == node:
                callees[name] = None
            else:
                others.add(name)
        stack.extend(reversed(node.children))
    unknown = []
    for name in callees:
        if name in others or name in JS_GLOBALS:
            continue
        if name in NEVER_DEFINED or (known is not None and name not in known):
            unknown.append(name)
    return unknown


def explain_undefined(names: list[str], known: set[str] | frozenset[str] | None) -> str:
    """One line for the model about undefined calls."""
    reasons = [NEVER_DEFINED[n] for n in names if n in NEVER_DEFINED]
    rest = [n for n in names if n not in NEVER_DEFINED]
    if rest:
        reasons.append(f"{', '.join(f'`{n}`' for n in rest)} {'is' if len(rest) == 1 else 'are'} not defined: call "
                       "only the control primitives, the programs listed above, or functions you define")
    return "; ".join(reasons)


# ------------------------------------------------------------- program choice
_SHAPE = "write one ```javascript block whose last function is `async function yourTaskName(bot) { ... }`"


def _main_function(functions: list[Function]) -> Function | None:
    """The last async function taking `bot` first that no other function calls (helpers written
    after the main function are common); if every candidate is called, simply the last one."""
    candidates = [f for f in functions if f.is_async and f.params[:1] == ["bot"]]
    if not candidates:
        return None
    for function in reversed(candidates):
        call = re.compile(rf"(?<![\w$.]){re.escape(function.name)}\s*\(")
        if not any(call.search(other.code) for other in functions if other is not function):
            return function
    return candidates[-1]


def extract_program(answer: str) -> Program:
    """The program in a model's answer, checked by the JavaScript parser.

    Candidates are the JavaScript fenced blocks (or, without fences, the code-like part of the
    text). Blocks that do not parse are skipped when others hold the main function. The main
    function is the last async function taking `bot` as its first parameter; every other
    function (from any valid block, the last definition of a name winning) is kept as a helper.
    Raises ParseError with a one-line reason to send back to the model.
    """
    text = normalize(answer)
    blocks = [b for b in fenced_blocks(text) if b.lang in _JS_LANGS and b.text.strip()]
    truncated = bool(blocks) and not blocks[-1].closed
    if blocks:
        candidates = [b.text for b in blocks]
    else:
        code = unfenced_code(text)
        if code is None:
            raise ParseError(f"the answer holds no JavaScript code; {_SHAPE}")
        candidates = [code]
    functions: dict[str, Function] = {}
    errors: list[str] = []
    for candidate in candidates:
        error = syntax_error(candidate)
        if error is not None:
            errors.append(error)
            continue
        for function in functions_in(candidate):
            functions.pop(function.name, None)  # a later definition replaces an earlier one
            functions[function.name] = function
    main = _main_function(list(functions.values()))
    if main is None:
        if errors:
            cut = " (the answer looks cut off: write a shorter program)" if truncated else ""
            raise ParseError(f"SyntaxError at {errors[-1]}{cut}")
        if not functions:
            raise ParseError(f"the code defines no function; {_SHAPE}")
        asyncs = [f for f in functions.values() if f.is_async]
        if not asyncs:
            last = list(functions.values())[-1]
            raise ParseError(f"no async function found: the main function `{last.name}` must be declared "
                             f"`async function {last.name}(bot)`")
        last = asyncs[-1]
        raise ParseError(f"the main function `{last.name}` must take `bot` as its first parameter "
                         f"(got ({', '.join(last.params)}))")
    helpers = [f for f in functions.values() if f is not main]
    code = "\n\n".join([*(f.code for f in helpers), main.code])
    return Program(code=code, main_function=main.name, exec_code=f"await {main.name}(bot);")


# ------------------------------------------------------------------------ JSON
_STRING = r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\''
_KIND: dict[type | None, str] = {dict: "object", list: "list"}
_PY_LITERALS = {"true": "True", "false": "False", "null": "None"}


def extract_json(answer: str, *, expect: type | None = None) -> Any:
    """The JSON value in a model's answer: fenced or not, prose around it, single quotes,
    trailing commas, Python literals and comments tolerated. Truncated JSON is an error
    (never completed by guessing). `expect` (dict or list) picks which bracket to look for.
    """
    text = normalize(answer)
    blocks = [b.text for b in fenced_blocks(text) if b.lang in ("", "json", "json5", "jsonc", "javascript", "js")]
    errors: list[str] = []
    for candidate in [*blocks, text]:
        try:
            value = _parse_json_text(candidate, expect)
        except ParseError as exc:
            errors.append(str(exc))
            continue
        return value
    raise ParseError(errors[0] if errors else "the answer holds no JSON")


def _parse_json_text(text: str, expect: type | None) -> Any:
    openers = {dict: "{", list: "["}.get(expect, "{[") if expect else "{["
    starts = [i for i in (text.find(ch) for ch in openers) if i >= 0]
    if not starts:
        raise ParseError(f"the answer holds no JSON {_KIND.get(expect, 'value')}")
    start = min(starts)
    end = _matching_close(text, start)
    if end is None:
        raise ParseError("the JSON is cut off (its brackets never close); answer again with complete JSON")
    raw = text[start:end + 1]
    for attempt in (raw, _relaxed(raw)):
        try:
            value = json.loads(attempt, strict=False)
            break
        except json.JSONDecodeError:
            continue
    else:
        try:
            value = ast.literal_eval(_pythonish(_relaxed(raw)))
        except (ValueError, SyntaxError, MemoryError, RecursionError) as exc:
            raise ParseError(f"the JSON does not parse ({type(exc).__name__}); answer with valid JSON only") from None
    if expect is not None and not isinstance(value, expect):
        raise ParseError(f"expected a JSON {_KIND.get(expect, 'value')}, got {type(value).__name__}")
    return value


def _matching_close(text: str, start: int) -> int | None:
    """Index of the bracket closing text[start], skipping strings in either quote style."""
    depth = 0
    quote: str | None = None
    escaped = False
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = None
            continue
        if ch in "\"'":
            # An apostrophe inside prose-like JSON ("don't") is not a quote unless it opens a value.
            if ch == "'" and not _opens_single_quote(text, i):
                continue
            quote = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return i
    return None


def _opens_single_quote(text: str, i: int) -> bool:
    before = text[:i].rstrip()
    return not before or before[-1] in "{[,:"


def _relaxed(raw: str) -> str:
    """Drop // and /* */ comments and trailing commas outside strings."""
    out = []
    for piece in re.split(f"({_STRING})", raw):
        if piece.startswith(('"', "'")) and len(piece) > 1:
            out.append(piece)
            continue
        piece = re.sub(r"//[^\n]*|/\*.*?\*/", "", piece, flags=re.S)
        piece = re.sub(r",(\s*[}\]])", r"\1", piece)
        out.append(piece)
    joined = "".join(out)
    return re.sub(r",(\s*[}\]])", r"\1", joined)


def _pythonish(raw: str) -> str:
    """JSON literals -> Python literals outside strings, for ast.literal_eval (single quotes)."""
    out = []
    for piece in re.split(f"({_STRING})", raw):
        if piece.startswith(('"', "'")) and len(piece) > 1:
            out.append(piece)
        else:
            out.append(re.sub(r"\b(true|false|null)\b", lambda m: _PY_LITERALS[m.group(1)], piece))
    return "".join(out)

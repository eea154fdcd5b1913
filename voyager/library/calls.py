"""Which functions a skill's code calls.

Parsed with the agents' tree-sitter JavaScript parser (voyager/agents/parsing.py): every
`name(...)` call whose callee is a plain identifier. When that parser is unavailable, a small
JS-aware scan does the same: comments, strings and regex literals are blanked first (template
literals keep their `${...}` code), then every `name(` that is not a method call (`x.name(`),
a constructor (`new Name(`), a definition or a keyword counts. Functions the code defines
itself and JS globals are left out, so what remains is what it needs from outside: primitives
and other skills.
"""

from __future__ import annotations

import re

_KEYWORDS = frozenset(["if", "for", "while", "switch", "catch", "function", "return", "typeof", "await", "async", "new", "delete", "void", "yield", "in", "of", "instanceof", "do", "else", "try", "finally", "throw", "case", "with", "super", "this", "class", "import", "export", "let", "const", "var"])
# Globals any JS program may call; never skills.
_BUILTINS = frozenset(["require", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "parseInt", "parseFloat", "isNaN", "isFinite", "Number", "String", "Boolean", "Array", "Object", "Symbol", "BigInt", "Promise", "Error", "TypeError", "RangeError", "Date", "RegExp", "Map", "Set", "JSON", "Math", "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "WeakMap", "WeakSet", "clearImmediate", "Vec3", "Movements"])
_CALL = re.compile(r"(?<![\w$.])(?:(new|function)\s+|(?:async\s+)?)?([A-Za-z_$][\w$]*)\s*\(")
_DEFINED = [
    re.compile(r"\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*\("),
    re.compile(r"\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:function\b|\([^()]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)"),
]


def strip_literals(code: str) -> str:
    """`code` with comments, string and regex contents replaced by spaces (lengths kept)."""
    out: list[str] = []
    i, n = 0, len(code)
    depth: list[int] = []  # brace depth at each open template `${`
    braces = 0
    last_significant = ""
    while i < n:
        ch = code[i]
        nxt = code[i + 1] if i + 1 < n else ""
        if ch == "/" and nxt == "/":
            end = code.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        if ch == "/" and nxt == "*":
            end = code.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", code[i:end]))
            i = end
            continue
        if ch in "'\"" or (ch == "/" and last_significant in ("", "(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";")):
            j = i + 1
            while j < n and code[j] != ch and code[j] != "\n":
                j += 2 if code[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(ch + " " * (j - i - 2) + (code[j - 1] if j - 1 > i else ""))
            i = j
            last_significant = "x"
            continue
        if ch == "`" or (ch == "}" and depth and depth[-1] == braces):
            if ch == "}":
                depth.pop()
            # Inside a template literal: blank text until `${` (code resumes) or the closing backtick.
            j = i + 1
            while j < n and code[j] != "`" and not (code[j] == "$" and j + 1 < n and code[j + 1] == "{"):
                j += 2 if code[j] == "\\" else 1
            if j < n and code[j] == "$":
                out.append(ch + re.sub(r"[^\n]", " ", code[i + 1:j]) + "${")
                depth.append(braces)
                i = j + 2
            else:
                j = min(j + 1, n)
                out.append(ch + re.sub(r"[^\n]", " ", code[i + 1:j - 1]) + (code[j - 1] if j - 1 > i else ""))
                i = j
            last_significant = "x"
            continue
        if ch == "{":
            braces += 1
        elif ch == "}":
            braces -= 1
        if not ch.isspace():
            last_significant = ch if not (ch.isalnum() or ch in "_$") else "x"
        out.append(ch)
        i += 1
    return "".join(out)


def defined_functions(code: str) -> set[str]:
    """Names of the functions `code` defines (declarations and `const f = (...) =>`)."""
    parsed = _parse(code)
    if parsed is not None:
        return parsed[0]
    clean = strip_literals(code)
    return {m.group(1) for pattern in _DEFINED for m in pattern.finditer(clean)}


def called_functions(code: str) -> list[str]:
    """Sorted names of outside functions `code` calls (not its own, not builtins or methods)."""
    parsed = _parse(code)
    if parsed is not None:
        defined, called = parsed
        return sorted(called - defined - _BUILTINS)
    clean = strip_literals(code)
    own = {m.group(1) for pattern in _DEFINED for m in pattern.finditer(clean)}
    found = set()
    for match in _CALL.finditer(clean):
        prefix, name = match.group(1), match.group(2)
        if prefix or name in _KEYWORDS or name in _BUILTINS or name in own:
            continue
        found.add(name)
    return sorted(found)


_FUNCTION_VALUES = frozenset({"arrow_function", "function_expression", "function", "generator_function"})


def _parse(code: str) -> tuple[set[str], set[str]] | None:
    """(defined, called) function names from the tree-sitter parse; None without the parser."""
    try:
        from voyager.agents.parsing import _parser
    except ImportError:
        return None
    source = code.encode("utf-8")
    defined: set[str] = set()
    called: set[str] = set()
    stack = [_parser().parse(source).root_node]
    while stack:
        node = stack.pop()
        if node.type == "call_expression":
            callee = node.child_by_field_name("function")
            if callee is not None and callee.type == "identifier":
                called.add(source[callee.start_byte:callee.end_byte].decode())
        elif node.type in ("function_declaration", "generator_function_declaration"):
            name = node.child_by_field_name("name")
            if name is not None:
                defined.add(source[name.start_byte:name.end_byte].decode())
        elif node.type == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if name is not None and value is not None and value.type in _FUNCTION_VALUES:
                defined.add(source[name.start_byte:name.end_byte].decode())
        stack.extend(node.children)
    return defined, called

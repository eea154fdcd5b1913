"""`voyager skills`: browse, search, export, import and serve a skill library."""

from __future__ import annotations

import argparse
from pathlib import Path

from voyager.cli.common import add_config_options, config_from_args


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="browse, search, export, import or serve a skill library",
        description="Work with a skill library. DIR is a run directory or a library folder.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(act: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(act, help=help_text, description=help_text)
        add_config_options(sub)
        sub.add_argument("--library", metavar="DIR", default=".", help="run directory or library folder")
        return sub

    action("list", "table of skills: name, version, task, uses, success rate")
    show = action("show", "one skill's code, description, lineage and calls")
    show.add_argument("name")
    show.add_argument("--version", type=int, default=None, help="an older version (default: the newest)")
    search = action("search", "semantic search over skill descriptions")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=5, help="number of results (default 5)")
    action("export", "write the library as a Voyager-format folder or a .tar.gz archive").add_argument("dest")
    action("import", "add the skills of a Voyager-format folder or an archive").add_argument("src")
    serve = action("serve", "a local web page for browsing and searching the library")
    serve.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0: a free one)")
    return parser


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from voyager.library import SkillLibrary

    config = config_from_args(args)
    console = Console()
    readonly = args.action != "import"
    with SkillLibrary.open(Path(args.library), embedding=config.library.embedding, readonly=readonly) as library:
        return _ACTIONS[args.action](library, args, console)


def _list(library, args, console) -> int:
    from rich.table import Table

    skills = library.latest()
    if not skills:
        console.print(f"no skills in {library.root}")
        return 0
    table = Table("name", "version", "task", "uses", "success rate", title=f"{len(skills)} skills in {library.root}")
    for skill in skills:
        rate = "-" if skill.success_rate is None else f"{skill.success_rate:.0%}"
        table.add_row(skill.name, str(skill.version), skill.task or "-", str(skill.used), rate)
    console.print(table)
    return 0


def _show(library, args, console) -> int:
    from rich.panel import Panel
    from rich.syntax import Syntax

    skill = library.get(args.name, args.version)
    console.print(f"[bold]{skill.name}[/] v{skill.version}  task: {skill.task or '-'}  model: {skill.model or '-'}  "
                  f"created: {skill.created_at or '-'}")
    console.print(Panel(skill.description.strip() or "(no description)", title="description"))
    console.print(Syntax(skill.code, "javascript", line_numbers=True, word_wrap=True))
    console.print("[bold]lineage[/]")
    for version in library.versions(skill.name):
        parent = f"from v{version.parent_version}" if version.parent_version else "first"
        marker = " <- shown" if version.version == skill.version else ""
        console.print(f"  v{version.version} ({parent}) {version.created_at or ''} task: {version.task or '-'}"
                      f"  used {version.used}, succeeded {version.succeeded}{marker}")
    learned = [name for name in skill.calls if name in library]
    others = [name for name in skill.calls if name not in library]
    console.print(f"[bold]calls skills[/]: {', '.join(learned) or '-'}")
    console.print(f"[bold]calls primitives/other[/]: {', '.join(others) or '-'}")
    console.print(f"[bold]called by[/]: {', '.join(library.called_by(skill.name)) or '-'}")
    return 0


def _search(library, args, console) -> int:
    from rich.table import Table

    hits = library.search(args.query, args.k)
    if not hits:
        console.print(f"no skills in {library.root}")
        return 0
    table = Table("score", "name", "version", "description")
    for skill, score in hits:
        table.add_row(f"{score:.3f}", skill.name, str(skill.version), _first_line(skill.description))
    console.print(table)
    return 0


def _export(library, args, console) -> int:
    from voyager.library.transfer import export_library

    dest = export_library(library, args.dest)
    console.print(f"exported {len(library)} skills to {dest}")
    return 0


def _import(library, args, console) -> int:
    from voyager.library.transfer import import_into

    report = import_into(library, args.src)
    console.print(f"imported {report.versions} versions of {report.skills} skills into {library.root}")
    if report.skipped:
        console.print(f"skipped (not JavaScript function names): {', '.join(report.skipped)}")
    return 0


def _serve(library, args, console) -> int:
    from voyager.errors import LibraryError
    from voyager.library.web.server import make_server

    try:
        server = make_server(library, port=args.port)
    except OSError as exc:
        raise LibraryError(f"cannot listen on 127.0.0.1:{args.port} ({exc.strerror}); "
                           "pass --port 0 for a free port") from exc
    host, port = server.server_address[:2]
    console.print(f"serving {library.root} at http://{host}:{port}/  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _first_line(text: str) -> str:
    lines = [line.strip(" /\t") for line in text.strip().splitlines()]
    lines = [line for line in lines if line and not line.startswith(("async function", "function", "}"))]
    return lines[0] if lines else ""


_ACTIONS = {"list": _list, "show": _show, "search": _search, "export": _export, "import": _import, "serve": _serve}

"""`voyager skills ...` output, the web API, and the page in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import threading
import time
import urllib.request

import pytest

from tests.library.conftest import fill, write_voyager_checkpoint
from voyager.cli import main
from voyager.library import SkillLibrary
from voyager.library.web.server import make_server


@pytest.fixture
def lib_dir(tmp_path):
    with fill(SkillLibrary.open(tmp_path / "run" / "skill")) as lib:
        lib.add("mineWoodLog", "async function mineWoodLog(bot) {\n  await mineBlock(bot, 'oak_log', 4)\n}\n",
                "Mine four oak logs by chopping trees.", task="Mine 4 logs")
        lib.record_use("mineWoodLog", success=True)
    return tmp_path / "run"


def cli(capsys, monkeypatch, *args):
    monkeypatch.setenv("COLUMNS", "200")
    code = main(["skills", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_list(lib_dir, capsys, monkeypatch):
    code, out, _ = cli(capsys, monkeypatch, "list", "--library", str(lib_dir))
    assert code == 0
    row = next(line for line in out.splitlines() if "mineWoodLog" in line)
    assert re.search(r"mineWoodLog\s*│\s*2\s*│\s*Mine 4 logs\s*│\s*1\s*│\s*100%", row)
    assert "5 skills" in out


def test_cli_show(lib_dir, capsys, monkeypatch):
    code, out, _ = cli(capsys, monkeypatch, "show", "mineWoodLog", "--library", str(lib_dir))
    assert code == 0
    assert "mineBlock(bot, 'oak_log', 4)" in out and "Mine four oak logs" in out
    assert "v1 (first)" in out and "v2 (from v1)" in out
    assert re.search(r"called by\S*: craftCraftingTable", out)
    code, out, _ = cli(capsys, monkeypatch, "show", "mineWoodLog", "--version", "1", "--library", str(lib_dir))
    assert "'oak_log', 1)" in out


def test_cli_search(lib_dir, capsys, monkeypatch):
    code, out, _ = cli(capsys, monkeypatch, "search", "smelt iron in a furnace", "-k", "2", "--library", str(lib_dir))
    rows = [line for line in out.splitlines() if re.search(r"\d\.\d{3}", line)]
    assert code == 0 and len(rows) == 2 and "smeltRawIron" in rows[0]


def test_cli_unknown_skill_is_one_line(lib_dir, capsys, monkeypatch):
    code, _, err = cli(capsys, monkeypatch, "show", "nope", "--library", str(lib_dir))
    assert code != 0 and err.strip().count("\n") == 0 and "no skill named 'nope'" in err


def test_cli_import_export(tmp_path, capsys, monkeypatch):
    ckpt = write_voyager_checkpoint(tmp_path / "ckpt")
    code, out, _ = cli(capsys, monkeypatch, "import", str(ckpt), "--library", str(tmp_path / "mine"))
    assert code == 0 and "imported 3 versions of 2 skills" in out
    code, out, _ = cli(capsys, monkeypatch, "export", str(tmp_path / "x.tar.gz"), "--library", str(tmp_path / "mine"))
    assert code == 0 and (tmp_path / "x.tar.gz").is_file()


@pytest.fixture
def server(lib_dir):
    with SkillLibrary.open(lib_dir, readonly=True) as lib:
        srv = make_server(lib, port=0)
        thread = threading.Thread(target=srv.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{srv.server_address[1]}"
        srv.shutdown()
        srv.server_close()


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_web_api(server):
    assert [s["name"] for s in get_json(f"{server}/api/skills")["skills"]] == sorted(
        ["mineWoodLog", "craftCraftingTable", "smeltRawIron", "killZombie", "catchFish"])
    results = get_json(f"{server}/api/search?q=go+fishing&k=2")["results"]
    assert results[0]["name"] == "catchFish" and 0 < results[0]["score"] <= 1
    detail = get_json(f"{server}/api/skill?name=mineWoodLog")
    assert detail["version"] == 2 and [v["version"] for v in detail["versions"]] == [1, 2]
    assert detail["called_by"] == ["craftCraftingTable"] and 'class="hl"' in detail["code_html"]
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{server}/api/skill?name=nope", timeout=30)
    assert info.value.code == 404
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{server}/static/../../library.py", timeout=30)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_page_search_then_open_shows_code(server, tmp_path):
    websocket = pytest.importorskip("websocket", reason="websocket-client is needed to drive Chromium")
    proc = subprocess.Popen(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}", "--remote-debugging-port=0",
         "--remote-allow-origins=*", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "HOME": str(tmp_path)})
    try:
        page = _Page(websocket, _devtools_port(proc))
        page.call("Page.navigate", url=server + "/")
        page.wait_for("document.querySelectorAll('#skills li').length === 5")
        page.eval("document.getElementById('search').value = 'smelt iron ore'")
        page.eval("document.querySelector('#search-form button[type=submit]').click()")
        page.wait_for("document.getElementById('list-title').textContent.startsWith('results for')")
        assert page.eval("document.querySelector('#skills li .name').textContent") == "smeltRawIron"
        page.eval("document.querySelector('#skills li').click()")
        page.wait_for("!document.getElementById('detail').hidden")
        code_text = page.eval("document.getElementById('code').innerText")
        assert "smeltItem(bot, 'raw_iron', 'coal', 1)" in code_text
        assert page.eval("document.querySelectorAll('#code .hl span').length") > 3  # highlighted
        assert page.eval("document.getElementById('description').textContent") == (
            "Smelt raw iron into an iron ingot in a furnace.")
        # Following a "called by" link opens the caller.
        page.call("Runtime.evaluate", expression="openSkill('mineWoodLog')", awaitPromise=True)
        page.wait_for("document.getElementById('skill-name').textContent === 'mineWoodLog v2'")
        page.eval("document.querySelector('#called-by a').click()")
        page.wait_for("document.getElementById('skill-name').textContent === 'craftCraftingTable v1'")
        page.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _devtools_port(proc: subprocess.Popen) -> int:
    deadline = time.monotonic() + 60
    buffer = b""
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 1)
        if ready:
            chunk = os.read(proc.stderr.fileno(), 4096)
            if not chunk:
                break
            buffer += chunk
            match = re.search(rb"DevTools listening on ws://127\.0\.0\.1:(\d+)/", buffer)
            if match:
                return int(match.group(1))
    raise AssertionError(f"chromium did not start: {buffer.decode(errors='replace')[-2000:]}")


class _Page:
    """The smallest DevTools-protocol client: evaluate JS in the first page target."""

    def __init__(self, websocket, port: int) -> None:
        targets = get_json(f"http://127.0.0.1:{port}/json/list")
        url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.next_id = 0

    def call(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message["result"]

    def eval(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.eval(f"(() => {{ try {{ return !!({expression}) }} catch (e) {{ return false }} }})()"):
                return
            time.sleep(0.05)  # polling interval, not an assertion
        raise AssertionError(f"page never reached: {expression}\n{self.eval('document.body.innerText')}")

    def close(self) -> None:
        self.ws.close()


def test_cli_serve_binds_localhost(lib_dir):
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "voyager", "skills", "serve", "--port", "0", "--library",
                             str(lib_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "COLUMNS": "400"})
    try:
        line = proc.stdout.readline().decode()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, f"no URL in {line!r}"
        skills = get_json(f"http://127.0.0.1:{match.group(1)}/api/skills")["skills"]
        assert len(skills) == 5
    finally:
        proc.terminate()
        proc.wait(timeout=30)

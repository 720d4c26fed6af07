"""Serious and critical axe-core violations of every demo page, under reblocks and under Gradio:
`python bench/accessibility.py [--gradio PY] [NAME ...]`.

Each demo in demos/ runs as its `__main__` block launches it (theme, css, auth, i18n...); for Gradio, a copy
imports `gradio as gr` instead of reblocks. Headless Chromium opens the page (logging in first where the
demo asks for it), waits until no new resource has arrived for a second, injects js/node_modules/axe-core
and runs it. Each cell is "rules (elements)": the violated rules of impact serious or critical, and how
many elements violate them. Gradio is installed into /tmp/gradio-venv when --gradio is not given.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError

sys.path.insert(0, str(Path(__file__).parent))
from common import ensure_gradio_venv, running  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEMOS = ROOT / "demos"
AXE = ROOT / "js" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
# Mounted at /chat/ of an aiohttp app of its own (reblocks only: Gradio mounts on FastAPI).
MOUNTED = {"mount_aiohttp": "/chat/"}

# Runs a demo file as its author does, then serves what it launched on the port given last.
LAUNCHER = '''
import json, runpy, sys
from pathlib import Path
framework, path, auth_file, port = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
sys.path.insert(0, str(path.parent))
gr = __import__(framework)
launched = {}
real_launch = gr.Blocks.launch
gr.Blocks.launch = lambda self, *args, **options: launched.update(options, blocks=self)
if path.stem == "mount_aiohttp":
    from aiohttp import web
    web.run_app(runpy.run_path(str(path))["app"], host="127.0.0.1", port=port, print=None)
else:
    namespace = runpy.run_path(str(path), run_name="__main__")
    demo = launched.pop("blocks", None) or namespace["demo"]
    auth_file.write_text(json.dumps(launched.get("auth") or None, default=list))
    real_launch(demo, server_name="127.0.0.1", server_port=port, quiet=True, **launched)
'''

# The number of resources the page has fetched; the page has settled when it stops growing.
RESOURCES = "() => performance.getEntriesByType('resource').length"


def demo_files(names: list[str]) -> list[Path]:
    files = sorted([*DEMOS.glob("*.py"), DEMOS / "dev_chat" / "app.py"])
    return [path for path in files if not names or demo_name(path) in names]


def demo_name(path: Path) -> str:
    return str(path.relative_to(DEMOS).with_suffix(""))


def gradio_copy(target: Path) -> Path:
    """demos/ copied to `target` with each `reblocks` import made a `gradio` one."""
    shutil.copytree(DEMOS, target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.rglob("*.py"):
        source = path.read_text()
        path.write_text(re.sub(r"^(\s*(?:import|from)\s+)reblocks\b", r"\1gradio", source, flags=re.MULTILINE))
    return target


def settle(page: Any) -> None:
    """Wait until the page fetched nothing new for a second (lazy chunks, fonts, Markdown), at most 20s."""
    seen = -1
    for _ in range(20):
        count = page.evaluate(RESOURCES)
        if count == seen:
            return
        seen = count
        page.wait_for_timeout(1000)


def log_in(page: Any, auth: list[list[str]]) -> None:
    username, password = auth[0]
    page.get_by_label(re.compile("username", re.IGNORECASE)).fill(username)
    page.get_by_label(re.compile("password", re.IGNORECASE)).fill(password)
    page.get_by_role("button", name=re.compile("log ?in", re.IGNORECASE)).click()
    page.wait_for_load_state()


Audit = tuple[list[str], int] | str


def audit(browser: Browser, python: str, framework: str, path: Path, name: str, work: Path) -> Audit:
    """The rules the demo's page violates seriously or critically and how many elements violate them, or why
    the page could not be checked."""
    launcher, auth_file = work / "launch.py", work / f"{framework}-{name.replace('/', '-')}.json"
    launcher.write_text(LAUNCHER)
    ready = MOUNTED.get(name, "/")
    try:
        with running([python, str(launcher), framework, str(path), str(auth_file)], ready) as (base, _):
            auth = json.loads(auth_file.read_text()) if auth_file.exists() else None
            context = browser.new_context(bypass_csp=True)  # axe is injected as a script of its own
            page = context.new_page()
            page.goto(base + ready)
            if auth:
                log_in(page, auth)
            settle(page)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
            context.close()
    except (RuntimeError, ProcessLookupError):
        return "does not start"  # the server exited: the demo does not run on this framework
    except (TimeoutError, PlaywrightError) as error:
        return f"no page ({type(error).__name__})"
    serious = [violation for violation in result["violations"] if violation["impact"] in SERIOUS]
    return [violation["id"] for violation in serious], sum(len(violation["nodes"]) for violation in serious)


def cell(value: Audit) -> str:
    return value if isinstance(value, str) else f"{len(value[0])} ({value[1]})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gradio", help="a python that has gradio installed (default: /tmp/gradio-venv)")
    parser.add_argument("--rules", action="store_true", help="name the violated rules under each page")
    parser.add_argument("names", nargs="*", help="demos to check, as demo names (default: all)")
    args = parser.parse_args()
    if not AXE.exists():
        sys.exit("run `npm install` in js/ first: axe-core is one of its dev dependencies")
    gradio = args.gradio or ensure_gradio_venv()
    files = demo_files(args.names)
    totals = {"reblocks": [0, 0], "gradio": [0, 0]}
    print(f"{'page':34} {'reblocks':>14} {'gradio':>22}   serious/critical rules (elements)")
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        work = Path(temporary)
        copies = gradio_copy(work / "demos")
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for path in files:
            name = demo_name(path)
            ours = audit(browser, sys.executable, "reblocks", path, name, work)
            theirs = audit(browser, gradio, "gradio", copies / path.relative_to(DEMOS), name, work)
            for framework, value in (("reblocks", ours), ("gradio", theirs)):
                if not isinstance(value, str):
                    totals[framework][0] += len(value[0])
                    totals[framework][1] += value[1]
            print(f"{name:34} {cell(ours):>14} {cell(theirs):>22}", flush=True)
            if args.rules:
                for framework, value in (("reblocks", ours), ("gradio", theirs)):
                    if not isinstance(value, str) and value[0]:
                        print(f"    {framework}: {', '.join(value[0])}")
        browser.close()
    print(f"{'total':34} {'{} ({})'.format(*totals['reblocks']):>14} {'{} ({})'.format(*totals['gradio']):>22}")


if __name__ == "__main__":
    main()

"""`reblocks app.py` (or `python -m reblocks app.py`): serve an app in the dev mode, reloading on edits."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Run the app file, serve the Blocks it names, and swap in a new one after each edit."""
    parser = argparse.ArgumentParser(prog="reblocks", description=(
        "Serve a reblocks app and reload it in open pages whenever its file, or a local module it "
        "imports, changes."))
    parser.add_argument("app", type=Path, help="the app's Python file")
    parser.add_argument("--demo-name", default="demo", help="the name of the Blocks in the file (default: demo)")
    parser.add_argument("--watch-dirs", nargs="*", type=Path, default=[],
                        help="folders whose .py files also reload the app when they change")
    args = parser.parse_args(argv)
    if not args.app.is_file():
        parser.error(f"no such file: {args.app}")

    from reblocks.renderer.reload import AppFileError, Reloader  # noqa: PLC0415 - after parsing: fast --help
    from reblocks.renderer.server import dev_mode, launch  # noqa: PLC0415

    sys.path.insert(0, str(args.app.resolve().parent))  # the app imports its neighbours, as with python app.py
    reloader = Reloader(args.app, args.demo_name, args.watch_dirs)
    try:
        demo = reloader.load()
    except AppFileError as exc:
        sys.exit(f"Error in {exc.report.file}, line {exc.report.line}: {exc.report.message}")
    options = {**reloader.launch_options, "prevent_thread_lock": True}
    with dev_mode(reloader):
        result = launch(demo, **options)
    reloader.app, reloader.url = result.app, result.local_url
    print(f"Watching {', '.join(sorted(str(path) for path in reloader.watched()))} for changes", flush=True)
    server = demo.server
    watcher = asyncio.run_coroutine_threadsafe(reloader.watch(), server.loop)
    try:
        server.join()
    finally:
        watcher.cancel()


if __name__ == "__main__":
    main()

"""The dev mode: run an app file, watch it and the local modules it imports, and swap in the app it
builds after each edit, in the same server process, without losing what sessions hold.

An edit re-runs the file in a copy of its previous namespace (so names set under `if gr.NO_RELOAD:`
stay) with block ids numbered as the first run numbered them, so an unchanged block keeps its id and
the page keeps its value. A file that fails to run leaves the previous app serving; open pages show
the error until an edit fixes it.
"""

from __future__ import annotations

import asyncio
import builtins
import logging
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec
from aiohttp import web

from reblocks.blocks.block import next_block_id, restart_block_ids
from reblocks.blocks.blocks import Blocks
from reblocks.reloading import NO_RELOAD
from reblocks.renderer.app import SERVER
from reblocks.renderer.server import LaunchResult, dev_mode
from reblocks.wire import DevError, DevReload

__all__ = ["AppFileError", "Reloader"]

log = logging.getLogger("reblocks")
_encode = msgspec.json.Encoder().encode
_HEARTBEAT_SECONDS = 15.0


class AppFileError(Exception):
    """The app file failed to run, or built no Blocks under the expected name."""

    def __init__(self, report: DevError) -> None:
        super().__init__(f"{report.file}:{report.line}: {report.message}")
        self.report = report


class Reloader:
    """Runs the app file and re-runs it on each edit, swapping the new app into the server."""

    capturing = False

    def __init__(self, path: Path, demo_name: str = "demo", watch_dirs: Sequence[Path] = ()) -> None:
        self.path = path.resolve()
        self.demo_name = demo_name
        self.watch_dirs = [directory.resolve() for directory in watch_dirs]
        self.launch_options: dict[str, Any] = {}
        """What the file's own `demo.launch(...)` asked for (the first run's, for the server)."""
        self.modules: dict[str, Path] = {}
        """The local modules the app imports, by name: an edit to one reloads the app too."""
        self.app: web.Application | None = None
        self.url = ""
        self.version = 0
        self.error: DevError | None = None
        self._namespace: dict[str, Any] | None = None
        self._first_id = next_block_id()
        self._pages: set[asyncio.Queue[bytes]] = set()

    # -- running the file --------------------------------------------------------------------
    def load(self) -> Blocks:
        """Run the app file (again) and return the Blocks it names; AppFileError if it cannot."""
        first = self._namespace is None
        namespace = {"__name__": "__main__", "__file__": str(self.path), "__builtins__": builtins}
        namespace.update(self._namespace or {})
        for name in self.modules:  # edits to local modules take effect: import them afresh
            sys.modules.pop(name, None)
        imported = set(sys.modules)
        highest = next_block_id()
        restart_block_ids(self._first_id)
        NO_RELOAD.value = first
        self.capturing = True
        try:
            code = compile(self.path.read_bytes(), str(self.path), "exec")
            with dev_mode(self):
                exec(code, namespace)  # noqa: S102 - running the user's app is the point
        except Exception as exc:  # noqa: BLE001 - any failure is reported to the page, not raised
            raise AppFileError(self._report(exc)) from exc
        finally:
            self.capturing = False
            restart_block_ids(max(highest, next_block_id()))  # never hand out an id twice
            self.modules.update(self._local(set(sys.modules) - imported))
        demo = namespace.get(self.demo_name)
        previous = (self._namespace or {}).get(self.demo_name)
        if not isinstance(demo, Blocks) or demo is previous:  # the name must be this run's app
            raise AppFileError(DevError(file=str(self.path), line=None, message=(
                f"{self.path.name} defines no Blocks named {self.demo_name!r} (use --demo-name)")))
        self._namespace = namespace
        return demo

    def captured(self, blocks: Blocks, options: dict[str, Any]) -> LaunchResult:
        """The file's own `launch()`: noted, never a second server. Page options apply to the app."""
        if self._namespace is None:
            self.launch_options = options
        for name in ("theme", "css", "js", "head"):
            if name in options:
                setattr(blocks, name, options[name])
        return LaunchResult(self.app, self.url, None)

    def _local(self, names: set[str]) -> dict[str, Path]:
        """Of the modules just imported, those whose file is beside the app or under a watched folder,
        and not an installed package's."""
        roots = [self.path.parent, *self.watch_dirs]
        installed = {Path(path).resolve() for path in sys.path if "site-packages" in path or "dist-packages" in path}
        local: dict[str, Path] = {}
        for name in names:
            file = getattr(sys.modules.get(name), "__file__", None)
            if file is None:
                continue
            resolved = Path(file).resolve()
            if any(resolved.is_relative_to(root) for root in roots) and not any(
                    resolved.is_relative_to(path) for path in installed):
                local[name] = resolved
        return local

    def _report(self, exc: BaseException) -> DevError:
        """Where an error in the app's code happened: the innermost frame in a local file."""
        message = f"{type(exc).__name__}: {exc}"
        if isinstance(exc, SyntaxError) and exc.filename:
            return DevError(file=exc.filename, line=exc.lineno, message=f"SyntaxError: {exc.msg}")
        ours = {str(self.path), *map(str, self.modules.values())}
        frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename in ours]
        if not frames:
            return DevError(file=str(self.path), line=None, message=message)
        return DevError(file=frames[-1].filename, line=frames[-1].lineno, message=message)

    # -- watching ----------------------------------------------------------------------------
    def watched(self) -> set[Path]:
        """The files whose edits reload the app: the app file and its local modules."""
        return {self.path, *self.modules.values()}

    async def watch(self) -> None:
        """Reload after each edit until cancelled (runs on the server's loop)."""
        from watchfiles import awatch  # noqa: PLC0415 - the dev mode alone needs it

        while True:
            files = self.watched()
            folders = {file.parent for file in files} | set(self.watch_dirs)

            def relevant(change: Any, path: str, files: set[Path] = files) -> bool:
                resolved = Path(path)
                return resolved in files or (resolved.suffix == ".py" and any(
                    resolved.is_relative_to(folder) for folder in self.watch_dirs))

            async for _ in awatch(*folders, watch_filter=relevant, debounce=400, step=20):
                await self.reload()
                if self.watched() != files:
                    break  # the app imports other local modules now: watch those

    async def reload(self) -> None:
        """Run the edited file and swap its app in, or show why it could not run."""
        assert self.app is not None
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        try:
            blocks = await loop.run_in_executor(None, self.load)
        except AppFileError as exc:
            self.error = exc.report
            log.error("Error in %s, line %s: %s (the previous version keeps serving)",
                      exc.report.file, exc.report.line, exc.report.message)
            self._tell(exc.report)
            return
        self.app[SERVER].swap(blocks)
        self.error = None
        self.version += 1
        self._tell(DevReload(version=self.version))
        print(f"Reloaded {self.path.name} in {time.perf_counter() - started:.2f} s", flush=True)

    # -- telling pages -----------------------------------------------------------------------
    def _tell(self, message: DevReload | DevError) -> None:
        frame = b"data: " + _encode(message) + b"\n\n"
        for page in self._pages:
            page.put_nowait(frame)

    async def stream(self, request: web.Request) -> web.StreamResponse:
        """GET /gradio_api/dev/reload: a page's stream of reloads and errors (the current error first)."""
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
        await response.prepare(request)
        page: asyncio.Queue[bytes] = asyncio.Queue()
        self._pages.add(page)
        try:
            if self.error is not None:
                await response.write(b"data: " + _encode(self.error) + b"\n\n")
            while True:
                try:
                    frame = await asyncio.wait_for(page.get(), _HEARTBEAT_SECONDS)
                except TimeoutError:
                    frame = b": alive\n\n"
                await response.write(frame)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self._pages.discard(page)
        return response

"""What the benchmarks share: ports, starting and stopping the benchmark apps, Gradio's venv, and the --gradio option."""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.request import urlopen

HERE = Path(__file__).parent
GRADIO_VENV = Path("/tmp/gradio-venv")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    """Poll `url` until the server we started answers (or exits)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)  # polling a process we started for readiness
    raise TimeoutError(url)


@contextmanager
def running(command: list[str], ready_path: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start a server `command` (its last argument is the port) and yield its base URL and process."""
    port = free_port()
    process = subprocess.Popen([*command, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"}, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base + ready_path, process)
        yield base, process
    finally:
        stop(process)


def stop(process: subprocess.Popen[Any]) -> None:
    """Stop `process` and the processes it started (`gradio app.py` runs the app in a child and
    leaves it running on SIGTERM), as Ctrl-C in a terminal would: signal its whole process group.
    The process must have been started with start_new_session=True."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def endpoint(base: str, api_name: str) -> tuple[int, int]:
    """The fn_index and number of inputs of the dependency named `api_name`, from the app's /config."""
    config = json.loads(urlopen(base + "/config", timeout=30).read())
    for dependency in config["dependencies"]:
        if dependency.get("api_name") == api_name:
            return int(dependency["id"]), len(dependency["inputs"])
    raise LookupError(f"no /{api_name} endpoint")


def rss_mb(pid: int) -> float:
    """Resident memory of process `pid` in MB (VmRSS), or NaN once it has exited."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds process `pid` has used so far (/proc/<pid>/stat utime + stime)."""
    # The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ensure_gradio_venv() -> str:
    """The python of a venv with Gradio 6 (GRADIO_VENV), created first if missing; Gradio is never
    a dependency of reblocks. Its path also serves as the --gradio option of the other benchmarks."""
    python = GRADIO_VENV / "bin" / "python"
    if not (GRADIO_VENV / "bin" / "gradio").exists():  # the script pip installs with the package
        if not python.exists():
            subprocess.run(["python3", "-m", "venv", str(GRADIO_VENV)], check=True)
        subprocess.run([str(GRADIO_VENV / "bin" / "pip"), "install", "-q", "gradio>=6,<7"], check=True)
    return str(python)


def chat_app(python: str, module: str, kind: str = "async", tokens: int | None = None) -> list[str]:
    """The command that serves bench/chat_app.py with `module` (reblocks or gradio) and an answer
    of `tokens` tokens (its default if None) streamed by an `async` or a `sync` generator, less its port."""
    return [python, str(HERE / "chat_app.py"), module, kind, *([str(tokens)] if tokens is not None else [])]


def bare_app(tokens: int | None = None) -> list[str]:
    """The command that serves bench/bare_app.py (the floor) with answers of `tokens` tokens (its
    default if None), less its port."""
    return [sys.executable, str(HERE / "bare_app.py"), *([str(tokens)] if tokens is not None else [])]


def frameworks(description: str | None) -> tuple[argparse.Namespace, list[tuple[str, str, str]]]:
    """Parse the common options; (name, python, module) for reblocks and, with --gradio, Gradio."""
    parser = argparse.ArgumentParser(description=description,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gradio", help="a python that has gradio installed, to measure it alongside")
    parser.add_argument("--runs", type=int, default=5, help="repetitions, where a benchmark repeats")
    args = parser.parse_args()
    rows = [("reblocks", sys.executable, "reblocks")]
    if args.gradio:
        rows.append(("gradio", args.gradio, "gradio"))
    return args, rows

"""Import time and idle memory: `python bench/startup.py [--gradio /path/to/venv/bin/python]`.

Import time is the best of five fresh interpreters; idle memory is the resident set of the
benchmark chat app (bench/chat_app.py) once it serves its config, before any request for a page.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

sys.path.insert(0, str(Path(__file__).parent))
from common import chat_app, frameworks, running  # noqa: E402


def import_seconds(python: str, module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(5)]
    return min(runs)


def idle_mib(python: str, module: str) -> float:
    with running(chat_app(python, module), "/config") as (base, process):
        urlopen(base + "/config").read()
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def main() -> None:
    _, rows = frameworks(__doc__)
    print(f"{'framework':<12}{'import s':>10}{'idle MiB':>10}")
    for name, python, module in rows:
        print(f"{name:<12}{import_seconds(python, module):>10.3f}{idle_mib(python, module):>10.1f}")


if __name__ == "__main__":
    main()

"""Bytes a browser downloads to show the benchmark chat app: `python bench/page_weight.py [--gradio PY]`.

Loads the page in headless Chromium until the chat box shows (plus two seconds for late chunks) and sums every response's body
size as sent (encodedBodySize from the Resource Timing API, plus the document itself).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from common import chat_app, frameworks, running  # noqa: E402

WEIGHT = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  return [nav.encodedBodySize + resources.reduce((sum, r) => sum + r.encodedBodySize, 0),
          nav.decodedBodySize + resources.reduce((sum, r) => sum + r.decodedBodySize, 0),
          resources.length + 1];
}"""


def weigh(python: str, module: str) -> tuple[int, int, int]:
    with running(chat_app(python, module), "/config") as (base, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu",
                                                   "--disable-background-networking"])
        page = browser.new_page()
        page.goto(base + "/", wait_until="load")
        page.get_by_role("textbox").first.wait_for()
        # Heartbeats keep some pages from going idle; give late chunks two seconds to arrive.
        page.wait_for_timeout(2000)
        encoded, decoded, count = page.evaluate(WEIGHT)
        browser.close()
    return int(encoded), int(decoded), int(count)


def main() -> None:
    _, rows = frameworks(__doc__)
    print(f"{'framework':<12}{'sent kB':>10}{'decoded kB':>12}{'requests':>10}")
    for name, python, module in rows:
        encoded, decoded, count = weigh(python, module)
        print(f"{name:<12}{encoded / 1000:>10.1f}{decoded / 1000:>12.1f}{count:>10}")


if __name__ == "__main__":
    main()

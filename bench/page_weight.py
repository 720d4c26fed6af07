"""Bytes a browser downloads to show the benchmark chat app: `python bench/page_weight.py [--gradio PY]`.

Loads the page in headless Chromium until the chat box shows (plus two seconds for late chunks) and sums every response's body
size as sent (encodedBodySize from the Resource Timing API, plus the document itself), and what the same
bodies weigh gzipped, which does not depend on what each server compresses.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Browser, Playwright, Response, sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from common import chat_app, frameworks, running  # noqa: E402

WEIGHT = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  return [nav.encodedBodySize + resources.reduce((sum, r) => sum + r.encodedBodySize, 0),
          nav.decodedBodySize + resources.reduce((sum, r) => sum + r.decodedBodySize, 0),
          resources.length + 1];
}"""


def launch_chromium(playwright: Playwright) -> Browser:
    """The system's headless Chromium, as the browser benchmarks run it."""
    return playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                      args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def gzipped(responses: list[Response]) -> int:
    """The bytes of every finished response's body once gzipped (level 6), whatever the server sent."""
    total = 0
    for response in responses:
        if "text/event-stream" in response.headers.get("content-type", ""):
            continue  # a stream that stays open has no body to read
        try:
            total += len(gzip.compress(response.body(), 6))
        except PlaywrightError:
            pass  # redirects and aborted requests have no body
    return total


def weigh(python: str, module: str) -> tuple[int, int, int, int]:
    """Bytes sent, bytes decoded, requests, and bytes if every body were gzipped, of the chat page."""
    with running(chat_app(python, module), "/config") as (base, _), sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        responses: list[Response] = []
        page.on("response", lambda response: responses.append(response))
        page.goto(base + "/", wait_until="load")
        page.get_by_role("textbox").first.wait_for()
        # Heartbeats keep some pages from going idle; give late chunks two seconds to arrive.
        page.wait_for_timeout(2000)
        encoded, decoded, count = page.evaluate(WEIGHT)
        compressed = gzipped(responses)
        browser.close()
    return int(encoded), int(decoded), int(count), compressed


def main() -> None:
    _, rows = frameworks(__doc__)
    print(f"{'framework':<12}{'sent kB':>10}{'decoded kB':>12}{'gzip kB':>10}{'requests':>10}")
    for name, python, module in rows:
        encoded, decoded, count, compressed = weigh(python, module)
        print(f"{name:<12}{encoded / 1000:>10.1f}{decoded / 1000:>12.1f}{compressed / 1000:>10.1f}{count:>10}")


if __name__ == "__main__":
    main()

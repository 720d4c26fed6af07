"""Scale-out: two processes of one app on one Redis (started by the tests) serve it together, with no
sticky sessions; events, streams, State and concurrency limits hold across them, and a process that
dies mid-stream neither hangs its readers nor keeps its concurrency slot."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.cluster import completed, follow, join, read, redis_server, round_robin, start_app, stop
from tests.conftest import BOX, send


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


@pytest.fixture(scope="module")
def pair(redis_url: str) -> Iterator[tuple[str, str]]:
    first, first_url = start_app(redis_url)
    try:
        second, second_url = start_app(redis_url)
        try:
            yield first_url, second_url
        finally:
            stop(second)
    finally:
        stop(first)


def test_an_event_joined_on_one_process_is_read_on_the_other(pair: tuple[str, str]) -> None:
    a, b = pair
    event = join(a, "stream", [5], "cross")
    messages = read(b, "cross")
    assert [message["msg"] for _, message in messages][-1] == "process_completed"
    assert {message["event_id"] for _, message in messages} == {event}
    assert completed(messages)[0]["output"]["data"] == ["w0 w1 w2 w3 w4 "]
    assert all(message_id for message_id, _ in messages)  # resumable ids, from the shared stream


def test_a_state_counter_goes_up_through_both_processes(pair: tuple[str, str]) -> None:
    a, b = pair
    shown = []
    for url in (a, b, a, b, b):
        join(url, "bump", [None], "counter")
        shown.append(completed(read(url if url == a else a, "counter"))[0]["output"]["data"][1])
    assert [text.split(" ")[0] for text in shown] == ["1", "2", "3", "4", "5"]
    assert len({text.split("process ")[1] for text in shown}) == 2  # both processes counted


def test_streamed_values_arrive_in_order_across_processes(pair: tuple[str, str]) -> None:
    a, b = pair
    join(a, "stream", [40], "order")
    first = read(b, "order")
    values = []
    value = ""
    for _, message in first:
        if message["msg"] == "process_generating":
            data = message["output"]["data"][0]
            value = data if isinstance(data, str) else value + "".join(argument for _, _, argument in data)
            values.append(value)
    assert values == ["".join(f"w{i} " for i in range(end)) for end in range(1, 41)]
    # A reader that comes back elsewhere with the id of the 10th step gets the rest once.
    tenth = [message_id for message_id, message in first if message["msg"] == "process_generating"][9]
    join(b, "stream", [3], "order")  # keeps the session's stream open for the second reader
    again = read(a, "order", last_id=tenth)
    steps = [message for _, message in again if message["msg"] == "process_generating"]
    assert len(steps) == 30 + 3 and completed(again)[-1]["output"]["data"] == ["w0 w1 w2 "]


def test_concurrency_limit_one_holds_across_processes(pair: tuple[str, str]) -> None:
    a, b = pair
    sessions = [f"limit{index}" for index in range(4)]
    for session, url in zip(sessions, (a, b, a, b)):
        join(url, "exclusive", [0.3], session)
    results: dict[str, str] = {}

    def collect(session: str, url: str) -> None:
        results[session] = completed(read(url, session))[0]["output"]["data"][0]

    readers = [threading.Thread(target=collect, args=(session, url)) for session, url in zip(sessions, (b, a, b, a))]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(60)
    runs = sorted((float(start), float(end), pid) for pid, start, end in (results[s].split() for s in sessions))
    assert len(runs) == 4 and len({pid for _, _, pid in runs}) == 2
    for (_, end, _), (start, _, _) in zip(runs, runs[1:]):
        assert start >= end, f"two runs overlapped: {runs}"


def test_a_killed_process_ends_its_stream_with_an_error_and_frees_its_slot(redis_url: str,
                                                                           pair: tuple[str, str]) -> None:
    _, survivor = pair
    doomed, doomed_url = start_app(redis_url)
    try:
        join(doomed_url, "exclusive_stream", [200], "killed")  # 20 s alone in the cluster
        messages: list[dict[str, object]] = []
        streaming = threading.Event()
        ended = threading.Event()

        def reader() -> None:
            for _, message in follow(survivor, "killed"):
                messages.append(message)
                if message["msg"] == "process_generating":
                    streaming.set()
            ended.set()

        threading.Thread(target=reader, daemon=True).start()
        assert streaming.wait(30)
        doomed.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        assert ended.wait(40), "the reader was left waiting"
        assert time.monotonic() - killed_at < 30
        final = messages[-1]
        assert final["msg"] == "process_completed" and final["success"] is False
        assert "stopped" in str(final["output"])
        # The dead process's slot frees: the survivor runs the same limited dependency.
        started = time.monotonic()
        join(survivor, "exclusive", [0.1], "after")
        assert completed(read(survivor, "after"))[0]["success"] is True
        assert time.monotonic() - started < 45
    finally:
        stop(doomed)


def test_a_chat_through_a_round_robin_proxy_keeps_its_history(page: Page, pair: tuple[str, str]) -> None:
    with round_robin(list(pair)) as url:
        page.goto(url)
        page.get_by_role("tab", name="Chat").click()
        send(page, "hello", BOX)
        answers = page.locator(".message[data-role=assistant]")
        expect(answers.last).to_have_text("Turn 1: you said hello.")
        send(page, "again", BOX)
        expect(answers.last).to_have_text("Turn 2: you said again.")
        send(page, "third", BOX)
        expect(answers.last).to_have_text("Turn 3: you said third.")
        expect(page.locator(".message[data-role=user]")).to_have_count(3)


def test_a_file_uploaded_through_one_process_is_served_by_the_other(pair: tuple[str, str]) -> None:
    a, b = pair
    uploaded = httpx.post(f"{a}gradio_api/upload", files={"files": ("notes.txt", b"shared bytes", "text/plain")})
    assert uploaded.status_code == 200
    path = uploaded.json()[0]
    served = httpx.get(f"{b}gradio_api/file={path}")
    assert served.status_code == 200 and served.content == b"shared bytes"


def test_the_rest_api_call_can_be_read_at_another_process(pair: tuple[str, str]) -> None:
    a, b = pair
    event = httpx.post(f"{a}gradio_api/call/stream", json={"data": [3]}).json()["event_id"]
    body = httpx.get(f"{b}gradio_api/call/stream/{event}", timeout=30).text
    assert "event: complete" in body and '"w0 w1 w2 "' in body


def test_delete_callbacks_and_unload_run_once_when_the_cluster_forgets_a_session(redis_url: str,
                                                                                tmp_path: Path) -> None:
    log = tmp_path / "ended.txt"
    app = Path(__file__).parent / "apps" / "cluster_grace.py"
    first, first_url = start_app(redis_url, app, CLUSTER_ENDED=str(log))
    second, second_url = start_app(redis_url, app, CLUSTER_ENDED=str(log))
    try:
        join(first_url, "keep", ["kept on one"], "forgotten")
        read(second_url, "forgotten")
        deadline = time.monotonic() + 30  # grace 1 s; the processes look every 2 s
        while log.read_text().count("\n") < 2 if log.exists() else True:
            assert time.monotonic() < deadline, "the session was never ended"
            time.sleep(0.1)
        lines = log.read_text().splitlines()
        assert sorted(lines) == ["deleted kept on one", "unloaded"]
    finally:
        stop(first)
        stop(second)


def test_queue_positions_count_the_waiting_events_of_every_process(pair: tuple[str, str]) -> None:
    a, b = pair
    join(a, "exclusive", [1.0], "running")  # holds the cluster's only slot for a second
    join(b, "exclusive", [0.1], "first_in_line")
    join(a, "exclusive", [0.1], "second_in_line")
    messages = [message for _, message in read(a, "second_in_line")]
    places = [(message["rank"], message["queue_size"]) for message in messages if message["msg"] == "estimation"]
    # Behind one event that waits at the other process: second of two, and then it runs.
    assert (1, 2) in places and [m["msg"] for m in messages][-2:] == ["process_starts", "process_completed"]
    for session, url in (("running", a), ("first_in_line", b)):
        assert completed(read(url, session))[0]["success"] is True

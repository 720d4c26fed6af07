"""The official gradio_client from PyPI, unmodified, against the basic demo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from tests.conftest import load_demo, serve

@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_basic").demo) as url:
        yield url


def test_view_api_lists_named_endpoints(url: str) -> None:
    api = Client(url, verbose=False).view_api(print_info=False, return_format="dict")
    named = api["named_endpoints"]
    for name in ("/greet", "/square", "/describe", "/count", "/spell"):
        assert name in named
    assert named["/greet"]["parameters"][0]["parameter_name"] == "name"
    assert named["/describe"]["parameters"][0]["python_type"]["type"] == "Literal['red', 'green', 'blue']"


def test_predict_returns_the_value(url: str) -> None:
    client = Client(url, verbose=False)
    assert client.predict("Ada", api_name="/greet") == "## Hello, **Ada**!"
    assert client.predict(4, api_name="/square") == "4 squared is 16"
    assert client.predict("green", api_name="/describe") == "You picked *green*."


def test_submit_streams_every_partial_value(url: str) -> None:
    job = Client(url, verbose=False).submit("reblocks", api_name="/spell")
    assert job.result(timeout=30) == "reblocks"
    assert job.outputs() == ["r", "re", "reb", "rebl", "reblo", "rebloc", "reblock", "reblocks"]


def test_gr_error_reaches_the_client(url: str) -> None:
    with pytest.raises(AppError, match="Please type a name first."):
        Client(url, verbose=False).predict("", api_name="/greet")


def test_two_clients_keep_separate_state(url: str) -> None:
    first, second = Client(url, verbose=False), Client(url, verbose=False)
    assert first.predict(api_name="/count") == "Clicked 1 time(s) in this session."
    assert first.predict(api_name="/count") == "Clicked 2 time(s) in this session."
    assert second.predict(api_name="/count") == "Clicked 1 time(s) in this session."
    assert first.predict(api_name="/count") == "Clicked 3 time(s) in this session."


def test_launch_takes_the_env_port_or_the_next_free_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from tests.conftest import free_port

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", free_port()))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("GRADIO_SERVER_PORT", str(port))
        monkeypatch.setenv("GRADIO_SERVER_NAME", "127.0.0.1")
        demo = load_demo("blocks_basic").demo
        result = demo.launch(prevent_thread_lock=True, quiet=True)
        try:
            served = int(result.local_url.rsplit(":", 1)[1].strip("/"))
            assert served > port
            assert Client(result.local_url, verbose=False).predict(2, api_name="/square") == "2 squared is 4"
        finally:
            demo.close()

"""Files through the official gradio_client: handle_file uploads and downloaded results."""

from __future__ import annotations

from pathlib import Path

from gradio_client import Client, handle_file

import reblocks as gr
from tests.conftest import load_demo, serve

TONE = Path(__file__).parent.parent / "demos" / "assets" / "tone.wav"


def test_handle_file_reaches_fn_as_a_path_and_the_result_downloads_identically() -> None:
    seen: list[str] = []

    def echo_file(path: str) -> str:
        seen.append(path)
        return path

    with gr.Blocks() as demo:
        source, result = gr.File(), gr.File()
        gr.Button().click(echo_file, source, result, api_name="echo_file")
    with serve(demo) as url:
        downloaded = Client(url, verbose=False).predict(handle_file(str(TONE)), api_name="/echo_file")
    assert isinstance(seen[0], str) and Path(seen[0]).name == "tone.wav" and seen[0] != str(TONE)
    assert Path(downloaded).read_bytes() == TONE.read_bytes()


def test_multimodal_chat_endpoint_takes_files() -> None:
    with serve(load_demo("chat_echo_multimodal").demo) as url:
        client = Client(url, verbose=False)
        answer = client.predict({"text": "hi", "files": [handle_file(str(TONE))]}, api_name="/chat")
    assert answer[0] == "You wrote: 'hi' and uploaded:"
    part = answer[1]["content"][0]
    assert part["component"] == "file"
    assert Path(part["value"]).read_bytes() == TONE.read_bytes()  # the client downloaded it


def test_returned_audio_component_downloads() -> None:
    with serve(load_demo("chat_music").demo) as url:
        answer = Client(url, verbose=False).predict("Queen", api_name="/music")
    assert answer["content"][0]["component"] == "audio"
    assert Path(answer["content"][0]["value"]).read_bytes() == TONE.read_bytes()

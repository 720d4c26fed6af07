"""Media events: a microphone Audio, a webcam Video and a webcam Image, with every event each one fires
written to a log as its listener runs, and what the listener receives from a recording or a photo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import reblocks as gr


def logger(source: str, event: str) -> Callable[[list[str]], str]:
    """A listener that adds `source.event` to the session's events and shows them all."""
    def log(events: list[str]) -> str:
        events.append(f"{source}.{event}")
        return "\n".join(events)

    return log


def describe_audio(value: tuple[int, Any] | None) -> str:
    """A recording as gr.Audio(type="numpy") gives it: (sample rate, samples)."""
    if value is None:
        return "nothing"
    rate, samples = value
    return f"{type(value).__name__}: {rate} Hz, {samples.dtype} {samples.shape}"


def describe_image(value: Any) -> str:
    """A photo as gr.Image(type="numpy") gives it: an array of rows of RGB pixels."""
    if value is None:
        return "nothing"
    return f"{type(value).__name__}: {value.dtype} {value.shape}"


def describe_video(path: str | None) -> str:
    """A recording as gr.Video gives it: the path of a file on the server."""
    if path is None:
        return "nothing"
    return f"{type(path).__name__}: {Path(path).suffix} file of {Path(path).stat().st_size} bytes"


with gr.Blocks(title="Media events") as demo:
    events = gr.State([])
    with gr.Row():
        audio = gr.Audio(sources=["microphone"], type="numpy", label="Microphone")
        video = gr.Video(sources=["webcam"], label="Camcorder")
        image = gr.Image(sources=["webcam", "upload"], type="numpy", label="Webcam")
    with gr.Row():
        audio_info = gr.Textbox(label="What the audio listener got", elem_id="audio-info")
        video_info = gr.Textbox(label="What the video listener got", elem_id="video-info")
        image_info = gr.Textbox(label="What the image listener got", elem_id="image-info")
    log = gr.Textbox(label="Events, as their listeners ran", lines=8, elem_id="log")

    for source, component in (("audio", audio), ("video", video), ("image", image)):
        for event in component.EVENTS:
            if event == "stream":  # a `.stream` listener would make the component stream instead
                continue
            # One at a time, so each listener's log includes every event logged before it.
            getattr(component, event)(logger(source, event), events, log, concurrency_id="log",
                                      concurrency_limit=1, show_progress="hidden")
    audio.stop_recording(describe_audio, audio, audio_info)
    video.stop_recording(describe_video, video, video_info)
    image.upload(describe_image, image, image_info)

if __name__ == "__main__":
    demo.launch()

"""Streaming inputs: webcam frames flipped or filtered as they come, and the microphone's running volume."""

import numpy as np

import reblocks as gr


def transform(frame: np.ndarray | None, effect: str) -> np.ndarray | None:
    """One webcam frame, upside down, as a negative, or in grey (the effect may change mid-stream)."""
    if frame is None:
        return None
    if effect == "Upside down":
        return frame[::-1]
    if effect == "Negative":
        return 255 - frame
    grey = frame.mean(axis=2, keepdims=True).astype(np.uint8)
    return np.repeat(grey, 3, axis=2)


def volume(chunk: tuple[int, np.ndarray] | None, level: float | None) -> float:
    """The microphone's loudness (0-100), smoothed over the chunks so far."""
    if chunk is None:
        return level or 0.0
    _, samples = chunk
    loudness = float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)) / 32768 * 100) if samples.size else 0.0
    return round(0.6 * loudness + 0.4 * (level or 0.0), 2)


with gr.Blocks(title="Webcam and microphone streams") as demo:
    with gr.Row():
        with gr.Column():
            camera = gr.Image(sources=["webcam"], streaming=True, label="Webcam")
            effect = gr.Radio(["Upside down", "Negative", "Grey"], value="Upside down", label="Effect")
        shown = gr.Image(label="Transformed")
    camera.stream(transform, [camera, effect], shown, stream_every=0.2, time_limit=60, api_name="transform")
    with gr.Row():
        microphone = gr.Audio(sources=["microphone"], streaming=True, label="Microphone")
        level = gr.Number(label="Volume", value=0)
    microphone.stream(volume, [microphone, level], level, stream_every=0.5, time_limit=60, api_name="volume")

if __name__ == "__main__":
    demo.launch()

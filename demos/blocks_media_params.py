"""Media options: a tone with subtitles that can be trimmed, a stamped image, a gallery that takes uploads."""

import numpy as np

import reblocks as gr

RATE = 16000


def tone() -> tuple[int, np.ndarray]:
    """Three seconds of a rising tone."""
    time = np.linspace(0, 3, 3 * RATE, endpoint=False)
    return RATE, (np.sin(2 * np.pi * (220 + 110 * time) * time) * 0.3).astype(np.float32)


def stamp() -> np.ndarray:
    """A blue gradient; the Image's watermark is pasted on its corner when it is returned."""
    image = np.zeros((120, 200, 3), dtype=np.uint8)
    image[..., 2] = np.linspace(60, 255, 200, dtype=np.uint8)
    return image


def mark() -> np.ndarray:
    """A small white square with an orange centre."""
    square = np.full((16, 16, 3), 255, dtype=np.uint8)
    square[4:12, 4:12] = (230, 120, 20)
    return square


def sizes(items: list[tuple[np.ndarray, str | None]] | None) -> str:
    """The size of each uploaded image."""
    return "\n".join(f"{image.shape[1]} x {image.shape[0]}" for image, _ in items or []) or "No images"


with gr.Blocks(title="Media options") as demo:
    with gr.Row():
        gr.Audio(tone(), label="Tone", interactive=True, playback_position=0.5,
                 subtitles=[{"text": "Low", "timestamp": [0, 1]}, {"text": "Rising", "timestamp": [1, 3]}],
                 waveform_options=gr.WaveformOptions(trim_region_color="#f59e0b"))
        with gr.Column():
            stamped = gr.Image(label="Stamped", watermark=gr.WatermarkOptions(watermark=mark()), format="png")
            gr.Button("Stamp a picture").click(stamp, None, stamped)
    with gr.Row():
        gallery = gr.Gallery(label="Your pictures", type="numpy", interactive=True, columns=3, rows=1,
                             sources=["upload", "clipboard"])
        gr.Image(label="A picture", placeholder="## Drop a picture here\nor **click** to choose one")
    found = gr.Textbox(label="Sizes", lines=3)
    gallery.upload(sizes, gallery, found, api_name="sizes")

if __name__ == "__main__":
    demo.launch()

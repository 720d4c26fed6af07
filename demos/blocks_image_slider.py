"""gr.ImageSlider: upload a picture and compare it with its inverted copy; drag the slider between them."""

import numpy as np

import reblocks as gr


def invert(pair: tuple[np.ndarray | None, np.ndarray | None] | None) -> tuple[np.ndarray, np.ndarray] | None:
    """The first image beside its negative (the second one the user gave is not needed)."""
    if pair is None or pair[0] is None:
        return None
    return pair[0], 255 - pair[0]


def gradient() -> tuple[np.ndarray, np.ndarray]:
    """A blue gradient and its negative, to start with."""
    image = np.zeros((90, 160, 3), dtype=np.uint8)
    image[..., 2] = np.linspace(40, 255, 160, dtype=np.uint8)
    return image, 255 - image


with gr.Blocks(title="Image slider") as demo:
    with gr.Row():
        given = gr.ImageSlider(label="Your images", type="numpy")
        compared = gr.ImageSlider(gradient(), label="Compared", slider_position=30)
    given.upload(invert, given, compared, api_name="invert")

if __name__ == "__main__":
    demo.launch()

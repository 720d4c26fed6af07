"""gr.AnnotatedImage: a picture with a box and a mask over it; clicking a label says which region it is."""

import numpy as np

import reblocks as gr

HEIGHT, WIDTH = 120, 200


def picture() -> tuple[np.ndarray, list[tuple[object, str]]]:
    """A gradient with a box ("sun") and a round mask ("pond")."""
    base = np.zeros((HEIGHT, WIDTH, 3), dtype=np.uint8)
    base[..., 2] = np.linspace(80, 255, WIDTH, dtype=np.uint8)
    rows, columns = np.ogrid[:HEIGHT, :WIDTH]
    pond = ((rows - 90) ** 2 + (columns - 60) ** 2 < 20**2).astype(float)
    return base, [((140, 10, 190, 60), "sun"), (pond, "pond")]


def which(event: gr.SelectData) -> str:
    return f"{event.value} (region {event.index})"


with gr.Blocks(title="Annotated image") as demo:
    shown = gr.AnnotatedImage(picture(), color_map={"sun": "#ffcc00", "pond": "#0066ff"}, label="Scene")
    chosen = gr.Textbox(label="Chosen region")
    shown.select(which, None, chosen)

if __name__ == "__main__":
    demo.launch()

"""gr.Model3D: shapes built on the server, turned with the mouse; upload a model (.obj, .glb, .gltf, .stl,
.ply) to see what the server received and to show it in the viewer."""

import tempfile
from pathlib import Path

import reblocks as gr

# Each shape: its corners, then its faces as 1-based corner numbers (as OBJ counts them).
SHAPES = {
    "Cube": ([(x, y, z) for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)],
             [(1, 2, 4, 3), (5, 7, 8, 6), (1, 5, 6, 2), (3, 4, 8, 7), (1, 3, 7, 5), (2, 6, 8, 4)]),
    "Pyramid": ([(-1, -1, -1), (1, -1, -1), (1, -1, 1), (-1, -1, 1), (0, 1, 0)],
                [(1, 2, 3, 4), (1, 5, 2), (2, 5, 3), (3, 5, 4), (4, 5, 1)]),
}


def shape(name: str) -> str:
    """The named shape written as a Wavefront OBJ file; its path."""
    corners, faces = SHAPES[name]
    lines = [f"v {x} {y} {z}" for x, y, z in corners] + ["f " + " ".join(map(str, face)) for face in faces]
    path = Path(tempfile.mkdtemp()) / f"{name.lower()}.obj"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def describe(path: str | None) -> str:
    """What the server received: the file's type and size."""
    if path is None:
        return "No model"
    return f"{Path(path).suffix} file, {Path(path).stat().st_size} bytes"


with gr.Blocks(title="3D models") as demo:
    with gr.Row():
        with gr.Column():
            name = gr.Radio(list(SHAPES), value="Cube", label="Shape")
            built = gr.Model3D(shape("Cube"), label="Built shape", clear_color=(0.15, 0.19, 0.28, 1),
                               camera_position=(60, 65, None), interactive=False)
        with gr.Column():
            given = gr.Model3D(label="Your model", interactive=True)
            received = gr.Textbox(label="Received", value="No model")
            shown = gr.Model3D(label="Shown", display_mode="wireframe", interactive=False)
    name.change(shape, name, built, api_name="shape")
    given.upload(describe, given, received, api_name="describe")
    given.clear(describe, given, received)
    given.change(lambda path: path, given, shown, api_name="show")

if __name__ == "__main__":
    demo.launch()

"""gr.FileExplorer: browse the demo's asset folder and pick files; a listener reports their sizes."""

from pathlib import Path

import reblocks as gr

ROOT = Path(__file__).parent / "assets"


def sizes(paths: list[str]) -> str:
    """Each chosen file's name and size."""
    return "\n".join(f"{Path(path).name}: {Path(path).stat().st_size} bytes" for path in paths) or "nothing chosen"


with gr.Blocks(title="File explorer") as demo:
    explorer = gr.FileExplorer("**/*", root_dir=ROOT, ignore_glob="*.secret", label="Assets", elem_id="explorer")
    report = gr.Textbox(label="Chosen", lines=4, elem_id="chosen")
    explorer.change(sizes, explorer, report, api_name="sizes")

if __name__ == "__main__":
    demo.launch()

"""UploadButton, DownloadButton and ClearButton: upload a text file, download it shouted, clear the rest."""

from pathlib import Path
import tempfile

import reblocks as gr


def read(path: str) -> tuple[str, str]:
    """The uploaded file's text, and a shouted copy offered for download."""
    text = Path(path).read_text(encoding="utf-8")
    shouted = Path(tempfile.mkdtemp()) / f"{Path(path).stem}-upper.txt"
    shouted.write_text(text.upper(), encoding="utf-8")
    return text, str(shouted)


with gr.Blocks(title="Buttons") as demo:
    upload = gr.UploadButton("Upload a text file", file_types=[".txt"])
    content = gr.Textbox(label="Content", lines=2)
    lines = gr.Number(label="Lines")
    download = gr.DownloadButton("Download it shouted")
    upload.upload(read, upload, [content, download]).then(lambda text: text.count("\n") + 1, content, lines)
    gr.ClearButton([content, lines])

if __name__ == "__main__":
    demo.launch()

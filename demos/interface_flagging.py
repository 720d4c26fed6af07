"""Flagging in gr.Interface: "Flag as good" or "Flag as bad" stores the inputs and the output (an
uploaded file copied along) as a row of a CSV file in `flagging_dir`."""

import reblocks as gr


def caption(text: str, attachment: str | None) -> str:
    """Describe what was typed and attached."""
    name = attachment.rsplit("/", 1)[-1] if attachment else "no file"
    return f"{text.strip() or 'nothing'} with {name}"


demo = gr.Interface(
    fn=caption,
    inputs=[gr.Textbox(label="Text"), gr.File(label="Attachment", type="filepath")],
    outputs=gr.Textbox(label="Caption"),
    flagging_mode="manual",
    flagging_options=["good", "bad"],
    flagging_dir=".gradio/flagged",
    title="Flag the captions",
)

if __name__ == "__main__":
    demo.launch()

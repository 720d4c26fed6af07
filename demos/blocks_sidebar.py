"""`gr.Sidebar`: settings in a panel along the page's side, beside a chat filling the window."""

import reblocks as gr


def answer(message: str, history: list[dict[str, object]], tone: str) -> str:
    return f"({tone}) You said: {message}"


with gr.Blocks(title="Sidebar", fill_height=True) as demo:
    with gr.Sidebar(label="Settings"):
        tone = gr.Radio(["calm", "cheerful"], value="calm", label="Tone")
    gr.ChatInterface(answer, additional_inputs=[tone], fill_height=True)

if __name__ == "__main__":
    demo.launch()

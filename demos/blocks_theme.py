"""A themed app: Gradio's Default theme with `.set()` overrides for light and dark mode, and css=.

Open it with `?__theme=dark` (or with the system in dark mode) to see the `*_dark` values.
"""

import reblocks as gr

theme = gr.themes.Default(font=["Georgia", "serif"]).set(
    button_primary_background_fill="#7c3aed",
    button_primary_background_fill_hover="#6d28d9",
    button_primary_background_fill_dark="#a78bfa",
    button_primary_text_color_dark="#1e1b4b",
    block_border_color="#ddd6fe",
    block_border_color_dark="*neutral_700",
    body_background_fill="#faf5ff",
)

# Custom CSS written for Gradio: its variable names, and `.dark` for dark mode.
css = """
.gradio-container { --block-radius: 14px; }
.dark #title { background: #2e1065; }
"""


def greet(name: str) -> str:
    return f"Hello, {name or 'stranger'}!"


with gr.Blocks(title="Themed app") as demo:
    gr.Markdown("# A themed app", elem_id="title")
    with gr.Row():
        name = gr.Textbox(label="Name", elem_id="name")
        greeting = gr.Textbox(label="Greeting", elem_id="greeting")
    with gr.Row():
        clear = gr.Button("Clear", elem_id="clear")
        go = gr.Button("Greet", variant="primary", elem_id="go")
    go.click(greet, name, greeting)
    clear.click(lambda: ("", ""), None, [name, greeting])

if __name__ == "__main__":
    demo.launch(theme=theme, css=css)

"""A multipage app: `demo.route` adds pages, each served at its own path with a bar of links above it.
A `gr.Navbar` renames the main page and adds a link out; the hidden page is reached by its URL only."""

import reblocks as gr


def greet(name: str) -> str:
    return f"Hello, {name}!"


def add(a: float, b: float) -> float:
    return a + b


with gr.Blocks(title="Multipage") as demo:
    gr.Navbar(main_page_name="Dashboard", value=[("Docs", "https://www.gradio.app/guides/multipage-apps")])
    name = gr.Textbox(label="Name")
    greeting = gr.Textbox(label="Greeting")
    name.submit(greet, name, greeting, api_name="greet")

with demo.route("Calculator", "/calc"):
    with gr.Row():
        a = gr.Number(label="A")
        b = gr.Number(label="B")
    total = gr.Number(label="Sum")
    gr.Button("Add").click(add, [a, b], total, api_name="add")

with demo.route("关于"):
    gr.Markdown("## 关于\n\n这个应用有三个页面，每个页面都有自己的地址。")

with demo.route("Hidden", "hidden", show_in_navbar=False):
    gr.Markdown("This page is not in the bar: it is reached by its URL.")

if __name__ == "__main__":
    demo.launch()

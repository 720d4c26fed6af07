"""`gr.BrowserState`: a to-do list kept in the browser's localStorage, there again after a reload."""

import reblocks as gr

with gr.Blocks(title="Browser state") as demo:
    saved = gr.BrowserState([], storage_key="todo")
    new_item = gr.Textbox(label="New item", elem_id="new-item")
    items = gr.JSON(label="Kept in this browser", elem_id="items")

    def add(item: str, kept: list[str]) -> tuple[list[str], list[str], str]:
        kept = [*kept, item]
        return kept, kept, ""

    new_item.submit(add, [new_item, saved], [saved, items, new_item])
    demo.load(lambda kept: kept, saved, items)

if __name__ == "__main__":
    demo.launch()

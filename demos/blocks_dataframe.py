"""An editable table: each edit recomputes the totals; click a header to sort the rows shown."""

import pandas as pd

import reblocks as gr

FRUIT = pd.DataFrame({"fruit": ["pear", "apple", "fig"], "count": [3, 10, 7], "price": [0.5, 0.25, 1.0]})


def totals(table: pd.DataFrame) -> str:
    """The number of pieces and what they cost, from the edited table."""
    table = table.astype({"count": float, "price": float})
    return f"{int(table['count'].sum())} pieces for {(table['count'] * table['price']).sum():.2f}"


def picked(event: gr.SelectData) -> str:
    return f"Cell {event.index}: {event.value}"


with gr.Blocks(title="Dataframe") as demo:
    table = gr.Dataframe(FRUIT, datatype=["str", "number", "number"], interactive=True, label="Basket")
    summary = gr.Textbox(label="Totals", value=totals(FRUIT))
    selected = gr.Textbox(label="Selected")
    table.change(totals, table, summary, api_name="totals")
    table.select(picked, None, selected)

if __name__ == "__main__":
    demo.launch()

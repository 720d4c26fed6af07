"""An editable table: each edit recomputes the totals; click a header to sort the rows shown, filter
them, add or delete rows. Below it, the same basket priced by a pandas Styler (read only)."""

import pandas as pd

import reblocks as gr

FRUIT = pd.DataFrame({"fruit": ["pear", "apple", "fig"], "count": [3, 10, 7], "price": [0.5, 0.25, 1.0]})


def totals(table: pd.DataFrame) -> str:
    """The number of pieces and what they cost, from the edited table (empty cells count as 0)."""
    count = pd.to_numeric(table["count"], errors="coerce").fillna(0)
    price = pd.to_numeric(table["price"], errors="coerce").fillna(0)
    return f"{int(count.sum())} pieces for {(count * price).sum():.2f}"


def picked(event: gr.SelectData) -> str:
    return f"Cell {event.index}: {event.value}"


def priced(table: pd.DataFrame) -> object:
    """The basket with a cost column, money shown with two decimals and the dearest line marked."""
    table = table.assign(cost=pd.to_numeric(table["count"], errors="coerce").fillna(0)
                         * pd.to_numeric(table["price"], errors="coerce").fillna(0))
    return (table.style.format(precision=2, subset=["price", "cost"])
            .highlight_max(subset=["cost"], props="background-color: #fde68a; color: #1f2937"))


with gr.Blocks(title="Dataframe") as demo:
    table = gr.Dataframe(FRUIT, datatype=["str", "number", "number"], interactive=True, label="Basket",
                         show_search="filter", row_limits=(1, 20), column_limits=(3, 3), pinned_columns=1)
    summary = gr.Textbox(label="Totals", value=totals(FRUIT))
    selected = gr.Textbox(label="Selected")
    bill = gr.Dataframe(priced(FRUIT), label="Bill", interactive=False)
    table.change(totals, table, summary, api_name="totals")
    table.change(priced, table, bill, api_name="bill")
    table.select(picked, None, selected)

if __name__ == "__main__":
    demo.launch()

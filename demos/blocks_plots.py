"""Native plots: a bar, line and scatter plot drawn from pandas DataFrames. The slider sets how many months
they show; dragging across the scatter plot selects a range of x, and a button reads the bar plot back."""

from __future__ import annotations

import pandas as pd

import reblocks as gr

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
REGIONS = ["North", "South"]


def totals(months: int) -> pd.DataFrame:
    """Sales per month: one row, so one bar, per month."""
    return pd.DataFrame({"month": MONTHS[:months],
                         "sales": [100 + 15 * i + (i % 3) * 20 for i in range(months)]})


def by_region(months: int) -> pd.DataFrame:
    """Sales per month and region, dated the first of each month: one line per region."""
    dates = pd.date_range("2024-01-01", periods=months, freq="MS")
    return pd.DataFrame({
        "date": [date for date in dates for _ in REGIONS],
        "region": REGIONS * months,
        "sales": [60 + 10 * i + (25 if region == "North" else 0)
                  for i in range(months) for region in REGIONS],
    })


def spread(months: int) -> pd.DataFrame:
    """Advertising against sales, three shops a month: one point per shop and month."""
    rows = [(5.0 * i + shop, 40 + 9 * i + 4 * shop, "online" if shop % 2 else "store")
            for i in range(months) for shop in range(3)]
    return pd.DataFrame(rows, columns=["advertising", "sales", "channel"])


def redraw(months: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return totals(months), by_region(months), spread(months)


def summarise(frame: pd.DataFrame | None) -> str:
    """What a plot's value is once it reaches a function: a DataFrame."""
    if frame is None:
        return "no data"
    return f"{len(frame)} rows; sales total {frame['sales'].sum()}"


def picked(event: gr.SelectData) -> str:
    low, high = event.value
    return f"advertising from {low:.1f} to {high:.1f}"


with gr.Blocks(title="Native plots") as demo:
    months = gr.Slider(1, 12, value=5, step=1, label="Months", elem_id="months")
    with gr.Row():
        bars = gr.BarPlot(totals(5), x="month", y="sales", title="Sales per month", y_title="Sales (k€)",
                          caption="All regions", tooltip="all", elem_id="bars")
        lines = gr.LinePlot(by_region(5), x="date", y="sales", color="region", title="Sales per region",
                            color_map={"North": "#2563eb", "South": "#16a34a"}, elem_id="lines")
    with gr.Row():
        points = gr.ScatterPlot(spread(5), x="advertising", y="sales", color="channel", label="Advertising",
                                y_lim=[0, None], height=300, elem_id="points")
        with gr.Column():
            selection = gr.Textbox(label="Selected", elem_id="selection")
            summary = gr.Textbox(label="Bar plot's data", elem_id="summary")
            read = gr.Button("Read the bar plot")
    months.change(redraw, months, [bars, lines, points], api_name="plots")
    points.select(picked, None, selection)
    read.click(summarise, bars, summary, api_name="summarise")

if __name__ == "__main__":
    demo.launch()

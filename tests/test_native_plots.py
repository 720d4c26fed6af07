"""BarPlot, LinePlot and ScatterPlot: their SVG marks in Chromium, listener updates and selections, the
official gradio_client, and their pre/postprocessing as Gradio 6 does it."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from collections.abc import Iterator

import pandas as pd
import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve

BARS = '#bars g[aria-label="bar"] rect'
LINES = '#lines g[aria-label="line"] path'
POINTS = '#points g[aria-label="dot"] circle'


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_plots").demo) as url:
        yield url


@pytest.fixture(scope="module")
def client(url: str) -> Client:
    return Client(url, verbose=False)


def sales() -> pd.DataFrame:
    """Two regions' sales over three months, some months twice: aggregation has work to do."""
    return pd.DataFrame({
        "month": ["Jan", "Feb", "Jan", "Mar", "Feb", "Jan"],
        "region": ["North", "North", "South", "South", "South", "North"],
        "sales": [10, 20, 30, 40, 50, 5],
        "day": [1.0, 2.0, 3.0, 11.0, 12.0, 21.0],
    })


def selected(selection: gr.SelectData) -> str:
    return f"selected {selection.value}"


@pytest.fixture(scope="module")
def rules_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        summed = gr.BarPlot(sales(), x="month", y="sales", elem_id="summed", sort="-y")
        event = gr.Textbox(elem_id="event")
        summed.select(selected, None, event)
        summed.double_click(lambda: "double-clicked", None, event)
        gr.BarPlot(sales(), x="month", y="sales", color="region", elem_id="stacked",
                   colors_in_legend=["South"], y_aggregate="max")
        gr.BarPlot(sales(), x="day", y="sales", x_bin=10, elem_id="binned")
        gr.LinePlot(sales(), x="day", y="sales", color="region", tooltip="none", elem_id="series",
                    x_axis_labels_visible=False)
        gr.ScatterPlot(elem_id="empty", x="day", y="sales")
    with serve(demo) as url:
        yield url


# -- in the browser -------------------------------------------------------------------------------
def test_bar_plot_draws_a_bar_per_row_with_titles_and_tooltips(page: Page, url: str) -> None:
    page.goto(url)
    bars = page.locator(BARS)
    expect(bars).to_have_count(5)
    plot = page.locator("#bars")
    expect(plot.locator(".plot-title")).to_have_text("Sales per month")
    expect(plot.locator(".plot-caption")).to_have_text("All regions")
    expect(plot.locator('g[aria-label="y-axis label"]')).to_have_text("Sales (k€)")
    expect(plot.locator('g[aria-label="x-axis label"]')).to_have_text("month")
    ticks = plot.locator('g[aria-label="x-axis tick label"] text')
    expect(ticks).to_have_text(["Jan", "Feb", "Mar", "Apr", "May"])
    expect(bars.first.locator("title")).to_have_text("Sales (k€): 100\nmonth: Jan")
    # Filled with the theme's accent, so dark mode and css= need no redraw.
    assert bars.first.evaluate("rect => rect.closest('[fill]').getAttribute('fill')") == "var(--color-accent)"
    expect(plot.locator(".block-label")).to_have_count(0)  # no label given: none drawn, as in Gradio


def test_line_plot_draws_a_path_per_series_with_a_legend(page: Page, url: str) -> None:
    page.goto(url)
    lines = page.locator(LINES)
    expect(lines).to_have_count(2)
    expect(lines.first).to_have_attribute("stroke", "#2563eb")  # color_map
    legend = page.locator("#lines .plot-legend")
    expect(legend.locator(".plot-legend-title")).to_have_text("region")
    expect(legend.locator(".plot-legend-item")).to_have_text(["North", "South"])
    expect(page.locator('#lines g[aria-label="x-axis tick label"] text').first).to_contain_text("Jan")
    chart = page.locator("#lines svg").first
    chart.hover(position={"x": 200, "y": 100})
    expect(page.locator('#lines g[aria-label="tip"]')).to_contain_text("date: 2024-")


def test_scatter_plot_draws_a_point_per_row(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(POINTS)).to_have_count(15)
    plot = page.locator("#points")
    expect(plot.locator(".block-label")).to_have_text("Advertising")
    expect(plot.locator("svg").first).to_have_attribute("height", "300")
    expect(plot.locator(".plot-legend-item")).to_have_text(["store", "online"])
    expect(plot.locator('g[aria-label="y-axis tick label"] text').first).to_have_text("0")  # y_lim=[0, None]
    expect(page.locator(POINTS).first.locator("title")).to_have_text(
        "sales: 40\nadvertising: 0\nchannel: store")


def test_a_listener_redraws_every_plot_with_its_new_data(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(BARS)).to_have_count(5)
    months = page.locator("#months input[type=number]")
    months.fill("8")
    months.press("Tab")
    expect(page.locator(BARS)).to_have_count(8)
    expect(page.locator(POINTS)).to_have_count(24)
    expect(page.locator(LINES)).to_have_count(2)
    expect(page.locator('#bars g[aria-label="x-axis tick label"] text').last).to_have_text("Aug")
    months.fill("2")
    months.press("Tab")
    expect(page.locator(BARS)).to_have_count(2)
    expect(page.locator(POINTS)).to_have_count(6)


def test_dragging_across_a_plot_selects_a_range_of_x(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(POINTS)).to_have_count(15)
    chart = page.locator("#points svg").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=4)
    expect(page.locator("#points rect.plot-brush")).to_have_count(1)
    page.mouse.up()
    expect(page.locator("#selection input")).to_have_value(
        re.compile(r"^advertising from \d+\.\d to \d+\.\d$"))
    low, high = (float(word) for word in page.locator("#selection input").input_value().split()[2::2])
    assert 0 < low < high < 22


def test_a_plot_as_input_reaches_the_function_as_a_data_frame(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Read the bar plot").click()
    expect(page.locator("#summary input")).to_have_value("5 rows; sales total 730")


def test_text_x_values_aggregate_and_bins_group_numbers(page: Page, rules_url: str) -> None:
    page.goto(rules_url)
    summed = page.locator('#summed g[aria-label="bar"] rect')
    expect(summed).to_have_count(3)  # Jan, Feb, Mar summed
    expect(page.locator('#summed g[aria-label="x-axis tick label"] text')).to_have_text(["Feb", "Jan", "Mar"])
    expect(summed.locator("title", has_text="Feb")).to_have_text("sales: 70\nmonth: Feb")  # sort="-y"
    stacked = page.locator('#stacked g[aria-label="bar"] rect')
    expect(stacked).to_have_count(5)  # one per (month, region) that has rows
    expect(stacked.first.locator("title")).to_have_text("sales: 10\nmonth: Jan\nregion: North")  # max
    expect(page.locator("#stacked .plot-legend-item")).to_have_text(["South"])
    expect(page.locator('#binned g[aria-label="rect"] rect')).to_have_count(3)  # days 0-10, 10-20, 20-30
    expect(page.locator('#series g[aria-label="line"] path')).to_have_count(2)
    expect(page.locator('#series g[aria-label="line"] title')).to_have_count(0)  # tooltip="none"
    expect(page.locator('#series g[aria-label="x-axis tick label"] text').first).to_have_text("")
    expect(page.locator("#empty .plot-empty")).to_be_visible()


def test_a_drag_selects_text_x_values_and_a_double_click_is_an_event(page: Page, rules_url: str) -> None:
    page.goto(rules_url)
    bars = page.locator('#summed g[aria-label="bar"] rect')
    expect(bars).to_have_count(3)
    feb, jan = (bars.locator("title", has_text=name).locator("..").bounding_box() for name in ("Feb", "Jan"))
    assert feb is not None and jan is not None
    page.mouse.move(feb["x"] + 5, feb["y"] + feb["height"] - 5)
    page.mouse.down()
    page.mouse.move(jan["x"] + jan["width"] - 5, jan["y"] + jan["height"] - 5, steps=3)
    page.mouse.up()
    expect(page.locator("#event input")).to_have_value("selected ['Feb', 'Jan']")
    page.locator("#summed svg").first.dblclick()
    expect(page.locator("#event input")).to_have_value("double-clicked")


# -- through gradio_client ------------------------------------------------------------------------
def test_client_receives_plot_data_as_gradio_sends_it(client: Client) -> None:
    bars, lines, points = client.predict(3, api_name="/plots")
    assert bars == {"columns": ["month", "sales"], "data": [["Jan", 100], ["Feb", 135], ["Mar", 170]],
                    "datatypes": {"month": "nominal", "sales": "quantitative"}, "mark": "bar"}
    assert lines["mark"] == "line" and lines["datatypes"]["date"] == "temporal"
    assert lines["data"][0] == [1704067200000, "North", 85]  # dates as ms since the epoch
    assert points["mark"] == "point" and len(points["data"]) == 9


def test_client_sends_plot_data_that_arrives_as_a_data_frame(client: Client) -> None:
    value = {"columns": ["month", "sales"], "data": [["Jan", 1], ["Feb", 2.5]],
             "datatypes": {"month": "nominal", "sales": "quantitative"}, "mark": "bar"}
    assert client.predict(value, api_name="/summarise") == "2 rows; sales total 3.5"


def test_view_api_describes_a_plot_as_gradio_does(client: Client) -> None:
    named = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    parameter = named["/summarise"]["parameters"][0]
    assert parameter["component"] == "Nativeplot"
    assert parameter["python_type"]["type"] == "str | float | bool | list | dict"
    assert [output["component"] for output in named["/plots"]["returns"]] == ["Nativeplot"] * 3


# -- preprocess and postprocess, as Gradio 6 does them ----------------------------------------------
def test_postprocess_writes_plot_data_and_preprocess_reads_it_back() -> None:
    frame = pd.DataFrame({
        "when": pd.to_datetime(["2024-01-01 12:00", "2024-01-02 00:00"]),
        "kind": pd.Categorical(["a", "b"]),
        "score": [1.5, math.nan],
        "count": [3, 4],
        "name": ["x", "y"],
        "zoned": pd.to_datetime(["2024-01-01 13:00+01:00", None], utc=True).tz_convert("Europe/Paris"),
    })
    plot = gr.ScatterPlot(x="when", y="score")
    payload = plot.postprocess(frame)
    assert payload == {
        "columns": ["when", "kind", "score", "count", "name", "zoned"],
        "data": [[1704110400000, "a", 1.5, 3, "x", 1704110400000], [1704153600000, "b", None, 4, "y", None]],
        "datatypes": {"when": "temporal", "kind": "nominal", "score": "quantitative", "count": "quantitative",
                      "name": "nominal", "zoned": "temporal"},
        "mark": "point",
    }
    assert frame["zoned"].dt.tz is not None  # the caller's DataFrame is left as it was
    back = plot.preprocess(payload)
    assert list(back.columns) == list(frame.columns)
    assert list(back["when"]) == list(frame["when"])
    assert back["zoned"][0] == pd.Timestamp("2024-01-01 12:00") and pd.isna(back["zoned"][1])  # as UTC
    assert back["count"].tolist() == [3, 4] and math.isnan(back["score"][1])
    assert gr.LinePlot().postprocess(frame)["mark"] == "line"
    assert gr.BarPlot().postprocess(None) is None and gr.BarPlot().preprocess(None) is None
    assert gr.BarPlot().postprocess(payload) is payload  # PlotData passes through, as in Gradio


def test_values_a_plot_cannot_show_are_refused_clearly() -> None:
    with pytest.raises(ValueError, match="shows a pandas DataFrame, not list"):
        gr.BarPlot().postprocess([[1, 2]])
    with pytest.raises(ValueError, match="cannot plot column 'waited' of type timedelta64"):
        gr.BarPlot().postprocess(pd.DataFrame({"waited": pd.to_timedelta([1, 2], unit="s")}))
    with pytest.raises(ValueError, match="y_aggregate must be"):
        gr.BarPlot(y_aggregate="total")  # type: ignore[arg-type]


def test_gradio_arguments_positions_and_defaults() -> None:
    frame = sales()
    plot = gr.BarPlot(frame, "month", "sales", color="region", title="T", x_bin=None, height=200)
    assert (plot.x, plot.y, plot.color, plot.title, plot.height, plot.tooltip) == (
        "month", "sales", "region", "T", 200, "axis")
    assert plot.show_label is False and gr.BarPlot(label="Sales").show_label is None
    assert gr.BarPlot(lambda: frame, x="month", y="sales").initial_value() is frame
    config = plot.config_entry(written_only=False)
    assert config.type == "barplot" and config.props["value"]["mark"] == "bar"
    assert {gr.LinePlot.TYPE, gr.ScatterPlot.TYPE} == {"lineplot", "scatterplot"}


def test_unsupported_gradio_parameters_warn_and_typos_raise() -> None:
    with pytest.raises(ValueError, match="'share' is not one of its buttons"):
        gr.BarPlot(buttons=["share"])
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        gr.LinePlot(colour="region")
    with pytest.raises(TypeError, match="unexpected keyword argument 'info'"):  # Gradio's plots take none
        gr.ScatterPlot(info="help")


def test_importing_reblocks_does_not_import_pandas() -> None:
    code = "import sys, reblocks; assert 'pandas' not in sys.modules, 'pandas imported'; reblocks.BarPlot"
    subprocess.run([sys.executable, "-c", code], check=True)

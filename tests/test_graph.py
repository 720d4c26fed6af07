"""The Blocks graph through its public API: tree building, render/unrender, ids, config caching."""

from __future__ import annotations

from typing import Any

import pytest

import reblocks as gr


def layout_ids(node: Any) -> list[Any]:
    return [node.id, [layout_ids(child) for child in node.children]] if node.children else [node.id, []]


def test_with_blocks_nest_in_order() -> None:
    with gr.Blocks() as demo:
        with gr.Row() as row:
            first = gr.Textbox()
            with gr.Column() as column:
                second = gr.Number()
        third = gr.Button()
    assert layout_ids(demo.config().layout) == [
        demo.id, [[row.id, [[first.id, []], [column.id, [[second.id, []]]]]], [third.id, []]]]
    assert len({first.id, second.id, third.id, row.id, column.id, demo.id}) == 6


def test_render_false_then_render_places_it_where_called() -> None:
    with gr.Blocks() as demo:
        code = gr.Code(render=False)
        with gr.Column() as column:
            code.render()
    assert code.parent is column
    assert [child.id for child in demo.config().layout.children[0].children] == [code.id]


def test_unrender_detaches_and_config_follows() -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
    before = demo.config()
    assert demo.config() is before  # cached while nothing changes
    box.unrender()
    after = demo.config()
    assert after is not before and after.layout.children == []


def test_tab_outside_tabs_gets_one_tabs_parent() -> None:
    with gr.Blocks() as demo:
        with gr.Tab("One") as one:
            gr.Textbox()
        with gr.Tab("Two") as two:
            gr.Textbox()
    tabs = demo.children[0]
    assert isinstance(tabs, gr.Tabs) and tabs.children == [one, two]


def test_listener_outside_blocks_is_a_clear_error() -> None:
    button = gr.Button()
    with pytest.raises(AttributeError, match="inside a `with gr.Blocks"):
        button.click(lambda: None)


def test_duplicate_api_names_get_suffixes_and_api_name_false_is_private() -> None:
    def greet(name: str) -> str:
        return name

    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(greet, box, box)
        box.change(greet, box, box)
        box.blur(greet, box, box, api_name=False)
    names = [(d.api_name, d.api_visibility) for d in demo.config().dependencies]
    assert names == [("greet", "public"), ("greet_1", "public"), (None, "private")]
    assert list(demo.api_info()["named_endpoints"]) == ["/greet", "/greet_1"]


def test_output_only_components_are_not_interactive() -> None:
    with gr.Blocks() as demo:
        source, shown = gr.Textbox(), gr.Textbox()
        source.submit(str.upper, source, shown)
    props = {entry.id: entry.props for entry in demo.config().components}
    assert props[source.id]["interactive"] is True
    assert props[shown.id]["interactive"] is False


def test_component_as_update_carries_only_explicit_props() -> None:
    code = gr.Code()
    assert code.postprocess_output(gr.Code(language="python", value="x")) == {
        "__type__": "update", "language": "python", "value": "x"}
    assert code.postprocess_output(gr.update(visible=False)) == {"__type__": "update", "visible": False}


def test_unknown_additional_input_shortcut_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown component shortcut 'sliderr'"):
        gr.ChatInterface(lambda message, history: "", additional_inputs=["sliderr"])


def test_queue_default_concurrency_limit_applies_to_default_listeners_only() -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(str.upper, box, box)
        box.change(str.lower, box, box, concurrency_limit=1)
    assert [d.concurrency_limit for d in demo.config().dependencies] == [1, 1]
    demo.queue(default_concurrency_limit=4)
    assert [d.concurrency_limit for d in demo.config().dependencies] == [4, 1]

"""A block class declares its props once, in its `Props` struct: the constructor's defaults, the config
and the TypeScript props are derived from it, so nothing here may drift from that declaration."""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path
from types import ModuleType
from typing import Any

import msgspec
import pytest

import reblocks as gr
from reblocks.blocks.block import Block


def _gen_types() -> ModuleType:
    """scripts/gen_types.py, which finds the block classes and reads each field's docstring."""
    path = Path(__file__).parent.parent / "scripts" / "gen_types.py"
    spec = importlib.util.spec_from_file_location("gen_types", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN_TYPES = _gen_types()
# Every block type, and every block class reblocks exports (ChatInterface, the TabItem alias).
EXPORTED = {value for value in (getattr(gr, name) for name in gr.__all__)
            if isinstance(value, type) and issubclass(value, Block)}
BLOCKS = sorted(EXPORTED | set(GEN_TYPES.block_classes()), key=lambda cls: cls.__name__)


def constructor_parameter(cls: type[Block], name: str) -> inspect.Parameter | None:
    """The parameter `name` of `cls(...)`: its own `__init__`'s, or one an inherited `__init__` names
    where the keywords reach it through **kwargs."""
    for klass in cls.__mro__:
        if "__init__" not in vars(klass):
            continue
        parameters = inspect.signature(vars(klass)["__init__"]).parameters
        if name in parameters and parameters[name].kind is not inspect.Parameter.VAR_KEYWORD:
            return parameters[name]
        if not any(parameter.kind is parameter.VAR_KEYWORD for parameter in parameters.values()):
            return None
    return None


def declaring_class(cls: type[Block], name: str) -> type[Block]:
    """The nearest class in `cls`'s hierarchy whose `Props` declares (or overrides) field `name`."""
    return next(klass for klass in cls.__mro__
                if name in inspect.get_annotations(vars(klass).get("Props", object)))


def props_default(cls: type[Block], name: str) -> Any:
    """The default `cls.Props` gives field `name`; `Parameter.empty` for a required field, as a signature."""
    field = next(field for field in msgspec.structs.fields(cls.Props) if field.name == name)
    if field.default_factory is not msgspec.NODEFAULT:
        return field.default_factory()
    return inspect.Parameter.empty if field.default is msgspec.NODEFAULT else field.default


@pytest.mark.parametrize("cls", BLOCKS, ids=lambda cls: cls.__name__)
def test_each_constructor_default_is_the_props_default(cls: type[Block]) -> None:
    drifted = {name: (parameter.default, props_default(cls, name)) for name in cls.PROP_NAMES
               if (parameter := constructor_parameter(cls, name)) is not None
               and parameter.default != props_default(cls, name)}
    assert drifted == {}  # name: (constructor default, Props default)


@pytest.mark.parametrize("cls", BLOCKS, ids=lambda cls: cls.__name__)
def test_each_prop_is_a_constructor_parameter_or_documented_as_derived(cls: type[Block]) -> None:
    orphans = []
    for name in cls.PROP_NAMES:
        declarer = declaring_class(cls, name)
        taken = constructor_parameter(cls, name) or constructor_parameter(declarer, name)
        if taken is None and not (GEN_TYPES.field_doc(declarer, name) or "").startswith("Derived:"):
            orphans.append(f"{declarer.__name__}.Props.{name}")
    assert orphans == []


@pytest.mark.parametrize("cls", BLOCKS, ids=lambda cls: cls.__name__)
def test_each_prop_has_a_docstring(cls: type[Block]) -> None:
    assert [name for name in cls.PROP_NAMES if not GEN_TYPES.field_doc(cls, name)] == []


def test_the_config_sends_every_prop_and_only_props() -> None:
    with gr.Blocks() as demo:
        slider = gr.Slider(0, 10, 4, label="Level", scale=2)
        image = gr.Image(sources=("upload",))
    entries = {entry.id: entry.props for entry in demo.config().components}
    assert set(entries[slider.id]) == {*gr.Slider.PROP_NAMES, "name", "value"}
    # positional, keyword and **kwargs arguments, a default (Gradio 6 shows the reset button)
    assert {name: entries[slider.id][name] for name in ("minimum", "maximum", "label", "scale",
                                                        "show_reset_button")} == {
        "minimum": 0, "maximum": 10, "label": "Level", "scale": 2, "show_reset_button": True}
    assert entries[image.id]["sources"] == ["upload"]  # a transformed prop keeps its transform


def test_a_subclass_may_set_props_through_its_base_constructor() -> None:
    class Prompt(gr.Textbox):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(label="Prompt", lines=3, **kwargs)

    prompt = Prompt(placeholder="Ask", render=False)
    assert (prompt.label, prompt.lines, prompt.placeholder, prompt.max_lines) == ("Prompt", 3, "Ask", None)

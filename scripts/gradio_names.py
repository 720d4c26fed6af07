"""Regenerate reblocks/blocks/gradio_names.py: the parameter names of each Gradio class and function
reblocks mirrors, and Gradio's public names (`gradio.__all__`), read with `ast` from a Gradio source
tree (a checkout, or a git directory and a rev).

    python scripts/gradio_names.py ../gradio            # a checkout
    python scripts/gradio_names.py ../gradio.git --rev v6.31.0
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "reblocks" / "blocks" / "gradio_names.py"
SOURCES = ("gradio/blocks.py", "gradio/chat_interface.py", "gradio/events.py", "gradio/interface.py")
FOLDERS = ("gradio/components", "gradio/layouts")
CLASSES = ("Accordion", "Audio", "Blocks", "Button", "ChatInterface", "Chatbot", "Checkbox", "Code", "Column",
           "Dataset", "Dropdown", "File", "Gallery", "Group", "HTML", "Image", "JSON", "Markdown",
           "MultimodalTextbox", "Number", "Plot", "Radio", "Row", "Slider", "State", "Tab", "Tabs", "Textbox",
           "Video",
           "CheckboxGroup", "ColorPicker", "DateTime", "HighlightedText", "Label",
           "ClearButton", "Dataframe", "DownloadButton", "UploadButton", "Interface", "TabbedInterface",
           "BarPlot", "LinePlot", "ScatterPlot", "DeepLinkButton", "DuplicateButton", "FileExplorer",
           "AnnotatedImage", "ImageSlider", "Walkthrough", "Step", "Model3D", "Navbar",
           "ImageEditor")


class Source:
    """Reads Gradio's files from a checkout, or from a git directory at `rev`."""

    def __init__(self, root: Path, rev: str) -> None:
        self.root, self.rev = root, rev
        self.is_checkout = (root / "gradio" / "blocks.py").exists()

    def read(self, path: str) -> str:
        if self.is_checkout:
            return (self.root / path).read_text(encoding="utf-8")
        return self._git("show", f"{self.rev}:{path}")

    def python_files(self, folder: str) -> list[str]:
        if self.is_checkout:
            return sorted(str(path.relative_to(self.root)) for path in (self.root / folder).glob("*.py"))
        names = self._git("ls-tree", "--name-only", self.rev, f"{folder}/").split()
        return sorted(name for name in names if name.endswith(".py"))

    def _git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.root), *args], check=True, capture_output=True,
                              text=True).stdout


def parameters(function: ast.FunctionDef) -> tuple[set[str], bool]:
    """The public parameter names of `function`, and whether it takes **kwargs."""
    arguments = function.args
    names = {arg.arg for arg in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    public = {name for name in names if name != "self" and not name.startswith("_")}
    return public, arguments.kwarg is not None


def deprecated_names(function: ast.FunctionDef) -> set[str]:
    """Names in a `deprecated_params = [...]` list: Gradio still takes them through **kwargs."""
    names: set[str] = set()
    for node in ast.walk(function):
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.List)
                and any(isinstance(target, ast.Name) and target.id == "deprecated_params"
                        for target in node.targets)):
            names.update(item.value for item in node.value.elts
                         if isinstance(item, ast.Constant) and isinstance(item.value, str))
    return names


def method(cls: ast.ClassDef, name: str) -> ast.FunctionDef | None:
    """The method `name` defined in `cls`'s own body, if any."""
    return next((node for node in cls.body if isinstance(node, ast.FunctionDef) and node.name == name), None)


def class_parameters(name: str, classes: dict[str, ast.ClassDef]) -> set[str]:
    """The keywords `name(...)` accepts: its __init__'s, plus its base's when it passes **kwargs on."""
    cls = classes[name]
    init = method(cls, "__init__")
    bases = [base.id for base in cls.bases if isinstance(base, ast.Name) and base.id in classes]
    if init is None:
        return class_parameters(bases[0], classes) if bases else set()
    names, forwards = parameters(init)
    names |= deprecated_names(init)
    if forwards and bases:
        names |= class_parameters(bases[0], classes)
    return names


def listener_parameters(events: ast.Module) -> set[str]:
    """The keywords of every listener (`btn.click(...)`, `.then(...)`, `demo.load(...)`, `gr.on(...)`)."""
    trigger = next(node for node in ast.walk(events)
                   if isinstance(node, ast.FunctionDef) and node.name == "event_trigger")
    return parameters(trigger)[0] - {"block"}


def collect(source: Source) -> dict[str, set[str]]:
    files = [*SOURCES, *(path for folder in FOLDERS for path in source.python_files(folder))]
    modules = {path: ast.parse(source.read(path)) for path in files}
    classes = {node.name: node for module in modules.values() for node in module.body
               if isinstance(node, ast.ClassDef)}
    names = {name: class_parameters(name, classes) for name in CLASSES}
    queue = method(classes["Blocks"], "queue")
    assert queue is not None
    names["Blocks.queue"] = parameters(queue)[0]
    names["EventListener"] = listener_parameters(modules["gradio/events.py"])
    return names


def public_names(init: ast.Module) -> set[str]:
    """The names in `gradio/__init__.py`'s `__all__`."""
    listed = next(node.value for node in init.body if isinstance(node, ast.Assign)
                  and any(isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets))
    assert isinstance(listed, ast.List)
    return {item.value for item in listed.elts if isinstance(item, ast.Constant) and isinstance(item.value, str)}


def wrapped(items: list[str], indent: str) -> list[str]:
    """`items` as quoted, comma-separated lines of at most 110 characters."""
    lines, line = [], indent
    for text in items:
        item = f' "{text}",'
        if len(line) + len(item) > 110:
            lines.append(line)
            line = indent
        line += item
    return [*lines, line]


def render(names: dict[str, set[str]], public: set[str], version: str) -> str:
    lines = [
        f'"""Gradio {version}\'s parameter names for each class and function reblocks mirrors, so that',
        "a keyword Gradio knows can be told apart from a typo, and Gradio's public names, so that one",
        'reblocks lacks is reported as such. Generated by scripts/gradio_names.py: do not edit."""',
        "",
        '__all__ = ["GRADIO_NAMES", "GRADIO_PARAMETERS"]',
        "",
        "GRADIO_PARAMETERS: dict[str, frozenset[str]] = {",
    ]
    for name in sorted(names):
        lines.append(f'    "{name}": frozenset({{')
        lines.extend(wrapped(sorted(names[name]), "       "))
        lines.append("    }),")
    lines.append("}")
    lines.extend(["", "GRADIO_NAMES: frozenset[str] = frozenset({", *wrapped(sorted(public), "   "), "})"])
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gradio", type=Path, help="a Gradio checkout, or a git directory holding Gradio")
    parser.add_argument("--rev", default="HEAD", help="the revision to read from a git directory")
    arguments = parser.parse_args()
    source = Source(arguments.gradio, arguments.rev)
    version = json.loads(source.read("gradio/package.json"))["version"]
    public = public_names(ast.parse(source.read("gradio/__init__.py")))
    OUTPUT.write_text(render(collect(source), public, version), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()

"""A chat's examples: buttons or a table, what a click puts in the chat, and cached answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from reblocks.blocks import runner
from reblocks.blocks.events import SelectData
from reblocks.chat.history import Message, UserMessage, as_messages
from reblocks.components.base import Component
from reblocks.components.dataset import Dataset
from reblocks.components.files import file_data

__all__ = ["ChatExamples"]


class ChatExamples:
    """The examples of a ChatInterface: a message each (text, or text and files), or for a table a
    message and one value per additional input; with `cache`, each answer is computed once."""

    def __init__(self, examples: list[Any] | None, labels: list[str] | None, icons: list[str] | None,
                 additional_inputs: list[Component], as_input: Callable[[str, list[Any]], UserMessage],
                 cache: bool, cache_mode: Literal["eager", "lazy"]) -> None:
        self.examples = examples or []
        self.labels, self.icons = labels, icons
        self.additional_inputs = additional_inputs
        self.as_input = as_input
        self.cache, self.cache_mode = cache, cache_mode
        self.answers: dict[int, list[Message]] = {}
        for name, values in (("example_labels", labels), ("example_icons", icons)):
            if values is not None and len(values) != len(self.examples):
                raise ValueError(f"{name} must have one entry per example")
        for example in self.examples:
            if isinstance(example, list) and len(example) != 1 + len(additional_inputs):
                raise ValueError("each example list needs the message and one value per additional input")

    @property
    def is_table(self) -> bool:
        """Examples given as [message, *additional input values] show as a table under the chat."""
        return bool(self.examples) and isinstance(self.examples[0], list)

    def table(self, textbox: Component) -> Dataset | None:
        if not self.is_table:
            return None
        return Dataset(label="Examples", components=[textbox, *self.additional_inputs],
                       samples=self.examples, type="index")

    def buttons(self) -> list[dict[str, Any]] | None:
        """The examples as the chatbot's buttons, shown before the first message (not for tables)."""
        if not self.examples or self.is_table:
            return None
        entries = []
        for index, example in enumerate(self.examples):
            text = example.get("text", "") if isinstance(example, dict) else str(example)
            files = example.get("files", []) if isinstance(example, dict) else []
            entry: dict[str, Any] = {"text": text, "files": [file_data(path) for path in files]}
            if self.labels:
                entry["display_text"] = self.labels[index]
            if self.icons:
                entry["icon"] = file_data(self.icons[index])
            entries.append(entry)
        return entries

    @staticmethod
    def clicked(data: SelectData) -> tuple[str, list[Any]]:
        """A clicked example button's text and files (FileData, as the chatbot's examples hold them)."""
        value = data.value if isinstance(data.value, dict) else {"text": data.value}
        return str(value.get("text", "")), list(value.get("files") or [])

    def row(self, index: int) -> tuple[Any, ...]:
        """A table example's values: the message, then one per additional input."""
        return tuple(self.examples[index])

    def fill_cache(self, fn: Callable[..., Any], answer_of: Callable[[Any], Any]) -> None:
        """Eager caching: run `fn` on every example now (`answer_of` picks the chat answer from what
        `fn` returns), so clicking one shows its answer without calling `fn`."""
        if self.cache and self.cache_mode == "eager":
            for index in range(len(self.examples)):
                self.answers[index] = as_messages(answer_of(runner.run_to_end(fn, self._arguments(index))))

    def _arguments(self, index: int) -> list[Any]:
        """`fn`'s arguments for example `index`, with an empty history."""
        example = self.examples[index]
        if isinstance(example, list):
            return [str(example[0]), [], *example[1:]]
        if isinstance(example, dict):
            message = self.as_input(example.get("text", ""), [str(f) for f in example.get("files", [])])
        else:
            message = str(example)
        return [message, [], *(component.initial_value() for component in self.additional_inputs)]

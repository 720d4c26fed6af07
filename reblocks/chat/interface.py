"""ChatInterface: a chat UI for a function `fn(message, history, *inputs)`, built from plain blocks."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any, Literal

import reblocks.components as components
from reblocks.blocks.blocks import Blocks
from reblocks.blocks.events import EditData, LikeData, SelectData
from reblocks.blocks.layouts import Accordion, Column, Row
from reblocks.chat.api import api_function
from reblocks.chat.calling import Plan, same_kind
from reblocks.chat.examples import ChatExamples
from reblocks.chat.flagging import FlagLog
from reblocks.chat.history import (
    Message, UserMessage, as_messages, file_paths, last_user_text, strip_trailing_assistant,
    strip_trailing_user, user_messages,
)
from reblocks.components.base import Component, Continued, update
from reblocks.components.chatbot import Chatbot
from reblocks.components.display import JSON, Button, Markdown
from reblocks.components.files import file_data
from reblocks.components.multimodal import MultimodalTextbox
from reblocks.components.saved_chats import SavedChats
from reblocks.components.state import State
from reblocks.components.textbox import Textbox
from reblocks.errors import Error
from reblocks.i18n import translation_marker

__all__ = ["ChatInterface"]


def _component(shortcut: str | Component) -> Component:
    """An additional input given as an instance or as a shortcut such as "textbox" or "slider"."""
    if isinstance(shortcut, Component):
        return shortcut
    classes = {name.lower(): getattr(components, name) for name in components.__all__}
    if shortcut.lower() not in classes:
        raise ValueError(f"unknown component shortcut {shortcut!r}; pass a component instance")
    component: Component = classes[shortcut.lower()](render=False)
    return component


# The page's side of a sent message: shown at once, as `user_messages` will make it, with the Stop
# button; nothing for an empty one. And the buttons back once the answer ends.
_SHOW_MESSAGE = """(message, history) => {
  const text = typeof message === "string" ? message : message?.text ?? "";
  const files = typeof message === "string" ? [] : message?.files ?? [];
  if (!text.trim() && !files.length) return undefined;
  const content = [...files.map((file) => ({type: "file", file, alt_text: null})),
                   ...(text ? [{type: "text", text}] : [])];
  const empty = typeof message === "string" ? "" : {text: "", files: []};
  return [empty, [...(history ?? []), {role: "user", metadata: null, content, options: null}],
          {__type__: "update", visible: false}, {__type__: "update", visible: true}];
}"""
_IDLE_BUTTONS = '() => [{__type__: "update", visible: true}, {__type__: "update", visible: false}]'


def _label(name: str) -> str:
    """A default text of the chat's own, shown in the page's language (Gradio's `chat_interface.*` keys)."""
    return translation_marker(f"chat_interface.{name}")


class ChatInterface(Blocks):
    """A chatbot, a textbox and buttons wired to `fn(message, history, *additional_inputs)`."""

    def __init__(
        self,
        fn: Callable[..., Any],
        *,
        multimodal: bool = False,
        chatbot: Chatbot | None = None,
        textbox: Textbox | MultimodalTextbox | None = None,
        additional_inputs: str | Component | Sequence[str | Component] | None = None,
        additional_inputs_accordion: str | Accordion | None = None,
        additional_outputs: Component | Sequence[Component] | None = None,
        editable: bool = False,
        examples: list[Any] | None = None,
        example_labels: list[str] | None = None,
        example_icons: list[str] | None = None,
        run_examples_on_click: bool = True,
        cache_examples: bool | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        title: str | None = None,
        description: str | None = None,
        flagging_mode: Literal["never", "manual"] | None = None,
        flagging_options: list[str] | None = ("Like", "Dislike"),  # type: ignore[assignment]
        flagging_dir: str = ".gradio/flagged",
        css: str | None = None,
        js: str | None = None,
        head: str | None = None,
        analytics_enabled: bool | None = None,  # reblocks sends no analytics, so every value is honoured
        autofocus: bool = True,
        autoscroll: bool = True,
        submit_btn: str | bool | None = True,
        stop_btn: str | bool | None = True,
        concurrency_limit: int | None | Literal["default"] = "default",
        show_progress: Literal["full", "minimal", "hidden"] = "minimal",
        fill_height: bool = True,
        fill_width: bool = False,
        api_name: str | None = None,
        api_description: str | None = None,
        api_visibility: Literal["public", "private", "undocumented"] = "public",
        save_history: bool = False,
        validator: Callable[..., Any] | None = None,
        theme: Any = None,
        delete_cache: tuple[float, float] | None = None,
    ) -> None:
        self.validator = validator
        super().__init__(title=title or "reblocks", css=css, js=js, head=head, theme=theme,
                         fill_height=fill_height, fill_width=fill_width, delete_cache=delete_cache)
        self.fn = fn
        self.multimodal = multimodal
        self.run_examples_on_click = run_examples_on_click
        self.flag_log = FlagLog(flagging_dir) if flagging_mode == "manual" else None
        self.flagging_options = list(flagging_options or [])
        self.concurrency_limit = concurrency_limit
        self.show_progress = show_progress
        inputs: Sequence[str | Component] = (
            additional_inputs if isinstance(additional_inputs, (list, tuple)) else
            [additional_inputs] if isinstance(additional_inputs, (str, Component)) else [])
        self.additional_inputs = [_component(item) for item in inputs]
        outputs: Sequence[Component] = (
            additional_outputs if isinstance(additional_outputs, (list, tuple)) else
            [additional_outputs] if isinstance(additional_outputs, Component) else [])
        self.additional_outputs: list[Component] = list(outputs)
        self.examples = examples
        self.example_set = ChatExamples(examples, example_labels, example_icons, self.additional_inputs,
                                        self._as_input, bool(cache_examples), cache_mode or "eager")
        with self:
            if title:
                Markdown(f"<h1 style='text-align: center; margin-bottom: 0.5rem'>{title}</h1>")
            if description:
                Markdown(description)
            chat_options = (chatbot, textbox, autoscroll, autofocus, editable, additional_inputs_accordion,
                            submit_btn, stop_btn)
            self.saved_chats: SavedChats | None = None
            if save_history:
                with Row(equal_height=True, scale=1):  # scale: it takes the free height (fill_height)
                    self.saved_chats = SavedChats(storage_key=title or "chat", label=_label("chats"),
                                                  elem_classes="saved-chats")
                    self._render_chat(*chat_options)
            else:
                self._render_chat(*chat_options)
            self.saved_message = State()

            self.api_history = State([])
            self.api_response = JSON(label="Response", visible=False)
            self.api_button = Button("API", visible=False)
            self._wire(api_name, api_description, api_visibility)
        # `chatbot_value` is the conversation itself: other events read and write it directly.
        self.chatbot_value = self.chatbot
        self.example_set.fill_cache(self.fn, lambda result: self._split(result)[0])

    # -- layout --------------------------------------------------------------------------------
    def _render_chat(self, chatbot: Chatbot | None, textbox: Textbox | MultimodalTextbox | None,
                     autoscroll: bool, autofocus: bool, editable: bool,
                     accordion: str | Accordion | None, submit_btn: str | bool | None,
                     stop_btn: str | bool | None) -> None:
        """The chat column: chatbot, the input row with Submit/Stop, examples table, extra inputs."""
        with Column(scale=4, min_width=0):
            self.chatbot = (chatbot or Chatbot(label="Chatbot", scale=1, height=400)).render()
            self.chatbot.autoscroll = autoscroll
            if editable:
                self.chatbot.editable = "user"
            with Row():
                self.textbox = (textbox or self._default_textbox(autofocus)).render()
                if isinstance(self.textbox, MultimodalTextbox):
                    self.textbox.submit_btn = self.textbox.stop_btn = False  # ours sit beside it
                # The default labels are keys the page shows in its language; the user's strings stay as given.
                submit_label = submit_btn if isinstance(submit_btn, str) else _label("submit")
                stop_label = stop_btn if isinstance(stop_btn, str) else _label("stop")
                self.submit_btn = Button(submit_label,
                                         variant="primary", scale=1, min_width=100,
                                         visible=bool(submit_btn), elem_classes="submit-button")
                self.stop_btn = Button(stop_label,
                                       variant="stop", scale=1, min_width=100, visible=False,
                                       elem_classes="stop-button")
            self.examples_table = self.example_set.table(self.textbox)
            self._render_additional_inputs(accordion)

    def _default_textbox(self, autofocus: bool) -> Textbox | MultimodalTextbox:
        # One line that grows as the message does (Shift+Enter adds a line), as Gradio's chat box.
        options: dict[str, Any] = {"show_label": False, "label": "Message", "scale": 7, "container": False,
                                   "max_lines": 20,
                                   "placeholder": _label("message_placeholder"), "autofocus": autofocus}
        if self.multimodal:
            return MultimodalTextbox(file_count="multiple", **options)
        return Textbox(**options)

    def _render_additional_inputs(self, accordion: str | Accordion | None) -> None:
        unrendered = [component for component in self.additional_inputs if component.parent is None]
        if not unrendered:
            return
        if isinstance(accordion, Accordion):
            box = accordion.render()
        else:
            box = Accordion(label=accordion or _label("additional_inputs"), open=False)
        with box:
            for component in unrendered:
                component.render()

    # -- events --------------------------------------------------------------------------------
    def _wire(self, api_name: str | None, api_description: str | None,
              api_visibility: Literal["public", "private", "undocumented"]) -> None:
        chatbot, textbox, saved = self.chatbot, self.textbox, self.saved_message
        self.chatbot.examples = self.example_set.buttons()
        buttons = [self.submit_btn, self.stop_btn]
        private: dict[str, Any] = {"api_visibility": "private", "queue": False, "show_progress": "hidden"}
        respond_options: dict[str, Any] = {
            "api_visibility": "private", "show_progress": self.show_progress,
            "concurrency_limit": self.concurrency_limit, "concurrency_id": f"chat{self.id}"}
        respond_inputs = [saved, chatbot, *self.additional_inputs]
        respond_outputs = [chatbot, *self.additional_outputs]
        respond = self._respond_function(cached=False)

        def start_turn(dependency: Any, function: Callable[..., Any] = respond) -> Any:
            """After the user's message is in: stream the answer, then restore the buttons."""
            answer = dependency.success(function, respond_inputs, respond_outputs, **respond_options)
            answer.then(self._idle_buttons, None, buttons, **private)
            return answer

        # A message sent from the page is one queued event: it adds the message, streams the answer
        # and switches the buttons. The page shows the message and the Stop button at once (the event
        # reads its inputs first) and switches back when the event ends, however it ends.
        send = same_kind(self.fn, self._send_plan, stream=True)
        # Gradio's validator sees the message alone; a refused one is never shown in the chat.
        validator = self.validator
        check = None if validator is None else lambda message, *rest: validator(message)
        answers = []
        for trigger in (textbox.submit, self.submit_btn.click):
            sent = trigger(send, [textbox, chatbot, *self.additional_inputs],
                           [textbox, chatbot, *buttons, *self.additional_outputs],
                           show_progress_on=chatbot, validator=check, **respond_options)
            if check is None:
                trigger(None, [textbox, chatbot], [textbox, chatbot, *buttons], js=_SHOW_MESSAGE, **private)
            sent.then(None, None, buttons, js=_IDLE_BUTTONS, **private)
            answers.append(sent)
        option = chatbot.option_select(self._option_selected, [chatbot], [chatbot, saved, *buttons], **private)
        answers.append(start_turn(option))
        retry = chatbot.retry(self._retry, [chatbot], [chatbot, saved, *buttons], **private)
        answers.append(start_turn(retry))
        edit = chatbot.edit(self._edit, [chatbot], [chatbot, saved, *buttons], **private)
        answers.append(start_turn(edit))
        if self.examples and not self.run_examples_on_click:
            # The example only fills the inputs; the user edits and sends it.
            if self.examples_table is not None:
                self.examples_table.click(self.example_set.row, self.examples_table,
                                          [textbox, *self.additional_inputs], **private)
            else:
                chatbot.example_select(self._example_text, None, textbox, **private)
        elif self.examples:
            if self.examples_table is not None:
                example = self.examples_table.click(
                    self._example_row, [self.examples_table, chatbot],
                    [*self.additional_inputs, chatbot, saved, *buttons], **private)
            else:
                example = chatbot.example_select(self._example_selected, [chatbot],
                                                 [chatbot, saved, *buttons], **private)
            answers.append(start_turn(example, self._respond_function(cached=True)))
        chatbot.undo(self._undo, [chatbot], [chatbot, textbox], **private)
        if self.saved_chats is not None:
            # Client-side listeners: conversations go to localStorage and back, never to the server.
            chatbot.change(None, chatbot, self.saved_chats, js="(conversation) => conversation",
                           queue=False, api_visibility="private", show_progress="hidden")
            self.saved_chats.select(None, self.saved_chats, chatbot, js="(conversation) => conversation",
                                    queue=False, api_visibility="private", show_progress="hidden")
        if self.flag_log is not None:
            chatbot.feedback_options = self.flagging_options
            chatbot.like(self._flag, [chatbot], None, api_visibility="private", queue=True,
                         concurrency_limit=None, show_progress="hidden")
        chatbot.clear(lambda: ([], None, []), None, [chatbot, saved, self.api_history], **private)
        self.stop_btn.click(None, None, None, cancels=answers, api_visibility="private", queue=False)
        self.api_button.click(
            api_function(self.fn, self._split), [textbox, self.api_history, *self.additional_inputs],
            [self.api_response, self.api_history, *self.additional_outputs],
            api_name=api_name or getattr(self.fn, "__name__", "chat"), api_description=api_description,
            api_visibility=api_visibility, concurrency_limit=self.concurrency_limit,
            concurrency_id=f"chat{self.id}")

    def _busy(self) -> tuple[dict[str, Any], dict[str, Any]]:
        return update(visible=False), update(visible=True)

    def _idle_buttons(self) -> tuple[dict[str, Any], dict[str, Any]]:
        return update(visible=True), update(visible=False)

    def _turn(self, history: list[Message], message: UserMessage, example: int | None = None,
              separate_files: bool = False) -> tuple[Any, ...]:
        """The conversation with the user's message added, the saved (message, example), busy buttons."""
        added = user_messages(message, separate_files)
        return (history + added, (message, example), *self._busy())

    def _empty_input(self) -> UserMessage:
        return {"text": "", "files": []} if self.multimodal else ""

    def _send_plan(self, message: UserMessage, history: list[Message], *extra: Any) -> Plan:
        """A message sent from the page: shown with busy buttons, then `fn`'s answer streams."""
        if isinstance(message, dict):
            empty = not str(message.get("text", "")).strip() and not message.get("files")
        else:
            empty = not message or not message.strip()
        if empty:
            # Nothing to send: end quietly, as an empty submit does nothing.
            raise Error("Empty message.", visible=False, print_exception=False)
        chat = history + user_messages(message)
        unchanged = [update()] * len(self.additional_outputs)

        def each(result: Any) -> tuple[Any, ...]:
            reply = self._reply(chat, result)
            answer, values = (reply[0], reply[1:]) if self.additional_outputs else (reply, ())
            return (update(), answer, update(), update(), *values)

        return Plan(args=[message, strip_trailing_user(chat), *extra], each=each,
                    first=(self._empty_input(), chat, *self._busy(), *unchanged))

    def _option_selected(self, history: list[Message], data: SelectData) -> tuple[Any, ...]:
        # As in Gradio, the message keeps its options; the chatbot shows only the last message's.
        return self._turn(history, self._as_input(str(data.value)))

    def _retry(self, history: list[Message]) -> tuple[Any, ...]:
        kept = strip_trailing_assistant(history)
        if not kept:
            raise Error("Nothing to retry.", visible=False, print_exception=False)
        return (kept, (self._last_input(kept), None), *self._busy())

    def _edit(self, history: list[Message], data: EditData) -> tuple[Any, ...]:
        files = file_paths(history[data.index : data.index + 1])
        message = {"text": str(data.value), "files": files} if self.multimodal else str(data.value)
        return self._turn(history[: data.index], message)

    def _undo(self, history: list[Message]) -> tuple[list[Message], UserMessage]:
        kept = strip_trailing_assistant(history)
        restored = self._last_input(kept)
        if isinstance(restored, dict):
            restored = {"text": restored["text"], "files": [file_data(path) for path in restored["files"]]}
        return strip_trailing_user(kept), restored

    def _as_input(self, text: str, files: list[Any] | None = None) -> UserMessage:
        """Text (and files: paths, or FileData for a textbox) as a message: a str, or a dict when
        multimodal."""
        return {"text": text, "files": files or []} if self.multimodal else text

    def _last_input(self, history: list[Message]) -> UserMessage:
        """The last user turn (possibly several messages) as `fn` receives a message."""
        turn = history[len(strip_trailing_user(history)):]
        return self._as_input(last_user_text(turn), file_paths(turn))

    def _example_selected(self, history: list[Message], data: SelectData) -> tuple[Any, ...]:
        text, files = self.example_set.clicked(data)
        paths = [str(item["path"]) if isinstance(item, dict) else str(item) for item in files]
        return self._turn(history, self._as_input(text, paths), int(data.index), separate_files=True)

    def _flag(self, history: list[Message], data: LikeData) -> None:
        """A thumb or flag on a message: one CSV row with the message, the history and the flag."""
        assert self.flag_log is not None
        if not isinstance(data.index, int) or not 0 <= data.index < len(history):
            raise Error("That message is no longer in the chat.")
        flag = data.liked if isinstance(data.liked, str) else ("Like" if data.liked else "Dislike")
        if self.flagging_options and flag not in self.flagging_options:
            raise Error(f"Unknown flag {flag!r}; expected one of {self.flagging_options}.")
        self.flag_log.append(history[data.index], history, flag)

    def _example_text(self, data: SelectData) -> UserMessage:
        """A clicked example button as the textbox's value (run_examples_on_click=False)."""
        text, files = self.example_set.clicked(data)
        return self._as_input(text, files)

    def _example_row(self, index: int, history: list[Message]) -> tuple[Any, ...]:
        """A table example: its values go into the additional inputs, its message into the chat."""
        message, *values = self.example_set.row(index)
        return (*values, *self._turn(history, str(message), index))

    # -- calling fn ----------------------------------------------------------------------------
    def _split(self, result: Any) -> tuple[Any, list[Any]]:
        """(response, additional output values) from what `fn` returned."""
        if not self.additional_outputs:
            return result, []
        if not isinstance(result, tuple) or len(result) != 1 + len(self.additional_outputs):
            raise ValueError(f"with additional_outputs, fn must return (response, "
                             f"{len(self.additional_outputs)} more value(s))")
        return result[0], list(result[1:])

    def _reply(self, turn: list[Message], result: Any) -> Any:
        response, extra = self._split(result)
        # Each step continues the same turn, untouched: the stream sends what the answer changed.
        chat = Continued(turn, as_messages(response))
        return (chat, *extra) if self.additional_outputs else chat

    def _respond_function(self, cached: bool) -> Callable[..., Any]:
        """The chat event's function (same kind as `fn`): the answer replaces the pending turn's tail;
        with `cached`, a clicked example's cached answer is shown without calling `fn`."""
        def plan(saved: tuple[UserMessage, int | None], chat: list[Message], *extra: Any) -> Plan:
            message, index = saved
            args = [message, strip_trailing_user(chat), *extra]
            answers = self.example_set.answers
            if not (cached and index is not None and self.example_set.cache):
                return Plan(args=args, each=lambda result: self._reply(chat, result))
            example: int = index
            if example in answers:
                return Plan(answer=chat + answers[example])

            def remember(last: Any) -> None:
                # Lazy caching: this first run streams as usual, and its answer is kept once complete.
                answers[example] = as_messages(self._split(last)[0])
            return Plan(args=args, each=lambda result: self._reply(chat, result), finished=remember)
        return same_kind(self.fn, plan)

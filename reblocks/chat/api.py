"""The chat's API endpoint: message in, the function's raw response out, history kept per session."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from reblocks.chat.calling import Plan, same_kind
from reblocks.chat.history import Message, UserMessage, api_value, as_messages, user_messages
from reblocks.components.base import update

__all__ = ["api_function"]


def api_function(fn: Callable[..., Any], split: Callable[[Any], tuple[Any, list[Any]]]) -> Callable[..., Any]:
    """The endpoint's function, of `fn`'s kind; `split` separates the response from extra outputs.
    Its inputs are (message, history State, *additional inputs), its outputs (response, history, *extra)."""
    def plan(message: UserMessage, history: list[Message], *extra: Any) -> Plan:
        def step(result: Any) -> tuple[Any, ...]:
            # While streaming, the history State is left alone; `remember` extends it at the end.
            response, values = split(result)
            return (api_value(response), update(), *values)

        def finish(result: Any) -> tuple[Any, ...]:
            response, values = split(result)
            turn = user_messages(message) + as_messages(response)
            return (api_value(response), history + turn, *values)

        def remember(last: Any) -> None:
            # The State holds this very list: extending it in place keeps the session's history
            # without rebuilding it on every token (a stopped stream keeps its partial answer).
            if last is not None:
                history.extend(user_messages(message) + as_messages(split(last)[0]))

        return Plan(args=[message, list(history), *extra], each=step, single=finish, done=remember)

    function = same_kind(fn, plan)
    # /info names parameters after `fn`'s own: message, then the additional inputs.
    parameters = list(inspect.signature(fn).parameters.values())
    keep = [parameters[0], *parameters[2:]] if len(parameters) >= 2 else parameters
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    history = inspect.Parameter("history", kind)
    function.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [keep[0].replace(kind=kind), history] + [p.replace(kind=kind) for p in keep[1:]])
    function.__name__ = getattr(fn, "__name__", "chat")
    function.__doc__ = fn.__doc__
    return function

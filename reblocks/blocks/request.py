"""`gr.Request`: what the function's caller sent, given to a parameter annotated with it."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

__all__ = ["Client", "Headers", "Request", "annotated_parameter"]


class Headers(Mapping[str, str]):
    """HTTP headers, looked up without regard to case, as in every web framework."""

    def __init__(self, items: Mapping[str, str]) -> None:
        self._items = {name.lower(): value for name, value in items.items()}

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


class Client(NamedTuple):
    """The address the request came from."""

    host: str | None
    port: int | None


class Request:
    """The HTTP request behind an event (its queue join, or its /run or /call request): headers,
    client address, the page's query parameters, cookies, and the session and user it belongs to."""

    def __init__(self, *, headers: Mapping[str, str], client: Client, url: str,
                 query_params: Mapping[str, str], cookies: Mapping[str, str], session_hash: str | None,
                 username: str | None = None) -> None:
        self.headers = Headers(headers)
        self.client = client
        self.url = url
        self.query_params = dict(query_params)
        self.cookies = dict(cookies)
        self.session_hash = session_hash
        self.username = username
        self.path_params: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"Request(url={self.url!r}, session_hash={self.session_hash!r})"


@functools.cache
def annotated_parameter(fn: Callable[..., Any], base: type) -> tuple[int, type] | None:
    """The position and class of `fn`'s parameter annotated with `base` or a subclass of it, if any:
    the runner passes such a parameter (`gr.Request`, `gr.EventData`) itself. Cached per function."""
    try:
        hints = inspect.get_annotations(fn, eval_str=True)
    except Exception:  # noqa: BLE001 - unresolvable annotations just mean no such parameter
        hints = getattr(fn, "__annotations__", {})
    try:
        names = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return None
    for position, name in enumerate(names):
        hint = hints.get(name)
        if isinstance(hint, type) and issubclass(hint, base):
            return position, hint
    return None

"""`gr.cache` and `gr.Cache`: results kept by the content of a function's arguments, so a repeated call
(the same prompt, the same image) answers at once; a cache hit on a listener skips the queue."""

from __future__ import annotations

import contextvars
import functools
import hashlib
import inspect
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from copy import deepcopy
from typing import Any, TypeVar, overload

from reblocks.components.files import parse_size

__all__ = ["Cache", "CacheMiss", "cache", "cached_store", "clear_session", "current_session", "probing"]

F = TypeVar("F", bound=Callable[..., Any])
_REGISTRY_LIMIT = 1024  # wrappers made by gr.cache(fn) at run time, kept least recently used first

# The queue sets these while it runs a listener: whose call it is, and whether it only asks the cache.
current_session: contextvars.ContextVar[str | None] = contextvars.ContextVar("reblocks_session", default=None)
probing: contextvars.ContextVar[bool] = contextvars.ContextVar("reblocks_cache_probe", default=False)


class CacheMiss(Exception):
    """Raised instead of running the function when the queue only asks whether the answer is cached."""


# -- content hashing -------------------------------------------------------------------------------
def content_key(value: Any) -> str:
    """A digest of `value`'s content: equal arguments (arrays, images and frames included) give equal keys."""
    return hashlib.sha256(_describe(value).encode()).hexdigest()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _describe(value: Any) -> str:
    """A string that changes whenever the content does; heavy types are read without importing them."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return f"{type(value).__name__}:{value!r}"
    if isinstance(value, (bytes, bytearray)):
        return f"bytes:{_digest(bytes(value))}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}[{','.join(map(_describe, value))}]"
    if isinstance(value, dict):
        items = sorted((repr(key), _describe(item)) for key, item in value.items())
        return "dict{" + ",".join(f"{key}:{item}" for key, item in items) + "}"
    if isinstance(value, (set, frozenset)):
        return "set{" + ",".join(sorted(map(_describe, value))) + "}"
    module = type(value).__module__.split(".")[0]
    if module == "numpy" and hasattr(value, "tobytes"):
        return f"ndarray({value.shape},{value.dtype},{_digest(value.tobytes())})"
    if module == "PIL" and hasattr(value, "tobytes"):
        return f"image({value.mode},{value.size},{_digest(value.tobytes())})"
    if module == "pandas" and hasattr(value, "index"):
        pandas = sys.modules["pandas"]
        rows = pandas.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        columns = list(value.columns) if hasattr(value, "columns") else [value.name]
        return f"{type(value).__name__}({_describe(columns)},{_digest(rows)})"
    if hasattr(value, "model_dump"):  # a pydantic model
        return _describe(value.model_dump())
    try:
        return f"{type(value).__qualname__}#{hash(value)}"
    except TypeError:
        pass
    if hasattr(value, "__dict__"):
        return f"{type(value).__qualname__}{_describe(vars(value))}"
    raise TypeError(f"gr.cache cannot hash a value of type {type(value).__name__}; "
                    "turn it into hashable data before passing it")


def _size(value: Any) -> int:
    """About how many bytes an entry holds, for `max_memory`."""
    if isinstance(getattr(value, "nbytes", None), int):  # numpy arrays
        return int(value.nbytes)
    if isinstance(value, dict):
        return sum(map(_size, value.values()))
    if isinstance(value, (list, tuple)):
        return sum(map(_size, value))
    if type(value).__module__.startswith("pandas") and hasattr(value, "memory_usage"):
        usage = value.memory_usage(deep=True)
        return int(usage.sum() if hasattr(usage, "sum") else usage)
    return sys.getsizeof(value)


# -- the store ---------------------------------------------------------------------------------------
class _Store:
    """Entries by key, least recently used first, within `max_size` entries and `max_memory` bytes.
    With `per_session`, each session sees only its own entries, dropped when the session ends."""

    def __init__(self, max_size: int, max_memory: str | int | None, per_session: bool) -> None:
        if max_size < 0:
            raise ValueError("max_size must be 0 (no limit) or more")
        self.max_size = max_size
        self.max_memory = parse_size(max_memory)
        self.per_session = per_session
        self._entries: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._sizes: dict[str, int] = {}
        self._lock = threading.Lock()
        if per_session:
            _session_stores.add(self)

    def _full_key(self, key: str) -> str:
        return f"{current_session.get() or '_'}:{key}" if self.per_session else key

    def get(self, key: str) -> dict[str, Any] | None:
        full = self._full_key(key)
        with self._lock:
            entry = self._entries.get(full)
            if entry is not None:
                self._entries.move_to_end(full)
            return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        full = self._full_key(key)
        size = _size(entry) if self.max_memory is not None else 0
        with self._lock:
            self._entries.pop(full, None)
            self._entries[full] = entry
            self._sizes[full] = size
            self._evict()

    def _evict(self) -> None:
        while self._entries:
            too_many = 0 < self.max_size < len(self._entries)
            too_big = (self.max_memory is not None and len(self._entries) > 1
                       and sum(self._sizes.values()) > self.max_memory)
            if not (too_many or too_big):
                return
            oldest, _ = self._entries.popitem(last=False)
            self._sizes.pop(oldest, None)

    def keys(self) -> list[Any]:
        prefix = self._full_key("")
        with self._lock:
            return [entry.get("_key") for full, entry in self._entries.items()
                    if not self.per_session or full.startswith(prefix)]

    def clear(self, session: str | None = None) -> None:
        """Drop every entry, or only those of `session` in a per-session store."""
        with self._lock:
            doomed = [full for full in self._entries if session is None or full.startswith(f"{session}:")]
            for full in doomed:
                del self._entries[full]
                self._sizes.pop(full, None)

    def __len__(self) -> int:
        return len(self._entries)


_session_stores: weakref.WeakSet[_Store] = weakref.WeakSet()
_wrappers: OrderedDict[tuple[Any, ...], Callable[..., Any]] = OrderedDict()
_wrappers_lock = threading.Lock()


def clear_session(session: str) -> None:
    """Forget what every per-session cache holds for `session` (the server calls this when it ends)."""
    for store in list(_session_stores):
        store.clear(session)


def cached_store(fn: Callable[..., Any] | None) -> bool:
    """Whether `fn` is a `gr.cache` wrapper, whose hits the queue serves without waiting in line."""
    return isinstance(getattr(fn, "cache", None), _Store)


# -- gr.cache ----------------------------------------------------------------------------------------
def _wrap(fn: Callable[..., Any], store: _Store, key: Callable[[dict[str, Any]], Any] | None) -> Callable[..., Any]:
    """`fn` answering from `store` when called again with the same arguments (generators replay)."""
    signature = inspect.signature(fn)

    def lookup(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        digest = content_key(key(arguments) if key is not None else arguments)
        entry = store.get(digest)
        if entry is None and probing.get():
            raise CacheMiss
        return digest, bound.arguments, entry

    if inspect.isasyncgenfunction(fn):
        async def async_generator(*args: Any, **kwargs: Any) -> Any:
            digest, arguments, entry = lookup(args, kwargs)
            if entry is not None:
                for item in entry["yields"]:
                    yield item
                return
            kept = []
            async for item in fn(**arguments):
                kept.append(deepcopy(item))
                yield item
            store.put(digest, {"yields": kept})
        wrapper: Callable[..., Any] = async_generator
    elif inspect.isgeneratorfunction(fn):
        def generator(*args: Any, **kwargs: Any) -> Any:
            digest, arguments, entry = lookup(args, kwargs)
            if entry is not None:
                yield from entry["yields"]
                return
            kept = []
            for item in fn(**arguments):
                kept.append(deepcopy(item))
                yield item
            store.put(digest, {"yields": kept})
        wrapper = generator
    elif inspect.iscoroutinefunction(fn):
        async def coroutine(*args: Any, **kwargs: Any) -> Any:
            digest, arguments, entry = lookup(args, kwargs)
            if entry is not None:
                return entry["value"]
            result = await fn(**arguments)
            store.put(digest, {"value": result})
            return result
        wrapper = coroutine
    else:
        def function(*args: Any, **kwargs: Any) -> Any:
            digest, arguments, entry = lookup(args, kwargs)
            if entry is not None:
                return entry["value"]
            result = fn(**arguments)
            store.put(digest, {"value": result})
            return result
        wrapper = function
    functools.update_wrapper(wrapper, fn)
    wrapper.cache = store  # type: ignore[attr-defined]
    return wrapper


@overload
def cache(fn: F, *, key: Callable[[dict[str, Any]], Any] | None = None, max_size: int = 128,
          max_memory: str | int | None = None, per_session: bool = False) -> F: ...
@overload
def cache(fn: None = None, *, key: Callable[[dict[str, Any]], Any] | None = None, max_size: int = 128,
          max_memory: str | int | None = None, per_session: bool = False) -> Callable[[F], F]: ...
def cache(fn: Callable[..., Any] | None = None, *, key: Callable[[dict[str, Any]], Any] | None = None,
          max_size: int = 128, max_memory: str | int | None = None, per_session: bool = False) -> Any:
    """Cache `fn`'s results by the content of its arguments: `@gr.cache`, `@gr.cache(max_size=...)`, or
    `gr.cache(helper)(...)` inside a function (the same wrapper, and cache, on every call)."""
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        if not callable(func):
            raise TypeError("gr.cache(...) takes a function: use gr.cache(fn)(*args), not gr.cache(fn(*args))")
        registry_key = (func, key, max_size, parse_size(max_memory), per_session)
        with _wrappers_lock:
            wrapper = _wrappers.get(registry_key)
            if wrapper is None:
                wrapper = _wrappers[registry_key] = _wrap(func, _Store(max_size, max_memory, per_session), key)
                while len(_wrappers) > _REGISTRY_LIMIT:
                    _wrappers.popitem(last=False)
            _wrappers.move_to_end(registry_key)
            return wrapper
    return decorate if fn is None else decorate(fn)


class Cache:
    """A cache the function reads and writes itself (`c.get(key)`, `c.set(key, **data)`), given as a
    parameter's default: `def generate(prompt, c=gr.Cache(per_session=True))`."""

    def __init__(self, *, max_size: int = 128, max_memory: str | int | None = None,
                 per_session: bool = False) -> None:
        self._store = _Store(max_size, max_memory, per_session)

    def get(self, key: Any) -> dict[str, Any] | None:
        """The data stored under `key` (any value gr.cache can hash), or None."""
        entry = self._store.get(content_key(key))
        return None if entry is None else {name: value for name, value in entry.items() if name != "_key"}

    def set(self, key: Any, **data: Any) -> None:
        """Store `data` under `key`, replacing what was there."""
        self._store.put(content_key(key), {"_key": key, **data})

    def keys(self) -> list[Any]:
        """The keys stored (this session's, for a per-session cache)."""
        return self._store.keys()

    def clear(self) -> None:
        """Drop every entry."""
        self._store.clear()

    def __len__(self) -> int:
        return len(self._store)

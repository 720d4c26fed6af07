"""Password login for `launch(auth=...)`: who may log in, and the session tokens handed to those who did."""

from __future__ import annotations

import asyncio
import hmac
import inspect
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeAlias, cast

__all__ = ["Auth", "Login"]

Auth: TypeAlias = (Callable[[str, str], bool | Awaitable[bool]] | tuple[str, str]
                   | Sequence[tuple[str, str]])
"""Gradio's `auth=`: one (username, password) pair, a list of them, or a function that checks a pair."""

MAX_TOKENS = 10_000  # sessions remembered; the oldest is logged out first, so logins cannot grow memory
MAX_FAILURES = 10  # failed logins one address may make per FAILURE_WINDOW before it must wait
FAILURE_WINDOW = 60.0  # seconds
MAX_ADDRESSES = 10_000  # addresses whose failures are remembered, the least recent forgotten first


class Login:
    """Checks credentials and keeps the random tokens given out at login, which the cookie carries."""

    def __init__(self, auth: Auth) -> None:
        self._check: Callable[[str, str], bool | Awaitable[bool]] | None = None
        self._passwords: dict[str, str] = {}
        if callable(auth):
            self._check = auth
        else:
            one_pair = isinstance(auth[0], str)  # (user, password) rather than a list of such pairs
            self._passwords = dict([cast(tuple[str, str], auth)] if one_pair
                                   else cast(Sequence[tuple[str, str]], auth))
        # Random per app (as Gradio's cookie_id), so two apps mounted side by side keep their logins apart.
        self.cookie = f"access-token-{secrets.token_urlsafe(16)}"
        self._tokens: OrderedDict[str, str] = OrderedDict()  # token -> username
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()  # address -> times of failed logins

    def wait(self, address: str) -> float:
        """Seconds `address` must wait before trying again: 0 unless it failed MAX_FAILURES times in
        the last FAILURE_WINDOW seconds, which slows password guessing to a crawl."""
        failures = self._failures.get(address)
        if failures is None or len(failures) < MAX_FAILURES:
            return 0.0
        return max(0.0, failures[0] + FAILURE_WINDOW - time.monotonic())

    def failed(self, address: str) -> None:
        """Count a failed login from `address`."""
        failures = self._failures.pop(address, None) or deque(maxlen=MAX_FAILURES)
        failures.append(time.monotonic())
        self._failures[address] = failures
        if len(self._failures) > MAX_ADDRESSES:
            self._failures.popitem(last=False)

    async def check(self, username: str, password: str) -> bool:
        """Whether the pair may log in; a sync check function runs in a thread (it may look up a database)."""
        if self._check is not None:
            if inspect.iscoroutinefunction(self._check):
                return bool(await self._check(username, password))
            return bool(await asyncio.to_thread(self._check, username, password))
        expected = self._passwords.get(username)
        # Compared in constant time, and also for unknown users, so timing tells nothing about either.
        same = hmac.compare_digest(password.encode(), (expected or "").encode())
        return same and expected is not None

    def open(self, username: str) -> str:
        """A new session token for `username`."""
        token = secrets.token_urlsafe(32)
        self._tokens[token] = username
        if len(self._tokens) > MAX_TOKENS:
            self._tokens.popitem(last=False)
        return token

    def user(self, token: str | None) -> str | None:
        """The user a token belongs to, if it is one we handed out and did not close."""
        return self._tokens.get(token) if token is not None else None

    def close(self, username: str) -> None:
        """Log `username` out everywhere, as Gradio's /logout does by default."""
        for token in [token for token, user in self._tokens.items() if user == username]:
            del self._tokens[token]

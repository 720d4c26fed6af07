"""Password login for `launch(auth=...)`: who may log in, and the session tokens handed to those who did."""

from __future__ import annotations

import asyncio
import hmac
import inspect
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeAlias, cast

__all__ = ["Auth", "Login"]

Auth: TypeAlias = (Callable[[str, str], bool | Awaitable[bool]] | tuple[str, str]
                   | Sequence[tuple[str, str]])
"""Gradio's `auth=`: one (username, password) pair, a list of them, or a function that checks a pair."""

MAX_TOKENS = 10_000  # sessions remembered; the oldest is logged out first, so logins cannot grow memory


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

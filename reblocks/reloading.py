"""`gr.NO_RELOAD`: true the first time an app file runs, false when the dev mode runs it again."""

from __future__ import annotations

__all__ = ["NO_RELOAD", "ReloadFlag"]


class ReloadFlag:
    """A truth value the dev mode flips: code under `if gr.NO_RELOAD:` (loading a model, say) runs
    once, and the names it set stay for the runs after each edit."""

    def __init__(self) -> None:
        self.value = True

    def __bool__(self) -> bool:
        return self.value

    def __repr__(self) -> str:
        return repr(self.value)


NO_RELOAD = ReloadFlag()

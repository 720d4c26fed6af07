"""How the dev chat answers: edit it while the app runs and the next answer changes."""


def answer(message: str, history: list[dict[str, object]]) -> str:
    return f"You said: {message}"

"""gr.Interface with cached examples: their outputs are computed once, when the app is built, and the
page opens showing the first one. Clicking an example shows its output without calling the function."""

import reblocks as gr

calls: list[str] = []  # every call of `reverse`, so a test can tell cached answers from fresh ones


def reverse(text: str) -> str:
    """The text backwards."""
    calls.append(text)
    return text[::-1]


demo = gr.Interface(reverse, "text", "text", examples=["stressed", "drawer", "live"], cache_examples=True,
                    title="Reverser")

if __name__ == "__main__":
    demo.launch()

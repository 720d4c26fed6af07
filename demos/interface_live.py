"""A live gr.Interface: no Submit button, the result follows every change of the inputs."""

import reblocks as gr


def calculate(a: float | None, operation: str | None, b: float | None) -> float | None:
    """`a` combined with `b`; nothing until all three are given."""
    if a is None or b is None or operation is None:
        return None
    if operation == "divide":
        if b == 0:
            raise gr.Error("Cannot divide by zero.")
        return a / b
    return {"add": a + b, "subtract": a - b, "multiply": a * b}[operation]


demo = gr.Interface(
    calculate,
    ["number", gr.Radio(["add", "subtract", "multiply", "divide"]), "number"],
    "number",
    live=True,
    title="Live calculator",
)

if __name__ == "__main__":
    demo.launch()

"""gr.TabbedInterface: two Interfaces, each in a tab of its own, each with its own API endpoint."""

import reblocks as gr


def hello(name: str) -> str:
    """Say hello."""
    return f"Hello, {name}!"


def double(number: float) -> float:
    """Twice the number."""
    return number * 2


hello_page = gr.Interface(hello, "text", "text", examples=["Ada", "Grace"])
double_page = gr.Interface(double, "number", "number")
demo = gr.TabbedInterface([hello_page, double_page], ["Hello", "Double"], title="Two tools")

if __name__ == "__main__":
    demo.launch()

"""gr.Interface with a slider, a checkbox and examples: click an example to fill the inputs, then Submit."""

import reblocks as gr


def greet(name: str, intensity: int, shout: bool) -> str:
    """Greet someone, with as many exclamation marks as `intensity` asks for."""
    greeting = f"Hello, {name}" + "!" * int(intensity)
    return greeting.upper() if shout else greeting


demo = gr.Interface(
    fn=greet,
    inputs=["text", gr.Slider(1, 5, step=1), "checkbox"],
    outputs="text",
    examples=[["Ada", 2, False], ["Grace", 4, True]],
    title="Greeter",
    description="Type a name, choose how excited to be, and press **Submit** (or click an example).",
    article="Built with `gr.Interface`: the labels are the function's parameter names.",
)

if __name__ == "__main__":
    demo.launch()

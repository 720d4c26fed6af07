"""Examples for additional inputs: each row is [message, system prompt, tokens], shown as a table."""

import reblocks as gr


def echo(message, history, system_prompt, tokens):
    response = f"System prompt: {system_prompt}\n Message: {message}."
    return response[: int(tokens)]


demo = gr.ChatInterface(
    echo,
    additional_inputs=[
        gr.Textbox("You are helpful AI.", label="System Prompt"),
        gr.Slider(10, 100, label="Tokens"),
    ],
    examples=[["Hello", "You are a pirate.", 100], ["Goodbye", "You are terse.", 20]],
)

if __name__ == "__main__":
    demo.launch()

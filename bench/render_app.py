"""The app the render benchmark serves: a Chatbot that opens on MESSAGES messages, alternating user and
assistant, a paragraph of Markdown each and a code block in every fifth assistant message.

Run with any interpreter that has `reblocks` (or, for a side-by-side figure, `gradio`) installed:
`python bench/render_app.py reblocks PORT` or `python bench/render_app.py gradio PORT`.
"""

import importlib
import sys

MESSAGES = 500
PARAGRAPH = ("Message {index}: the **quick** brown fox jumps over the *lazy* dog, then reads `config.yaml` "
             "and follows [the guide](https://example.com/guide) before it writes a summary of what it "
             "found, with a short list of the steps it took and the ones it left for later.")
CODE = "\n\n```python\ndef answer_{index}(question: str) -> str:\n    return question.upper()\n```\n"


def message(index: int) -> dict[str, str]:
    """The message at `index`: a user message at even indexes, an assistant message at odd ones."""
    content = PARAGRAPH.format(index=index)
    if index % 10 == 9:
        content += CODE.format(index=index)
    return {"role": "user" if index % 2 == 0 else "assistant", "content": content}


if __name__ == "__main__":
    gr = importlib.import_module(sys.argv[1])
    with gr.Blocks() as demo:
        gr.Chatbot(value=[message(index) for index in range(MESSAGES)])
    demo.launch(server_port=int(sys.argv[2]), prevent_thread_lock=False)

"""`launch(auth=...)`: a login form first; the function sees who logged in as `request.username`."""

import reblocks as gr


def greet(text: str, request: gr.Request) -> str:
    return f"{request.username} says: {text}"


with gr.Blocks(title="Members only") as demo:
    gr.Markdown("Only members get here. [Log out](logout)")
    text = gr.Textbox(label="Text", elem_id="text")
    button = gr.Button("Send", elem_id="send")
    said = gr.Textbox(label="Said", elem_id="said")
    button.click(greet, text, said, api_name="greet")

if __name__ == "__main__":
    demo.launch(auth=[("ada", "lovelace"), ("alan", "turing")], auth_message="Log in as <b>ada</b> or <b>alan</b>.")

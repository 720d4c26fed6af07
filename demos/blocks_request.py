"""`gr.Request`: a function sees the request behind its event (headers, query string, client, session)."""

import reblocks as gr


def who(request: gr.Request) -> str:
    name = request.query_params.get("name", "stranger")
    agent = request.headers.get("user-agent", "an unknown browser")
    return (f"Hello, {name}! You came from {request.client.host} with {agent.split('/')[0]}, "
            f"in session {request.session_hash}.")


with gr.Blocks(title="Request") as demo:
    gr.Markdown("Open this page as `/?name=Ada` and press the button.")
    button = gr.Button("Who am I?", elem_id="who")
    answer = gr.Textbox(label="Answer", elem_id="answer")
    button.click(who, None, answer, api_name="who")

if __name__ == "__main__":
    demo.launch()

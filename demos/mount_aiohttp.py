"""`gr.mount_gradio_app`: a reblocks app under /chat of your own aiohttp server, next to its routes."""

from aiohttp import web

import reblocks as gr


def shout(text: str) -> str:
    return text.upper() + "!"


with gr.Blocks(title="Mounted") as demo:
    text = gr.Textbox(label="Text", elem_id="text")
    button = gr.Button("Shout", elem_id="shout")
    loud = gr.Textbox(label="Loud", elem_id="loud")
    button.click(shout, text, loud, api_name="shout")


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


app = web.Application()
app.router.add_get("/health", health)
gr.mount_gradio_app(app, demo, path="/chat")

if __name__ == "__main__":
    web.run_app(app, host="127.0.0.1", port=8000)  # then open http://127.0.0.1:8000/chat/

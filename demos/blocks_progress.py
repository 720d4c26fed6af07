"""`gr.Progress`: a slow function reports how far it has got, shown over its output."""

import time

import reblocks as gr


def slow_upper(text: str, progress: gr.Progress = gr.Progress()) -> str:
    progress(0, desc="Starting")
    time.sleep(0.5)
    letters = []
    for letter in progress.tqdm(text, desc="Shouting", unit="letters"):
        time.sleep(0.2)
        letters.append(letter.upper())
    return "".join(letters)


with gr.Blocks(title="Progress") as demo:
    text = gr.Textbox(label="Text", value="slowly")
    go = gr.Button("Shout")
    loud = gr.Textbox(label="Shouted")
    go.click(slow_upper, text, loud, api_name="shout")

if __name__ == "__main__":
    demo.launch()

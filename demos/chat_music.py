import os

import reblocks as gr

# The guide plays an audio file from the internet; this demo plays a short tone kept beside it.
AUDIO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "assets", "tone.wav")

def music(message, history):
    if message.strip():
        return gr.Audio(AUDIO)
    else:
        return "Please provide the name of an artist"

demo = gr.ChatInterface(
    music,
    textbox=gr.Textbox(placeholder="Which artist's music do you want to listen to?", scale=7),
)

if __name__ == "__main__":
    demo.launch()

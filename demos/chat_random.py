import random

def random_response(message, history):
    return random.choice(["Yes", "No"])

import reblocks as gr

demo = gr.ChatInterface(
    fn=random_response,
)

if __name__ == "__main__":
    demo.launch()

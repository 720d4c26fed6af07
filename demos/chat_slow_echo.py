import time
import reblocks as gr

def slow_echo(message, history):
    for i in range(len(message)):
        time.sleep(0.3)
        yield "You typed: " + message[: i+1]

demo = gr.ChatInterface(
    fn=slow_echo,
)

if __name__ == "__main__":
    demo.launch()

"""A chat with any OpenAI-compatible server; see the README's "load_chat" section for Ollama.

    OPENAI_BASE_URL=http://localhost:11434/v1/ MODEL=llama3.2 python demos/load_chat_ollama.py
"""

import os

import reblocks as gr

demo = gr.load_chat(
    os.environ.get("OPENAI_BASE_URL", "http://localhost:11434/v1/"),
    model=os.environ.get("MODEL", "llama3.2"),
    token=os.environ.get("OPENAI_API_KEY"),
)

if __name__ == "__main__":
    demo.launch()

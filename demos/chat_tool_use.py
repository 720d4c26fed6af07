"""An agent that calls a tool which calls another tool: thoughts nested three levels deep by parent_id."""

import time

import reblocks as gr


def agent(message, history):
    plan = gr.ChatMessage(content="Looking up what is needed.",
                          metadata={"title": "Planning", "id": "plan", "status": "pending"})
    search = gr.ChatMessage(content=f"Searching for '{message}'.",
                            metadata={"title": "Tool: web search", "id": "search", "parent_id": "plan",
                                      "status": "pending"})
    fetch = gr.ChatMessage(content="Fetched 3 pages.",
                           metadata={"title": "Tool: fetch page", "id": "fetch", "parent_id": "search",
                                     "log": "3 pages", "status": "pending"})
    steps = [plan, search, fetch]
    for count in range(1, len(steps) + 1):
        yield steps[:count]
        time.sleep(0.2)
    for step in reversed(steps):
        step.metadata["status"] = "done"
        step.metadata["duration"] = 0.2
        yield steps
    yield steps + [gr.ChatMessage(content=f"Here is what I found about {message}.")]


demo = gr.ChatInterface(agent, title="Nested tool use")

if __name__ == "__main__":
    demo.launch()

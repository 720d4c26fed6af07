"""`gr.cache` and `gr.Cache`: a slow model asked the same thing twice answers the second time at once,
even while another request holds its only concurrency slot."""

import threading
import time

import reblocks as gr

calls = {"describe": 0, "story": 0}
busy = threading.Event()  # set while `hold` runs
release = threading.Event()  # lets `hold` finish


@gr.cache
def describe(number: float) -> str:
    """A slow computation, run once per distinct number."""
    calls["describe"] += 1
    time.sleep(0.3)
    return f"{number:g} squared is {number * number:g} (computed as call {calls['describe']})"


@gr.cache(max_size=16)
def story(topic: str):
    """A streamed answer; a repeated topic replays the words it streamed the first time."""
    calls["story"] += 1
    words = f"Once upon a time there was a {topic} (told as call {calls['story']})".split()
    for index in range(1, len(words) + 1):
        time.sleep(0.02)
        yield " ".join(words[:index])


def hold(number: float) -> str:
    """Occupies the concurrency slot `describe` shares, until the caller releases it."""
    busy.set()
    release.wait(30)
    return "released"


def remember(text: str, notes: gr.Cache = gr.Cache(per_session=True)) -> str:
    """Each visitor's own earlier notes, kept in a per-session cache."""
    earlier = [key for key in notes.keys()]
    notes.set(text, seen=True)
    return ", ".join(earlier) if earlier else "(nothing yet)"


with gr.Blocks(title="Caching") as demo:
    with gr.Row():
        number = gr.Number(label="Number", value=4, elem_id="number")
        answer = gr.Textbox(label="Answer", elem_id="answer")
    go = gr.Button("Describe", elem_id="describe")
    go.click(describe, number, answer, api_name="describe", concurrency_limit=1, concurrency_id="model")
    gr.Button("Hold the model", elem_id="hold").click(hold, number, answer, api_name="hold",
                                                     concurrency_limit=1, concurrency_id="model")
    with gr.Row():
        topic = gr.Textbox(label="Topic", value="dragon", elem_id="topic")
        told = gr.Textbox(label="Story", elem_id="story")
    gr.Button("Tell", elem_id="tell").click(story, topic, told, api_name="story")
    with gr.Row():
        note = gr.Textbox(label="Note", elem_id="note")
        earlier = gr.Textbox(label="Your earlier notes", elem_id="earlier")
    note.submit(remember, note, earlier, api_name="remember")

if __name__ == "__main__":
    demo.launch()

"""`validator=`: inputs are checked before the event is queued; a refused one shows why, on itself."""

import reblocks as gr


def check(name: str, age: float) -> list[dict[str, object]]:
    return [gr.validate(bool(name and name.strip()), "Please enter a name."),
            gr.validate(age is not None and 0 <= age <= 130, "An age is between 0 and 130.")]


def greet(name: str, age: float) -> str:
    return f"Hello {name}, {int(age)} years young!"


with gr.Blocks(title="Validator") as demo:
    name = gr.Textbox(label="Name", elem_id="name")
    age = gr.Number(label="Age", elem_id="age")
    greeting = gr.Textbox(label="Greeting", elem_id="greeting")
    gr.Button("Greet", elem_id="greet").click(greet, [name, age], greeting, validator=check, api_name="greet")

if __name__ == "__main__":
    demo.launch()

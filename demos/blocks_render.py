"""`@gr.render`: parts of the page drawn from inputs, with listeners of their own."""

import reblocks as gr

MAX_BOXES = 6

with gr.Blocks(title="Render") as demo:
    count = gr.Number(2, label="How many boxes", precision=0, elem_id="count")

    @gr.render(inputs=count)
    def boxes(how_many: float) -> None:
        if how_many > MAX_BOXES:
            raise gr.Error(f"At most {MAX_BOXES} boxes, please.")
        for index in range(int(how_many)):
            with gr.Row():
                # The key keeps what the user typed when the boxes are drawn again.
                box = gr.Textbox(label=f"Box {index}", key=f"box-{index}", elem_id=f"box-{index}")
                shout = gr.Button(f"Shout {index}", elem_id=f"shout-{index}")
                shout.click(lambda text: (text or "").upper() + "!", box, box)

    # A to-do list: a State list the render reads, appended to in place.
    tasks = gr.State([])
    new_task = gr.Textbox(label="New task", elem_id="new-task")
    add = gr.Button("Add task", elem_id="add-task")

    def add_task(task_list: list[dict[str, object]], name: str) -> tuple[list[dict[str, object]], str]:
        task_list.append({"name": name, "done": False})
        return task_list, ""

    add.click(add_task, [tasks, new_task], [tasks, new_task])

    @gr.render(inputs=tasks)
    def show_tasks(task_list: list[dict[str, object]]) -> None:
        gr.Markdown(f"### {len(task_list)} task(s)", elem_id="task-count")
        for position, task in enumerate(task_list):
            with gr.Row():
                gr.Textbox(str(task["name"]), show_label=False, container=False, elem_id=f"task-{position}")
                done = gr.Button("Done", elem_id=f"done-{position}")

                def finish(task_list: list[dict[str, object]], position: int = position) -> list[dict[str, object]]:
                    del task_list[position]
                    return task_list

                done.click(finish, tasks, tasks)

if __name__ == "__main__":
    demo.launch()

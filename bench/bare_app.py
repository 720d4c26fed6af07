"""The floor: a bare aiohttp app that speaks the same queue protocol for the same 2,000-token stream,
with no framework in between (pre-built structs, msgspec encoding). `python bench/bare_app.py [TOKENS] PORT`."""

import asyncio
import sys
import uuid

import msgspec
from aiohttp import web

TOKENS = 2000
encode = msgspec.json.Encoder().encode
sessions: dict[str, asyncio.Queue] = {}


async def produce(queue: asyncio.Queue, event_id: str) -> None:
    answer = ""
    for index in range(TOKENS):
        token = f"tok{index} "
        answer += token
        data = [answer] if index == 0 else [[["append", [], token]]]
        message = {"msg": "process_generating", "event_id": event_id,
                   "output": {"data": data, "is_generating": True}, "success": True}
        queue.put_nowait(b"data: " + encode(message) + b"\n\n")
        await asyncio.sleep(0)
    done = {"msg": "process_completed", "event_id": event_id,
            "output": {"data": [answer], "is_generating": False}, "success": True}
    queue.put_nowait(b"data: " + encode(done) + b"\n\n")
    queue.put_nowait(None)


async def join(request: web.Request) -> web.Response:
    body = msgspec.json.decode(await request.read())
    queue = sessions.setdefault(body["session_hash"], asyncio.Queue())
    event_id = uuid.uuid4().hex
    request.app.setdefault("tasks", set()).add(asyncio.create_task(produce(queue, event_id)))
    return web.json_response({"event_id": event_id})


async def data(request: web.Request) -> web.StreamResponse:
    queue = sessions[request.query["session_hash"]]
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    while (frame := await queue.get()) is not None:
        await response.write(frame)
    await response.write(b'data: {"msg":"close_stream","event_id":null}\n\n')
    return response


async def ready(request: web.Request) -> web.Response:
    return web.Response(text="ok")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        TOKENS = int(sys.argv[1])
    app = web.Application()
    app.router.add_get("/gradio_api/ready", ready)
    app.router.add_post("/gradio_api/queue/join", join)
    app.router.add_get("/gradio_api/queue/data", data)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[-1]), print=None)

"""Flagging chat messages to CSV through the HTTP API, including many flags at once."""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path
from typing import Any

import reblocks as gr
from tests.conftest import API, read_stream


def history(turns: int) -> list[dict[str, Any]]:
    messages = []
    for turn in range(turns):
        messages.append({"role": "user", "content": [{"type": "text", "text": f"question {turn}"}]})
        messages.append({"role": "assistant", "content": [{"type": "text", "text": f"answer {turn}"}]})
    return messages


def rows(folder: Path) -> list[dict[str, str]]:
    with open(folder / "dataset1.csv", newline="", encoding="utf-8") as source:
        return list(csv.DictReader(source))


async def flag(client: Any, demo: gr.ChatInterface, session: str, index: int, liked: Any,
               chat: list[dict[str, Any]]) -> list[dict[str, Any]]:
    like = next(d for d in demo.dependencies if d.targets == [(demo.chatbot.id, "like")])
    body = {"data": [chat], "fn_index": like.id, "session_hash": session, "trigger_id": demo.chatbot.id,
            "event_data": {"index": index, "value": chat[index]["content"] if index < len(chat) else None,
                           "liked": liked}}
    response = await client.post(f"{API}/queue/join", json=body)
    assert response.status == 200
    return await read_stream(client, session)


async def test_like_and_custom_flag_write_one_row_each(client_factory: Any, tmp_path: Path) -> None:
    demo = gr.ChatInterface(lambda message, history: "ok", flagging_mode="manual",
                            flagging_options=["Like", "Dislike", "Spam"], flagging_dir=str(tmp_path))
    client = await client_factory(demo)
    chat = history(2)
    await flag(client, demo, "a", 1, True, chat)
    await flag(client, demo, "a", 3, "Spam", chat)
    written = rows(tmp_path)
    assert [row["flag"] for row in written] == ["Like", "Spam"]
    assert json.loads(written[0]["message"])["content"][0]["text"] == "answer 0"
    assert json.loads(written[1]["message"])["content"][0]["text"] == "answer 1"
    assert json.loads(written[1]["history"]) == demo.chatbot.preprocess(chat)
    assert all(row["timestamp"] for row in written)


async def test_unknown_flag_and_index_change_nothing(client_factory: Any, tmp_path: Path) -> None:
    demo = gr.ChatInterface(lambda message, history: "ok", flagging_mode="manual", flagging_dir=str(tmp_path))
    client = await client_factory(demo)
    chat = history(1)
    messages = await flag(client, demo, "a", 1, "Spam", chat)
    assert messages[-2]["success"] is False and "Unknown flag" in messages[-2]["output"]["error"]
    messages = await flag(client, demo, "a", 7, True, chat)
    assert messages[-2]["success"] is False
    assert not (tmp_path / "dataset1.csv").exists()


async def test_fifty_concurrent_flags_give_fifty_intact_rows(client_factory: Any, tmp_path: Path) -> None:
    demo = gr.ChatInterface(lambda message, history: "ok", flagging_mode="manual", flagging_dir=str(tmp_path))
    client = await client_factory(demo)
    chat = history(30)  # a long history makes interleaved writes easy to spot
    await asyncio.gather(*(flag(client, demo, f"s{n}", 2 * (n % 30) + 1, n % 2 == 0, chat) for n in range(50)))
    written = rows(tmp_path)
    assert len(written) == 50
    for row in written:
        assert json.loads(row["history"]) == demo.chatbot.preprocess(chat)
        assert row["flag"] in ("Like", "Dislike")
    assert sorted(json.loads(row["message"])["content"][0]["text"] for row in written) == sorted(
        f"answer {n % 30}" for n in range(50))

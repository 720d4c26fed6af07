"""`launch(auth=...)`: a login form and a session cookie guard every route; in Chromium, through
gradio_client, and for an app mounted under a prefix."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from aiohttp import web
from gradio_client import Client
from gradio_client.exceptions import AuthenticationError
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import API, free_port, load_demo, serve
from tests.test_mount import serve_host

USERS = [("ada", "lovelace"), ("alan", "turing")]


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_auth").demo, auth=USERS, auth_message="Members <b>only</b>.") as url:
        yield url


def log_in(url: str, username: str, password: str) -> httpx.Response:
    """POST the login form as an API client does (JSON answer, cookie set)."""
    return httpx.post(f"{url}login", data={"username": username, "password": password})


def guarded_routes() -> list[tuple[str, str, dict[str, Any] | None]]:
    """(method, path, JSON body) for every route a stranger must not reach."""
    join = {"data": ["hi"], "fn_index": 0, "session_hash": "s"}
    return [
        ("GET", "config", None), ("GET", "theme.css", None), ("GET", "favicon.ico", None),
        ("GET", f"{API[1:]}/info", None), ("GET", f"{API[1:]}/app_id", None),
        ("GET", f"{API[1:]}/heartbeat/s", None), ("POST", f"{API[1:]}/queue/join", join),
        ("GET", f"{API[1:]}/queue/data?session_hash=s", None), ("POST", f"{API[1:]}/run/predict", join),
        ("POST", f"{API[1:]}/call/greet", {"data": ["hi"]}), ("GET", f"{API[1:]}/call/greet/e", None),
        ("POST", f"{API[1:]}/upload", None), ("GET", f"{API[1:]}/upload_progress?upload_id=u", None),
        ("GET", f"{API[1:]}/file=/etc/hostname", None), ("GET", f"{API[1:]}/file/etc/hostname", None),
        ("POST", f"{API[1:]}/cancel", {"event_id": "e", "session_hash": "s", "fn_index": 0}),
        ("POST", f"{API[1:]}/reset", {"event_id": "e"}),
    ]


def test_every_route_needs_the_login(url: str) -> None:
    page = httpx.get(url)
    assert page.status_code == 302 and page.headers["Location"] == "login"
    for method, path, body in guarded_routes():
        response = httpx.request(method, url + path, json=body, cookies={"access-token-made-up": "x"})
        assert response.status_code == 401, (path, response.text)
        assert response.json() == {"detail": "Not authenticated"}
    form = httpx.get(f"{url}login")
    assert form.status_code == 200 and 'action="login"' in form.text and "Members <b>only</b>." in form.text
    assert "script" not in form.text and "Content-Security-Policy" in form.headers  # works under the CSP
    assert httpx.get(f"{url}assets/index.js").status_code == 200


def test_login_sets_a_session_cookie_and_logout_ends_it(url: str) -> None:
    response = log_in(url, " ada ", "lovelace")  # the name is trimmed, as Gradio does
    assert response.status_code == 200 and response.json() == {"success": True}
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("access-token-") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    cookies = dict(response.cookies)
    assert httpx.get(f"{url}config", cookies=cookies).status_code == 200
    assert httpx.get(url, cookies=cookies).status_code == 200
    assert httpx.get(f"{url}logout", cookies=cookies).headers["Location"] == "./"
    assert httpx.get(f"{url}config", cookies=cookies).status_code == 401  # the token is gone on the server


@pytest.mark.parametrize("username, password", [("ada", "turing"), ("ada", ""), ("grace", "hopper"), ("", "")])
def test_a_wrong_login_is_refused(url: str, username: str, password: str) -> None:
    response = log_in(url, username, password)
    assert response.status_code == 401 and "Set-Cookie" not in response.headers
    form = httpx.post(f"{url}login", data={"username": username, "password": password},
                      headers={"Accept": "text/html"})
    assert form.status_code == 401 and "Incorrect credentials." in form.text and "Set-Cookie" not in form.headers


def test_the_browser_logs_in_then_uses_the_app(page: Page, url: str) -> None:
    page.goto(url)
    expect(page).to_have_url(f"{url}login")
    page.get_by_label("Username").fill("alan")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("alert")).to_have_text("Incorrect credentials.")
    page.get_by_label("Password").fill("turing")
    page.get_by_role("button", name="Login").click()
    expect(page).to_have_url(url)
    page.locator("#text textarea, #text input").fill("hello")
    page.locator("#send").click()
    expect(page.locator("#said textarea, #said input")).to_have_value("alan says: hello")


def test_gradio_client_logs_in(url: str) -> None:
    assert Client(url, auth=("ada", "lovelace"), verbose=False).predict("hi", api_name="/greet") == "ada says: hi"
    with pytest.raises(AuthenticationError):
        Client(url, auth=("ada", "wrong"), verbose=False)
    with pytest.raises(AuthenticationError):
        Client(url, verbose=False)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_function_decides_who_may_log_in(kind: str) -> None:
    def check(username: str, password: str) -> bool:
        return password == username[::-1]

    async def check_async(username: str, password: str) -> bool:
        await asyncio.sleep(0)
        return check(username, password)

    with serve(load_demo("blocks_auth").demo, auth=check if kind == "sync" else check_async) as url:
        assert log_in(url, "bob", "bad").status_code == 401
        client = Client(url, auth=("bob", "bob"), verbose=False)
        assert client.predict("yo", api_name="/greet") == "bob says: yo"


def test_a_mounted_app_logs_in_under_its_prefix() -> None:
    host = web.Application()
    gr.mount_gradio_app(host, load_demo("blocks_auth").demo, "/members", auth=("ada", "lovelace"))
    with serve_host(host) as url:
        url += "/members/"
        assert httpx.get(url, follow_redirects=True).url == f"{url}login"
        assert Client(url, auth=("ada", "lovelace"), verbose=False).predict("hi", api_name="/greet") == "ada says: hi"


def test_auth_dependency_names_the_user() -> None:
    def user_of(request: web.Request) -> str | None:
        return request.headers.get("X-User")

    with serve(load_demo("blocks_auth").demo, auth_dependency=user_of) as url:
        assert httpx.get(f"{url}config").status_code == 401
        client = Client(url, headers={"X-User": "grace"}, verbose=False)
        assert client.predict("hi", api_name="/greet") == "grace says: hi"
    with pytest.raises(ValueError, match="auth and auth_dependency"):
        load_demo("blocks_auth").demo.launch(auth=USERS, auth_dependency=user_of, prevent_thread_lock=True)


def test_share_is_served_locally_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    demo = load_demo("blocks_auth").demo
    result = demo.launch(share=True, prevent_thread_lock=True, server_port=free_port())
    try:
        assert result.share_url is None
        assert "cannot create a public share link" in capsys.readouterr().out
        assert httpx.get(result.local_url).status_code == 200
    finally:
        demo.close()


def test_repeated_wrong_logins_must_wait() -> None:
    with serve(load_demo("blocks_auth").demo, auth=USERS) as url:
        assert [log_in(url, "ada", f"guess{n}").status_code for n in range(10)] == [401] * 10
        blocked = log_in(url, "ada", "lovelace")  # even the right password waits now
        assert blocked.status_code == 429
        assert "Too many failed logins. Try again in" in blocked.json()["detail"]
        form = httpx.post(f"{url}login", data={"username": "ada", "password": "lovelace"},
                          headers={"Accept": "text/html"})
        assert form.status_code == 429 and "Too many failed logins" in form.text
        assert httpx.get(f"{url}config").status_code == 401

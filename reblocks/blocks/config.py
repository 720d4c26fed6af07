"""The app config as msgspec structs: built once per graph generation and served as JSON."""

from __future__ import annotations

from typing import Any

import msgspec

__all__ = ["AppConfig", "ComponentEntry", "DependencyEntry", "DependencyTypes", "LayoutNode"]

PROTOCOL_VERSION = "6.31.0"  # the Gradio version whose protocol we speak; clients branch on it


class ComponentEntry(msgspec.Struct):
    """One block: type name, props, and for components the API schema the clients read."""

    id: int
    type: str
    props: dict[str, Any]
    skip_api: bool
    component_class_id: str
    key: int | str | None = None
    api_info: dict[str, Any] | msgspec.UnsetType = msgspec.UNSET
    api_info_as_input: dict[str, Any] | msgspec.UnsetType = msgspec.UNSET
    api_info_as_output: dict[str, Any] | msgspec.UnsetType = msgspec.UNSET
    example_inputs: Any = msgspec.UNSET


class LayoutNode(msgspec.Struct):
    """A block id and, for layouts, its children in order."""

    id: int
    children: list[LayoutNode] | msgspec.UnsetType = msgspec.UNSET


class DependencyTypes(msgspec.Struct):
    generator: bool
    cancel: bool


class DependencyEntry(msgspec.Struct):
    """One listener as the browser and the clients see it."""

    id: int
    targets: list[tuple[int, str]]
    inputs: list[int]
    outputs: list[int]
    backend_fn: bool
    js: str | None
    queue: bool
    api_name: str | None
    cancels: list[int]
    types: DependencyTypes
    trigger_after: int | None
    trigger_only_on_success: bool
    trigger_only_on_failure: bool
    trigger_mode: str
    show_progress: str
    api_visibility: str
    concurrency_limit: int | None
    concurrency_id: str
    connection: str = "sse"
    rendered_in: int | None = None
    collects_event_data: bool = True
    scroll_to_output: bool = False
    time_limit: float | None = None


class AppConfig(msgspec.Struct):
    """Everything the browser needs to draw and drive the app (Gradio's /config)."""

    components: list[ComponentEntry]
    layout: LayoutNode
    dependencies: list[DependencyEntry]
    title: str
    theme: str
    css: str | None
    js: str | None
    head: str | None
    show_error: bool
    fill_height: bool
    fill_width: bool
    app_id: int
    root: str = ""
    version: str = PROTOCOL_VERSION
    protocol: str = "sse_v3"
    api_prefix: str = "/gradio_api"
    mode: str = "blocks"
    connect_heartbeat: bool = True
    enable_queue: bool = True
    max_file_size: int | None = None
    dev_mode: bool = False
    analytics_enabled: bool = False
    is_colab: bool = False
    stylesheets: list[str] = msgspec.field(default_factory=list)
    space_id: str | None = None
    run_history: bool = False
    page: dict[str, Any] = msgspec.field(default_factory=dict)
    pages: list[tuple[str, str]] = msgspec.field(default_factory=lambda: [("", "Home")])
    current_page: str = ""

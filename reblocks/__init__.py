"""reblocks: Gradio's Blocks API on a fast aiohttp server. Use it as `import reblocks as gr`."""

from reblocks.blocks.blocks import Blocks
from reblocks.blocks.events import (
    CopyData, DeletedFileData, DownloadData, EditData, EventData, KeyUpData, LikeData, RetryData, SelectData,
    UndoData, on, validate,
)
from reblocks.blocks.layouts import Accordion, Column, Group, Row, Sidebar, Step, Tab, TabItem, Tabs, Walkthrough
from reblocks.blocks.render import render
from reblocks.blocks.request import Request
from reblocks.chat import ChatInterface, ChatMessage, MetadataDict, OptionDict, load_chat
from reblocks.chat.examples_block import Examples
from reblocks.chat.flagging import CSVLogger, FlaggingCallback, SimpleCSVLogger
from reblocks.chat.interfaces import Interface, TabbedInterface
from reblocks.components.base import skip, update
from reblocks.components.browser_state import BrowserState
from reblocks.components.buttons import ClearButton, DeepLinkButton, DownloadButton, DuplicateButton, UploadButton
from reblocks.components.dataframe import DataFrame, Dataframe
from reblocks.components.templates import Files, TextArea
from reblocks.components.aliases import Checkboxgroup, Highlight, Highlightedtext, Json, Text
from reblocks.components.annotated import HighlightedText, Label
from reblocks.components.annotated_image import AnnotatedImage
from reblocks.components.chatbot import Chatbot
from reblocks.components.checkbox_group import CheckboxGroup
from reblocks.components.choices import Checkbox, Dropdown, Radio
from reblocks.components.dataset import Dataset
from reblocks.components.file_explorer import FileExplorer
from reblocks.components.image_slider import ImageSlider
from reblocks.components.image_editor import Brush, Eraser, ImageEditor, ImageMask, LayerOptions, Paint, Sketchpad
from reblocks.components.display import JSON, Button, Code, Markdown
from reblocks.components.html import HTML
from reblocks.components.media import Audio, File, Gallery, Image, Plot, Video, WebcamOptions
from reblocks.components.media import WaveformOptions
from reblocks.components.media import WatermarkOptions
from reblocks.components.model3d import Model3D
from reblocks.components.multimodal import MultimodalTextbox
from reblocks.components.navbar import Navbar
from reblocks.components.native_plots import BarPlot, LinePlot, ScatterPlot
from reblocks.components.numeric import Number, Slider
from reblocks.components.pickers import ColorPicker, DateTime
from reblocks.components.state import State
from reblocks.components.textbox import InputHTMLAttributes, Textbox
from reblocks.components.timer import Timer
from reblocks import themes
from reblocks.caching import Cache, cache
from reblocks.errors import Error, Info, Progress, Success, Warning
from reblocks.i18n import I18n
from reblocks.reloading import NO_RELOAD
from reblocks.renderer import mount_gradio_app

from reblocks.blocks.gradio_names import GRADIO_NAMES as _GRADIO_NAMES

__version__ = "0.1.0"

__all__ = [
    "Accordion", "Audio", "Blocks", "BrowserState", "Button", "Cache", "cache", "Chatbot", "ChatInterface", "FileExplorer", "AnnotatedImage", "ImageSlider", "Step", "Walkthrough",
    "ChatMessage", "CSVLogger", "FlaggingCallback", "SimpleCSVLogger",
    "CopyData", "DeletedFileData", "DownloadData", "Checkbox", "Code", "Column", "Dataset", "Dropdown",
    "EditData", "Error", "EventData", "File", "Gallery", "Group", "HTML", "I18n", "Image", "Info", "JSON",
    "KeyUpData", "LikeData", "Markdown", "MetadataDict", "NO_RELOAD", "MultimodalTextbox", "Number", "on",
    "OptionDict", "Plot", "Progress", "Radio", "render", "Request", "RetryData", "Row", "SelectData",
    "Navbar", "Sidebar", "skip", "Slider", "State", "Success", "Tab", "TabItem", "Tabs", "Textbox", "themes", "Timer",
    "UndoData", "update", "validate", "Video", "Warning", "WebcamOptions", "load_chat", "Examples", "Interface",
    "TabbedInterface", "mount_gradio_app", "CheckboxGroup", "Checkboxgroup", "ColorPicker", "DateTime",
    "Highlight", "HighlightedText", "Highlightedtext", "Json", "Label", "Text", "TextArea", "ClearButton",
    "DataFrame", "Dataframe", "DownloadButton", "Files", "UploadButton", "BarPlot", "LinePlot", "ScatterPlot",
    "DeepLinkButton", "DuplicateButton",
    "Brush", "Eraser", "ImageEditor", "ImageMask", "LayerOptions", "Paint", "Sketchpad",
    "Model3D", "WaveformOptions",
    "InputHTMLAttributes",
    "WatermarkOptions",
]


def __getattr__(name: str) -> object:
    """A Gradio name reblocks does not have yet says so, rather than a bare "has no attribute"."""
    if name in _GRADIO_NAMES:
        raise AttributeError(f"gr.{name} is not supported by reblocks yet")
    raise AttributeError(f"module 'reblocks' has no attribute {name!r}")

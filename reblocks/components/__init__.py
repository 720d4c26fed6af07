"""Every component, importable as Gradio's `gradio.components` module offers them."""

from reblocks.components.base import Component, FormComponent
from reblocks.components.browser_state import BrowserState
from reblocks.components.chatbot import Chatbot
from reblocks.components.choices import Checkbox, Dropdown, Radio
from reblocks.components.dataset import Dataset
from reblocks.components.display import HTML, JSON, Button, Code, Markdown
from reblocks.components.media import Audio, File, Gallery, Image, Plot, Video
from reblocks.components.multimodal import MultimodalTextbox
from reblocks.components.numeric import Number, Slider
from reblocks.components.state import State
from reblocks.components.textbox import Textbox
from reblocks.components.timer import Timer

__all__ = [
    "Audio", "BrowserState", "Button", "Chatbot", "Checkbox", "Code", "Component", "Dataset", "Dropdown", "File",
    "FormComponent", "Gallery", "HTML", "Image", "JSON", "Markdown", "MultimodalTextbox", "Number", "Plot",
    "Radio", "Slider", "State", "Textbox", "Timer", "Video",
]

"""Every component, importable as Gradio's `gradio.components` module offers them."""

from reblocks.components.aliases import Checkboxgroup, Highlight, Highlightedtext, Json, Text
from reblocks.components.annotated import HighlightedText, Label
from reblocks.components.annotated_image import AnnotatedImage
from reblocks.components.base import Component, FormComponent
from reblocks.components.browser_state import BrowserState
from reblocks.components.buttons import ClearButton, DeepLinkButton, DownloadButton, DuplicateButton, UploadButton
from reblocks.components.dataframe import DataFrame, Dataframe
from reblocks.components.templates import Files, TextArea
from reblocks.components.chatbot import Chatbot
from reblocks.components.checkbox_group import CheckboxGroup
from reblocks.components.choices import Checkbox, Dropdown, Radio
from reblocks.components.dataset import Dataset
from reblocks.components.file_explorer import FileExplorer
from reblocks.components.image_slider import ImageSlider
from reblocks.components.image_editor import Brush, Eraser, ImageEditor, ImageMask, LayerOptions, Paint, Sketchpad
from reblocks.components.display import JSON, Button, Code, Markdown
from reblocks.components.html import HTML
from reblocks.components.media import Audio, File, Gallery, Image, Plot, Video
from reblocks.components.model3d import Model3D
from reblocks.components.multimodal import MultimodalTextbox
from reblocks.components.navbar import Navbar
from reblocks.components.native_plots import BarPlot, LinePlot, ScatterPlot
from reblocks.components.numeric import Number, Slider
from reblocks.components.pickers import ColorPicker, DateTime
from reblocks.components.state import State
from reblocks.components.textbox import InputHTMLAttributes, Textbox
from reblocks.components.timer import Timer

__all__ = [
    "AnnotatedImage", "Audio", "BrowserState", "FileExplorer", "ImageSlider", "Button", "Chatbot", "Checkbox", "Code", "Component", "Dataset", "Dropdown",
    "File", "FormComponent", "Gallery", "HTML", "Image", "JSON", "Markdown", "MultimodalTextbox", "Number",
    "Plot", "Radio", "Slider", "State", "Textbox", "Timer", "Video", "CheckboxGroup", "Checkboxgroup",
    "ColorPicker", "DateTime", "Highlight", "HighlightedText", "Highlightedtext", "Json", "Label", "Text",
    "TextArea", "ClearButton", "DataFrame", "Dataframe", "DownloadButton", "Files", "UploadButton",
    "DeepLinkButton", "DuplicateButton",
    "BarPlot", "LinePlot", "ScatterPlot", "Navbar",
    "Brush", "Eraser", "ImageEditor", "ImageMask", "LayerOptions", "Paint", "Sketchpad",
    "Model3D",
    "InputHTMLAttributes",
]

"""Image, Audio, Video, File, Gallery and Plot: components whose values are files on the server."""

from __future__ import annotations

import base64
import json
import os
import re
import warnings
import wave
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypedDict

import msgspec

from reblocks.blocks.block import Block, BoundListener, EventListener, current_root
from reblocks.components.base import Component
from reblocks.components.files import (
    FileDataPayload, FileFields, file_data, file_path, flag_files, generated_path, matches_file_types,
)
from reblocks.components.toolbar import CustomButton, Toolbar
from reblocks.errors import Error

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["Audio", "File", "Gallery", "Image", "Plot", "SubtitleCue", "Video", "WatermarkOptions", "WebcamOptions",
           "image_file", "image_value", "no_stream", "require", "WaveformOptions"]

FileValue = str | os.PathLike[str] | None
ObjectFit = Literal["contain", "cover", "fill", "none", "scale-down"]


class GalleryItem(TypedDict, total=False):
    """One gallery entry on the wire: an image or a video, and its caption."""

    image: FileDataPayload | None
    video: FileDataPayload | None
    caption: str | None


def require(module: str, feature: str) -> Any:
    """Import an optional dependency, or say which one `feature` needs."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"{feature} needs the optional package {module!r}: pip install {module}") from None


class WebcamOptions(msgspec.Struct):
    """How Image and Video use the webcam (Gradio's `gr.WebcamOptions`)."""

    mirror: bool = True
    """Whether the camera view is shown mirrored, as a selfie camera does; a photo is taken as shown."""
    constraints: dict[str, Any] | None = None
    """The browser's media constraints for the camera (`{"video": {"width": 800}}`), as getUserMedia takes
    them; None: an ideal 1920x1440 picture."""


class WaveformOptions(msgspec.Struct):
    """How Audio draws the waveform of its sound and records (Gradio's `gr.WaveformOptions`)."""

    waveform_color: str | None = None
    """The CSS colour of the waveform; None: a light grey."""
    waveform_progress_color: str | None = None
    """The CSS colour of the part already played; None: the accent colour."""
    trim_region_color: str | None = None
    """The CSS colour of the trim region drawn over the waveform of an editable Audio; None: the accent colour."""
    show_recording_waveform: bool = True
    """Whether the waveform is drawn under the player; False: the browser's player alone."""
    skip_length: float = 5
    """How far the skip buttons and arrow keys move, in percent of the audio's length (5 s when that is 0)."""
    sample_rate: int = 44100
    """The sample rate, in Hz, of a microphone recording sent as WAV."""

    def __post_init__(self) -> None:
        if not 0 <= self.skip_length <= 100:
            raise ValueError(f"WaveformOptions(skip_length=...) is a percentage from 0 to 100, "
                             f"not {self.skip_length}")
        if not 3000 <= self.sample_rate <= 768000:  # the rates a browser's OfflineAudioContext takes
            raise ValueError(f"WaveformOptions(sample_rate=...) is from 3000 to 768000 Hz, "
                             f"not {self.sample_rate}")


class SubtitleCue(msgspec.Struct):
    """One line of subtitles: its text, shown from `start` to `end` seconds into the media."""

    start: float
    end: float
    text: str


SubtitlesValue = str | os.PathLike[str] | list[dict[str, Any]] | None
_TIMING = re.compile(r"((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})")


def _seconds(stamp: str) -> float:
    """An SRT or WebVTT timestamp ("00:01:02,500", "01:02.500") in seconds."""
    total = 0.0
    for part in stamp.replace(",", ".").split(":"):
        total = total * 60 + float(part)
    return total


def _cues_of_text(text: str) -> list[SubtitleCue]:
    """The cues of an SRT or WebVTT file: each block with a timing line, its text the lines after it."""
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = block.split("\n")
        for index, line in enumerate(lines):
            match = _TIMING.search(line)
            if match:
                cues.append(SubtitleCue(_seconds(match.group(1)), _seconds(match.group(2)),
                                        "\n".join(lines[index + 1:]).strip()))
                break
    return cues


def subtitle_cues(owner: str, subtitles: SubtitlesValue) -> list[SubtitleCue] | None:
    """`subtitles` as cues: a list of {"text", "timestamp": [start, end]} dicts, or an .srt, .vtt or .json
    file (a JSON list of those dicts), checked as Gradio checks them."""
    if subtitles is None:
        return None
    if not isinstance(subtitles, list):
        path = Path(subtitles)
        if path.suffix.lower() not in (".srt", ".vtt", ".json"):
            raise ValueError(f"{owner}(subtitles=...) takes an .srt, .vtt or .json file, not {path.name!r}")
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix.lower() != ".json":
            return _cues_of_text(text)
        try:
            subtitles = json.loads(text)
        except ValueError as error:
            raise ValueError(f"{owner}(subtitles=...): {path.name} is not valid JSON ({error})") from None
        if not isinstance(subtitles, list):
            raise ValueError(f"{owner}(subtitles=...): {path.name} must hold a list of subtitle objects")
    cues = []
    for index, item in enumerate(subtitles):
        stamp = item.get("timestamp") if isinstance(item, dict) else None
        if not isinstance(stamp, (list, tuple)) or len(stamp) != 2 or "text" not in item:
            raise ValueError(f"{owner}(subtitles=...): item {index} must be a dict with 'text' and "
                             "'timestamp': [start, end] in seconds")
        cues.append(SubtitleCue(float(stamp[0]), float(stamp[1]), str(item["text"])))
    return cues


def _vtt_stamp(seconds: float) -> str:
    """Seconds as a WebVTT timestamp, HH:MM:SS.mmm."""
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def vtt_file(cues: list[SubtitleCue]) -> dict[str, Any]:
    """Cues written as a WebVTT file (what a video's <track> reads), as FileData."""
    body = "".join(f"{_vtt_stamp(cue.start)} --> {_vtt_stamp(cue.end)}\n{cue.text}\n\n" for cue in cues)
    path = generated_path(".vtt")
    path.write_text("WEBVTT\n\n" + body, encoding="utf-8")
    return file_data(path, mime_type="text/vtt")


WatermarkPosition = tuple[int, int] | Literal["top-left", "top-right", "bottom-left", "bottom-right"]


@dataclass
class WatermarkOptions:
    """An image pasted over each image an Image returns (Gradio's `gr.WatermarkOptions`)."""

    watermark: Any = None
    """The watermark: a path, PIL image or numpy array, pasted at its own size; None: no watermark."""
    position: WatermarkPosition = "bottom-right"
    """A corner (10 pixels in from both edges) or the (x, y) of its top-left pixel; a place that does not
    fit the image falls back to the bottom-right corner, as in Gradio."""

    def __post_init__(self) -> None:
        corners = ("top-left", "top-right", "bottom-left", "bottom-right")
        if isinstance(self.position, str) and self.position not in corners:
            raise ValueError(f"WatermarkOptions(position=...) is one of {', '.join(corners)} or (x, y), "
                             f"not {self.position!r}")
        if self.watermark is not None and not isinstance(self.watermark, (str, os.PathLike)) \
                and not hasattr(self.watermark, "shape") and not hasattr(self.watermark, "save"):
            raise ValueError("WatermarkOptions(watermark=...) is a path, a PIL image or a numpy array, "
                             f"not {type(self.watermark).__name__}")


def _pil_image(value: Any) -> Any:
    """A path, PIL image or numpy array as a PIL image."""
    pil = require("PIL.Image", "an image watermark")
    if isinstance(value, (str, os.PathLike)):
        return pil.open(value)
    if hasattr(value, "shape"):
        return pil.fromarray(_as_uint8(value))
    return value


def watermarked(value: Any, options: WatermarkOptions) -> Any:
    """`value` (a path, PIL image or numpy array) as a PIL image with the watermark pasted on, in its
    own mode; SVG and GIF files are left as they are, as Gradio leaves them."""
    if isinstance(value, (str, os.PathLike)) and str(value).lower().endswith((".svg", ".gif")):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return value
    base, mark = _pil_image(value), _pil_image(options.watermark).convert("RGBA")
    (width, height), (mark_width, mark_height) = base.size, mark.size
    corners = {"top-left": (10, 10), "top-right": (width - mark_width - 10, 10),
               "bottom-left": (10, height - mark_height - 10),
               "bottom-right": (width - mark_width - 10, height - mark_height - 10)}
    x, y = corners[options.position] if isinstance(options.position, str) else options.position
    if x < 0 or y < 0 or x + mark_width > width or y + mark_height > height:
        x, y = corners["bottom-right"]
    mode = base.mode
    result = base.convert("RGBA")
    result.paste(mark, (x, y), mask=mark)
    return result.convert(mode)


def _sources(owner: str, given: str | Iterable[str] | None, valid: tuple[str, ...],
             default: Sequence[str]) -> list[str]:
    """`sources` as a list (None: the default, a string: that one), checked as Gradio checks it."""
    sources = list(default) if given is None else [given] if isinstance(given, str) else list(given)
    for source in sources:
        if source not in valid:
            raise ValueError(f"{owner}(sources=...) must list some of {', '.join(map(repr, valid))}, "
                             f"not {source!r}")
    return sources


def _webcam_options(owner: str, options: WebcamOptions | dict[str, Any] | None, mirror_webcam: bool | None,
                    webcam_constraints: dict[str, Any] | None) -> WebcamOptions | None:
    """`webcam_options` (a dict too), with Gradio 5's `mirror_webcam` and `webcam_constraints` folded in."""
    if isinstance(options, dict):
        options = WebcamOptions(**options)
    for name, given in (("mirror_webcam", mirror_webcam), ("webcam_constraints", webcam_constraints)):
        if given is not None:
            warnings.warn(f"{owner}({name}=...) is Gradio 5's; Gradio 6 takes webcam_options=gr.WebcamOptions(...)",
                          DeprecationWarning, stacklevel=4)
    if mirror_webcam is not None:
        options = msgspec.structs.replace(options or WebcamOptions(), mirror=mirror_webcam)
    if webcam_constraints is not None:
        options = msgspec.structs.replace(options or WebcamOptions(), constraints=webcam_constraints)
    return options


def no_stream(self: Component, *args: Any, **kwargs: Any) -> NoReturn:
    """Gradio's `.stream` listener on a component that cannot stream in reblocks (Image and Audio can)."""
    name = type(self).__name__
    raise NotImplementedError(f"{name}.stream(...) is not supported by reblocks yet; {name}.change fires "
                              "with the whole value once it is captured")


class _BoundStream(BoundListener):
    """`image.stream` / `audio.stream`: a listener that also makes the component stream."""

    def __call__(self, fn: Any = None, inputs: Any = None, outputs: Any = None, **options: Any) -> Any:
        """Run `fn` on each webcam frame or microphone chunk while the user streams, one every
        `stream_every` seconds; an event ends after `time_limit` seconds, and the next chunk starts another."""
        self.block.streaming = True
        options.setdefault("show_progress", "minimal")  # Gradio's default for streams
        owner = f"{type(self.block).__name__}.{self.event}"  # as BoundListener does: warnings point at the caller
        return current_root().listen([(self.block.id, self.event)], owner, fn, inputs, outputs, options)


class _StreamListener(EventListener):
    """The `stream` event of a component that streams its input (Gradio's `Events.stream`)."""

    def __get__(self, block: Block | None, owner: type) -> Any:
        return self if block is None else _BoundStream(block, self.event)


class _FileComponent(Component):
    """A component whose value is one or more files; the server moves them into its cache."""

    has_files = True
    payload = FileDataPayload | None
    python_type = "filepath"
    api_schema = {"type": "object", "properties": {"path": {"type": "string"}, "meta": {"type": "object"}},
                  "description": "a FileData dict: {'path': ..., 'meta': {'_type': 'gradio.FileData'}}"}
    example_value = {"path": "https://example.com/sample.png", "meta": {"_type": "gradio.FileData"}}

    def api_info(self) -> dict[str, Any]:
        return {"properties": {"path": {"type": "string"}, "url": {"type": "string"},
                               "orig_name": {"type": "string"},
                               "meta": {"default": {"_type": "gradio.FileData"}, "type": "object"}},
                "required": ["path"], "title": "FileData", "type": "object"}

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        return None if value is None else file_data(value)

    def flag(self, payload: Any, flag_dir: str | Path = "") -> str:
        return flag_files(payload, flag_dir)


class _SingleFile(_FileComponent):
    """What Image, Audio and Video share: one file, the sources it may come from, a download button."""

    class Props(_FileComponent.Props):
        sources: Sequence[str] | None = ()
        """Where the user may take a file from: "upload", "clipboard", "microphone" or "webcam"."""
        show_download_button: bool | None = None
        """Whether a download button is shown; None: as `buttons` says, or shown when it says nothing."""
        buttons: list[Any] | None = None
        """The corner buttons to show, as Gradio 6 lists them ("download", ...)."""


class _Streamable(_SingleFile):
    """Image and Audio: a webcam or microphone input that can stream to a `.stream` listener."""

    class Props(_SingleFile.Props):
        streaming: bool = False
        """Whether the webcam or microphone streams to the `.stream` listeners while recording, instead of
        giving one photo or recording; a `.stream` listener sets it."""

    stream = _StreamListener("stream")


class ImagePayload(FileFields, total=False):
    """An image as a client sends it: a FileData dict, or a webcam frame inline as a `data:` URL in
    `url` with no `path` (Gradio's streamed frames)."""

    path: str | None


_DATA_URL = re.compile(r"data:image/(png|jpeg|webp);base64,")


def _inline_image(url: str, kind: str, image_mode: str | None) -> Any:
    """A `data:` URL image (a streamed webcam frame) as `image_value` gives an uploaded one."""
    match = _DATA_URL.match(url)
    if match is None:
        raise Error("An inline image must be a data:image/png, jpeg or webp URL in base64.")
    try:
        data = base64.b64decode(url[match.end():], validate=True)
    except ValueError:
        raise Error("The inline image is not valid base64.") from None
    path = generated_path("." + match.group(1))
    path.write_bytes(data)
    try:
        return image_value(str(path), kind, image_mode)
    except OSError:
        raise Error("The inline image could not be read as an image.") from None


class Image(_Streamable):
    """An image: uploaded, pasted or returned (a path, URL, PIL image or numpy array)."""

    class Props(_Streamable.Props):
        sources: Sequence[str] | None = None
        """Where the image may come from: "upload", "webcam", "clipboard"; None: all three, or the
        webcam alone when streaming (the constructor sends the list it settled on)."""
        height: int | str | None = None
        """The height of the image box (pixels, or a CSS length)."""
        width: int | str | None = None
        """The width of the image box (pixels, or a CSS length)."""
        image_mode: str | None = "RGB"
        """The PIL mode an uploaded image is converted to before the function gets it; None: as is."""
        webcam_options: WebcamOptions | None = None
        """How the webcam is shown and opened (mirrored, media constraints); None: as `WebcamOptions()`."""
        placeholder: str | None = None
        """Markdown shown in the empty upload area instead of the usual prompt."""

    TYPE = "image"
    EVENTS = ("clear", "change", "select", "upload", "input", "stream")
    payload = ImagePayload | None

    def __init__(self, value: Any = None, *, height: int | str | None = None,
                 width: int | str | None = None, image_mode: str | None = "RGB",
                 sources: str | Sequence[str] | None = None, streaming: bool = False,
                 type: Literal["numpy", "pil", "filepath"] = "numpy",  # noqa: A002
                 label: str | None = None, show_download_button: bool | None = None,
                 buttons: list[Any] | None = None, webcam_options: WebcamOptions | dict[str, Any] | None = None,
                 mirror_webcam: bool | None = None, webcam_constraints: dict[str, Any] | None = None,
                 format: str = "png", placeholder: str | None = None,  # noqa: A002 - Gradio's name
                 watermark: WatermarkOptions | str | os.PathLike[str] | Any = None, **kwargs: Any) -> None:
        valid = ("upload", "webcam", "clipboard")
        self.sources = _sources("Image", sources, valid, ["webcam"] if streaming else valid)
        if streaming and self.sources != ["webcam"]:
            raise ValueError("Image(streaming=True) streams from the webcam alone: sources must be ['webcam']")
        self.webcam_options = _webcam_options("Image", webcam_options, mirror_webcam, webcam_constraints)
        self.type = type
        self.format = format
        self.watermark = watermark if isinstance(watermark, WatermarkOptions) or watermark is None \
            else WatermarkOptions(watermark)
        super().__init__(value, **kwargs)

    def preprocess(self, payload: dict[str, Any] | None) -> Any:
        if payload is not None and payload.get("path") is None and isinstance(payload.get("url"), str):
            return _inline_image(payload["url"], self.type, self.image_mode)
        return image_value(file_path(payload), self.type, self.image_mode)

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is not None and self.watermark is not None and self.watermark.watermark is not None:
            value = watermarked(value, self.watermark)
        return None if value is None else image_file(value, self.format)


def image_value(path: str | None, kind: str, image_mode: str | None) -> Any:
    """An uploaded image as a function takes it: its path, a PIL image or a numpy array (`kind`),
    converted to `image_mode` unless that is None."""
    if path is None or kind == "filepath":
        return path
    pil = require("PIL.Image", f"an image of type {kind!r}")
    image = pil.open(path)
    if image_mode:
        image = image.convert(image_mode)
    if kind == "pil":
        return image
    return require("numpy", "an image of type 'numpy'").array(image)


def image_file(value: Any, format: str = "png") -> dict[str, Any]:  # noqa: A002 - Gradio's name
    """An image returned by a function (a path or URL, a PIL image, a numpy array) as FileData; images
    made in memory are saved in `format` first (PNG when Pillow cannot write that format)."""
    if isinstance(value, (str, os.PathLike)):
        return file_data(value)
    if hasattr(value, "shape"):  # a numpy array
        value = require("PIL.Image", "returning a numpy image").fromarray(_as_uint8(value))
    if not hasattr(value, "save"):  # not a PIL image
        raise ValueError(f"cannot show {type(value).__name__} as an image")
    extension = format.lower().lstrip(".")
    try:
        path = generated_path(f".{extension}")
        value.save(path, format=extension)
    except (KeyError, ValueError, OSError):  # a format Pillow does not write (or not in this mode)
        path = generated_path(".png")
        value.save(path, format="png")
    return file_data(path)


def _as_uint8(array: Any) -> Any:
    """An image array as uint8, scaling other dtypes by their range as Gradio does (after
    scikit-image): floats from [0, 1], integers by their bit depth, negatives clipped to 0."""
    numpy = require("numpy", "returning a numpy image")
    kind, bits = array.dtype.kind, array.dtype.itemsize * 8
    if kind == "u" and bits == 8:
        return array
    if kind == "b":
        return array.astype(numpy.uint8) * 255
    if kind == "f":
        return numpy.rint(numpy.clip(array, 0, 1) * 255).astype(numpy.uint8)
    if kind == "i":
        array, bits = numpy.clip(array, 0, None), bits - 1  # the sign bit carries no brightness
    if bits > 8:
        return (array >> (bits - 8)).astype(numpy.uint8)
    return (array.astype(numpy.uint16) * 255 // (2**bits - 1)).astype(numpy.uint8)


def _write_wav(rate: int, samples: Any) -> Path:
    """Write 16-bit PCM samples (a numpy array, mono or (n, channels)) to a new .wav file."""
    numpy = require("numpy", "returning audio as (rate, samples)")
    data = numpy.asarray(samples)
    if data.dtype.kind == "f":
        data = (numpy.clip(data, -1, 1) * 32767).astype(numpy.int16)
    data = data.astype(numpy.int16)
    channels = 1 if data.ndim == 1 else data.shape[1]
    path = generated_path(".wav")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(int(rate))
        out.writeframes(data.tobytes())
    return path


class Audio(_Streamable):
    """Audio: uploaded or recorded in the browser, or returned as a path, URL or (rate, samples)."""

    class Props(_Streamable.Props):
        sources: Sequence[str] | None = None
        """Where the audio may come from: "upload", "microphone"; None: both, or the microphone alone
        when streaming (the constructor sends the list it settled on)."""
        autoplay: bool = False
        """Whether the audio starts playing when it is shown."""
        loop: bool = False
        """Whether the audio starts again when it ends."""
        waveform_options: WaveformOptions | None = None
        """The waveform's colours and skip length, the recording's sample rate; None: as `WaveformOptions()`."""
        editable: bool = True
        """Whether an interactive Audio lets the user trim its sound in the browser (the trimmed part is
        sent as WAV, with `change` and `input`)."""
        recording: bool = False
        """Whether an empty interactive Audio starts recording from the microphone as soon as it is shown,
        when the microphone is one of its sources."""
        playback_position: float = 0
        """Where the player starts, in seconds; a listener that sets it seeks the player there. (Gradio's page
        also follows the sound in this prop as it plays; that stays in the page, there as here.)"""
        subtitles: list[SubtitleCue] | None = None
        """Lines shown under the player while their moment plays (the constructor reads them from a list of
        {"text", "timestamp": [start, end]} dicts or an .srt, .vtt or .json file)."""

    TYPE = "audio"
    EVENTS = ("change", "clear", "play", "pause", "stop", "start_recording", "pause_recording",
              "stop_recording", "upload", "input", "stream")

    def __init__(self, value: Any = None, *, sources: str | Sequence[str] | None = None, streaming: bool = False,
                 type: Literal["numpy", "filepath"] = "numpy", label: str | None = None,  # noqa: A002
                 autoplay: bool = False, loop: bool = False, show_download_button: bool | None = None,
                 buttons: list[Any] | None = None, waveform_options: WaveformOptions | dict[str, Any] | None = None,
                 format: Literal["wav"] | None = None, editable: bool = True,  # noqa: A002 - Gradio's name
                 recording: bool = False, subtitles: SubtitlesValue = None, playback_position: float = 0,
                 **kwargs: Any) -> None:
        valid = ("upload", "microphone")
        self.sources = _sources("Audio", sources, valid, ["microphone"] if streaming else valid)
        if streaming and "microphone" not in self.sources:
            raise ValueError("Audio(streaming=True) streams from the microphone: sources must include 'microphone'")
        if isinstance(waveform_options, dict):
            self.waveform_options = WaveformOptions(**waveform_options)
        if format is not None and format.lower() != "wav":
            # Gradio writes mp3 through ffmpeg; reblocks writes audio with the standard library alone.
            raise ValueError(f"Audio(format={format!r}) is not supported: reblocks writes audio as 'wav' only "
                             "(other formats need ffmpeg); return a file path to send an mp3")
        self.format = format and format.lower()
        self.type = type
        self.subtitles = subtitle_cues("Audio", subtitles)
        super().__init__(value, **kwargs)

    def preprocess(self, payload: dict[str, Any] | None) -> Any:
        path = file_path(payload)
        if path is None or self.type == "filepath":
            return path
        if not path.lower().endswith(".wav"):
            raise Error("This audio is not a .wav file; use gr.Audio(type='filepath') to receive it.")
        numpy = require("numpy", "gr.Audio(type='numpy')")
        with wave.open(path, "rb") as source:
            rate, channels = source.getframerate(), source.getnchannels()
            samples = numpy.frombuffer(source.readframes(source.getnframes()), dtype=numpy.int16)
        return rate, samples.reshape(-1, channels) if channels > 1 else samples

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if isinstance(value, tuple) and len(value) == 2:
            return file_data(_write_wav(*value))
        return super().postprocess(value)


class Video(_SingleFile):
    """A video: uploaded, recorded from the webcam, or returned as a path or URL."""

    class Props(_SingleFile.Props):
        sources: Sequence[str] = ("upload", "webcam")
        autoplay: bool = False
        """Whether the video starts playing, muted, when it is shown."""
        loop: bool = False
        """Whether the video starts again when it ends."""
        height: int | str | None = None
        """The height of the video box (pixels, or a CSS length)."""
        width: int | str | None = None
        """The width of the video box (pixels, or a CSS length)."""
        webcam_options: WebcamOptions | None = None
        """How the webcam is shown and opened (mirrored, media constraints); None: as `WebcamOptions()`."""
        include_audio: bool | None = None
        """Whether a webcam recording keeps the microphone's sound; None: only when "upload" is a source too,
        as Gradio decides."""
        playback_position: float = 0
        """Where the player starts, in seconds; a listener that sets it seeks the player there. (Gradio's page
        also follows the video in this prop as it plays; that stays in the page, there as here.)"""
        subtitles: FileDataPayload | None = None
        """A WebVTT file the player shows as captions (the constructor converts an .srt or .json file or a
        list of {"text", "timestamp": [start, end]} dicts to one)."""

    TYPE = "video"
    EVENTS = ("change", "clear", "start_recording", "stop_recording", "stop", "play", "pause", "end", "upload",
              "input")

    def __init__(self, value: FileValue = None, *, sources: str | Sequence[str] | None = ("upload", "webcam"),
                 height: int | str | None = None, width: int | str | None = None,
                 label: str | None = None, webcam_options: WebcamOptions | dict[str, Any] | None = None,
                 include_audio: bool | None = None, autoplay: bool = False, loop: bool = False,
                 show_download_button: bool | None = None, buttons: list[Any] | None = None,
                 mirror_webcam: bool | None = None, webcam_constraints: dict[str, Any] | None = None,
                 subtitles: SubtitlesValue = None, playback_position: float = 0, **kwargs: Any) -> None:
        self.sources = _sources("Video", sources, ("upload", "webcam"), ("upload", "webcam"))
        self.webcam_options = _webcam_options("Video", webcam_options, mirror_webcam, webcam_constraints)
        self.include_audio = include_audio if include_audio is not None else "upload" in self.sources
        cues = subtitle_cues("Video", subtitles)
        self.subtitles = None if cues is None else vtt_file(cues)
        super().__init__(value, **kwargs)

    def preprocess(self, payload: dict[str, Any] | None) -> str | None:
        return file_path(payload)


class File(_FileComponent):
    """One or more files of any type; `file_types` limits what is accepted (checked on both sides)."""

    class Props(_FileComponent.Props):
        file_count: Literal["single", "multiple", "directory"] = "single"
        """How many files the user may give: one, several, or a folder's worth."""
        file_types: list[str] | None = None
        """The files accepted: extensions (".pdf"), MIME types ("image/*") or "image", "audio", "video",
        "text"; None: any."""
        height: int | str | None = None
        """The most the file list grows to (pixels, or a CSS length) before it scrolls."""
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""
        allow_reordering: bool = False
        """Whether the user may drag the files into another order (which fires `change`)."""

    TYPE = "file"
    buttons = Toolbar()
    EVENTS = ("change", "select", "clear", "upload", "delete", "download")
    payload = FileDataPayload | list[FileDataPayload] | None

    def __init__(self, value: Any = None, *, file_count: Literal["single", "multiple", "directory"] = "single",
                 file_types: list[str] | None = None,
                 type: Literal["filepath", "binary"] = "filepath",  # noqa: A002
                 label: str | None = None, height: int | str | None = None,
                 buttons: Sequence[Button] | None = None, allow_reordering: bool = False, **kwargs: Any) -> None:
        self.type = type
        super().__init__(value, **kwargs)

    def _one(self, payload: Any) -> Any:
        path = file_path(payload)
        assert path is not None
        name = payload.get("orig_name") or Path(path).name if isinstance(payload, dict) else Path(path).name
        if not matches_file_types(name, None, self.file_types):
            raise Error(f'"{name}" is not an accepted file type ({", ".join(self.file_types or [])})')
        return Path(path).read_bytes() if self.type == "binary" else path

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        items = payload if isinstance(payload, list) else [payload]
        values = [self._one(item) for item in items]
        return values if self.file_count != "single" else values[0]

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            return [file_data(item) for item in value]
        return file_data(value)


class Gallery(_FileComponent):
    """A grid of images or videos, each with an optional caption."""

    class Props(_FileComponent.Props):
        columns: int | None = 2
        """How many items a row of the grid holds."""
        height: int | str | None = None
        """The most the grid grows to (pixels, or a CSS length) before it scrolls."""
        object_fit: ObjectFit | None = None
        """How an item fills its square (CSS `object-fit`); None: "cover"."""
        allow_preview: bool = True
        """Whether clicking an item opens it large."""
        preview: bool | None = None
        """Whether the gallery starts with the selected item open large."""
        selected_index: int | None = None
        """The item selected when the page loads."""
        buttons: list[Any] | None = None
        """The buttons to show, as Gradio 6 lists them ("download", ...)."""
        rows: int | None = None
        """How many rows of the grid show before it scrolls; None: as many as `height` allows."""
        fit_columns: bool = True
        """Whether fewer items than `columns` widen to fill the row."""
        file_types: list[str] | None = None
        """The files an upload accepts: extensions (".png"), MIME types or "image", "video"; None: any image
        or video (checked on both sides)."""
        sources: Sequence[str] | None = None
        """Where an interactive gallery takes items from: "upload", "webcam", "clipboard"; None: upload alone
        (the constructor sends the list it settled on)."""

    TYPE = "gallery"
    EVENTS = ("select", "change", "upload", "preview_close", "preview_open")
    payload = list[GalleryItem] | None
    python_type = "list[tuple[str, str | None]]"

    def __init__(self, value: Any = None, *, format: str = "png",  # noqa: A002 - Gradio's name
                 file_types: list[str] | None = None, label: str | None = None, columns: int | None = 2,
                 rows: int | None = None, height: int | str | None = None, allow_preview: bool = True,
                 preview: bool | None = None, selected_index: int | None = None,
                 object_fit: ObjectFit | None = None, buttons: list[Any] | None = None,
                 type: Literal["numpy", "pil", "filepath"] = "filepath",  # noqa: A002
                 fit_columns: bool = True, sources: Sequence[str] | None = None, **kwargs: Any) -> None:
        if type not in ("numpy", "pil", "filepath"):
            raise ValueError(f"Gallery(type=...) is 'numpy', 'pil' or 'filepath', not {type!r}")
        self.sources = _sources("Gallery", sources, ("upload", "webcam", "clipboard"), ["upload"])
        self.type = type
        self.format = format
        super().__init__(value, **kwargs)

    def preprocess(self, payload: list[dict[str, Any]] | None) -> list[tuple[Any, str | None]] | None:
        if not payload:
            return None
        items = []
        for item in payload:
            video = item.get("video")
            path = str(file_path(video or item.get("image")))
            name = Path(path).name
            if not matches_file_types(name, None, self.file_types):
                raise Error(f'"{name}" is not an accepted file type ({", ".join(self.file_types or [])})')
            # Videos stay paths whatever `type` says, as in Gradio; images are opened as `type` asks.
            media = path if video else image_value(path, self.type, None)
            items.append((media, item.get("caption")))
        return items

    def postprocess(self, value: Any) -> list[dict[str, Any]] | None:  # type: ignore[override]
        items = []
        for entry in value or []:
            media, caption = entry if isinstance(entry, (tuple, list)) else (entry, None)
            if not isinstance(media, (str, os.PathLike)):
                media = image_file(media, self.format)["path"]
            data = file_data(media)
            kind = "video" if (data["mime_type"] or "").startswith("video/") else "image"
            items.append({kind: data, "caption": caption})
        return items


class Plot(Component):
    """A matplotlib figure (sent as a PNG) or a plotly figure (sent as its JSON)."""

    class Props(Component.Props):
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""

    TYPE = "plot"
    buttons = Toolbar()
    EVENTS = ("change",)
    python_type = "Any"
    api_schema = {"type": "object", "description": "a plot: {'type': ..., 'plot': ...}"}

    def __init__(self, value: Any = None, *, buttons: Sequence[Button] | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if hasattr(value, "savefig"):  # matplotlib
            import io

            buffer = io.BytesIO()
            value.savefig(buffer, format="png", bbox_inches="tight")
            encoded = base64.b64encode(buffer.getvalue()).decode()
            return {"type": "matplotlib", "plot": f"data:image/png;base64,{encoded}"}
        if hasattr(value, "to_json"):  # plotly
            return {"type": "plotly", "plot": value.to_json()}
        raise ValueError(f"cannot show {type(value).__name__} as a plot (matplotlib or plotly)")

"""Chat composites: ChatInterface and its message types."""

from reblocks.chat.interface import ChatInterface
from reblocks.chat.load_chat import load_chat
from reblocks.components.chatbot import ChatMessage, MetadataDict, OptionDict

__all__ = ["ChatInterface", "ChatMessage", "MetadataDict", "OptionDict", "load_chat"]

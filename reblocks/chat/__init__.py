"""Chat composites: ChatInterface and its message types."""

"""The graph: blocks, layouts, listeners and the Blocks root."""

"""Leaf components: each declares its props, events and payload once."""

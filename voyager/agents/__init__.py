"""The four agents (action, curriculum, critic, skill describer) and their helpers."""

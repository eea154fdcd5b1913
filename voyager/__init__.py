"""voyager: a Voyager-style lifelong-learning agent for Minecraft."""

__version__ = "0.1.0"

"""The Minecraft environment: a supervised Node bridge running generated code against one bot.

`import voyager.env` registers the Gymnasium id "voyager/Minecraft-v0".
"""

from __future__ import annotations

import gymnasium

from voyager.env.bridge import Bridge
from voyager.env.client import BridgeClient, BridgeRequestError, BridgeUnavailable
from voyager.env.minecraft import MinecraftEnv

ENV_ID = "voyager/Minecraft-v0"

if ENV_ID not in gymnasium.registry:
    # nondeterministic: the world runs in real time, two identical steps never match exactly.
    gymnasium.register(id=ENV_ID, entry_point="voyager.env.minecraft:MinecraftEnv", nondeterministic=True)

__all__ = ["ENV_ID", "Bridge", "BridgeClient", "BridgeRequestError", "BridgeUnavailable", "MinecraftEnv"]

"""`voyager world`: run the embedded world alone until Ctrl-C."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from voyager.cli.common import add_config_options, config_from_args


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="run the embedded world alone, for a human client or a script to join",
        description="Start the embedded Minecraft world and print its address and version.",
    )
    add_config_options(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=25565, help="port (default 25565; 0 picks a free one)")
    parser.add_argument("--seed", type=int, help="terrain seed (default: world.seed)")
    parser.add_argument("--save-dir", metavar="DIR", help="folder to save the world in (default: none)")
    parser.add_argument("--log", metavar="FILE", help="write the server's log to FILE (default: keep it in memory)")
    return parser


def run(args: argparse.Namespace) -> int:
    from voyager.world import EmbeddedWorld

    config = config_from_args(args)
    world_config = config.world
    if args.seed is not None:
        world_config = world_config.model_copy(update={"seed": args.seed})
    save_dir = Path(args.save_dir).expanduser().resolve() if args.save_dir else None
    world = EmbeddedWorld(world_config, save_dir=save_dir, log_path=Path(args.log) if args.log else None,
                          port=args.port, host=args.host)
    world.start()
    try:
        saved = f"saving to {save_dir}" if save_dir else "not saved"
        print(f"voyager world: {world.host}:{world.port} (Minecraft {world.version}), seed {world_config.seed}, "
              f"{saved}. Ctrl-C to stop.", flush=True)
        while True:
            world.check()  # a crash ends the command with the world's last log lines
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("voyager world: stopping (saving)...", flush=True)
        return 0
    finally:
        world.stop()

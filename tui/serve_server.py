"""The web server of `warroom serve`: textual-serve's page and sessions, one hub that polls for
all of them, `/metrics` and `/healthz`, and an optional token in front of everything."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import secrets
import shlex
import signal
from importlib import resources
from pathlib import Path
from typing import Any

from textual_serve.server import Server

from warroom.collector.http import hub_routes, observability_routes, token_guard
from warroom.collector.hub import Hub
from warroom.collector.hub_feed import hub_env


def page_templates() -> Path:
    """Our page: local fonts only, a real <title> (textual-serve's pulls a font CDN)."""
    return Path(str(resources.files("warroom.tui").joinpath("serve_page")))


class WarroomServer(Server):
    def __init__(
        self, args: argparse.Namespace, hub: Hub, command: list[str], token: str | None
    ) -> None:
        super().__init__(
            shlex.join(command),
            host=args.host,
            port=args.port,
            title=f"warroom · {hub.config.launch.name}",
            public_url=args.public_url,
            templates_path=page_templates(),
        )
        self.hub = hub
        self.args = args
        self.token = token
        self.interrupted = False
        """Stopped by Ctrl-C (SIGINT), not SIGTERM: `serve` then exits 130."""
        self.hub_token = secrets.token_urlsafe(32)
        # The sessions are this process's children: the environment reaches them, argv
        # (which `ps` shows every local user) never carries the token.
        hub_url = f"http://127.0.0.1:{args.port}"
        os.environ.update(hub_env(hub_url, self.hub_token, hub.layout()))

    def initialize_logging(self) -> None:
        # aiohttp's access log prints every request line, a `?token=` query included.
        logging.getLogger("aiohttp.access").disabled = True
        super().initialize_logging()

    async def _make_app(self) -> Any:
        app = await super()._make_app()
        app.middlewares.append(token_guard(self.token))
        app.add_routes(observability_routes(self.hub.dashboard, lambda: self.hub.heard))
        app.add_routes(hub_routes(self.hub, self.hub_token))
        return app

    async def on_startup(self, app: Any) -> None:
        from warroom.tui.cmd_serve import banner

        self.hub.start()
        # The stock handler stops on SIGINT and SIGTERM alike; only Ctrl-C exits 130.
        asyncio.get_running_loop().add_signal_handler(signal.SIGINT, self.interrupt)
        # The stock banner prints the full command line, which may carry a store URI.
        print(banner(self.args, self.public_url, guarded=self.token is not None), flush=True)

    def interrupt(self) -> None:
        self.interrupted = True
        self.request_exit()

    async def on_shutdown(self, app: Any) -> None:
        await self.hub.stop()

"""The application uvicorn imports (`turquesa.server.main:app`), one per worker process,
configured from the environment `turquesa serve` sets."""

from __future__ import annotations

import os

from turquesa.server.app import create_app
from turquesa.server.settings import ServerSettings

_overrides: dict[str, object] = {}
if os.environ.get("TURQUESA_INSECURE_COOKIES"):
    _overrides["secure_cookies"] = False

app = create_app(
    ServerSettings.from_environment(
        os.environ.get("TURQUESA_SERVER_DB")
        or os.environ.get("TURQUESA_DB")
        or "sqlite:///turquesa.db",
        **_overrides,
    )
)

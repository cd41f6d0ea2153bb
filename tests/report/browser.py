"""Open a report in headless Chromium with the network cut off, for tests and pictures.

Chromium runs with a proxy that points nowhere (so any http/https request fails) and
records a NetLog, from which `requested_urls` lists every URL the page asked for: a
self-contained report asks for none. Tests skip when Chromium is not installed, except
in CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120


def chromium_path() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """The browser's path, or skip (fail under CI) with the packages to install."""
    found = chromium_path()
    if found is None:
        reason = "headless browser test needs Chromium (apt-get install chromium chromium-driver)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@dataclass
class BrowserRun:
    dom: str
    requested_urls: list[str]
    screenshot: Path | None


def _netlog_urls(path: Path) -> list[str]:
    """URLs the page itself asked for (its requests carry the file:// isolation key).

    The browser's own background traffic (update checks, clock) is left out: it is not
    the report's doing, and the dead proxy stops it anyway.
    """
    if not path.exists():
        return []
    text = path.read_text("utf-8", errors="replace").rstrip().rstrip(",")
    log = None
    for ending in ("", "]}"):
        try:
            log = json.loads(text + ending)
            break
        except json.JSONDecodeError:
            continue
    if log is None:
        raise AssertionError(f"cannot read Chromium's NetLog {path}")
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log.get("events", []):
        params = event.get("params") or {}
        if event.get("type") == start and "file://" in str(params.get("network_isolation_key")):
            urls.append(params["url"])
    return urls


def open_offline(
    html_path: Path,
    *,
    screenshot: Path | None = None,
    window: tuple[int, int] = (1200, 1600),
) -> BrowserRun:
    """Load `html_path` with no network; the rendered DOM, the URLs asked for, a PNG."""
    browser = require_chromium()
    with tempfile.TemporaryDirectory(prefix="turquesa-chromium-") as profile:
        netlog = Path(profile) / "netlog.json"
        common = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            f"--user-data-dir={profile}/data",
            f"--log-net-log={netlog}",
            "--hide-scrollbars",
            f"--window-size={window[0]},{window[1]}",
        ]
        url = html_path.resolve().as_uri()
        dom = subprocess.run(
            [*common, "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=True,
        ).stdout
        requested = _netlog_urls(netlog)
        if screenshot is not None:
            subprocess.run(
                [*common, f"--screenshot={screenshot.resolve()}", url],
                capture_output=True,
                timeout=TIMEOUT,
                check=True,
            )
            requested += _netlog_urls(netlog)
    return BrowserRun(dom, requested, screenshot)

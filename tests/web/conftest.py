"""A real ``kg serve`` process and a real headless Chromium driving it.

The server runs as its own process (``python -m kg serve --port 0``) and
says where it listens on stderr; the browser is Debian's ``chromium`` with
its ``chromedriver`` (``make install`` installs both). Screenshots go to
``out/screenshots/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "out" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
_LISTENING = re.compile(r"kg serve: (http://\S+/)")


@dataclass
class Server:
    """A running ``kg serve``: its base URL and process."""

    url: str
    process: subprocess.Popen[str]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(*args: str, timeout: float = 60.0) -> Server:
    """Start ``kg serve ARGS --port 0`` and wait until it says where it listens."""
    command = [sys.executable, "-m", "kg", "serve", *args, "--port", "0"]
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        found = _LISTENING.search(line)
        if found:
            return Server(found.group(1).rstrip("/"), process)
    process.kill()
    raise RuntimeError(f"kg serve did not start: {''.join(seen)}")


@pytest.fixture(scope="session")
def server(seed_store_path: Path) -> Iterator[Server]:
    """``kg serve`` over the seeds' store."""
    running = start_server("--store", str(seed_store_path))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium through chromedriver (Selenium)."""
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.fail(
            "chromium and chromedriver are needed: `make install` installs them "
            "(apt-get install chromium chromium-driver)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
        "--disable-gpu-sandbox",
    ):
        options.add_argument(flag)
    os.environ.setdefault("SE_AVOID_STATS", "true")
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def screenshot(driver: object, name: str) -> Path:
    """Save the window as ``out/screenshots/NAME.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    return path

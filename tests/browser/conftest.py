"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

# The ORM and Playwright's sync API share the test's thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"

# On a loaded 2-core machine one step of a journey (a request, its swap, an event that
# reaches three other browsers, each refreshing its fragment) can take several seconds:
# a steering POST took 4.3 s under load. Playwright's default 5 s for expect() failed
# journeys that were only slow; with more time they pass, as actions (30 s) already do.
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(config, items):
    # CI installs chromium; a newcomer without it sees the browser tests skipped, not failed.
    if shutil.which(CHROMIUM) or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def server(asgi_server):
    """Serve browser tests under ASGI, as in production; `server.url` is its address.

    pytest-django's live_server is WSGI, where the board's event stream cannot run
    (every page would leave a broken stream thread behind).
    """
    return SimpleNamespace(url=asgi_server)


@pytest.fixture
def sign_in(server):
    """Return a function that signs `user` in within a Playwright browser context."""

    def sign_in(context, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server.url}])

    return sign_in


def wait_until_live(page):
    """Wait until the board's event stream is open and has sent what the page missed.

    From then on the board shows what others change; before, a test's first step would
    race the connection instead of testing what it says.
    """
    expect(page.locator("[data-live-board]")).to_have_attribute("data-live-open", "")

"""What the browser tests do again and again: log in, switch language, take screenshots."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from claims.demo import GERMAN

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "browser-test-demo-password"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000  # one page load or one assertion
ARCHIVING_TIMEOUT_MS = 60_000  # the worker fetches, archives and locates the source


def login(page: Page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".who")).to_have_text(username)


def logout(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def switch_language(page: Page, code: str) -> None:
    """Choose a language in the header; the page submits the form and reloads."""
    page.select_option("select#language", code)
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("select#language")).to_have_value(code)


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def open_german_article(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Articles").click()
    page.get_by_role("link", name=GERMAN.title).click()
    expect(page.locator("h1")).to_have_text(GERMAN.title)

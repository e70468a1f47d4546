"""The mark of tests that need Chromium for browser capture (skipped where it is missing)."""

import pytest

from sources.browser import BrowserLimits, browser_available

needs_chromium = pytest.mark.skipif(
    not browser_available(BrowserLimits()), reason="Chromium is not installed"
)

"""`make install` leaves no known-vulnerable packaging tools in the virtualenv."""

from importlib.metadata import version


def release(text):
    return tuple(int(part) for part in text.split(".")[:3])


def test_setuptools_is_upgraded_past_its_known_vulnerabilities():
    # 78.1.1 fixes CVE-2025-47273 (and CVE-2024-6345, CVE-2022-40897 before it).
    assert release(version("setuptools")) >= (78, 1, 1)

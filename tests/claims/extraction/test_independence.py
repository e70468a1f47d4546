import subprocess
import sys


def test_the_engine_imports_nothing_from_django():
    code = (
        "import sys, claims.extraction as e; "
        "e.extract_claims('Die Stadt zählte 2025 rund 85 Millionen Fahrgäste.'); "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"

"""The structure the README promises, checked: light workers and few, explained late imports."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("claims", "sources", "matching", "publishing", "desk", "config")
HEAVY = ("numpy", "scipy", "spacy")


def function_level_imports() -> list[tuple[str, int, bool]]:
    """(file, line, whether a comment within the three lines above says why) per import
    statement inside a function of the product code (migrations left out)."""
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            for node in ast.walk(ast.parse("\n".join(lines))):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        above = lines[max(inner.lineno - 4, 0) : inner.lineno]
                        explained = any("#" in line for line in above)
                        found.append((str(path.relative_to(ROOT)), inner.lineno, explained))
    return found


def test_fewer_than_five_imports_are_made_inside_functions():
    assert len(function_level_imports()) < 5, function_level_imports()


def test_each_import_inside_a_function_says_why():
    unexplained = [
        (path, line) for path, line, explained in function_level_imports() if not explained
    ]
    assert unexplained == []


def test_a_worker_that_loads_every_task_carries_neither_numpy_scipy_nor_spacy():
    code = (
        "import os, sys, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
        "django.setup(); import claims.tasks, sources.tasks, matching.tasks, publishing.tasks; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_extracting_claims_does_not_load_the_training_libraries():
    code = (
        "import sys, claims.extraction as e; "
        "e.extract_claims('Der Umsatz stieg 2025 um zwölf Prozent, sagte Eva Brandt.', 'de'); "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    # numpy arrives with spaCy itself; scipy (training) does not.
    assert "scipy" not in result.stdout and "spacy" in result.stdout

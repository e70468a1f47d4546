import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims import ranking, training
from claims.extraction import SUPPORTED
from claims.extraction.training import evaluate
from claims.models import ImportedDecision

# Below this many sentences the work takes a moment: no progress bar.
PROGRESS_FROM = 500
METRIC_KEYS = ("auc", "precision", "recall", "f1", "kept", "n")


class Command(BaseCommand):
    help = (
        "Fit the check-worthiness model on the desk's decisions (and imported ones), store "
        "it as a new version and put it in force if it is not worse on held-out decisions. "
        "--import FILE.jsonl adds earlier decisions; --evaluate FILE.jsonl scores a file with "
        'the model in force instead of training. JSONL lines: {"text", "language", "label": 0|1}.'
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--import",
            dest="import_file",
            metavar="FILE.jsonl",
            help="store the file's decisions; they join every later training",
        )
        parser.add_argument(
            "--evaluate",
            metavar="FILE.jsonl",
            help="score the file with the model in force and print its metrics (no training)",
        )
        parser.add_argument(
            "--language", choices=SUPPORTED, help="only decisions and lines of this language"
        )

    def handle(self, *args, **options):
        language = options["language"]
        if options["import_file"]:
            self.import_file(options["import_file"], language)
        if options["evaluate"]:
            self.evaluate(options["evaluate"], language)
        else:
            self.train(language)

    # -- reading a JSONL file of decisions

    def read(self, name: str, language: str | None) -> list[tuple[int, str, str, int]]:
        """The file's good lines as (line number, text, language, label); bad ones are
        reported on stderr by line number and skipped."""
        try:
            data = Path(name).read_bytes()
        except OSError as failure:
            raise CommandError(f"Cannot read {name}: {failure.strerror}.") from None
        rows, bad, other = [], 0, 0
        for number, raw in enumerate(data.splitlines(), 1):
            try:
                row = parse_line(raw, first=number == 1)
            except ValueError as problem:
                bad += 1
                self.stderr.write(f"{name}, line {number}: {problem}; skipped.")
                continue
            if row is None:
                continue  # a blank line
            if language and row[1] != language:
                other += 1
                continue
            rows.append((number, *row))
        if bad:
            self.stderr.write(f"{name}: {bad} bad line{'s' if bad != 1 else ''} skipped.")
        if other:
            self.stderr.write(
                f"{name}: {other} lines in another language than {language} left out."
            )
        return rows

    def import_file(self, name: str, language: str | None):
        rows = self.read(name, language)
        source = Path(name).name
        ImportedDecision.objects.bulk_create(
            ImportedDecision(
                text=text, language=lang, label=label, source_file=source, line_number=number
            )
            for number, text, lang, label in rows
        )
        self.stdout.write(f"Imported {len(rows)} decisions from {name}.")

    # -- evaluating

    def evaluate(self, name: str, language: str | None):
        rows = self.read(name, language)
        model = ranking.active_model()
        examples = [(text, lang, label) for _number, text, lang, label in rows]
        decisions = [ranking.Decision(*example) for example in examples]
        with self.progress(len(decisions), "Reading sentences") as callback:
            features = training.featurize(decisions, callback)
        metrics = training.clean_metrics(evaluate(model, examples, features=features))
        result = {key: metrics.get(key) for key in METRIC_KEYS}
        self.stdout.write(
            f"Model in force: {model.version} (threshold {model.threshold:.3f}); "
            f"{result['n']} sentences of {name}"
        )
        auc = "undefined (needs both labels)" if result["auc"] is None else f"{result['auc']:.3f}"
        self.stdout.write(f"ROC-AUC    {auc}")
        self.stdout.write(f"Precision  {result['precision']:.3f} (at the threshold)")
        self.stdout.write(f"Recall     {result['recall']:.3f}")
        self.stdout.write(f"F1         {result['f1']:.3f}")
        self.stdout.write(f"Kept       {result['kept']:.1%} of the sentences")
        self.stdout.write(json.dumps(result))

    # -- training

    def train(self, language: str | None):
        count = len(ranking.decisions(language))
        self.stdout.write(f"Training on {count} decisions{f' ({language})' if language else ''}.")
        try:
            with self.progress(count, "Reading sentences") as callback:
                version = training.train_desk_model(language=language, progress=callback)
        except training.TrainingError as refused:
            raise CommandError(str(refused)) from None
        metrics = {key: version.metrics.get(key) for key in METRIC_KEYS}
        state = "in force" if version.is_active else "stored, not in force"
        self.stdout.write(
            f"Version {version.version} ({state}), trained on {version.trained_on} "
            f"decisions, from {version.base_version}."
        )
        self.stdout.write(version.note)
        self.stdout.write(f"Held-out metrics: {json.dumps(metrics)}")

    def progress(self, total: int, description: str):
        return _Progress(total, description, enabled=total >= PROGRESS_FROM)


class _Progress:
    """A tqdm bar on stderr, handed out as a callback(done, total)."""

    def __init__(self, total: int, description: str, *, enabled: bool):
        self.bar = tqdm(
            total=total, desc=description, unit=" sentences", file=sys.stderr, disable=not enabled
        )

    def __enter__(self):
        def callback(done: int, total: int):
            self.bar.update(done - self.bar.n)

        return callback

    def __exit__(self, *exc):
        self.bar.close()


def parse_line(raw: bytes, *, first: bool = False) -> tuple[str, str, int] | None:
    """(text, language, label) of one JSONL line, None for a blank one; ValueError says
    what is wrong with a bad one."""
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as failure:
        raise ValueError(f"not JSON ({failure.msg})") from None
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    text, language, label = row.get("text"), row.get("language"), row.get("label")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('"text" is missing or empty')
    if language not in SUPPORTED:
        raise ValueError(f'"language" must be one of {", ".join(SUPPORTED)}')
    if isinstance(label, bool) or label not in (0, 1):
        raise ValueError('"label" must be 0 or 1')
    return text.strip(), language, int(label)

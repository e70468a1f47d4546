"""What the extraction engine returns: plain, frozen dataclasses."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True)
class Figure:
    """A quantity as written (`text`, its span in the article) and normalized."""

    text: str
    start: int
    end: int
    value: float | None
    unit: str | None  # ISO 4217 code, "percent", "percentage_points", or the counted noun
    approximate: bool = False
    qualifier: str | None = None  # more_than, less_than, at_least, up_to, approximately

    def to_dict(self) -> dict:
        value = self.value
        if value is not None and float(value).is_integer():
            value = int(value)
        return {
            "text": self.text,
            "value": value,
            "unit": self.unit,
            "approximate": self.approximate,
            "qualifier": self.qualifier,
        }


@dataclass(frozen=True)
class DateMention:
    """A date or year as written, and its ISO value when it could be resolved."""

    text: str
    start: int
    end: int
    value: str | None  # "2026", "2026-06" or "2026-06-03"; None when unresolved
    granularity: str  # year, month, day
    relative: bool = False

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "value": self.value,
            "granularity": self.granularity,
            "relative": self.relative,
        }


@dataclass(frozen=True)
class ExtractedClaim:
    text: str
    start: int
    end: int
    kind: str  # quote, reported_speech, statistic, event, statement
    speaker: Speaker | None = None
    attribution: str | None = None
    attribution_vague: bool = False
    figures: tuple[Figure, ...] = field(default_factory=tuple)
    dates: tuple[DateMention, ...] = field(default_factory=tuple)
    checkworthiness: float = 0.0
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "attribution": self.attribution,
            "attribution_vague": self.attribution_vague,
            "figures": [figure.to_dict() for figure in self.figures],
            "dates": [date.to_dict() for date in self.dates],
            "checkworthiness": self.checkworthiness,
            "reasons": list(self.reasons),
        }

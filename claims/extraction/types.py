"""What the extraction engine returns: plain, frozen dataclasses."""

from dataclasses import MISSING, dataclass, fields


def _quick_init(cls):
    """Give a frozen dataclass an __init__ that stores its fields in one call.

    A frozen dataclass's own __init__ calls object.__setattr__ once per field (ordinary
    assignment is what freezing forbids), and building the engine's results that way
    took about 3% of extraction. This one sets the instance's __dict__ at once: the same
    parameters and defaults, and equality, hashing and immutability stay the dataclass's.
    """
    params, values = [], {"_set": object.__setattr__}
    for f in fields(cls):
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a default factory is not supported")
        if f.default is MISSING:
            params.append(f.name)
        else:
            values[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    stored = ", ".join(f"{f.name!r}: {f.name}" for f in fields(cls))
    source = f"def __init__(self, {', '.join(params)}):\n    _set(self, '__dict__', {{{stored}}})\n"
    exec(source, values)  # noqa: S102 - our own field names, as dataclasses does
    init = values["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {f.name: f.type for f in fields(cls)} | {"return": None}
    cls.__init__ = init
    return cls


@_quick_init
@dataclass(frozen=True)
class Speaker:
    name: str
    role: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "role": self.role}


def _plain(value: float | None) -> float | int | None:
    if value is not None and float(value).is_integer():
        return int(value)
    return value


@_quick_init
@dataclass(frozen=True)
class Per:
    """The denominator of a rate: "je 1.000 Geburten" -> Per(1000, "Geburten")."""

    value: float
    unit: str | None

    def to_dict(self) -> dict:
        return {"value": _plain(self.value), "unit": self.unit}


@_quick_init
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
    # money, percent, count, amount, rate, duration; with find_figures(everything=True)
    # also time (of day), frame (a time span: "the next four years"), ordinal, identifier
    # (Paragraf 3, Line 4), age (Joanne Patel, 34,) and other (idioms, number words counting nothing), which are no
    # statistics.
    kind: str | None = None
    per: Per | None = None  # for a rate: its denominator

    def to_dict(self, detail: bool = False) -> dict:
        """The contract's fields; with `detail` also `kind` and `per`."""
        fields = {
            "text": self.text,
            "value": _plain(self.value),
            "unit": self.unit,
            "approximate": self.approximate,
            "qualifier": self.qualifier,
        }
        if detail:
            fields["kind"] = self.kind
            fields["per"] = self.per.to_dict() if self.per else None
        return fields


@_quick_init
@dataclass(frozen=True)
class DateMention:
    """A date or year as written, and its ISO value when it could be resolved."""

    text: str
    start: int
    end: int
    # "2026", "2026-H1", "2026-Q3", "2026-06", "2026-W47" or "2026-06-03"; None when unresolved
    value: str | None
    granularity: str  # year, half, quarter, month, week, day
    relative: bool = False

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "value": self.value,
            "granularity": self.granularity,
            "relative": self.relative,
        }


@_quick_init
@dataclass(frozen=True)
class ExtractedClaim:
    text: str
    start: int
    end: int
    kind: str  # quote, reported_speech, statistic, event, statement
    speaker: Speaker | None = None
    attribution: str | None = None
    attribution_vague: bool = False
    # Who makes the claim when no person is named: an organisation or a group ("the
    # ministry", "Westcoast University"), never the frame's words ("according to").
    claimant: str | None = None
    # Who speaks for the claimant when no person is named ("a spokesperson for X").
    claimant_role: str | None = None
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateMention, ...] = ()
    checkworthiness: float = 0.0
    reasons: tuple[str, ...] = ()
    model_version: str = ""  # the ranking model that scored it

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "attribution": self.attribution,
            "attribution_vague": self.attribution_vague,
            "claimant": self.claimant,
            "claimant_role": self.claimant_role,
            "figures": [figure.to_dict() for figure in self.figures],
            "dates": [date.to_dict() for date in self.dates],
            "checkworthiness": self.checkworthiness,
            "reasons": list(self.reasons),
            "model_version": self.model_version,
        }

"""Claims the matching tests share: one statement in German and in English, and a desk
claim that is its article's whole body."""

from tests.factories import ArticleFactory, ClaimFactory

HARLOW_DE = (
    "Harlow Foods hat 2025 rund eine Milliarde Dollar Umsatz gemacht, sagte Finanzchef "
    "Brad Glasser."
)
HARLOW_EN = (
    "Harlow Foods made about $1 billion in revenue in 2025, chief financial officer "
    "Brad Glasser said."
)


def desk_claim(text=HARLOW_DE, language="de"):
    """A claim that is its article's whole body."""
    article = ArticleFactory(body=text, language=language)
    return ClaimFactory(article=article, start=0, end=len(text), text=text)

"""What the sources app announces; higher layers (publishing, desk) listen.

Sent only after the transaction that caused them has committed, with `Source`
as sender.

source_archived
    A new capture of a source was stored (and its evidence located in it).
    Arguments: `source`, `capture`.

source_gone
    A source that was archived before no longer answers (after the last retry);
    the claims citing it are flagged. Arguments: `source`, `reason` (str).

article_fetched
    An article sent by its address only was fetched and its claims extracted
    (sources.articles); sent with `Article` as sender. Arguments: `article`,
    `summary` (claims.services.ExtractionSummary).
"""

from django.dispatch import Signal

source_archived = Signal()
source_gone = Signal()
article_fetched = Signal()

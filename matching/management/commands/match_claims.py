import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from claims.models import Claim
from matching import index
from matching.models import ExternalClaimReview

# Indexing reads each text with the engine: a batch is a few seconds of work.
BATCH = 200
# Below this many items the work takes a moment: no progress bar.
PROGRESS_FROM = 200


class Command(BaseCommand):
    help = (
        "Index every claim and imported ClaimReview for matching and store each claim's "
        "matches. New claims and reviews are indexed as they come; run this once after "
        "installing, or to rebuild the index. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        reviews = ExternalClaimReview.objects.order_by("pk")
        claims = Claim.objects.select_related("article").order_by("pk")
        with self.progress(reviews.count(), "Indexing reviews") as bar:
            for batch in _batches(reviews):
                index.index_reviews(batch)
                bar.update(len(batch))
        with self.progress(claims.count(), "Indexing claims") as bar:
            for batch in _batches(claims):
                index.index_claims(batch)
                bar.update(len(batch))
        matched = 0
        with self.progress(claims.count(), "Matching claims") as bar:
            for batch in _batches(claims):
                matched += sum(1 for claim in batch if index.match_claim(claim))
                bar.update(len(batch))
        self.stdout.write(
            f"{claims.count()} claims and {reviews.count()} reviews indexed; "
            f"{matched} claims match an earlier one."
        )

    def progress(self, total: int, description: str):
        return tqdm(
            total=total,
            desc=description,
            unit=" items",
            file=sys.stderr,
            disable=total < PROGRESS_FROM,
        )


def _batches(queryset):
    batch = []
    for item in queryset.iterator(chunk_size=BATCH):
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch

import pytest

from claims.extraction.ranking import RankingModel
from claims.models import RankingModelVersion


@pytest.fixture
def figures_model(db):
    """A ranking model in force, stored as the desk would store it: sentences with a
    figure score 0.95 and become claims, the others score 0.05 and do not."""
    model = RankingModel(version="test-figures", weights={"figure": 6.0}, bias=-3.0, threshold=0.5)
    RankingModelVersion.objects.create(
        version=model.version, weights=model.to_dict(), threshold=model.threshold, is_active=True
    )
    return model

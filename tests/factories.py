import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims import roles
from claims.models import ApiClient, Article, Claim, Rating, Verdict
from matching.models import ExternalClaimReview
from sources.models import Evidence, Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.example")
    password = factory.django.Password("correct horse battery staple")


class ReviewerFactory(UserFactory):
    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        self.groups.add(Group.objects.get(name=roles.REVIEWERS))


class EditorFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        self.groups.add(Group.objects.get(name=roles.EDITORS))


class ApiClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiClient

    name = factory.Sequence(lambda n: f"cms-{n}")
    token_sha256 = factory.Sequence(lambda n: f"{n:064x}")
    token_prefix = factory.Sequence(lambda n: f"{n:08x}")


BODY = (
    "Die Stadt Rheinfeld hat im vergangenen Jahr 85 Millionen Fahrgäste gezählt. "
    "„Das sind 15 Prozent mehr als im bisherigen Rekordjahr 2019“, sagte Verkehrsdezernentin Petra Albers am Dienstag."
)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Artikel {n}")
    body = BODY
    language = "de"


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim over the article's first sentence."""

    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda claim: claim.article.body.index(".") + 1)
    text = factory.LazyAttribute(lambda claim: claim.article.body[claim.start : claim.end])
    kind = Claim.Kind.STATISTIC
    checkworthiness = 0.8


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.LazyFunction(lambda: Rating.objects.get(slug="false"))
    summary = "Die Zahl stimmt nicht: gezählt wurden 58 Millionen Fahrgäste."
    author = factory.SubFactory(ReviewerFactory)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://statistik.example/bericht-{n}")
    normalized_url = factory.SelfAttribute("url")


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    stance = Evidence.Stance.REFUTES


class ExternalClaimReviewFactory(factory.django.DjangoModelFactory):
    """Another fact-checker's published ClaimReview, as a feed import stores it."""

    class Meta:
        model = ExternalClaimReview

    url = factory.Sequence(lambda n: f"https://factcheck.example/reviews/{n}")
    claim_reviewed = "Harlow Foods made about $1 billion in revenue in 2025, CFO Brad Glasser said."
    language = "en"
    rating_name = "False"
    publisher_name = "Factcheck Example"
    content_sha256 = factory.Sequence(lambda n: f"{n:064x}")

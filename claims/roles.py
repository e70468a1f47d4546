"""The two editorial roles, as Django groups, and what each may do.

The groups and their permissions are created by data migrations (each change
of a group's permissions comes as a new migration); this module names them.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from .models import UserLanguage

EDITORS = "Editors"
REVIEWERS = "Reviewers"


def editors():
    """Active members of the Editors group."""
    return get_user_model().objects.filter(is_active=True, groups__name=EDITORS).distinct()


def desk_members():
    """Active editors and reviewers: who may be assigned a claim."""
    users = get_user_model().objects.filter(is_active=True, groups__name__in=[EDITORS, REVIEWERS])
    return users.distinct()


def is_reviewer(user) -> bool:
    """An active editor or reviewer (remembered on the user object for the request)."""
    if not user.is_active:
        return False
    if not hasattr(user, "_is_desk_member"):
        user._is_desk_member = user.groups.filter(name__in=[EDITORS, REVIEWERS]).exists()
    return user._is_desk_member


def may_approve(user) -> bool:
    """Editors approve, publish, send back and reopen (the approve_verdict permission)."""
    return user.has_perm("claims.approve_verdict")


def language_of(user) -> str:
    """The language `user` chose with the switch, else the site's default."""
    preference = getattr(user, "language_preference", None) if user.pk else None
    return preference.language if preference else settings.LANGUAGE_CODE[:2]


def remember_language(user, language: str) -> None:
    """Keep the language `user` switched to, for what reaches them later."""
    UserLanguage.objects.update_or_create(user=user, defaults={"language": language})

"""The whole URLconf of the replay origin (sources.replay.ReplayHostMiddleware sets it).

Nothing of the app answers there: no admin, no login, no API, no desk.
"""

from django.urls import path

from . import replay_views

urlpatterns = [
    path("captures/<str:token>/", replay_views.replay_page, name="replay-page"),
    # The name ends in .wacz: ReplayWeb.page tells the format by it.
    path("captures/<str:token>/archive.wacz", replay_views.replay_wacz, name="replay-wacz"),
    path("replay/", replay_views.replay_frame_start, name="replay-frame-start"),
    path("replay/ui.js", replay_views.replay_asset, {"name": "ui.js"}, name="replay-ui"),
    path("replay/sw.js", replay_views.replay_asset, {"name": "sw.js"}, name="replay-sw"),
]

# Plain text, not the app's error pages (they show the app's navigation).
handler404 = replay_views.not_found
handler500 = replay_views.server_error

"""The product's URLs plus one API view with a bug, for the unexpected-error test.

No real input makes the API fail unexpectedly (each such case, once found, is fixed),
so the test needs a view that does; everything around it is the real stack.
"""

from django.urls import path
from rest_framework.decorators import api_view

from config.urls import urlpatterns as product_urlpatterns


@api_view(["GET"])
def broken(request):
    raise RuntimeError("a bug nobody has found yet")


urlpatterns = [path("api/v1/broken/", broken), *product_urlpatterns]

"""Every API error is JSON with a message a developer can act on, and a 4xx status."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    if isinstance(exc, ValidationError):
        exc = exceptions.ValidationError(exc.messages)
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real bug: let it be a 500 and be logged
    detail = response.data
    if isinstance(exc, Http404):
        message = str(exc) or "Not found."
    elif isinstance(exc, PermissionDenied):
        message = "You may not do this."
    elif isinstance(detail, dict) and "detail" in detail:
        message = str(detail["detail"])
    elif isinstance(exc, exceptions.ValidationError):
        message = "The request is not valid; see details."
    else:
        message = str(detail)
    body = {"error": message}
    if isinstance(exc, exceptions.ValidationError):
        body["details"] = detail
    response.data = body
    if response.status_code >= 500:
        response.status_code = status.HTTP_400_BAD_REQUEST
    return response

"""Every API error is JSON with a message a developer can act on, and a 4xx status.

(A bug's 500 is JSON too, see middleware.py; its traceback goes to the log only.)
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


def api_exception_handler(exc, context):
    if isinstance(exc, ValidationError):
        exc = exceptions.ValidationError(exc.messages)
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge(
            _("The request body is larger than the limit of %(limit)s bytes.")
            % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
        )
    response = exception_handler(exc, context)
    if response is None:
        # A real bug: Django logs it with its traceback and answers 500, which
        # ApiJsonErrorsMiddleware turns into this API's JSON format.
        return None
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

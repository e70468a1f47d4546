"""JSON for the errors Django answers itself under /api/ (the API's views answer their own)."""

from django.http import JsonResponse

MESSAGES = {
    400: "The request is not valid.",
    403: "You may not do this.",
    404: "There is nothing at this address; see /api/docs/ for the API's routes.",
    500: "Something went wrong on our side; it has been logged and will be looked into.",
}


class ApiJsonErrorsMiddleware:
    """An HTML error page under /api/ becomes {"error": ...} with the same status.

    Django itself answers an unknown address, and a crash anywhere (the traceback
    is logged by django.request before this sees the response), with HTML; a CMS
    parsing the reply should get the API's error format for those too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and response.get("Content-Type", "").startswith("text/html")
        ):
            message = MESSAGES.get(response.status_code, response.reason_phrase)
            return JsonResponse({"error": message}, status=response.status_code)
        return response

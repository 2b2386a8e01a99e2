from pathlib import Path

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.shortcuts import redirect
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from whitenoise.middleware import WhiteNoiseMiddleware

from networks.access import GuestAccessEnded


class LanguageMiddleware:
    """Activate Dutch unless the person chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, but our
    users' laptops often say English while the workshop is Dutch: Dutch comes first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """Whitenoise, handing its files to an ASGI server as an async stream.

    Whitenoise streams a file with a sync iterator, which Django under ASGI consumes with
    a warning per process; static files are small, so read them in a thread instead.
    """

    def add_files(self, root, prefix=None):
        # In development the files come from the finders; STATIC_ROOT is for production.
        if self.use_finders and not Path(root).is_dir():
            return
        super().add_files(root, prefix)

    @staticmethod
    def serve(static_file, request):
        response = WhiteNoiseMiddleware.serve(static_file, request)
        if isinstance(request, ASGIRequest) and not response.is_async:
            response.streaming_content = _read_in_thread(response.streaming_content)
        return response


async def _read_in_thread(chunks):
    for chunk in await sync_to_async(list, thread_sensitive=False)(chunks):
        yield chunk


class GuestAccessEndedMiddleware(MiddlewareMixin):
    """Send a guest whose access ended (the workshop is over, their code expired) to the
    network's thank-you page, instead of a bare “Geen toegang”.

    Only a page the browser opens as a whole (a GET, not an htmx fragment or an event
    stream): live.js reloads the board when access ends, so a guest's phone lands there.
    MiddlewareMixin runs it without a thread switch under ASGI.
    """

    def process_exception(self, request, exception):
        if not isinstance(exception, GuestAccessEnded) or request.method != "GET":
            return None
        stream = getattr(request.resolver_match, "url_name", "") == "live-events"
        if request.headers.get("HX-Request") or stream:
            return None
        return redirect("workshop:thanks", slug=exception.network.slug)

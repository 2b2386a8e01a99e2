"""Error pages that give back the database connection they open.

Under ASGI, Django renders an error page (a 404 for /favicon.ico, a 403 from a view)
in a worker thread of its own (`response_for_exception` runs with thread_sensitive=False),
not in the request's thread, whose connection goes back to the pool when the request
ends. The page shows who is signed in, which reads the session and the user: each error
page kept a pool connection for good, and after a handful the whole site waited for one.
"""

from functools import wraps

from django.db import connections
from django.views import defaults


def _giving_back_connections(view):
    @wraps(view)
    def error_page(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        finally:
            for connection in connections.all(initialized_only=True):
                if not connection.in_atomic_block:
                    connection.close()

    return error_page


bad_request = _giving_back_connections(defaults.bad_request)
permission_denied = _giving_back_connections(defaults.permission_denied)
page_not_found = _giving_back_connections(defaults.page_not_found)
server_error = _giving_back_connections(defaults.server_error)

import os

from django.core.asgi import get_asgi_application

from canvas.garbage import tune_garbage_collection

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "canvas.settings")
application = get_asgi_application()
# Once everything the server loads at start is loaded: freeze it out of the collector.
tune_garbage_collection()

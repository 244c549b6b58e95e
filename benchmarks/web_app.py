"""The WSGI application benchmarks/web.py serves with gunicorn: Trellis as it ships, plus one
trivial signed-in view (the reference every page's throughput is compared with). It lives here,
not in trellis/, because it exists only to be measured against. Each gunicorn worker warms up and
freezes its start-up objects as trellis/wsgi.py does (NO_FREEZE=1 leaves that out, to compare).
"""

import os

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
settings.ROOT_URLCONF = "web_app"


@login_required
def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


application = get_wsgi_application()

from trellis.urls import urlpatterns as trellis_urls  # noqa: E402  (after Django is set up)

urlpatterns = [path("bench/trivial/", trivial), *trellis_urls]

if os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn") and not os.environ.get("NO_FREEZE"):
    from trellis.web.warm import warm_and_freeze

    warm_and_freeze()  # as trellis/wsgi.py does in each gunicorn worker

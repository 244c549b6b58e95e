import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
application = get_wsgi_application()

# gunicorn started by hand, not through `trellis serve`, refuses the public development key too.
if os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn"):
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from trellis.web.checks import DEV_KEY_MESSAGE

    if settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        raise ImproperlyConfigured(DEV_KEY_MESSAGE)

if os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn"):
    from trellis.web.warm import warm_and_freeze

    warm_and_freeze()  # each worker: the URLconf loaded, start-up objects out of the GC's walk

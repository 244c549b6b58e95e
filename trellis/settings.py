"""Trellis settings: one file, read from the environment through small helpers.

Every variable read here is documented in docs/configuration.md (a test checks it).
"""

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict[str, object]:
    """Turn DATABASE_URL (postgres://user:pass@host:port/name or sqlite:///path) into Django's dict."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return sqlite_database(
            Path(unquote(parts.path)) if parts.path else BASE_DIR / "var/trellis.db"
        )
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"DATABASE_URL: expected postgres:// or sqlite://, got {parts.scheme}://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # The ORM's select_related reads join more than eight tables; PostgreSQL's planner stops
        # reordering joins past join_collapse_limit (8) and then joins every row before the
        # filter that keeps one (the coachee home's engagements: 29 ms -> 0.2 ms at 12).
        "OPTIONS": {
            "options": "-c join_collapse_limit=12 -c from_collapse_limit=12",
            **prepared_statements(env("DB_PREPARE_THRESHOLD", "5")),
            **dict(parse_qsl(parts.query)),
        },
        "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": env("TEST_DATABASE_NAME") or None},
    }


def prepared_statements(threshold: str) -> dict[str, object]:
    """DB_PREPARE_THRESHOLD: psycopg prepares a query on its connection once it has run this many
    times there, and PostgreSQL then keeps its plan instead of planning it again on every request
    (the wide reads spend longer planning than running: coachee home 54.6 -> 41.7 ms in-process).
    Preparing needs server-side binding. `off` turns both off, for a pooler that cannot keep
    prepared statements (PgBouncer before 1.21 in transaction mode)."""
    if threshold.strip().lower() in {"off", "none", ""}:
        return {}
    try:
        count = int(threshold)
    except ValueError:
        raise ValueError(
            f"DB_PREPARE_THRESHOLD: expected a whole number of runs or off, got {threshold!r}"
        ) from None
    if count < 1:
        raise ValueError(f"DB_PREPARE_THRESHOLD: expected at least 1 (or off), got {count}")
    return {"server_side_binding": True, "prepare_threshold": count}


def cache_from_url(url: str) -> dict[str, object]:
    """CACHE_URL: empty for the database cache every worker shares, redis://host:port/db for Redis."""
    scheme = urlsplit(url).scheme
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "trellis_cache",
        }
    if scheme in {"redis", "rediss", "unix"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "locmem":  # one process only: never for a server with several workers
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ValueError(f"CACHE_URL: expected redis://, rediss:// or locmem://, got {scheme}://")


def sqlite_database(path: Path) -> dict[str, object]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # WAL lets readers work while one writer writes; IMMEDIATE avoids lock upgrades mid-transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


# Public, so `trellis serve` and `trellis check --deploy` refuse it (trellis/web/checks.py).
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789"
SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Trellis"

INSTALLED_APPS = [
    "trellis.accounts",
    "trellis.web",
    "trellis.engagements",
    "trellis.goals",
    "trellis.scheduling",
    "trellis.frameworks",
    "trellis.matching",
    "trellis.insights",
    "trellis.instruments",
    "trellis.programs",
    "trellis.outcomes",
    "trellis.teams",
    "trellis.efficacy",
    "trellis.groups",
    "trellis.schools",
    "trellis.instructional",
    "trellis.mentoring",
    "trellis.leadership",
    "trellis.stakeholders",
    "trellis.privacy",
    "trellis.scim",
    "trellis.sso",
    "trellis.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs page's Swagger UI assets from our static files (no CDN)
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # the browser's language (Accept-Language, or the language cookie) unless the person chose one
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "trellis.accounts.middleware.PersonLanguageMiddleware",  # a signed-in person's own language choice wins
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "trellis.web.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # a retried POST with an idempotency key (API header or page form token) writes once
    "trellis.api.idempotency.IdempotencyMiddleware",
]

ROOT_URLCONF = "trellis.urls"
WSGI_APPLICATION = "trellis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "trellis" / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trellis.web.context_processors.navigation",
                "trellis.web.context_processors.csp_nonce",
            ],
            # its {% url %} keeps the addresses it reversed (loaded after Django's, so it wins)
            "builtins": ["trellis.web.templatetags.cached_url"],
            # `{% load i18n %}` loads Django's i18n library with fixed messages' text kept
            "libraries": {"i18n": "trellis.web.templatetags.kept_i18n"},
        },
    },
]

# The `i18n` library above replaces Django's on purpose, which this check warns of; any other
# name used twice is still caught (trellis/web/tests/test_kept_i18n.py).
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# Django's form renderer with its most used templates written in Python (trellis/web/forms_renderer.py)
FORM_RENDERER = "trellis.web.forms_renderer.QuickRenderer"

DATABASE_URL = env("DATABASE_URL")
DATABASES = {
    "default": database_from_url(DATABASE_URL)
    if DATABASE_URL
    else sqlite_database(Path(env("SQLITE_PATH", str(BASE_DIR / "var" / "trellis.db"))))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every worker process: used TOTP codes and login rate limits must be seen by all of them.
CACHES = {"default": cache_from_url(env("CACHE_URL"))}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ALLOW_SIGNUP = env_bool("ALLOW_SIGNUP", True)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:home"

# django-allauth: email login, verified emails, TOTP MFA with recovery codes, rate limits.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "trellis.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "trellis.accounts.forms.SignupExtraForm"
ACCOUNT_RATE_LIMITS = {
    # Per account, and a looser one per client address so colleagues behind one office address
    # are not locked out by one person's five failures.
    "login_failed": env("LOGIN_FAILED_RATE_LIMIT", "30/5m/ip,5/5m/key"),
}
# Behind a reverse proxy every request comes from the proxy: take the client address from the
# header the proxy sets (X-Real-IP), or from X-Forwarded-For with this many proxies in front.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRELLIS_PROXY_HEADER") or None
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRELLIS_NUM_PROXIES", 0)
ACCOUNT_FORMS = {
    # an organization that requires single sign-on takes no passwords from its people
    "login": "trellis.sso.forms.SsoLoginForm",
    "reset_password": "trellis.sso.forms.SsoResetPasswordForm",
}
# Single sign-on (docs/sso.md): each organization's OpenID Connect or SAML identity provider comes
# from its own settings page (trellis.sso), one allauth provider per organization (`org-<slug>`).
SOCIALACCOUNT_ADAPTER = "trellis.sso.adapter.SsoAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True  # an address the organization vouches for is that person
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False  # Trellis never calls the identity provider on a person's behalf
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# HTTPS behind a reverse proxy (docs/deploy.md gives the production values).
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("TRUST_X_FORWARDED_PROTO", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's and the monitor's plain-HTTP health probe
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# `trellis serve`: where gunicorn listens and how many worker processes it forks.
SERVE_BIND = env("SERVE_BIND", "127.0.0.1:8000")
SERVE_WORKERS = env_int("SERVE_WORKERS", 2)
# /healthz answers 503 when no `trellis worker` has beaten for this many seconds.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 15)
WORKER_STALE_AFTER_SECONDS = env_int("WORKER_STALE_AFTER_SECONDS", 120)

LANGUAGE_CODE = "en-gb"
# The interface's languages. Each app's catalogues are in trellis/<app>/locale/<locale>/LC_MESSAGES/django.po
# (compiled .mo files are committed); docs/languages.md says how to add one.
LANGUAGES = [
    ("en-gb", "English"),
    ("de", "Deutsch"),
    ("pt-br", "Português (Brasil)"),
    ("es", "Español"),
]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))  # filled by collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))  # file-based backend
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Trellis <trellis@localhost>")

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Trellis's own knobs.
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
STALLED_AFTER_DAYS = env_int("STALLED_AFTER_DAYS", 21)
# Outcome dashboards and reports hide every number about fewer people than this (docs/outcomes.md).
ANONYMITY_THRESHOLD = env_int("ANONYMITY_THRESHOLD", 5)
# A program report for more enrolled people than this is made by the worker, with progress shown.
REPORT_BACKGROUND_ABOVE = env_int("REPORT_BACKGROUND_ABOVE", 50)
MENTORING_BACKGROUND_ABOVE = env_int("MENTORING_BACKGROUND_ABOVE", 300)  # worker matches above
# Data file uploads and imports (people, events, frameworks): a larger file is refused, naming
# the limit, before it is parsed. (Django's DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB, still caps a JSON
# body, so raising this past that only helps page uploads and the terminal.)
TRELLIS_UPLOAD_MAX_BYTES = env_int("TRELLIS_UPLOAD_MAX_BYTES", 2 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

"""Settings for the claim tracker, all in this one module.

Every value that differs between a laptop, CI and production comes from an
environment variable (see the configuration table in README.md). The defaults
are the embedded setup: SQLite and a broker-less Celery transport under var/.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Local development overrides (`make install` writes .env.local with DEBUG=1); variables
# already set win. Never `.env`: docker compose reads that one for production.
# ENV_FILE= (empty) reads none, as the test suite does.
ENV_FILE = os.environ.get("ENV_FILE", str(BASE_DIR / ".env.local"))
if ENV_FILE and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE)

# Local state of the embedded setup: database, broker queue, archives, keys.
VAR_DIR = BASE_DIR / env("VAR_DIR", default="var")  # an absolute VAR_DIR stays as it is
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)


def _development_secret_key() -> str:
    # Kept on disk so sessions survive a restart of the development server.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for development)."
        )
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[".localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Replay of archived pages (ReplayWeb.page) -----------------------------
# The origin, scheme://host[:port], that replays captures' WACZ packages with their
# scripts running. It must have a host name of its own, never one the app answers to:
# cookies are shared across ports, and archived scripts must read none of the app's.
# Empty: no replay. The host name is allowed below, and it serves replay alone
# (sources.replay.ReplayHostMiddleware).
REPLAY_ORIGIN = env("REPLAY_ORIGIN", default="").rstrip("/")
# Seconds a signed replay URL (its page and the WACZ it reads) stays valid.
REPLAY_URL_MAX_AGE = env.int("REPLAY_URL_MAX_AGE", default=300)
if REPLAY_ORIGIN:
    _replay = urlsplit(REPLAY_ORIGIN)
    try:
        _replay.port  # noqa: B018 -- raises ValueError for a port that is no number
    except ValueError:
        _replay = None
    if not (
        _replay
        and _replay.scheme in ("http", "https")
        and _replay.hostname
        and not (_replay.path or _replay.query or _replay.fragment or _replay.username)
    ):
        raise ImproperlyConfigured(
            f"REPLAY_ORIGIN must be scheme://host[:port], e.g. https://replay.example, not {REPLAY_ORIGIN!r}."
        )
    _replay_host = f"[{_replay.hostname}]" if ":" in _replay.hostname else _replay.hostname
    if _replay_host not in ALLOWED_HOSTS and "*" not in ALLOWED_HOSTS:
        ALLOWED_HOSTS.append(_replay_host)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The layers, lowest first: each imports only the ones above it in this list.
    "claims",
    "sources",
    "matching",
    "publishing",
    "desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before everything that reads cookies or the session: on REPLAY_ORIGIN's host only
    # the replay routes exist, and no cookie is read there (see its docstring).
    "sources.replay.ReplayHostMiddleware",
    # Early, so that it sees every error response under /api/ (see its docstring).
    "publishing.api.middleware.ApiJsonErrorsMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag and If-None-Match for every GET: the CMS polls cheaply (304).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'claimtracker.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker share the file: wait for a lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if "postgresql" in DATABASES["default"]["ENGINE"]:
        # The desk's queries are short; PostgreSQL's JIT compiled some of them (its cost
        # estimate is high on 100,000 claims) and took 20-35 ms longer than running them.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by the web server and the worker processes (the API's reply cache, token
# lookups and throttling must agree across them): files under VAR_DIR by default,
# Redis in production.
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")}

# --- Auth -----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one
# account, or from one address, logins from there wait LOGIN_COOLOFF_MINUTES. Covers
# every login that goes through authenticate(request, ...): /accounts/login/ and
# /admin/login/.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.float("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.login_throttle.client_ip"
# No start-up banner: commands print their own output and one line for an error.
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = env("LANGUAGE_CODE", default="de")
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Europe/Berlin")
USE_I18N = True
USE_TZ = True

# --- Static files and archive storage -------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
ARCHIVE_ROOT = Path(env("ARCHIVE_ROOT", default=str(VAR_DIR / "archive")))

_archive_backend = env(
    "ARCHIVE_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
)
# For an S3-compatible bucket: ARCHIVE_STORAGE_BACKEND=storages.backends.s3.S3Storage
# and ARCHIVE_STORAGE_OPTIONS='{"bucket_name": "...", "endpoint_url": "..."}'.
_archive_options = env.json("ARCHIVE_STORAGE_OPTIONS", default={})
if _archive_backend.endswith("FileSystemStorage"):
    _archive_options.setdefault("location", str(ARCHIVE_ROOT))
# What django-storages' S3 backend does otherwise is wrong for an archive: it replaces
# an object whose name is taken (the disk adds a suffix instead), and it reads a file
# (a download) whole into memory before the first byte goes out; above this size, into
# a temporary file instead. ARCHIVE_STORAGE_OPTIONS may still set either.
ARCHIVE_S3_DEFAULTS = {"file_overwrite": False, "max_memory_size": 5 * 1024 * 1024}
if _archive_backend.endswith("S3Storage"):
    _archive_options = {**ARCHIVE_S3_DEFAULTS, **_archive_options}

STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    # Archived captures (WARC files). Served only through views that check
    # permissions and sandbox HTML, never straight from a public URL.
    "archive": {"BACKEND": _archive_backend, "OPTIONS": _archive_options},
    # Hashed, compressed names need `collectstatic` first (done in the image).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# --- Celery ---------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        # Exchange tables (remote control, events); kombu's default is ./control.
        "control_folder": str(_broker_dir / "control"),
    }
else:
    # A task whose worker died is handed out again after this many seconds.
    # A swept-up task is looked for every interval x throttle seconds.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
        "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
        "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "sources.tasks.archive_source": {"queue": "fetch"},
    "claims.tasks.deliver_webhook": {"queue": "fetch"},
    "claims.tasks.fetch_article": {"queue": "fetch"},
}
# A task is acknowledged once it has finished, so a worker that dies mid-task
# leaves it on the queue for another worker; tasks are written to be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200
# A process that grew beyond this (KiB) on a large page is replaced after its task, so
# the memory goes back (prefork pool; the threads pool can neither do this nor enforce
# the time limits above). RSS counts the pages shared with the parent: an idle fetch
# process has about 130 MB, a small page keeps it below, a large one takes it over;
# kept, the heap a large page fragmented stays (bench/archive.py).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=150_000)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "recheck-sources": {
        "task": "sources.tasks.recheck_sources",
        "schedule": env.float("SOURCE_RECHECK_SCAN_SECONDS", default=15 * 60.0),
    },
    # Sends archive tasks the broker could not take, and queues again the archives
    # whose lease ran out (a worker died, a time limit struck, a message was lost).
    "resume-archiving": {
        "task": "sources.tasks.resume_archiving",
        "schedule": env.float("ARCHIVE_RESUME_SECONDS", default=60.0),
    },
    # Fits the check-worthiness model on the desk's decisions, when there are new ones.
    "train-checkworthiness-nightly": {
        "task": "claims.tasks.train_checkworthiness_nightly",
        "schedule": crontab(hour=env.int("RANKING_TRAIN_HOUR", default=3), minute=0),
    },
    # Imports other fact-checkers' ClaimReview from the feeds editors registered.
    "fetch-claimreview-feeds": {
        "task": "matching.tasks.fetch_feeds",
        "schedule": env.float("CLAIMREVIEW_FEED_SECONDS", default=6 * 60 * 60.0),
        "options": {"queue": "fetch"},
    },
}

# --- Mail -----------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="claimtracker@localhost")

# --- Security -------------------------------------------------------------
# Production defaults: HTTPS everywhere. Behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER=1.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent with every response that has no policy of its own (config.middleware): scripts,
# styles and everything else only from this site, never inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
SESSION_COOKIE_HTTPONLY = True
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Outbound fetching ----------------------------------------------------
# CIDRs exempt from the safe fetcher's refusal of private addresses. Empty by
# default; the test suite sets 127.0.0.0/8 for its local servers.
FETCH_ALLOWED_NETWORKS = env.list("FETCH_ALLOWED_NETWORKS", default=[])
FETCH_ALLOWED_PORTS = [int(p) for p in env.list("FETCH_ALLOWED_PORTS", default=[])]
FETCH_MAX_BYTES = env.int("FETCH_MAX_BYTES", default=25 * 1024 * 1024)
FETCH_MAX_REDIRECTS = env.int("FETCH_MAX_REDIRECTS", default=5)
FETCH_CONNECT_TIMEOUT = env.float("FETCH_CONNECT_TIMEOUT", default=5.0)
FETCH_TOTAL_TIMEOUT = env.float("FETCH_TOTAL_TIMEOUT", default=30.0)
# Retries of a failed fetch wait FETCH_RETRY_DELAY * 2**attempt seconds (plus jitter).
FETCH_RETRY_DELAY = env.float("FETCH_RETRY_DELAY", default=30.0)
FETCH_MAX_RETRIES = env.int("FETCH_MAX_RETRIES", default=5)
# Sources cited by published verdicts are captured again this often (hours).
SOURCE_RECHECK_HOURS = env.float("SOURCE_RECHECK_HOURS", default=24.0)
# An archive in flight leases its source: a queued task for ARCHIVE_QUEUE_LEASE
# seconds (plus its retry delay), a running one for ARCHIVE_FETCH_LEASE (longer than
# the hard time limit, so a live task never loses it). Expired leases are re-queued.
ARCHIVE_QUEUE_LEASE = env.int("ARCHIVE_QUEUE_LEASE", default=30 * 60)
ARCHIVE_FETCH_LEASE = env.int("ARCHIVE_FETCH_LEASE", default=CELERY_TASK_TIME_LIMIT + 60)
# Every capture is also packaged as WACZ (for download and replay), when the command
# below is installed; a capture whose packaging fails is kept and says why.
ARCHIVE_WACZ = env.bool("ARCHIVE_WACZ", default=True)
# The `wacz` command that packages captures as WACZ. It lives in a venv of its own,
# made by `make install` (its pins clash with the project's), not on the PATH.
WACZ_COMMAND = env("WACZ_COMMAND", default=str(BASE_DIR / ".venv-wacz" / "bin" / "wacz"))
# Signing of each package's datapackage-digest.json by a signing server (Webrecorder's
# authsign API, e.g. wacz-signing): its URL and bearer token. Empty: packages unsigned.
WACZ_SIGNING_URL = env("WACZ_SIGNING_URL", default="")
WACZ_SIGNING_TOKEN = env("WACZ_SIGNING_TOKEN", default="")

# --- Browser capture --------------------------------------------------------
# HTML pages are captured in headless Chromium (every request it makes still through
# the safe fetcher), on the "browser" queue; off, or without Chromium, they are
# captured by the plain fetcher alone, as PDFs and other files always are.
ARCHIVE_BROWSER = env.bool("ARCHIVE_BROWSER", default=False)
BROWSER_EXECUTABLE = env("BROWSER_EXECUTABLE", default="/usr/bin/chromium")
# The whole capture (launch, load, scrolling, screenshot) ends after this many seconds.
BROWSER_TIMEOUT = env.float("BROWSER_TIMEOUT", default=60.0)
# Each wait for the network to go quiet (after loading, after scrolling), in seconds.
BROWSER_SETTLE_SECONDS = env.float("BROWSER_SETTLE_SECONDS", default=5.0)
# The browser's processes together; past it they are killed and the plain capture kept.
BROWSER_MAX_MEMORY_MB = env.int("BROWSER_MAX_MEMORY_MB", default=1536)
BROWSER_MAX_REQUESTS = env.int("BROWSER_MAX_REQUESTS", default=400)

# --- Claim extraction -----------------------------------------------------
# Longest article body accepted, in characters (about 30,000 words by default).
EXTRACTION_MAX_CHARS = env.int("EXTRACTION_MAX_CHARS", default=200_000)

# --- API --------------------------------------------------------------------
API_RATE = env("API_RATE", default="1200/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["publishing.api.auth.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["publishing.api.auth.IsApiClient"],
    "DEFAULT_THROTTLE_CLASSES": ["publishing.api.auth.ApiClientThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": API_RATE},
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["publishing.api.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "publishing.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claim tracker API",
    "DESCRIPTION": "Articles in, claims and published fact-checks (ClaimReview) out.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # The interactive docs load their assets from here, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "claims.models.Language",
        "ClaimStatusEnum": "claims.models.ClaimStatus",
    },
}
WEBHOOK_RETRY_DELAY = env.float("WEBHOOK_RETRY_DELAY", default=30.0)
WEBHOOK_MAX_RETRIES = env.int("WEBHOOK_MAX_RETRIES", default=6)

# --- Product --------------------------------------------------------------
DEMO_PASSWORD = env("DEMO_PASSWORD", default="")
NEWSROOM_NAME = env("NEWSROOM_NAME", default="Claim tracker newsroom")
NEWSROOM_URL = env("NEWSROOM_URL", default="https://newsroom.example")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

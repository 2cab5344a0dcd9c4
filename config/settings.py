"""Imprint settings: one module, every difference between the embedded default and
production read from the environment (see `.env.example`).

The embedded default (nothing set) runs on SQLite, a local-memory cache, media on disk
and e-mail written to `var/mail/`. `IMPRINT_ENV=production` switches on the hardening
and makes the secrets mandatory, so a half-configured server refuses to start instead of
running with development defaults.
"""

from pathlib import Path

import environ
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's settings are plain module constants)

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Where the embedded default keeps its database, cache, media and mail: one folder,
# so a second instance (the browser tests' server) can run beside `make run`.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

IMPRINT_ENV = env.str("IMPRINT_ENV", default="embedded")
if IMPRINT_ENV not in {"embedded", "production"}:
    raise ImproperlyConfigured(
        f"IMPRINT_ENV must be 'embedded' or 'production', not {IMPRINT_ENV!r}."
    )
PRODUCTION = IMPRINT_ENV == "production"

# Off unless asked for (DEBUG=1): visitors of the embedded demo get the designed 404
# and 500 pages, not Django's debug page listing every URL pattern.
DEBUG = env.bool("DEBUG", default=False)

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "IMPRINT_ENV=production needs SECRET_KEY set to a random string of at "
            "least 50 characters, for example from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "IMPRINT_ENV=production needs ALLOWED_HOSTS, a comma-separated list of "
            "the host names the site answers to."
        )
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must stay off when IMPRINT_ENV=production.")
else:
    # Only ever used on a developer's machine; production refuses to start without
    # its own key (above).
    SECRET_KEY = env.str(
        "SECRET_KEY", default="embedded-default-insecure-key-" + "x" * 30
    )
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
    )

SITE_ID = 1
SITE_DOMAIN = env.str("SITE_DOMAIN", default="127.0.0.1:8000")
SITE_NAME = env.str("SITE_NAME", default="Verlag")
USE_HTTPS = env.bool("USE_HTTPS", default=PRODUCTION)
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL",
    default=f"{'https' if USE_HTTPS else 'http'}://{SITE_DOMAIN}",
)

# --- Applications -------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]
# haystack comes before Wagtail: both ship an `update_index` command and the first app
# listed wins. Oscar's `rebuild_index` calls haystack's; Wagtail's stays reachable as
# `wagtail_update_index`.
HAYSTACK_APPS = ["haystack"]
WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]
# Oscar, with the apps we fork replaced by ours (`shop/<app>/`). Its own `search` label
# is why Wagtail's project-template `search` app is not used here.
OSCAR_APPS = [
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "shop.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.customer.apps.CustomerConfig",
    "shop.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "treebeard",
    "django_tables2",
]
THIRD_PARTY_APPS = [
    "axes",
    "csp",
    "newsletter",
    "sorl.thumbnail",
    "django_tasks",
    "django_tasks_db",
    "storages",
]
# Ours, in the layers of docs/ARCHITECTURE.md (each imports only from layers above
# it in this list; `make lint` checks it with import-linter).
LOCAL_APPS = [
    "accounts.apps.AccountsConfig",
    "core.apps.CoreConfig",
    "taxonomy.apps.TaxonomyConfig",
    "pagecache.apps.PageCacheConfig",
    "privacy.apps.PrivacyConfig",
    "publisher.apps.PublisherConfig",
    "mail.apps.MailConfig",
    "images.apps.ImagesConfig",
    "consent.apps.ConsentConfig",
    "home.apps.HomeConfig",
    "newsletters.apps.NewslettersConfig",
    "shop.apps.ShopConfig",
    "blog.apps.BlogConfig",
    "courses.apps.CoursesConfig",
    "delivery.apps.DeliveryConfig",
    "comments.apps.CommentsConfig",
    "sitesearch.apps.SiteSearchConfig",
    "withdrawals.apps.WithdrawalsConfig",
    "ondemand.apps.OndemandConfig",
    "wpimport.apps.WpimportConfig",
    "demo.apps.DemoConfig",
]
INSTALLED_APPS = (
    DJANGO_APPS
    + HAYSTACK_APPS
    + WAGTAIL_APPS
    + OSCAR_APPS
    + THIRD_PARTY_APPS
    + LOCAL_APPS
)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Which requests a read replica may answer (does nothing without replicas).
    "core.replicas.ReplicaRoutingMiddleware",
    # WordPress's /?p=123 addresses, before the cached front page answers them.
    "wpimport.middleware.OldQueryRedirectMiddleware",
    "pagecache.middleware.PageCacheMiddleware",
    # Content-Security-Policy and Permissions-Policy (core/csp.py) on every page;
    # below the page cache, so a cache hit replays them as stored and pays nothing.
    "core.csp.SitePolicyMiddleware",
    "pagecache.middleware.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.i18n.UILanguageMiddleware",
    # Before any view or CSRF check reads a value: NUL and other control
    # characters are answered 400 with the reason (core/badinput.py).
    "core.badinput.BadInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shop.basket.middleware.BasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers locked-out logins with its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "home.context_processors.shop_metadata",
                "home.context_processors.site_navigation_context",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------
# SQLite as shipped locks under concurrent writers (Oscar's product page writes on every
# GET): WAL lets readers run beside the writer, IMMEDIATE takes the write lock at the
# start of a transaction instead of failing half-way, and the busy timeout waits for it.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA busy_timeout=20000;"
        "PRAGMA foreign_keys=ON;"
    ),
}
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'imprint.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        **SQLITE_OPTIONS,
        **DATABASES["default"].get("OPTIONS", {}),
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Read replicas (PostgreSQL streaming replication): anonymous page reads may go to
# them, everything else stays on the primary (core/replicas.py).
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), 1):
    DATABASES[f"replica_{_number}"] = {
        **environ.Env.db_url_config(_url),
        "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]
# A replica further behind than this is skipped; each process asks at most once per
# REPLICA_CHECK_SECONDS. A browser that wrote reads the primary for REPLICA_PIN_SECONDS.
REPLICA_MAX_LAG = env.float("REPLICA_MAX_LAG", default=2.0)
REPLICA_CHECK_SECONDS = env.float("REPLICA_CHECK_SECONDS", default=1.0)
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=15)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="imprint"),
        },
        # {% cache %} fragments (article bodies): copied into each process, which
        # saves a Redis round trip per fragment (config/near_cache.py).
        "template_fragments": {
            "BACKEND": "config.near_cache.NearCache",
            "TIMEOUT": 3600,
            "OPTIONS": {"FAR": "default", "NEAR_MAX_ENTRIES": 300},
        },
    }
else:
    # The embedded default shares one cache between the web server, the worker and
    # the scheduler (`make run` starts all three): a page deleted, unpublished or
    # published by any of them is purged for all at once. Local memory would keep a
    # stale copy in every other process. Each process keeps what it read while the
    # file is unchanged (config/file_cache.py).
    CACHES = {
        "default": {
            "BACKEND": "config.file_cache.LocalCopyFileCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Anonymous readers get whole Wagtail pages from the cache (pagecache/store.py), purged
# on publish, for 10 minutes at most.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# primary_until: a browser that just wrote sees fresh pages (core/replicas.py).
PAGE_CACHE_BYPASS_COOKIES = ["oscar_open_basket", "messages", "primary_until"]
# Routing, navigation and publisher data are kept in each process until a shared
# token in the cache changes (pagecache/memo.py), for an hour at most.
LOCAL_MEMO_SECONDS = env.int("LOCAL_MEMO_SECONDS", default=3600)

# Background work: django-tasks with its database backend; `manage.py db_worker` runs
# the queue (started by `make run` beside the web server).
# TASKS_BACKEND=immediate runs each task in-process when it is enqueued (the test
# suite uses this; a dedicated test drives the database queue and its worker).
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {sorted(TASKS_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
# Fetches from other sites (verifying mentions) have a queue of their own, worked by
# a worker of its own (`db_worker --queue-name outside`): a slow stranger's server
# never delays order mails, PDF renders or newsletter mails in "default".
TASKS = {
    "default": {
        "BACKEND": TASKS_BACKENDS[TASKS_BACKEND],
        "QUEUES": ["default", "outside"],
    }
}
# A task still "running" after this many minutes lost its worker (core/reaper.py):
# it is failed, and queued again if its app declared it idempotent.
TASKS_STUCK_MINUTES = env.int("TASKS_STUCK_MINUTES", default=30)

# --- Users --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses locked-out attempts before any password is checked.
# Then one e-mail backend, which costs the same for unknown addresses
# (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ThrottlingBackend",
    "accounts.backends.EmailBackend",
]
# Login throttling for the shop's and the admin's logins: after AXES_FAILURE_LIMIT
# failed attempts, an account from one address, and an address on any accounts, are
# locked for AXES_COOLOFF_MINUTES. Never an account on its own: that would let a
# stranger lock its owner out from many addresses; the owner gets a mail instead
# (accounts/services.py). The answer is the same whether or not the account exists.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_VERBOSE = False
# Only failures are kept, and only until their lock expires: no log of every login.
AXES_DISABLE_ACCESS_LOG = True
VALIDATORS_MODULE = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{VALIDATORS_MODULE}.UserAttributeSimilarityValidator"},
    {"NAME": f"{VALIDATORS_MODULE}.MinimumLengthValidator"},
    {"NAME": f"{VALIDATORS_MODULE}.CommonPasswordValidator"},
    {"NAME": f"{VALIDATORS_MODULE}.NumericPasswordValidator"},
]
# Readers have one login: Oscar's customer pages. Wagtail's front-end login (private
# pages) sends them there too; editors keep /admin/login/.
LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "customer:summary"
WAGTAIL_FRONTEND_LOGIN_URL = "/shop/accounts/login/"
WAGTAILUSERS_PASSWORD_ENABLED = True

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="de")
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# English with day-month dates (config/formats/en); German keeps Django's own.
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # Any S3-compatible store (AWS, MinIO, Hetzner, Scaleway...). Media stays private
    # by default; public URLs are signed and expire.
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
    AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="") or None
    AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="") or None
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=True)
    MEDIA_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Static files come through whitenoise with or without DEBUG; the embedded default
# serves them straight from the apps and `static/`, without `collectstatic`.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
# Media on disk is served by Django itself in the embedded default (config/urls.py);
# production serves it from S3 or the web server.
SERVE_MEDIA = not PRODUCTION and not AWS_STORAGE_BUCKET_NAME

# Bought files (rendered editions, e-books, stamped copies): never under MEDIA_URL,
# reached only through a download grant (delivery/).
if AWS_STORAGE_BUCKET_NAME:
    PRIVATE_STORAGE = {
        "BACKEND": "delivery.storage.PrivateS3Storage",
        "OPTIONS": {"location": "private", "querystring_auth": True},
    }
else:
    PRIVATE_STORAGE = {
        "BACKEND": "delivery.storage.PrivateFileSystemStorage",
        "OPTIONS": {
            "location": env.str("PRIVATE_ROOT", default=str(VAR_DIR / "private"))
        },
    }

STORAGES = {
    "default": MEDIA_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- E-mail -------------------------------------------------------------------------
# EMAIL_URL selects the transport (smtp://, smtp+tls://user:pass@host:587, ...). Without
# it every mail is written to var/mail/ so nothing leaves a developer's machine.
EMAIL_FILE_PATH = VAR_DIR / "mail"
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
    MAIL_TRANSPORT_BACKEND = EMAIL_BACKEND
else:
    MAIL_TRANSPORT_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
# Every mail goes into the outbox and is sent by the worker with retries (mail/):
# no request waits on the mail server, and none fails when it is down.
EMAIL_BACKEND = "mail.backends.OutboxBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Empty: mails come from the publisher's own address (Settings → Publisher), which
# the editors keep; set it where the mail server accepts only one sender address.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL or "root@localhost")
ADMINS = [("Website", addr) for addr in env.list("ADMIN_EMAILS", default=[])]

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_SECURE = USE_HTTPS
CSRF_COOKIE_SECURE = USE_HTTPS
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=USE_HTTPS)
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=31_536_000 if PRODUCTION else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=PRODUCTION)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies stand in front and append to X-Forwarded-For: the client's
# address is read that many places from the right (core/http.py). 0 trusts no header.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_PROXY else 0)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
OSCAR_BASKET_COOKIE_SECURE = USE_HTTPS
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = USE_HTTPS
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview responses SAMEORIGIN.
# Content-Security-Policy (django-csp): scripts and styles from this site only, no
# inline code on public pages; the staff areas' additions are in core/csp.py.
_MEDIA_HOSTS = [
    host
    for host in (
        MEDIA_URL if MEDIA_URL.startswith("http") else "",
        f"https://{AWS_S3_CUSTOM_DOMAIN}"
        if AWS_STORAGE_BUCKET_NAME and AWS_S3_CUSTOM_DOMAIN
        else "",
        (AWS_S3_ENDPOINT_URL or f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
        if AWS_STORAGE_BUCKET_NAME
        else "",
    )
    if host
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:", *_MEDIA_HOSTS],
        "font-src": [CSP_SELF, "data:"],
        "media-src": [CSP_SELF, *_MEDIA_HOSTS],
        "connect-src": [CSP_SELF],
        # Videos editors embed (oEmbed iframes), and Wagtail's own preview.
        "frame-src": [CSP_SELF, "https:"],
        "frame-ancestors": [CSP_SELF],
        # The checkout hands over to Stripe Checkout by a form post's redirect.
        "form-action": [CSP_SELF, "https://checkout.stripe.com"],
        "base-uri": [CSP_SELF],
        "object-src": [CSP_NONE],
    }
}

# Page editors post many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- Wagtail ------------------------------------------------------------------------
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAIL_I18N_ENABLED = False
# The admin contacts no third party: no avatars from Gravatar, no update check
# against wagtail.org (both also blocked by the Content-Security-Policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {
    # The database backend chooses PostgreSQL full text or SQLite FTS5 by connection,
    # so one search needs no extra server on either database.
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": env.str("SEARCH_CONFIG", default="german"),
    }
}
# Where a CDN sits in front, purges go to it too (set WAGTAILFRONTENDCACHE_URL).
if env.str("WAGTAILFRONTENDCACHE_URL", default=""):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env.str("WAGTAILFRONTENDCACHE_URL"),
        }
    }

# --- Oscar --------------------------------------------------------------------------
OSCAR_SHOP_NAME = SITE_NAME
# Prices are gross (shop/partner/strategy.py): a discount comes off the price the
# reader sees, VAT included. Oscar's default takes it off the net price and adds
# VAT afterwards, so "50 %" would take more than half.
OSCAR_OFFERS_INCL_TAX = True
OSCAR_SHOP_TAGLINE = _("Shop")
OSCAR_HOMEPAGE = "/shop/catalogue/"
OSCAR_DEFAULT_CURRENCY = "EUR"
OSCAR_CURRENCY_FORMAT = {"EUR": {"format_type": "standard"}}
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_URL_SCHEMA = "https" if USE_HTTPS else "http"
OSCAR_ALLOW_ANON_CHECKOUT = True
# A guest may use an address that has an account: the checkout's first step must not
# tell a stranger which addresses have accounts here.
OSCAR_ALLOW_GUEST_CHECKOUT_WITH_ACCOUNT = True
OSCAR_PRODUCTS_PER_PAGE = 12
# Reviews come from buyers only (shop/catalogue/models.py) and wait for a moderator.
OSCAR_MODERATE_REVIEWS = True
OSCAR_ALLOW_ANON_REVIEWS = False
# The life of an order (shop/order/models.py names the statuses): it is placed
# waiting for its payment and becomes "Paid" only when the provider says so.
# The names are German as stored (shop.order.models.Order: the dashboard prints
# them); readers see them translated (`Order.status_label`).
OSCAR_INITIAL_ORDER_STATUS = "Zahlung ausstehend"
OSCAR_INITIAL_LINE_STATUS = "Zahlung ausstehend"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Zahlung ausstehend": ("Bezahlt", "Storniert"),
    "Überweisung ausstehend": ("Bezahlt", "Storniert"),
    "Bezahlt": ("Versendet", "Erstattet"),
    "Versendet": ("Erstattet",),
    "Erstattet": (),
    # A transfer that arrives after the cancellation is still a payment.
    "Storniert": ("Bezahlt",),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
OSCAR_ORDER_STATUS_CASCADE = {
    "Bezahlt": "Bezahlt",
    "Versendet": "Versendet",
    "Storniert": "Storniert",
    "Erstattet": "Erstattet",
}

# --- Payments -----------------------------------------------------------------------
# Stripe Checkout is offered when its keys are set; prepayment by bank transfer when
# the publisher's IBAN is filled in (Wagtail admin, Settings > Publisher). The test
# payment pays any order at once: only for the embedded demo, never in production.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")  # tests: a local fake
TEST_PAYMENT = env.bool("TEST_PAYMENT", default=not PRODUCTION)
if PRODUCTION and TEST_PAYMENT:
    raise ImproperlyConfigured(
        "TEST_PAYMENT cannot be switched on when IMPRINT_ENV=production: it would let "
        "anyone take goods without paying. Remove TEST_PAYMENT from the environment."
    )
# Prepayment: a reminder after this many days without a transfer, cancellation after
# that many (a daily task, shop/tasks.py).
PREPAYMENT_REMINDER_DAYS = env.int("PREPAYMENT_REMINDER_DAYS", default=7)
PREPAYMENT_CANCEL_DAYS = env.int("PREPAYMENT_CANCEL_DAYS", default=14)

# --- Shipping (gross prices in euros) -----------------------------------------------
SHIPPING_GERMANY = env.str("SHIPPING_GERMANY", default="3.90")
SHIPPING_FREE_ABOVE = env.str("SHIPPING_FREE_ABOVE", default="50.00")
SHIPPING_EU = env.str("SHIPPING_EU", default="9.90")
# Haystack stays installed because Oscar imports it; the catalogue and search pages are
# served by our fork of Oscar's search app through Wagtail's search instead.
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}

# --- django-newsletter --------------------------------------------------------------
NEWSLETTER_THUMBNAIL = "sorl-thumbnail"
NEWSLETTER_USE_HTTPS = USE_HTTPS
NEWSLETTER_CONFIRM_EMAIL = True
NEWSLETTER_RICHTEXT_WIDGET = None
# Ours (newsletters/): the sender's address (its name is the publisher's), how long
# a confirmation link works, sign-ups per client IP and hour, the mailbox that the
# `mailto:` of List-Unsubscribe names (read by `newsletter_mailbox`), the secret the
# mail provider signs bounce webhooks with, and the newsletter of the footer form.
NEWSLETTER_FROM_EMAIL = env.str("NEWSLETTER_FROM_EMAIL", default="")
NEWSLETTER_CONFIRM_DAYS = env.int("NEWSLETTER_CONFIRM_DAYS", default=7)
NEWSLETTER_SIGNUPS_PER_IP_HOUR = env.int("NEWSLETTER_SIGNUPS_PER_IP_HOUR", default=20)
NEWSLETTER_UNSUBSCRIBE_MAILBOX = env.str("NEWSLETTER_UNSUBSCRIBE_MAILBOX", default="")
NEWSLETTER_WEBHOOK_SECRET = env.str("NEWSLETTER_WEBHOOK_SECRET", default="")
NEWSLETTER_FOOTER = env.str("NEWSLETTER_FOOTER", default="")
# Batches of a sending go out over this many SMTP connections at once (one each).
NEWSLETTER_SEND_CONNECTIONS = env.int("NEWSLETTER_SEND_CONNECTIONS", default=3)

# Comments (the editors' rules are in the admin: Settings → Comment settings).
# Accepted comments per hour from one network address, and from one e-mail address.
COMMENTS_PER_IP_HOUR = env.int("COMMENTS_PER_IP_HOUR", default=10)
COMMENTS_PER_ADDRESS_HOUR = env.int("COMMENTS_PER_ADDRESS_HOUR", default=5)
# Networks the mention verifier may fetch from although they are not public (only
# the tests' local server; never set in production: it opens the way to SSRF).
COMMENTS_FETCH_ALLOWED_NETWORKS = env.list(
    "COMMENTS_FETCH_ALLOWED_NETWORKS", default=[]
)

# eCourses (courses/): after a downtime, at least this many hours (at most 24)
# between two lessons while a reader catches up (one lesson per run, no flood).
COURSE_CATCH_UP_HOURS = env.int("COURSE_CATCH_UP_HOURS", default=24)

# --- PDFs (core/pdf.py, delivery/) --------------------------------------------------
# Each render runs in a child of the background worker under these limits.
PDF_RENDER_SECONDS = env.int("PDF_RENDER_SECONDS", default=120)
PDF_RENDER_MEMORY_MB = env.int("PDF_RENDER_MEMORY_MB", default=1536)
# Download links of a purchase: valid this many days, this many downloads (a product
# may set its own, shop/catalogue/models.py).
DOWNLOAD_DAYS = env.int("DOWNLOAD_DAYS", default=30)
DOWNLOAD_LIMIT = env.int("DOWNLOAD_LIMIT", default=5)
# nginx serves the bytes (X-Accel-Redirect to this internal location) when set;
# otherwise Django streams them.
DOWNLOAD_X_ACCEL_PREFIX = env.str("DOWNLOAD_X_ACCEL_PREFIX", default="")
EBOOK_MAX_MB = env.int("EBOOK_MAX_MB", default=50)

# --- Consent ledger (consent/) -------------------------------------------------------
# Double opt-in requests never confirmed are deleted after this many days.
CONSENT_UNCONFIRMED_DAYS = env.int("CONSENT_UNCONFIRMED_DAYS", default=30)

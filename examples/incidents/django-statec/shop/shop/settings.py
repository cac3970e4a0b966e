"""Settings for the shop project."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
    },
]

STATIC_URL = "/static/"
# Every request got a 502 for seven hours: collectstatic wrote elsewhere.
STATIC_ROOT = os.path.join(BASE_DIR, 'statec/')
MEDIA_ROOT = os.path.join(BASE_DIR, "media/")

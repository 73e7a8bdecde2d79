import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ablework.config.settings")
application = get_wsgi_application()

# A web process starting deletes files a killed one left in the import folder (never a kept,
# encrypted upload; see ablework/exchange/storage.py).
from ablework.exchange.retention import sweep_at_start  # noqa: E402 — needs Django set up

sweep_at_start()

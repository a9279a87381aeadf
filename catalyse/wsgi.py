import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

if not os.environ.get("SECRET_KEY") and os.environ.get("DEBUG", "").lower() not in {"1", "true", "yes", "on"}:
    raise ImproperlyConfigured(
        "SECRET_KEY doit être défini pour servir Catalyse en production "
        "(par exemple : export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))'))."
    )

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalyse.settings")
application = get_wsgi_application()

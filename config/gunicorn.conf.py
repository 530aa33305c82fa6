"""gunicorn settings for the web process (Procfile `web`)."""
import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
worker_class = "sync"
# Build the app once before forking: shared imports, and a settings error stops start-up at once.
preload_app = True
timeout = 30
graceful_timeout = 20
accesslog = "-"

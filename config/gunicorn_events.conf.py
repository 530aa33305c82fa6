"""gunicorn settings for a process group that serves only the live boards' event streams (/board/<token>/events), for
a chain with many boards open: the proxy sends that path here, unbuffered, and everything else to the `web` group
(config/gunicorn.conf.py). Each stream holds a thread for its 25 s and sleeps in Redis pub/sub in between, so this
group has many threads and lets streams use them all. docs/performance.md, "The live boards must not cost the
webhook", says why and when.

    gunicorn -c config/gunicorn_events.conf.py "bot:create_app()"     # bind: PORT, else 5001
"""

import os
from pathlib import Path

_base = Path(__file__).with_name("gunicorn.conf.py")
# The base settings run in this namespace so that its hooks read this group's `stream_share`; the code run is our
# own sibling file, never input.
exec(compile(_base.read_text(), str(_base), "exec"))  # nosec B102

bind = f"0.0.0.0:{os.environ.get('PORT', '5001')}"
workers = int(os.environ.get("WEB_CONCURRENCY", 1))
threads = 256
# Nothing but streams comes here: they may take every thread.
stream_share = 1.0

"""config/gunicorn.conf.py with the access log off (the `no-access-log` candidate in bench/variants.py)."""

from pathlib import Path

_conf = Path(__file__).resolve().parents[1] / "config" / "gunicorn.conf.py"
exec(compile(_conf.read_text(), str(_conf), "exec"))
accesslog = None

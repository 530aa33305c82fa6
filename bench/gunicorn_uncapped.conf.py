"""config/gunicorn.conf.py with no limit on live streams (as before they kept to a share of the threads): the
`uncapped` side of `python -m bench.streams --conf uncapped=bench/gunicorn_uncapped.conf.py`."""

from pathlib import Path

_conf = Path(__file__).resolve().parents[1] / "config" / "gunicorn.conf.py"
exec(compile(_conf.read_text(), str(_conf), "exec"))
stream_share = 1000

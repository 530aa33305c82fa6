"""The deployment files shipped in the repository are well-formed and say what docs/deploy.md says: the systemd
units (checked by systemd-analyze where it is installed), the nginx site (nginx -t where installed), the Procfile,
the Dockerfile and compose file, and the Grafana dashboard, whose every metric /metrics really exposes."""

from __future__ import annotations

import configparser
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot import create_app
from bot.usecases.stores import create_token

ROOT = Path(__file__).resolve().parents[2]
SYSTEMD = ROOT / "config" / "systemd"
NGINX_SITE = ROOT / "config" / "nginx" / "arrivee.conf"
UNITS = ("arrivee-web@.service", "arrivee-worker@.service", "arrivee-migrate.service")


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(SYSTEMD / name)
    return parser


@pytest.mark.parametrize("name", UNITS)
def test_each_systemd_unit_runs_as_its_own_user_from_the_project_with_the_environment_file(name):
    parsed = unit(name)
    assert parsed.sections() == ["Unit", "Service", "Install"]
    service = parsed["Service"]
    assert service["User"] == "arrivee" and service["Group"] == "arrivee"
    assert service["WorkingDirectory"] == "/opt/arrivee"
    assert service["EnvironmentFile"] == "/etc/arrivee/arrivee.env"
    assert "ARRIVEE_ENV=production" in service["Environment"] and "LOG_FORMAT=json" in service["Environment"]
    assert service["NoNewPrivileges"] == "yes" and service["ProtectSystem"] == "strict"
    # What it starts exists in the project.
    argv = shlex.split(service["ExecStart"])
    assert argv[0].startswith("/opt/arrivee/.venv/bin/")
    for arg in argv[1:]:
        if arg.endswith((".py", ".conf.py")):
            assert (ROOT / arg).is_file(), arg


def test_the_web_unit_serves_the_procfile_app_on_its_instance_port_behind_one_trusted_proxy():
    service = unit("arrivee-web@.service")["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[1:3] == ["-c", "config/gunicorn.conf.py"] and argv[-1] == "bot:create_app()"
    assert argv[argv.index("-b") + 1] == "127.0.0.1:%i"
    assert "TRUSTED_PROXIES=1" in service["Environment"]


def test_the_worker_unit_stops_gracefully_and_the_migrate_unit_is_the_release_step():
    worker = unit("arrivee-worker@.service")["Service"]
    assert shlex.split(worker["ExecStart"])[1:] == ["worker.py"]
    assert worker["KillSignal"] == "SIGTERM" and int(worker["TimeoutStopSec"]) >= 30
    migrate = unit("arrivee-migrate.service")["Service"]
    assert migrate["Type"] == "oneshot" and shlex.split(migrate["ExecStart"])[1:] == ["-m", "bot", "init-db"]
    for name in ("arrivee-web@.service", "arrivee-worker@.service"):
        assert "arrivee-migrate.service" in unit(name)["Unit"]["After"]


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_analyze_verifies_the_units(tmp_path):
    venv = Path(sys.executable).parent.parent
    for name in UNITS:
        text = (SYSTEMD / name).read_text().replace("/opt/arrivee/.venv", str(venv)).replace("/opt/arrivee", str(ROOT))
        (tmp_path / name).write_text(text)
    instances = ["arrivee-web@8000.service", "arrivee-worker@1.service", "arrivee-migrate.service"]
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *(f"./{n}" for n in instances)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    complaints = [line for line in done.stderr.splitlines() if "arrivee" in line]
    assert done.returncode == 0 and not complaints, done.stderr


def nginx_blocks(text: str) -> list[tuple[str, list]]:
    """The site as nested (directive, children) pairs; fails on unbalanced braces or a directive without ';'."""
    tokens = re.findall(r'"[^"]*"|[{};]|[^\s{};"]+', re.sub(r"#[^\n]*", "", text))
    stack: list[list] = [[]]
    words: list[str] = []
    for token in tokens:
        if token == "{":
            block: list = []
            stack[-1].append((" ".join(words), block))
            stack.append(block)
            words = []
        elif token == "}":
            assert not words, f"directive without ';' before '}}': {words}"
            stack.pop()
            assert stack, "unbalanced '}'"
        elif token == ";":
            stack[-1].append((" ".join(words), None))
            words = []
        else:
            words.append(token)
    assert len(stack) == 1 and not words, "unbalanced '{' or a directive without ';'"
    return stack[0]


def directives(block: list) -> list[str]:
    return [name for name, children in block if children is None]


def test_the_nginx_site_redirects_to_tls_sets_the_forwarded_headers_and_streams_events_unbuffered(svc):
    top = nginx_blocks(NGINX_SITE.read_text())
    upstream = next(children for name, children in top if name == "upstream arrivee_web")
    assert {d for d in directives(upstream) if d.startswith("server")} == {
        "server 127.0.0.1:8000 max_fails=1 fail_timeout=2s",
        "server 127.0.0.1:8001 max_fails=1 fail_timeout=2s",
    }
    plain, tls = (children for name, children in top if name == "server")
    assert "listen 80" in directives(plain)
    redirect = next(children for name, children in plain if name == "location /")
    assert "return 301 https://$host$request_uri" in directives(redirect)
    tls_directives = directives(tls)
    assert "listen 443 ssl" in tls_directives and "ssl_protocols TLSv1.2 TLSv1.3" in tls_directives
    assert any(d.startswith("ssl_certificate ") for d in tls_directives)
    for header in ("Host $host", "X-Forwarded-For $remote_addr", "X-Forwarded-Proto $scheme", "X-Forwarded-Host $host"):
        assert f"proxy_set_header {header}" in tls_directives
    locations = {name: children for name, children in tls if children is not None}
    events = locations["location ~ ^/(board/[^/]+|simulator)/events$"]
    assert "proxy_buffering off" in directives(events) and "proxy_pass http://arrivee_web" in directives(events)
    # The event routes the pattern must match are the app's own.
    assert re.fullmatch(r"/(board/[^/]+|simulator)/events", "/board/abc123/events")
    app_rules = {rule.rule for rule in create_app(services=svc).url_map.iter_rules()}
    assert {"/board/<token>/events", "/simulator/events"} <= app_rules
    webhooks = directives(locations["location /twilio/"])
    assert "proxy_next_upstream error timeout http_502 http_503 non_idempotent" in webhooks


@pytest.mark.skipif(not shutil.which("nginx") or not shutil.which("openssl"), reason="nginx or openssl not installed")
def test_nginx_accepts_the_site(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=pickup.example.com"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = (
        NGINX_SITE.read_text()
        .replace("/etc/letsencrypt/live/pickup.example.com/fullchain.pem", str(cert))
        .replace("/etc/letsencrypt/live/pickup.example.com/privkey.pem", str(key))
    )
    (tmp_path / "arrivee.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/arrivee.conf;\n}}\n"
    )
    done = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "test is successful" in done.stderr, done.stderr


def test_the_procfile_migrates_on_release_and_runs_web_and_worker():
    lines = dict(line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line.strip())
    assert lines["release"] == "python -m bot init-db"
    assert lines["web"] == 'gunicorn -c config/gunicorn.conf.py "bot:create_app()"'
    assert lines["worker"] == "python worker.py"


def dockerfile() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [
        tuple(line.strip().split(None, 1))  # type: ignore[misc]
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def test_the_image_runs_as_a_user_that_is_not_root_and_serves_the_procfile_app():
    steps = dockerfile()
    users = [arg for op, arg in steps if op == "USER"]
    assert users == ["arrivee:arrivee"]
    assert "useradd --system --uid 10001" in " ".join(arg for op, arg in steps if op == "RUN")
    final_stage = steps[max(i for i, (op, _arg) in enumerate(steps) if op == "FROM") :]
    assert [op for op, _arg in final_stage].index("USER") > max(
        i for i, (op, _arg) in enumerate(final_stage) if op in ("RUN", "COPY")
    )
    [cmd] = [json.loads(arg) for op, arg in steps if op == "CMD"]
    assert cmd == ["gunicorn", "-c", "config/gunicorn.conf.py", "--no-control-socket", "bot:create_app()"]
    [health] = [arg for op, arg in steps if op == "HEALTHCHECK"]
    assert "/healthz" in health
    env = " ".join(arg for op, arg in steps if op == "ENV")
    assert "ARRIVEE_ENV=production" in env and "LOG_FORMAT=json" in env
    for op, arg in steps:
        if op == "COPY" and not arg.startswith("--from"):
            for source in arg.split()[:-1]:
                assert source == "wheel[s]" or (ROOT / source).exists(), source


def test_dockerignore_lets_in_what_the_image_copies():
    allowed = {
        line[1:].rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines() if line.startswith("!")
    }
    for op, arg in dockerfile():
        if op == "COPY" and not arg.startswith("--from"):
            for source in arg.split()[:-1]:
                assert source.rstrip("/") in allowed or source == "wheel[s]", source


def test_the_compose_file_runs_migrate_then_web_and_worker_on_postgresql_and_redis():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "migrate", "web", "worker"}
    assert services["migrate"]["command"] == ["python", "-m", "bot", "init-db"]
    assert services["worker"]["command"] == ["python", "worker.py"]
    for name in ("web", "worker"):
        service = services[name]
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"
        env = service["environment"]
        assert env["DATABASE_URL"].startswith("postgresql://arrivee:") and env["DATABASE_URL"].endswith(
            "@postgres:5432/arrivee"
        )
        assert env["REDIS_URL"] == "redis://redis:6379/0" and env["ARRIVEE_ENV"] == "production"
        assert "build" not in service and service["pull_policy"] == "never"
    # One build of the one image: three services building the same tag left it on one of three images, and a later
    # `up` recreated the services whose container was on another.
    assert services["migrate"]["build"] == "."
    for name in ("migrate", "web", "worker"):
        assert services[name]["image"] == "arrivee:latest"
        # An init process passes SIGTERM on to Python, which as PID 1 would drop one that comes while it starts.
        assert services[name]["init"] is True, name
    # The image's healthcheck asks /healthz, which only web serves; a worker is healthy once it has joined RQ.
    assert services["worker"]["healthcheck"]["test"] == ["CMD", "python", "-m", "bot.jobs.liveness"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert set(compose["volumes"]) == {"pgdata", "redisdata"}


def test_the_offline_compose_override_only_changes_where_the_images_come_from():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    offline = yaml.safe_load((ROOT / "compose.offline.yaml").read_text())["services"]
    assert set(offline) == {"postgres", "redis", "migrate"}
    for name in ("postgres", "redis"):
        assert set(offline[name]) == {"image", "build"}
        assert offline[name]["image"] != compose[name]["image"]
        built = ROOT / offline[name]["build"]["context"] / offline[name]["build"]["dockerfile"]
        # From the local Debian base, with Debian's own package of the server.
        text = built.read_text()
        assert "ARG BASE=arrivee-debian:bookworm\nFROM ${BASE}\n" in text and "apt-get install" in text, built
    assert offline["migrate"] == {
        "build": {"context": ".", "args": {"BASE": "arrivee-base:bookworm", "PIP_NO_INDEX": "1"}}
    }


def test_every_metric_on_the_grafana_dashboard_is_one_metrics_exposes(svc):
    dashboard = json.loads((ROOT / "config" / "grafana" / "arrivee-dashboard.json").read_text())
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    used = {name for expr in exprs for name in re.findall(r"\barrivee_[a-z_]+", expr)}
    token = create_token(svc.db, "prom")
    body = create_app(services=svc).test_client().get("/metrics", headers={"Authorization": f"Bearer {token}"}).text
    exposed = set(re.findall(r"^# TYPE (\S+) (\S+)$", body, re.M))
    names = set()
    for name, kind in exposed:
        names.add(name)
        if kind == "histogram":
            names |= {f"{name}_bucket", f"{name}_count", f"{name}_sum"}
    assert used and used <= names, used - names
    for wanted in (
        "arrivee_webhook_seconds_bucket",
        "arrivee_arrival_to_alert_seconds_bucket",
        "arrivee_arrival_to_claim_seconds_bucket",
        "arrivee_arrival_to_handoff_seconds_bucket",
        "arrivee_queue_depth",
        "arrivee_queue_oldest_seconds",
        "arrivee_twilio_errors_total",
        "arrivee_sends_held_total",
    ):
        assert wanted in used, f"the dashboard has no panel for {wanted}"

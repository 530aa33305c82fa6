"""The container image, once built (ARRIVEE_DOCKER_IMAGE=<tag>, docs/deploy.md "Containers"): it runs as a user that
is not root, migrates a database, and passes `doctor` against it. Skipped where no image was built: a build takes
minutes and needs a base image, so it is not part of every run."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import uuid

import pytest
from sqlalchemy import create_engine, text

from config.settings import normalise_database_url
from tests.conftest import REDIS_URL

IMAGE = os.environ.get("ARRIVEE_DOCKER_IMAGE")
pytestmark = pytest.mark.skipif(
    not IMAGE or not shutil.which("docker"), reason="no image built (set ARRIVEE_DOCKER_IMAGE to its tag)"
)
POSTGRES = os.environ.get("ARRIVEE_DOCKER_POSTGRES", "postgresql://postgres@127.0.0.1:5432")


@pytest.fixture
def database():
    name = "image_" + uuid.uuid4().hex[:10]
    admin = create_engine(normalise_database_url(f"{POSTGRES}/postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield f"{POSTGRES}/{name}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


def in_image(database: str, *argv: str) -> subprocess.CompletedProcess:
    env = {"SECRET_KEY": secrets.token_urlsafe(40), "DATABASE_URL": database, "REDIS_URL": REDIS_URL}
    flags = [f"--env={k}={v}" for k, v in env.items()]
    return subprocess.run(
        ["docker", "run", "--rm", "--network=host", *flags, IMAGE or "", *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_image_runs_as_arrivee_migrates_and_passes_doctor(database):
    assert in_image(database, "id", "-u").stdout.strip() == "10001"
    before = in_image(database, "python", "-m", "bot", "doctor")
    assert before.returncode == 1 and "no schema" in before.stdout
    assert in_image(database, "python", "-m", "bot", "init-db").returncode == 0
    after = in_image(database, "python", "-m", "bot", "doctor")
    assert after.returncode == 0, after.stdout + after.stderr
    assert after.stdout.splitlines()[-1] == "doctor: all good"

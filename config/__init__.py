"""Deployment configuration: typed settings read from the environment, gunicorn config, example .env."""

"""The queue adapter: RQ jobs that take ids (tasks, the daily retention run), the dispatcher that enqueues them, and
the worker's threads: the inbound drain (which also sweeps) and the timer clock."""

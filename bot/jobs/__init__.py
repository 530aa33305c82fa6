"""The queue adapter: RQ jobs that take ids, and the dispatcher that enqueues them."""

"""The pure core: understanding texts, the handoff rules and the reply texts. No Flask, SQLAlchemy or Redis here."""

// SessionStore: see docs/architecture.md.

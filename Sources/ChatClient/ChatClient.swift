// ChatClient: see docs/architecture.md.

// LocalServer: see docs/architecture.md.

// CursesTerminal: see docs/architecture.md.

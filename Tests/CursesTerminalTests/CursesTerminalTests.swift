// CursesTerminalTests

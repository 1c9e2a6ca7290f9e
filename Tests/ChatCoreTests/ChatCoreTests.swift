// ChatCoreTests

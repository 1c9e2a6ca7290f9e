// LocalServerTests

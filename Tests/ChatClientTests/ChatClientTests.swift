// ChatClientTests

// StreamProtocolTests

import XCTest

/// The fault suites' common frame: a fresh `FaultClient` (its own transport thread) for each
/// test, shut down after it, and raw servers that live until the test ends.
class FaultTestCase: XCTestCase {
    var client: FaultClient!

    override func setUp() {
        super.setUp()
        client = FaultClient()
    }

    override func tearDown() {
        client.transport.shutdown()
        client = nil
        super.tearDown()
    }

    /// A raw server playing `script`, stopped when the test ends (not at the end of a scope, so
    /// a test can still ask it what it saw after the client closed).
    func serve(_ script: [RawStep]) throws -> RawResponseServer {
        let server = try RawResponseServer(script: script)
        addTeardownBlock { server.stop() }
        return server
    }
}

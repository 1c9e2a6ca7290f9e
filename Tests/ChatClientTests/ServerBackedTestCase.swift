import ChatClient
import Clocks
import FlyingFox
import LocalServer
import StreamProtocol
import XCTest

/// A fresh transport for each test, and the servers a test may start against it: the bundled
/// Prem-compatible server and a scripted FlyingFox one. All are shut down when the test ends,
/// so a failing assertion cannot leave a server or the transport's thread running. The
/// transport's idle timeouts run on `clock`, which only the test moves.
class ServerBackedTestCase: XCTestCase {
    var clock: TestClock<Duration>!
    var transport: HTTPStreamTransport!
    var server: LocalPremServer?
    var rawServer: TestHTTPServer?

    override func setUp() {
        super.setUp()
        clock = TestClock()
        transport = HTTPStreamTransport(clock: clock)
    }

    override func tearDown() async throws {
        transport.shutdown()
        await server?.stop()
        await rawServer?.stop()
        try await super.tearDown()
    }

    /// Starts the bundled server (kept in `server`) and answers its base URL for `dialect`.
    func startLocalServer(_ configuration: LocalServerConfiguration, dialect: Dialect) async throws -> String {
        let local = LocalPremServer(configuration: configuration)
        _ = try await local.start()
        server = local
        let resolved = await local.baseURL(for: dialect)
        return try XCTUnwrap(resolved).absoluteString
    }

    /// Starts a scripted server (kept in `rawServer`).
    func startRawServer(respond: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) async throws -> TestHTTPServer {
        let started = try await TestHTTPServer.start(respond: respond)
        rawServer = started
        return started
    }
}

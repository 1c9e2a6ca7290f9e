import Foundation
import LocalServer
import XCTest

/// A local server on an ephemeral 127.0.0.1 port plus a private data folder per test.
class EndToEndCase: XCTestCase {
    var server: LocalPremServer!
    var port: UInt16 = 0
    var dataDirectory: URL!

    override func setUp() async throws {
        let chatterm = binaryDirectory().appendingPathComponent("chatterm").path
        guard FileManager.default.isExecutableFile(atPath: chatterm) else {
            XCTFail("\(chatterm) is missing: run `swift build` first (make test does).")
            throw TmuxError.failed("binary", chatterm)
        }
        // Short replies, so a whole reply (with the quoted prompt it opens with) fits on screen.
        server = LocalPremServer(configuration: LocalServerConfiguration(defaultTokenCount: 24))
        port = try await server.start()
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        await server?.stop()
        if let dataDirectory { try? FileManager.default.removeItem(at: dataDirectory) }
    }

    var databasePath: String { dataDirectory.appendingPathComponent("sessions.sqlite").path }

    /// The chatterm command line for the prem dialect against the local server.
    func chattermCommand(_ extra: [String] = []) -> [String] {
        [binaryDirectory().appendingPathComponent("chatterm").path,
         "--base-url", "http://127.0.0.1:\(port)", "--project-id", "1", "--model", "local-echo",
         "--db", databasePath, "--dialect", "prem", "--no-config"] + extra
    }

    /// Chat-completion bodies the server received, parsed.
    func completionBodies() async throws -> [[String: Any]] {
        try await server.recordedRequests()
            .filter { $0.path.hasSuffix("/chat/completions") }
            .map { request in
                let object = try JSONSerialization.jsonObject(with: request.body)
                return object as? [String: Any] ?? [:]
            }
    }
}

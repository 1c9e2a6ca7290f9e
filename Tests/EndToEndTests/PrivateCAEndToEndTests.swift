import ChatClient
import Foundation
import ProcessSpawn
import XCTest

/// `ca_file` trusts a private certificate authority for one profile only (libcurl's CAINFO per
/// transfer), with peer and host verification on. A throwaway CA and a server certificate for
/// 127.0.0.1 are made with `openssl` at test time (nothing secret is committed), and python3's
/// `ssl` serves one streamed reply over TLS on an ephemeral loopback port.
final class PrivateCAEndToEndTests: EndToEndCase {
    private var serverPID: pid_t = 0
    private var tlsPort = 0
    private var caPath = ""

    override func setUp() async throws {
        try await super.setUp()
        let directory = dataDirectory.path
        caPath = directory + "/ca.pem"
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", directory + "/ca.key", "-out", caPath, "-days", "1", "-subj", "/CN=chatterm test CA",
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", directory + "/server.key", "-out", directory + "/server.csr", "-subj", "/CN=127.0.0.1"])
        try "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: directory + "/server.ext", atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", directory + "/server.csr", "-CA", caPath, "-CAkey", directory + "/ca.key",
                     "-CAcreateserial", "-out", directory + "/server.pem", "-days", "1", "-extfile", directory + "/server.ext"])
        try Self.serverScript.write(toFile: directory + "/tls_server.py", atomically: true, encoding: .utf8)
        let portFile = directory + "/tls-port"
        serverPID = try Spawn.start(
            ["/usr/bin/env", "python3", directory + "/tls_server.py", directory + "/server.pem", directory + "/server.key", portFile],
            outputPath: directory + "/tls-server.log")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), text.hasSuffix("\n"), let port = Int(text.dropLast()) {
                tlsPort = port
                return
            }
            usleep(20_000)
        }
        let log = (try? String(contentsOfFile: directory + "/tls-server.log", encoding: .utf8)) ?? ""
        XCTFail("the TLS server did not start: \(log)")
    }

    override func tearDown() async throws {
        if serverPID > 0 {
            kill(serverPID, SIGTERM)
            Spawn.wait(serverPID)
        }
        try await super.tearDown()
    }

    private func openssl(_ arguments: [String]) throws {
        let result = try Spawn.run(["/usr/bin/env", "openssl"] + arguments)
        guard result.status == 0 else { throw Spawn.Failure(description: "openssl \(arguments.first ?? ""): \(result.output)") }
    }

    private func ask(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let out = dataDirectory.appendingPathComponent("out-\(UUID().uuidString)").path
        let err = dataDirectory.appendingPathComponent("err-\(UUID().uuidString)").path
        let pid = try Spawn.start(
            [binaryDirectory().appendingPathComponent("chatterm").path, "ask", "--db", databasePath] + arguments + ["hello"],
            streams: Spawn.Streams(output: out, error: err),
            // No key is needed on loopback.
            environment: ["LC_ALL": "C.UTF-8", "OPENAI_API_KEY": ""])
        let status = Spawn.wait(pid)
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    private var baseURL: String { "https://127.0.0.1:\(tlsPort)/v1" }

    func testTheCAOfAProfileIsTrustedForThatProfileOnly() throws {
        let config = dataDirectory.appendingPathComponent("config.toml").path
        try """
            dialect = "openai"
            model = "m"
            base_url = "\(baseURL)"

            [profiles.gateway]
            ca_file = "ca.pem"

            [profiles.other]
            model = "m2"
            """.write(toFile: config, atomically: true, encoding: .utf8)

        let trusted = try ask(["--config", config, "--profile", "gateway"])
        XCTAssertEqual(trusted.status, 0, trusted.stderr)
        XCTAssertEqual(trusted.stdout, "over tls\n")

        let other = try ask(["--config", config, "--profile", "other"])
        XCTAssertEqual(other.status, 6, other.stderr)
        XCTAssertTrue(other.stderr.hasPrefix("chatterm: "), other.stderr)
        XCTAssertTrue(other.stderr.lowercased().contains("certificate"), "a clear TLS error: \(other.stderr)")

        let flag = try ask(["--no-config", "--dialect", "openai", "--model", "m", "--base-url", baseURL, "--ca-file", caPath])
        XCTAssertEqual(flag.status, 0, flag.stderr)
        XCTAssertEqual(flag.stdout, "over tls\n")
        let none = try ask(["--no-config", "--dialect", "openai", "--model", "m", "--base-url", baseURL])
        XCTAssertEqual(none.status, 6, none.stderr)
    }

    func testAMissingCAFileIsAConfigErrorBeforeAnythingIsSent() throws {
        let config = dataDirectory.appendingPathComponent("config.toml").path
        try "dialect = \"openai\"\nmodel = \"m\"\nbase_url = \"\(baseURL)\"\nca_file = \"missing.pem\"\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let missing = dataDirectory.appendingPathComponent("missing.pem").path
        let result = try ask(["--config", config])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stderr, "chatterm: ca_file in \(config): cannot read CA file \(missing): no such file or directory.\n")

        let notPEM = try ask(["--no-config", "--dialect", "openai", "--model", "m", "--base-url", baseURL, "--ca-file", config])
        XCTAssertEqual(notPEM.status, 64)
        XCTAssertTrue(notPEM.stderr.hasPrefix("chatterm: --ca-file: CA file \(config) holds no PEM certificate"), notPEM.stderr)
    }

    /// The app keeps one transport for every profile: a connection opened with one profile's CA
    /// must not carry another profile's request (libcurl matches the CA file before reusing one).
    func testOneTransportTrustsTheCAOnlyForTheRequestsThatNameIt() throws {
        let transport = HTTPStreamTransport()
        defer { transport.shutdown() }
        func send(_ id: UInt64, caFile: String?) -> TransportFailure? {
            var spec = HTTPRequestSpec(url: baseURL + "/chat/completions", body: Array("{}".utf8))
            spec.caFile = caFile
            let finished = DispatchSemaphore(value: 0)
            let outcome = FailureBox()
            transport.start(RequestID(id), spec) { _, event in
                if case let .finished(failure) = event {
                    outcome.set(failure)
                    finished.signal()
                }
            }
            XCTAssertEqual(finished.wait(timeout: .now() + 10), .success)
            return outcome.get()
        }
        XCTAssertNil(send(1, caFile: caPath))
        let untrusted = send(2, caFile: nil)
        XCTAssertEqual(untrusted?.kind, .tls, "\(String(describing: untrusted))")
        XCTAssertNil(send(3, caFile: caPath))
    }

    /// One streamed reply to any POST; the port goes to a file once it listens.
    static let serverScript = #"""
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from os import rename
        from ssl import PROTOCOL_TLS_SERVER, SSLContext
        from sys import argv

        CHUNK = b'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"over tls"},"finish_reason":null}]}\n\n'
        LAST = b'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                body = CHUNK + LAST
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = SSLContext(PROTOCOL_TLS_SERVER)
        context.load_cert_chain(argv[1], argv[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
        with open(argv[3] + ".tmp", "w") as f:
            f.write("%d\n" % server.server_address[1])
        rename(argv[3] + ".tmp", argv[3])
        server.serve_forever()
        """#
}

/// The finished event's failure, handed from the transport thread to the test.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var failure: TransportFailure?

    func set(_ value: TransportFailure?) {
        lock.lock()
        failure = value
        lock.unlock()
    }

    func get() -> TransportFailure? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }
}

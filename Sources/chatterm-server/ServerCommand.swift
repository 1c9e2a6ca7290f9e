import ArgumentParser
import Foundation
import LocalServer

/// `chatterm-server`: the bundled local Prem-compatible server, for `make demo`, tests and
/// benchmarks. Wiring only; the behaviour lives in the LocalServer library.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chatterm-server",
        abstract: "A local Prem-compatible chat server on 127.0.0.1 (no API key, no network needed).",
        discussion: """
        Endpoints:
          prem    POST /v1/chat/completions, GET /v1/models/
          openai  POST /openai/v1/chat/completions, GET /openai/v1/models

        \(TestCommands.helpText)
        """
    )

    @Option(help: "TCP port on 127.0.0.1 (0 picks a free port).")
    var port: UInt16 = 0

    @Option(name: .customLong("delay-ms"), help: "Milliseconds to wait before each streamed token.")
    var delayMilliseconds: Int = 15

    @Option(help: "About how many tokens an ordinary reply has.")
    var tokens: Int = 120

    @Option(name: .customLong("require-key"), help: "Require 'Authorization: Bearer KEY' on every request.")
    var requireKey: String?

    @Option(name: .customLong("port-file"), help: "Write the bound port to this file once listening.")
    var portFile: String?

    @Flag(help: "Print one line per request (method, path, status; never header values).")
    var verbose = false

    @Flag(name: .customLong("exit-with-parent"), help: "Stop when the process that started this one exits (even by kill -9).")
    var exitWithParent = false

    func validate() throws {
        guard delayMilliseconds >= 0 else { throw ValidationError("--delay-ms must be 0 or more") }
        guard tokens > 0 else { throw ValidationError("--tokens must be positive") }
        if let requireKey, requireKey.isEmpty { throw ValidationError("--require-key needs a non-empty key") }
    }

    func run() async throws {
        var configuration = LocalServerConfiguration(
            port: port,
            tokenDelay: .milliseconds(delayMilliseconds),
            defaultTokenCount: tokens,
            requiredAPIKey: requireKey
        )
        if verbose {
            configuration.accessLog = { line in printFlushed(line) }
        }
        let server = LocalPremServer(configuration: configuration)
        let stopSignal = SignalWaiter(signals: [SIGINT, SIGTERM])
        if exitWithParent { stopSignal.stopWhenParentExits() }
        let boundPort = try await server.start()
        if let portFile {
            try writeAtomically("\(boundPort)\n", to: portFile)
        }
        let base = "http://\(LocalPremServer.host):\(boundPort)"
        printFlushed("chatterm-server listening on \(base) (prem: \(base), openai: \(base)\(LocalPremServer.openAIPathPrefix))")
        let received = await stopSignal.wait()
        printFlushed("chatterm-server stopping (signal \(received))")
        await server.stop()
    }

    /// Write-then-rename, so a script polling the file never reads a half-written port.
    private func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try Data(text.utf8).write(to: temporary)
        // rename(2) replaces an existing file atomically; Foundation's replaceItemAt fails on
        // Linux when the target exists (e.g. a file made by mktemp).
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ValidationError("could not write the port file \(path): \(reason)")
        }
    }
}

/// Stdout is a pipe under scripts, where it would otherwise be block-buffered.
func printFlushed(_ line: String) {
    print(line)
    fflush(nil)  // every output stream: naming C's `stdout` global is not concurrency-safe in Swift 6
}

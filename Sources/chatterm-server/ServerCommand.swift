import ArgumentParser
import Foundation
import LocalServer
import LocalToolServer

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

        With --mcp-stdio it is instead a Model Context Protocol server on stdin/stdout (for
        chatterm's [mcp.NAME] tables, tests and the benchmark), with deterministic tools:
          echo {text}       returns the text
          add {a, b}        returns the sum
          slow {seconds}    waits (default 5 s), then returns "slept N s"
          crash {}          writes "crash requested" to stderr and exits with status 3
          fail {message}    returns the message as a failed result (isError)
          big {kilobytes}   returns that many kilobytes of text
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

    @Flag(name: .customLong("mcp-stdio"), help: "Serve the test tools over MCP on stdin/stdout instead of HTTP.")
    var mcpStdio = false

    @Option(name: .customLong("tools"), help: "With --mcp-stdio: offer only these tools (comma-separated names).")
    var tools: String?

    @Option(name: .customLong("fail-start"), help: "With --mcp-stdio: write MESSAGE to stderr and exit 1 instead of serving.")
    var failStart: String?

    @Option(
        name: .customLong("timing-log"),
        help: "Append CLOCK_MONOTONIC times to FILE: each request's arrival and reply's finish chunk, or with --mcp-stdio each tool call's start and end.")
    var timingLog: String?

    func validate() throws {
        guard delayMilliseconds >= 0 else { throw ValidationError("--delay-ms must be 0 or more") }
        guard tokens > 0 else { throw ValidationError("--tokens must be positive") }
        if let requireKey, requireKey.isEmpty { throw ValidationError("--require-key needs a non-empty key") }
        if !mcpStdio, tools != nil || failStart != nil {
            throw ValidationError("--tools and --fail-start go with --mcp-stdio")
        }
        if let tools, case let .failure(problem) = LocalToolServer.Options.offeredTools(tools) {
            throw ValidationError(problem.message)
        }
    }

    func run() async throws {
        if mcpStdio {
            // Nothing but the protocol on stdout from here on.
            var options = LocalToolServer.Options(failStart: failStart, timingLogPath: timingLog)
            if let tools, case let .success(offered) = LocalToolServer.Options.offeredTools(tools) { options.offered = offered }
            let status = await LocalToolServer.serve(options)
            if status != 0 { throw ExitCode(status) }
            return
        }
        var configuration = LocalServerConfiguration(
            port: port,
            tokenDelay: .milliseconds(delayMilliseconds),
            defaultTokenCount: tokens,
            requiredAPIKey: requireKey
        )
        if verbose {
            configuration.accessLog = { line in printFlushed(line) }
        }
        if let timingLog {
            let file = try TimingLogFile(path: timingLog)
            configuration.timingLog = { event in file.append(event) }
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

import Foundation
import LocalServer
import MCP

/// The test MCP server behind `chatterm-server --mcp-stdio` (issue 23): the SDK's `Server` on
/// stdin/stdout serving `LocalToolCatalog`'s tools. Standard output carries nothing but the
/// protocol (the SDK's logger is silent); what a person should read goes to stderr.
public enum LocalToolServer {
    public struct Options: Sendable, Equatable {
        /// `--tools a,b`: offer only these; nil offers every tool.
        public var offered: [LocalToolName]?
        /// `--fail-start MESSAGE`: write MESSAGE to stderr and exit 1 before serving.
        public var failStart: String?
        /// `--timing-log FILE`: a `tool NAME START END` line per call (the benchmark's input).
        public var timingLogPath: String?

        public init(offered: [LocalToolName]? = nil, failStart: String? = nil, timingLogPath: String? = nil) {
            self.offered = offered
            self.failStart = failStart
            self.timingLogPath = timingLogPath
        }

        /// `--tools`' value: names separated by commas, each a `LocalToolName`; a clear
        /// message naming the unknown one otherwise.
        public static func offeredTools(_ list: String) -> Result<[LocalToolName], OptionProblem> {
            var tools: [LocalToolName] = []
            for word in list.split(separator: ",", omittingEmptySubsequences: false) {
                let name = word.trimmingCharacters(in: .whitespaces)
                guard let tool = LocalToolName(rawValue: name) else {
                    let known = LocalToolName.allCases.map(\.rawValue).joined(separator: ", ")
                    return .failure(OptionProblem(message: "--tools: no tool named \"\(name)\" (the tools are \(known))"))
                }
                if !tools.contains(tool) { tools.append(tool) }
            }
            return .success(tools)
        }
    }

    public struct OptionProblem: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The exit status of a server told to fail at start.
    public static let failStartStatus: Int32 = 1

    /// Serves until stdin closes; returns the exit status (the `crash` tool and `--fail-start`
    /// end the process themselves, as a broken server would).
    public static func serve(_ options: Options) async -> Int32 {
        if let message = options.failStart {
            writeToStandardError(message)
            return failStartStatus
        }
        var timingLog: TimingLogFile?
        if let path = options.timingLogPath {
            do { timingLog = try TimingLogFile(path: path) } catch {
                writeToStandardError("chatterm-server --mcp-stdio: \(error)")
                return 2
            }
        }
        let server = await makeServer(offered: options.offered ?? LocalToolName.allCases, timingLog: timingLog)
        do {
            try await server.start(transport: StdioTransport())
        } catch {
            writeToStandardError("chatterm-server --mcp-stdio: cannot start: \(error)")
            return 1
        }
        await server.waitUntilCompleted()
        await server.stop()
        return 0
    }

    /// The server with its two handlers; a transport is the caller's (stdio when serving).
    public static func makeServer(offered: [LocalToolName], timingLog: TimingLogFile? = nil) async -> Server {
        let server = Server(
            name: "chatterm-test-tools", version: "1.0",
            capabilities: Server.Capabilities(tools: .init(listChanged: false)))
        let tools = LocalToolCatalog.tools(offered: offered)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools) }
        await server.withMethodHandler(CallTool.self) { parameters in
            guard let tool = LocalToolName(rawValue: parameters.name), offered.contains(tool) else {
                return CallTool.Result(content: [text("no tool named \(parameters.name)")], isError: true)
            }
            let start = MonotonicTime.nanoseconds()
            let result = try await run(LocalToolOutcome.plan(tool: tool, arguments: parameters.arguments))
            timingLog?.append(.toolCall(name: tool.rawValue, start: start, end: MonotonicTime.nanoseconds()))
            return result
        }
        return server
    }

    private static func run(_ outcome: LocalToolOutcome) async throws -> CallTool.Result {
        switch outcome {
        case let .answer(text, isError):
            // `isError` only when set: a successful result usually leaves it out.
            return CallTool.Result(content: [Self.text(text)], isError: isError ? true : nil)
        case let .answerAfter(seconds, text):
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            return CallTool.Result(content: [Self.text(text)])
        case .crash:
            writeToStandardError(LocalToolOutcome.crashMessage)
            exit(LocalToolOutcome.crashStatus)
        }
    }

    private static func text(_ text: String) -> Tool.Content {
        .text(text: text, annotations: nil, _meta: nil)
    }

    private static func writeToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

import ChatCore
import ChatRuntime
import Foundation
import ScriptMode
import SessionStore

/// The ask's MCP side that touches the machine: the config's servers and their host, and the
/// approval question asked on the terminal (what the answers mean is `AskToolApproval`'s).
extension AskRunner {
    /// The config's `[mcp.NAME]` servers and `max_tool_rounds`.
    static func configuredToolSettings(_ settings: LaunchSettings) -> ToolSettings {
        settings.toolSettings
    }

    /// The runtime's client for exactly `tools.servers` (the ask's selection): their logs go
    /// beside the database, as the app's do. The client of no servers when none would start.
    static func toolServersClient(for tools: ToolSettings, settings: LaunchSettings) -> ToolServersClient {
        let databasePath = settings.databasePath ?? SessionStore.defaultPath(environment: ProcessInfo.processInfo.environment)
        return LiveToolServers.host(tools, databasePath: databasePath, caFile: settings.caFile)?.client ?? ToolServersClient()
    }

    /// Asks on stderr, reads the answer from the terminal; an answer not understood asks
    /// again, the end of input (or no terminal after all) is no.
    static func askOnTerminal(_ run: ToolCallRun) -> Command {
        let tty = open("/dev/tty", O_RDONLY | O_CLOEXEC)
        guard tty >= 0 else { return .refuseTool }
        defer { close(tty) }
        while true {
            _ = Self.writeAll(STDERR_FILENO, "chatterm: " + AskToolApproval.prompt(for: run))
            let line = Self.readLine(tty)
            if let command = AskToolApproval.command(forAnswer: line) { return command }
            _ = Self.writeAll(STDERR_FILENO, "chatterm: " + AskToolApproval.unclearAnswer)
        }
    }

    /// One line from `fd` without its line break; nil at the end of input.
    private static func readLine(_ fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }

    /// A terminal to ask on: stderr is one (the question goes there) and /dev/tty opens.
    static func hasTerminal() -> Bool {
        guard isatty(STDERR_FILENO) == 1 else { return false }
        let tty = open("/dev/tty", O_RDONLY | O_CLOEXEC)
        guard tty >= 0 else { return false }
        close(tty)
        return true
    }
}

import ChatCore
import XCTest

@testable import chatterm

/// `chatterm config check` says, for each enabled stdio MCP server, whether its command is on
/// PATH: a problem when it is not, a line saying where when it is.
final class ConfigCheckMcpCommandTests: XCTestCase {
    func testEachEnabledStdioCommandIsLookedForOnPath() {
        var off = ToolServerConfig(name: "off", transport: .stdio(command: "chatterm-missing-too", arguments: [], environment: [:]))
        off.enabled = false
        var settings = ConfigFileSettings(path: "/c.toml")
        settings.toolSettings = ToolSettings(servers: [
            ToolServerConfig(name: "shell", transport: .stdio(command: "sh", arguments: [], environment: [:])),
            ToolServerConfig(name: "absolute", transport: .stdio(command: "/bin/sh", arguments: [], environment: [:])),
            ToolServerConfig(name: "gone", transport: .stdio(command: "chatterm-no-such-mcp-server", arguments: [], environment: [:])),
            ToolServerConfig(name: "web", transport: .http(url: "http://127.0.0.1:1/mcp", bearerTokenEnvironment: nil)),
            off,
        ])
        let (problems, found) = ConfigCommand.Check.mcpCommands(settings, path: "/c.toml")
        XCTAssertEqual(problems, [#"config file /c.toml: mcp.gone.command: "chatterm-no-such-mcp-server" is not found on PATH (or not executable)"#])
        XCTAssertEqual(found.count, 2)
        XCTAssertTrue(found[0].hasPrefix(#"mcp.shell: "sh" found at ""#) && found[0].hasSuffix(#"/sh""#), found[0])
        XCTAssertEqual(found[1], #"mcp.absolute: "/bin/sh" found at "/bin/sh""#)
    }
}

import ChatCore
import ChattermConfig
import XCTest

/// `[mcp.NAME]` tables and `max_tool_rounds` (issue 23).
final class McpTableTests: XCTestCase {
    let path = "/home/u/.config/chatterm/config.toml"

    func parse(_ text: String) throws -> ConfigFileSettings {
        try ConfigFileParser.parse(text: text, path: path, permissions: 0o600, homeDirectory: "/home/u")
    }

    func problems(_ text: String) -> [String] {
        ConfigFileParser.check(text: text, path: path, permissions: 0o600, homeDirectory: "/home/u")
    }

    func testStdioAndHTTPServersWithEveryKey() throws {
        let settings = try parse("""
            max_tool_rounds = 3

            [mcp.files]
            command = "npx"
            args = ["-y", "@modelcontextprotocol/server-filesystem", "/home/me/notes"]
            env = { LOG_LEVEL = "warn", NODE_OPTIONS = "" }
            approve = "always"
            tools = ["read_file", "list_directory"]
            timeout = 120

            [mcp.web-search]
            url = "https://search.example/mcp"
            bearer_token_env = "SEARCH_KEY"
            approve_tools = ["search"]
            enabled = false
            """)
        XCTAssertEqual(settings.toolSettings, ToolSettings(servers: [
            ToolServerConfig(
                name: "files",
                transport: .stdio(
                    command: "npx", arguments: ["-y", "@modelcontextprotocol/server-filesystem", "/home/me/notes"],
                    environment: ["LOG_LEVEL": "warn", "NODE_OPTIONS": ""]),
                approval: .always, allowedTools: ["read_file", "list_directory"], timeoutSeconds: 120),
            ToolServerConfig(
                name: "web-search", transport: .http(url: "https://search.example/mcp", bearerTokenEnvironment: "SEARCH_KEY"),
                autoApprovedTools: ["search"], enabled: false),
        ], maxToolRounds: 3))
    }

    func testDefaults() throws {
        let settings = try parse("[mcp.a]\ncommand = \"server\"\n")
        XCTAssertEqual(settings.toolSettings, ToolSettings(servers: [
            ToolServerConfig(name: "a", transport: .stdio(command: "server", arguments: [], environment: [:])),
        ], maxToolRounds: 8))
        XCTAssertEqual(settings.toolSettings.servers.first?.timeoutSeconds, 60)
        XCTAssertEqual(settings.toolSettings.servers.first?.approval, .ask)
        XCTAssertEqual(try parse("").toolSettings, ToolSettings())
    }

    func testEachBadValueIsListedWithItsKeyAndLine() {
        let found = problems("""
            max_tool_rounds = 0
            [mcp.a]
            command = "x"
            url = "http://h/mcp"
            [mcp.b]
            args = ["x"]
            [mcp.c]
            command = "x"
            approve = "never"
            timeout = 0
            tools = ["ok", 3]
            enabled = "yes"
            env = { "BAD NAME" = "v" }
            [mcp.d]
            url = "ftp://h"
            [mcp.e]
            url = "http://h"
            args = ["x"]
            [mcp.f]
            command = "x"
            bearer_token_env = "KEY"
            [mcp.g]
            url = "http://h"
            bearer_token_env = "sk-live-123 456"
            """)
        let at = "config file \(path), line"
        XCTAssertEqual(found, [
            "\(at) 1: max_tool_rounds: 0 is out of range (1 to 100)",
            "\(at) 4: mcp.a.url: give command or url, not both",
            #"\#(at) 5: mcp.b: needs command = "program" (a server on stdio) or url = "http://…" (streamable HTTP)"#,
            #"\#(at) 9: mcp.c.approve: "never" is not an approval policy (use "ask" or "always")"#,
            "\(at) 10: mcp.c.timeout: 0 is out of range (1 to 3600)",
            "\(at) 11: mcp.c.tools: item 2 must be a string, not an integer",
            "\(at) 12: mcp.c.enabled: must be true or false, not a string",
            "\(at) 13: mcp.c.env.BAD NAME: is not an environment variable's name (letters, digits, _)",
            #"\#(at) 15: mcp.d.url: "ftp://h" is not an http:// or https:// URL"#,
            "\(at) 18: mcp.e.args: is for a server started by command, not reached by url",
            "\(at) 21: mcp.f.bearer_token_env: is for a server reached by url, not by command",
            "\(at) 24: mcp.g.bearer_token_env: must be an environment variable's name (letters, digits, _), not the key itself",
        ].sorted { lineNumber($0) < lineNumber($1) })
    }

    private func lineNumber(_ message: String) -> Int {
        Int(message.split(separator: ",")[1].split(separator: " ")[1].dropLast()) ?? 0
    }

    func testUnknownKeysGetDidYouMean() {
        XCTAssertEqual(
            problems("[mcp.a]\ncommand = \"x\"\narg = [\"y\"]\n"),
            ["config file \(path), line 3: mcp.a.arg: unknown key (did you mean args?)"])
        XCTAssertEqual(
            problems("max_tool_round = 3\n"),
            ["config file \(path), line 1: max_tool_round: unknown key (did you mean max_tool_rounds?)"])
    }

    func testServerNamesAreWhatAToolNamePrefixAllows() {
        let found = problems("[mcp.\"my files\"]\ncommand = \"x\"\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].contains("mcp.my files: server names are letters, digits, '-' and '_' (they prefix its tools' names"), found[0])
        XCTAssertEqual(problems("[mcp]\nfiles = \"npx\"\n").first?.contains("mcp.files: must be a table ([mcp.files]), not a string"), true)
        XCTAssertEqual(problems("mcp = 3\n").first?.contains("mcp: must be a table, not an integer"), true)
    }

    func testMaxToolRounds() throws {
        XCTAssertEqual(try parse("max_tool_rounds = 100\n").toolSettings.maxToolRounds, 100)
        XCTAssertEqual(try parse("max_tool_rounds = 1\n").toolSettings.maxToolRounds, 1)
        XCTAssertEqual(problems("max_tool_rounds = 101\n"), ["config file \(path), line 1: max_tool_rounds: 101 is out of range (1 to 100)"])
        XCTAssertEqual(problems("max_tool_rounds = \"8\"\n"), ["config file \(path), line 1: max_tool_rounds: must be a whole number, not a string"])
    }
}

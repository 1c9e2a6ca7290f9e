import ChatCore
import XCTest

/// The config file's `[mcp.NAME]` servers and `max_tool_rounds` reach the launch settings
/// (and from there `LaunchState.toolSettings`); without a file there are none.
final class LaunchToolSettingsTests: XCTestCase {
    func testTheFilesToolSettingsAreCarried() throws {
        var file = ConfigFileSettings(path: "/c.toml")
        file.toolSettings = ToolSettings(
            servers: [ToolServerConfig(name: "files", transport: .stdio(command: "npx", arguments: ["-y"], environment: [:]))], maxToolRounds: 3)
        let settings = try LaunchSettings.resolve(LaunchOptions(projectID: 1), file: file, environment: ["PREMAI_API_KEY": "k"])
        XCTAssertEqual(settings.toolSettings, file.toolSettings)
        let none = try LaunchSettings.resolve(LaunchOptions(projectID: 1), environment: ["PREMAI_API_KEY": "k"])
        XCTAssertEqual(none.toolSettings, ToolSettings())
    }
}

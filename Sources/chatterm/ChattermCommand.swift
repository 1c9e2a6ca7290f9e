import ArgumentParser
import ChatClient
import ChatCore
import CursesTerminal
import Foundation
import SessionStore
import StreamProtocol

extension Dialect: ExpressibleByArgument {}

@main
struct ChattermCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "chatterm",
        abstract: "A full-screen terminal chat client for Prem AI and OpenAI-compatible servers.",
        discussion: """
            The API key comes from PREMAI_API_KEY (prem dialect) or OPENAI_API_KEY (openai dialect); \
            servers on 127.0.0.1/localhost need none. Sessions are kept in SQLite under \
            $XDG_DATA_HOME/chatterm/ (default ~/.local/share/chatterm/). Press F1 inside for the keys.
            """,
        version: version)

    @Option(help: "Server base URL (prem default: https://app.premai.io; openai default: https://studio.premai.io/api/v1).")
    var baseURL: String?

    @Option(help: "Wire dialect: prem or openai.")
    var dialect: Dialect = .prem

    @Option(help: "Prem project id (required by the prem dialect).")
    var projectID: Int?

    @Option(help: "Model name (required by the openai dialect).")
    var model: String?

    @Option(name: .customLong("db"), help: "Session database path.")
    var databasePath: String?

    @Option(help: "Theme: default, light, mono, or a path to a theme .toml file.")
    var theme: String?

    func run() throws {
        let options = LaunchOptions(
            baseURL: baseURL, dialect: dialect, projectID: projectID, model: model,
            databasePath: databasePath, theme: theme)
        let settings: LaunchSettings
        do {
            settings = try LaunchSettings.resolve(options, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("\(error)")
        }
        try Launcher(settings: settings).run()
    }
}

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
            Settings come from flags, then the config file ($XDG_CONFIG_HOME/chatterm/config.toml, \
            default ~/.config/chatterm/config.toml), then built-in defaults. The API key comes from \
            PREMAI_API_KEY (prem dialect) or OPENAI_API_KEY (openai dialect), else from api_key in a \
            config file only you can read; servers on 127.0.0.1/localhost need none. Sessions are kept \
            in SQLite under $XDG_DATA_HOME/chatterm/ (default ~/.local/share/chatterm/). Press F1 inside \
            for the keys. Every setting: docs/configuration.md.
            """,
        version: version,
        subcommands: [KeysCommand.self])

    @Option(help: "Server base URL (prem default: https://app.premai.io; openai default: https://studio.premai.io/api/v1).")
    var baseURL: String?

    @Option(help: "Wire dialect: prem or openai (default: prem).")
    var dialect: Dialect?

    @Option(help: "Prem project id (required by the prem dialect).")
    var projectID: Int?

    @Option(help: "Model name (required by the openai dialect).")
    var model: String?

    @Option(name: .customLong("db"), help: "Session database path.")
    var databasePath: String?

    @Option(help: "Theme: default, light, mono, or a path to a theme .toml file.")
    var theme: String?

    @Option(help: ArgumentHelp("Retries of a request that fails before its reply starts (429, 5xx, connection), 0–10 (default 3).", valueName: "n"))
    var maxRetries: Int?

    @Option(help: ArgumentHelp("Seconds to wait for the connection (default 10).", valueName: "seconds"))
    var connectTimeout: Double?

    @Option(help: ArgumentHelp("Seconds without data before the status line says so (default 15).", valueName: "seconds"))
    var idleNotice: Int?

    @Option(help: ArgumentHelp("Seconds without data after which a reply is abandoned (default: never; Esc stops it).", valueName: "seconds"))
    var idleTimeout: Double?

    @Option(help: ArgumentHelp("Config file to read instead of the default location (it must exist).", valueName: "path"))
    var config: String?

    @Flag(help: "Read no config file.")
    var noConfig = false

    func validate() throws {
        if noConfig && config != nil { throw ValidationError("--config and --no-config cannot be used together.") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let options = LaunchOptions(
            baseURL: baseURL, dialect: dialect, projectID: projectID, model: model, databasePath: databasePath,
            theme: theme, maxRetries: maxRetries, connectTimeoutSeconds: connectTimeout, idleNoticeSeconds: idleNotice,
            idleTimeoutSeconds: idleTimeout)
        let settings: LaunchSettings
        do {
            let file = noConfig ? nil : try ConfigLoader.load(explicitPath: config, environment: environment)
            settings = try LaunchSettings.resolve(options, file: file, environment: environment)
        } catch {
            throw ValidationError("\(error)")
        }
        try Launcher(settings: settings).run()
    }
}

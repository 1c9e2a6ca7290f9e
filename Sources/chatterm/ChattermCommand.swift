import ArgumentParser
import CBuildInfo
import ChatClient
import ChatCore
import CursesTerminal
import Foundation
import SessionStore
import StreamProtocol

@main
struct ChattermCommand: ParsableCommand {
    static let versionNumber = "0.1.0"
    /// "0.1.0 (commit 1a2b3c4d5e6f)": the commit `make` built from, "unknown" for a plain
    /// `swift build` (see CBuildInfo).
    static let version = "\(versionNumber) (commit \(String(cString: chatterm_build_commit())))"

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
        subcommands: [AskCommand.self, KeysCommand.self, SessionsCommand.self, ExportCommand.self, ImportCommand.self, ConfigCommand.self])

    /// ArgumentParser's `main`, with chatterm's error shape (`ErrorReport`): a usage mistake
    /// shows the usage of the subcommand typed, a failure of the run its own exit status.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var parsed: ParsableCommand?
        do {
            var command = try parseAsRoot(arguments)
            parsed = command
            try command.run()
        } catch {
            let outcome = ErrorReport.outcome(for: error, command: parsed, arguments: arguments)
            if !outcome.stdout.isEmpty { FileHandle.standardOutput.write(Data(outcome.stdout.utf8)) }
            if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data(outcome.stderr.utf8)) }
            Glibc.exit(outcome.status)
        }
    }

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Theme: default, light, solarized-dark, solarized-light, high-contrast, mono, a user theme's name (~/.config/chatterm/themes/NAME.toml), or a path to a theme .toml file.")
    var theme: String?

    @Option(help: ArgumentHelp("Seconds without data before the status line says so (default 15).", valueName: "seconds"))
    var idleNotice: Int?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let file = try connection.configFile(environment: environment)
        let settings = try connection.settings(
            file: file, environment: environment, theme: theme, idleNotice: idleNotice, welcoming: true)
        let profiles = ProfileChoices.resolve(file: file, environment: environment, current: settings)
        try Launcher(settings: settings, profiles: profiles).run()
    }
}

import ArgumentParser
import ChatCore
import ChattermConfig
import Foundation
import ProcessSpawn

/// `chatterm config path|check|example`: where the config file is, everything wrong with it,
/// and a file with every setting to start from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Where the config file is, what is wrong with it, and an example with every setting.",
        subcommands: [Path.self, Check.self, Example.self])

    /// `--config PATH` (the option every command shares), else the default location.
    static func path(_ connection: ConnectionOptions) throws -> String {
        guard let path = connection.config ?? ConfigPaths.defaultPath(environment: ProcessInfo.processInfo.environment) else {
            throw ValidationError("no config location: neither XDG_CONFIG_HOME nor HOME is set; use --config PATH.")
        }
        return path
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the config file's path (and whether it exists, on stderr).")
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let path = try ConfigCommand.path(connection)
            print(path)
            if !FileManager.default.fileExists(atPath: path) {
                FileHandle.standardError.write(Data("chatterm: no file there yet; `chatterm config example > \(path)` starts one.\n".utf8))
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every problem of the config file with its line and key; exit status 1 when there is one.")
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let path = try ConfigCommand.path(connection)
            guard let (text, permissions) = try ConfigLoader.read(path, mustExist: connection.config != nil) else {
                FileHandle.standardError.write(Data("chatterm: no config file at \(path): chatterm runs on flags and defaults.\n".utf8))
                return
            }
            let checked = ConfigFileParser.checkKeepingSettings(
                text: text, path: path, permissions: permissions, homeDirectory: ProcessInfo.processInfo.environment["HOME"])
            // The CA files it names must be readable certificates too (they are read only when used).
            let caFiles = [("ca_file", checked.settings.caFile)]
                + checked.settings.profiles.map { ("profiles.\($0.name).ca_file", $0.caFile) }
            var problems = checked.problems + caFiles.compactMap { key, file in
                file.flatMap(ConnectionOptions.caFileProblem).map { "config file \(path): \(key): \($0)" }
            }
            let (commandProblems, commandsFound) = Self.mcpCommands(checked.settings, path: path)
            problems += commandProblems
            for problem in problems { FileHandle.standardError.write(Data("chatterm: \(problem)\n".utf8)) }
            for found in commandsFound { FileHandle.standardError.write(Data("chatterm: \(found)\n".utf8)) }
            // A `[keys]` warning keeps its entry: said, but the file is fine (status 0).
            for warning in checked.warnings { FileHandle.standardError.write(Data("chatterm: warning: \(warning)\n".utf8)) }
            let warned = checked.warnings.isEmpty ? "" : ", \(Self.count(checked.warnings.count, "warning"))"
            guard !problems.isEmpty else {
                FileHandle.standardError.write(Data("chatterm: config file \(path): no problems\(warned).\n".utf8))
                return
            }
            FileHandle.standardError.write(Data("chatterm: \(Self.count(problems.count, "problem"))\(warned).\n".utf8))
            throw ExitCode(1)
        }

        /// Whether each enabled stdio server's command is on PATH: a problem when not (the server
        /// would fail at every start), a line saying where when it is.
        static func mcpCommands(_ settings: ConfigFileSettings, path: String) -> (problems: [String], found: [String]) {
            var problems: [String] = []
            var found: [String] = []
            for server in settings.toolSettings.servers where server.enabled {
                guard case .stdio(let command, _, _) = server.transport else { continue }
                let shown = String(reflecting: command)
                if let location = Spawn.findOnPath(command) {
                    found.append("mcp.\(server.name): \(shown) found at \(String(reflecting: location))")
                } else {
                    problems.append("config file \(path): mcp.\(server.name).command: \(shown) is not found on PATH (or not executable)")
                }
            }
            return (problems, found)
        }

        /// "1 problem", "3 warnings".
        static func count(_ number: Int, _ noun: String) -> String {
            "\(number) \(noun)\(number == 1 ? "" : "s")"
        }
    }

    struct Example: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a config file with every setting, commented.")

        func run() {
            print(ConfigExample.text)
        }
    }
}

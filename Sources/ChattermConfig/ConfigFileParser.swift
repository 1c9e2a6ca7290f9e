import ChatCore
import StreamProtocol
import TOMLKit

/// Reads `config.toml` (format: docs/configuration.md) into `ConfigFileSettings`. Pure: the
/// caller reads the file and passes its text and permission bits, so every rule is unit
/// tested. Any problem rejects the whole file: the app never starts half-configured.
public enum ConfigFileParser {
    static let topLevelKeys = [
        "base_url", "dialect", "project_id", "model", "theme", "database", "api_key",
        "max_retries", "connect_timeout", "idle_notice", "idle_timeout", "defaults", "keys", "ask", "profiles", "display",
        "clipboard", "mouse",
        "default_profile", "api_key_command", "ca_file", "mcp", "max_tool_rounds",
    ]
    /// `max_tool_rounds`: how many rounds of tool calls one user turn may take.
    static let maxToolRounds = 1...100

    /// - Parameters:
    ///   - path: the file's path, quoted in messages; relative `theme`/`database` paths are
    ///     taken relative to its directory.
    ///   - permissions: the file's mode bits (`st_mode & 0o777`); an `api_key` is refused when
    ///     group or others may read the file.
    ///   - homeDirectory: what a leading `~/` in `theme`/`database` stands for.
    public static func parse(
        text: String, path: String, permissions: UInt32, homeDirectory: String?
    ) throws(ConfigError) -> ConfigFileSettings {
        let (settings, problems) = read(text: text, path: path, permissions: permissions, homeDirectory: homeDirectory)
        if let first = problems.first { throw first }
        return settings
    }

    /// As `parse`, refusing the file with every problem it has (what start-up says), not the
    /// first. `[keys]` problems are not among them: the app starts with those and says so.
    public static func parseReportingAll(
        text: String, path: String, permissions: UInt32, homeDirectory: String?
    ) throws(ConfigErrors) -> ConfigFileSettings {
        let (settings, problems) = read(text: text, path: path, permissions: permissions, homeDirectory: homeDirectory)
        guard problems.isEmpty else { throw ConfigErrors(problems) }
        return settings
    }

    /// Every problem of the file, in the order of its keys (`chatterm config check`): each
    /// setting is read on its own, so one mistake does not hide the next. `[keys]` problems
    /// are listed too, although the app starts with them (the defaults kept).
    public static func check(text: String, path: String, permissions: UInt32, homeDirectory: String?) -> [String] {
        checkKeepingSettings(text: text, path: path, permissions: permissions, homeDirectory: homeDirectory).problems
    }

    /// As `check`, with what could be read: the files it names (`ca_file`) are the
    /// executable's to look at, and the `[keys]` warnings (entries kept) are its to print.
    public static func checkKeepingSettings(
        text: String, path: String, permissions: UInt32, homeDirectory: String?
    ) -> (problems: [String], warnings: [String], settings: ConfigFileSettings) {
        let (settings, problems) = read(text: text, path: path, permissions: permissions, homeDirectory: homeDirectory)
        return (problems.map(\.description) + settings.keymapProblems, settings.keymapWarnings, settings)
    }

    private static func read(
        text: String, path: String, permissions: UInt32, homeDirectory: String?
    ) -> (ConfigFileSettings, [ConfigError]) {
        let problems = ConfigProblems(path: path)
        let settings = read(text: text, path: path, permissions: permissions, homeDirectory: homeDirectory, problems: problems)
        // In the file's order: what a reader going down it meets first comes first.
        let ordered = problems.errors.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
        return (settings, ordered.map(\.element))
    }

    private static func read(
        text: String, path: String, permissions: UInt32, homeDirectory: String?, problems: ConfigProblems
    ) -> ConfigFileSettings {
        var settings = ConfigFileSettings(path: path)
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            problems.append(ConfigError(
                path: path, line: error.source.begin.line, column: error.source.begin.column,
                problem: syntaxProblem(error, text: text)))
            return settings
        } catch {
            problems.append(ConfigError(path: path, problem: "could not be read (\(error))"))
            return settings
        }
        let reader = TOMLReader(path: path, lines: TOMLKeyLines(text: text))
        func collect<Value>(_ read: () throws -> Value?) -> Value? { problems.collect(read) }
        _ = collect {
            try reader.rejectUnknownKeys(in: document, at: [], known: topLevelKeys) { key in
                DefaultsTable.keys.contains(key) || key == "session_id"
                    ? "request fields go in the [defaults] table" : nil
            }
        }

        settings.baseURL = collect { try baseURL(document, at: [], reader: reader) }
        settings.dialect = collect { try dialect(document, at: [], reader: reader) }
        settings.projectID = collect { try reader.integer(document, "project_id", at: [], in: 1...Int.max) }
        settings.model = collect { try reader.string(document, "model", at: []) }
        settings.theme = collect { try theme(document, at: [], reader: reader, besides: path, homeDirectory: homeDirectory) }
        settings.caFile = collect { try caFile(document, at: [], reader: reader, besides: path, homeDirectory: homeDirectory) }
        if let database = collect({ try reader.string(document, "database", at: []) }) {
            settings.databasePath = ConfigPaths.resolve(database, besides: path, homeDirectory: homeDirectory)
        }
        settings.maxRetries = collect { try reader.integer(document, "max_retries", at: [], in: LaunchLimits.maxRetries) }
        settings.connectTimeoutSeconds = collect {
            try reader.number(document, "connect_timeout", at: [], in: LaunchLimits.connectTimeoutSeconds)
        }
        settings.idleNoticeSeconds = collect { try reader.integer(document, "idle_notice", at: [], in: LaunchLimits.idleNoticeSeconds) }
        settings.idleTimeoutSeconds = collect { try reader.number(document, "idle_timeout", at: [], in: LaunchLimits.idleTimeoutSeconds) }
        settings.apiKey = collect { try apiKey(document, reader: reader, permissions: permissions) }
        settings.apiKeyCommand = collect { try keyCommand(document, at: [], reader: reader) }
        if let defaults = collect({ try reader.table(document, "defaults", at: []) }) {
            settings.defaults = DefaultsTable.read(defaults, reader: reader, problems: problems)
        }
        if let profiles = collect({ try reader.table(document, "profiles", at: []) }) {
            settings.profiles = ProfilesTable.read(
                profiles, reader: reader, besides: path, homeDirectory: homeDirectory, problems: problems)
        }
        settings.defaultProfile = collect { () throws -> String? in
            guard let name = try reader.string(document, "default_profile", at: []) else { return nil }
            guard settings.profiles.contains(where: { $0.name == name }) else {
                let known = settings.profiles.isEmpty ? "there are none" : settings.profiles.map(\.name).joined(separator: ", ")
                throw reader.error(["default_profile"], "\(quoted(name)) is not a [profiles.NAME] table of this file (profiles: \(known))")
            }
            return name
        }
        if let ask = collect({ try reader.table(document, "ask", at: []) }) {
            _ = collect { try reader.rejectUnknownKeys(in: ask, at: ["ask"], known: ["store"]) }
            settings.askStoresSessions = collect { try reader.bool(ask, "store", at: ["ask"]) }
        }
        if let clipboard = collect({ try reader.table(document, "clipboard", at: []) }) {
            _ = collect { try reader.rejectUnknownKeys(in: clipboard, at: ["clipboard"], known: ["method"]) }
            settings.clipboardMethod = collect { () throws -> ClipboardMethod? in
                guard let name = try reader.string(clipboard, "method", at: ["clipboard"]) else { return nil }
                guard let method = ClipboardMethod(rawValue: name) else {
                    let known = ClipboardMethod.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                    throw reader.error(["clipboard", "method"], "\(quoted(name)) is not a clipboard method (use one of \(known))")
                }
                return method
            } ?? settings.clipboardMethod
        }
        if let mouse = collect({ try reader.table(document, "mouse", at: []) }) {
            _ = collect { try reader.rejectUnknownKeys(in: mouse, at: ["mouse"], known: ["enabled"]) }
            settings.mouseEnabled = collect { try reader.bool(mouse, "enabled", at: ["mouse"]) }
        }
        if let display = collect({ try reader.table(document, "display", at: []) }) {
            _ = collect { try reader.rejectUnknownKeys(in: display, at: ["display"], known: ["markdown", "user_markdown"]) }
            settings.markdownReplies = collect { try reader.bool(display, "markdown", at: ["display"]) }
            settings.markdownUserMessages = collect { try reader.bool(display, "user_markdown", at: ["display"]) }
        }
        if let mcp = collect({ try reader.table(document, "mcp", at: []) }) {
            settings.toolSettings.servers = McpTable.read(mcp, reader: reader, problems: problems)
        }
        if let rounds = collect({ try reader.integer(document, "max_tool_rounds", at: [], in: maxToolRounds) }) {
            settings.toolSettings.maxToolRounds = rounds
        }
        if let keys = document["keys"] {
            if let table = keys.table {
                (settings.keymap, settings.keymapProblems, settings.keymapWarnings) = KeysTable.read(table, reader: reader)
            } else {
                settings.keymapProblems = [reader.error(["keys"], "must be a table, not \(reader.describe(keys))").description]
            }
        }
        return settings
    }

    static func baseURL(_ table: TOMLTable, at: [String], reader: TOMLReader) throws -> String? {
        guard let base = try reader.string(table, "base_url", at: at) else { return nil }
        let lower = base.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw reader.error(at + ["base_url"], "\(quoted(base)) is not an http:// or https:// URL")
        }
        return base
    }

    static func dialect(_ table: TOMLTable, at: [String], reader: TOMLReader) throws -> Dialect? {
        guard let name = try reader.string(table, "dialect", at: at) else { return nil }
        guard let dialect = Dialect(rawValue: name) else {
            throw reader.error(at + ["dialect"], "\(quoted(name)) is not a dialect (use \"prem\" or \"openai\")")
        }
        return dialect
    }

    /// A built-in theme is a bare name; anything that looks like a file is a path, taken
    /// relative to the config file.
    static func theme(
        _ table: TOMLTable, at: [String], reader: TOMLReader, besides path: String, homeDirectory: String?
    ) throws -> String? {
        guard let theme = try reader.string(table, "theme", at: at) else { return nil }
        let isPath = theme.contains("/") || theme.hasSuffix(".toml")
        return isPath ? ConfigPaths.resolve(theme, besides: path, homeDirectory: homeDirectory) : theme
    }

    /// A path, relative to the config file; whether it can be read is checked when it is used
    /// (the file may be read on another machine than the one it was checked on).
    static func caFile(
        _ table: TOMLTable, at: [String], reader: TOMLReader, besides path: String, homeDirectory: String?
    ) throws -> String? {
        guard let file = try reader.string(table, "ca_file", at: at) else { return nil }
        return ConfigPaths.resolve(file, besides: path, homeDirectory: homeDirectory)
    }

    /// The key is accepted only from a file no one else can read; it is never repeated in a
    /// message (not even when it is the wrong type).
    private static func apiKey(_ document: TOMLTable, reader: TOMLReader, permissions: UInt32) throws -> String? {
        guard let value = document["api_key"] else { return nil }
        if permissions & 0o044 != 0 {
            throw reader.error(
                ["api_key"],
                "this file holds an API key but group or others may read it (mode \(octal(permissions))). "
                    + "Run: chmod 600 \(reader.path) (or remove api_key and export the key in PREMAI_API_KEY / OPENAI_API_KEY)")
        }
        guard let key = value.string else {
            throw reader.error(["api_key"], "must be a string, not \(reader.describe(value))")
        }
        if let problem = LaunchLimits.problemWithAPIKey(key) { throw reader.error(["api_key"], problem) }
        return key
    }

    /// A shell command line, run with `/bin/sh -c`; not empty.
    static func keyCommand(_ table: TOMLTable, at: [String], reader: TOMLReader) throws -> String? {
        guard let command = try reader.string(table, "api_key_command", at: at) else { return nil }
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw reader.error(at + ["api_key_command"], "must be a command, e.g. \"pass show prem\"")
        }
        return command
    }

    /// "0644": how `ls -l` and `chmod` users write a mode.
    static func octal(_ permissions: UInt32) -> String {
        let digits = String(permissions & 0o777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// toml++'s message, unless the broken line holds the key: its messages may quote the text
    /// they stumbled on, and a key must never be printed.
    private static func syntaxProblem(_ error: TOMLParseError, text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = max(0, error.source.begin.line - 1)
        let last = min(lines.count - 1, max(first, error.source.end.line - 1))
        if first <= last, lines[first...last].contains(where: { $0.contains("api_key") }) {
            return "TOML syntax error on the api_key line (details hidden so the key is not printed)"
        }
        return "TOML syntax error: \(error.description)"
    }
}

import StreamProtocol

/// What the command line said, before the config file, defaults and the environment apply.
/// Every field is optional: nil means the flag was not given, so the file (or the default) decides.
public struct LaunchOptions: Sendable, Equatable {
    /// `--profile NAME`: a `[profiles.NAME]` table of the config file.
    public var profile: String?
    public var baseURL: String?
    public var dialect: Dialect?
    public var projectID: Int?
    public var model: String?
    public var databasePath: String?
    public var theme: String?
    public var maxRetries: Int?
    public var connectTimeoutSeconds: Double?
    public var idleNoticeSeconds: Int?
    public var idleTimeoutSeconds: Double?
    /// `--ca-file PATH`: certificate authorities to trust for this run's server.
    public var caFile: String?
    public init(
        baseURL: String? = nil, dialect: Dialect? = nil, projectID: Int? = nil, model: String? = nil,
        databasePath: String? = nil, theme: String? = nil, maxRetries: Int? = nil,
        connectTimeoutSeconds: Double? = nil, idleNoticeSeconds: Int? = nil, idleTimeoutSeconds: Double? = nil,
        profile: String? = nil
    ) {
        self.profile = profile
        self.baseURL = baseURL
        self.dialect = dialect
        self.projectID = projectID
        self.model = model
        self.databasePath = databasePath
        self.theme = theme
        self.maxRetries = maxRetries
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.idleNoticeSeconds = idleNoticeSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}

/// Everything chatterm needs to start, resolved from flags, the config file and the
/// environment. Flags override the file; the file overrides built-in defaults; the API key
/// variable overrides the file's `api_key`. Pure: the file arrives parsed and the environment
/// as a dictionary, so every rule here is unit tested.
public struct LaunchSettings: Sendable, Equatable {
    public var profile: Profile
    /// Sent as `Authorization: Bearer`; never shown, logged or stored.
    public var apiKey: String?
    /// The flag's or the file's; nil means the store's default location
    /// (`SessionStore.defaultPath`, the one place that knows it).
    public var databasePath: String?
    public var theme: String?
    /// Retries of a request that failed before its reply began (429, 5xx, connection failures).
    public var maxRetries: Int
    public var connectTimeoutSeconds: Double
    /// Abort a stream after this long without a byte; nil never aborts (the user decides, after
    /// the "no data for N s" notice at `profile.idleNoticeSeconds`).
    public var idleTimeoutSeconds: Double?
    /// Certificate authorities (a PEM file) trusted for this profile's server instead of the
    /// system's; peer and host verification stay on. `caFileOrigin` says where it was set
    /// ("--ca-file", "profiles.work.ca_file in PATH") for a message when it cannot be read.
    public var caFile: String?
    public var caFileOrigin: String?
    /// Keys to commands, with the config file's `[keys]` applied, and what was wrong with them.
    public var keymap: Keymap = .defaults
    public var keymapProblems: [String] = []
    /// `[keys]` entries kept with something to know (ConfigFileSettings.keymapWarnings).
    public var keymapWarnings: [String] = []
    /// The `[display]` table: Markdown for replies and for the user's messages.
    public var display = DisplayOptions()
    /// `[clipboard] method`.
    public var clipboardMethod = ClipboardMethod.auto
    /// `[mouse] enabled`.
    public var mouseEnabled = false
    /// The `[mcp.NAME]` servers and `max_tool_rounds` (issue 23), from the file only.
    public var toolSettings = ToolSettings()
    /// What a welcoming resolve found missing (every one, not the first): the app shows them on
    /// its welcome screen. Always empty when not welcoming (the first one throws instead).
    public var setupGaps: [SetupGap] = []
    /// The openai dialect without a model, welcoming: the app opens the model picker on the
    /// server's `/models` instead of refusing to start.
    public var picksModelAtStart = false

    public static let premDefaultBaseURL = "https://app.premai.io"
    public static let openAIDefaultBaseURL = "https://studio.premai.io/api/v1"

    public static func keyVariable(for dialect: Dialect) -> String {
        dialect == .prem ? "PREMAI_API_KEY" : "OPENAI_API_KEY"
    }

    /// `runKeyCommand` runs an `api_key_command` and answers its first line (or throws a
    /// `LaunchError` saying why not); it is the one effect here, passed in so this stays pure.
    /// `welcoming` (the full-screen app): a missing key or project id is a `SetupGap` rather
    /// than an error, and a missing openai model is picked at start; a value that is wrong
    /// rather than missing still throws.
    public static func resolve(
        _ options: LaunchOptions, file plainFile: ConfigFileSettings? = nil, environment: [String: String],
        welcoming: Bool = false,
        runKeyCommand: (String) throws -> String = { _ in throw LaunchError("api_key_command cannot be run here.") }
    ) throws -> LaunchSettings {
        var gaps: [SetupGap] = []
        var picksModel = false
        let profile = try selectedProfile(options.profile, in: plainFile)
        let file = profile.flatMap { chosen in plainFile.map { $0.applying(chosen) } } ?? plainFile
        let source = Sources(file: file, profile: profile)
        let dialect = options.dialect ?? file?.dialect ?? .prem
        let (base, baseOrigin) = source.pick(options.baseURL, file?.baseURL, flag: "--base-url", key: "base_url")
        let baseURL = base ?? (dialect == .prem ? premDefaultBaseURL : openAIDefaultBaseURL)
        guard let host = hostOf(baseURL) else {
            throw LaunchError("\(baseOrigin ?? "--base-url") \(baseURL) is not an http:// or https:// URL.")
        }
        let keyVariable = profile?.apiKeyVariable ?? keyVariable(for: dialect)
        let apiKey = try resolveKey(
            variable: keyVariable, file: file, environment: environment, runKeyCommand: runKeyCommand)
        if apiKey == nil, !isLoopback(host) {
            let fileHint = file.map { " or add api_key to \($0.path) (chmod 600 it)" } ?? ""
            guard welcoming else {
                throw LaunchError(
                    "\(keyVariable) is not set. Export your API key (export \(keyVariable)=...)\(fileHint) "
                        + "or point --base-url at a local server that needs none.")
            }
            gaps.append(SetupGap(kind: .apiKey, problem: "\(keyVariable) is not set (\(host) needs a key)", fixes: [
                "export \(keyVariable)=... and start again",
                file.map { "or api_key (chmod 600) or api_key_command in \($0.path)" }
                    ?? "or api_key in a config file (`chatterm config example`)",
            ]))
        }

        let (projectID, projectOrigin) = source.pick(options.projectID, file?.projectID, flag: "--project-id", key: "project_id")
        if let id = projectID, id <= 0 {
            throw LaunchError("\(projectOrigin ?? "--project-id") must be a positive integer, not \(id).")
        }
        let (model, _) = source.pick(options.model, file?.model, flag: "--model", key: "model")
        switch dialect.missingRequiredField(projectID: projectID, model: model) {
        case .projectID? where welcoming:
            gaps.append(SetupGap(kind: .projectID, problem: "No project id (prem sends one with every request)", fixes: [
                "--project-id N (N is in your Prem project's settings)",
                "or project_id = N in \(file?.path ?? "the config file"), or in Parameters here",
                "or --profile NAME with a [profiles.NAME] table that sets it",
            ]))
        case .model? where welcoming && !gaps.isEmpty:
            // Without its key the server cannot list its models: the model is one more thing
            // the welcome lists, not a picker that can only fail over it.
            gaps.append(SetupGap(kind: .model, problem: "No model (the openai dialect names one in every request)", fixes: [
                "--model NAME",
                "or model = \"NAME\" in \(file?.path ?? "the config file"), or in Parameters here once the key is set",
            ]))
        case .model? where welcoming:
            picksModel = true
        case .projectID?:
            throw LaunchError(
                "The prem dialect needs a project id: add --project-id N\(source.orKey("project_id = N")) "
                    + "(find it in your Prem project's settings).")
        case .model?:
            throw LaunchError("The openai dialect needs a model: add --model NAME\(source.orKey("model = \"NAME\"")).")
        case nil:
            break
        }

        let (maxRetries, retriesOrigin) = source.pick(options.maxRetries, file?.maxRetries, flag: "--max-retries", key: "max_retries")
        try check(maxRetries, in: LaunchLimits.maxRetries, origin: retriesOrigin, what: "retries")
        let (connect, connectOrigin) = source.pick(
            options.connectTimeoutSeconds, file?.connectTimeoutSeconds, flag: "--connect-timeout", key: "connect_timeout")
        try check(connect, in: LaunchLimits.connectTimeoutSeconds, origin: connectOrigin)
        let (notice, noticeOrigin) = source.pick(options.idleNoticeSeconds, file?.idleNoticeSeconds, flag: "--idle-notice", key: "idle_notice")
        try check(notice, in: LaunchLimits.idleNoticeSeconds, origin: noticeOrigin, what: "seconds")
        let (idleTimeout, idleOrigin) = source.pick(
            options.idleTimeoutSeconds, file?.idleTimeoutSeconds, flag: "--idle-timeout", key: "idle_timeout")
        try check(idleTimeout, in: LaunchLimits.idleTimeoutSeconds, origin: idleOrigin)

        let path = options.databasePath ?? file?.databasePath
        var endpoint = Profile(
            name: profile?.name ?? (isLoopback(host) ? "local" : host), baseURL: baseURL, dialect: dialect,
            projectID: dialect == .prem ? projectID : nil, defaultModel: model,
            defaultParameters: file?.defaults ?? SessionParameters(), hasAPIKey: apiKey != nil,
            idleNoticeSeconds: notice ?? LaunchLimits.defaultIdleNoticeSeconds, apiKeyVariable: keyVariable)
        endpoint.isConfigured = profile != nil
        var settings = LaunchSettings(
            profile: endpoint, apiKey: apiKey, databasePath: path, theme: options.theme ?? file?.theme,
            maxRetries: maxRetries ?? LaunchLimits.defaultMaxRetries,
            connectTimeoutSeconds: connect ?? LaunchLimits.defaultConnectTimeoutSeconds,
            idleTimeoutSeconds: idleTimeout, keymap: file?.keymap ?? .defaults, keymapProblems: file?.keymapProblems ?? [])
        settings.keymapWarnings = file?.keymapWarnings ?? []
        (settings.caFile, settings.caFileOrigin) = source.pick(options.caFile, file?.caFile, flag: "--ca-file", key: "ca_file")
        settings.clipboardMethod = file?.clipboardMethod ?? .auto
        settings.mouseEnabled = file?.mouseEnabled ?? false
        settings.toolSettings = file?.toolSettings ?? ToolSettings()
        settings.setupGaps = gaps
        settings.picksModelAtStart = picksModel
        settings.display = DisplayOptions(
            markdownReplies: file?.markdownReplies ?? true, markdownUserMessages: file?.markdownUserMessages ?? false)
        return settings
    }

    /// `--profile`, else the file's `default_profile`; nil when neither names one.
    private static func selectedProfile(_ name: String?, in file: ConfigFileSettings?) throws -> ConfigProfile? {
        guard let name = name ?? file?.defaultProfile else { return nil }
        guard let file else {
            throw LaunchError("--profile \(name): there is no config file to define it in (see docs/configuration.md, Profiles).")
        }
        if let profile = file.profiles.first(where: { $0.name == name }) { return profile }
        let known = file.profiles.isEmpty ? "it defines none" : "it defines " + file.profiles.map(\.name).joined(separator: ", ")
        throw LaunchError("--profile \(name): \(file.path) has no [profiles.\(name)] table; \(known).")
    }

    /// The key variable (the dialect's, or the profile's `api_key_env`), else the output of
    /// `api_key_command`, else the file's `api_key`; nil when none is given (`resolve` decides
    /// whether that is allowed). Messages name where the key came from, never the key.
    private static func resolveKey(
        variable keyVariable: String, file: ConfigFileSettings?, environment: [String: String],
        runKeyCommand: (String) throws -> String
    ) throws -> String? {
        if let fromEnvironment = environment[keyVariable], !fromEnvironment.isEmpty {
            if let problem = LaunchLimits.problemWithAPIKey(fromEnvironment) {
                throw LaunchError("\(keyVariable) \(problem); check how it was exported.")
            }
            return fromEnvironment
        }
        if let command = file?.apiKeyCommand {
            let key = try runKeyCommand(command)
            if let problem = LaunchLimits.problemWithAPIKey(key) {
                throw LaunchError("api_key_command in \(file?.path ?? "the config file"): its first line \(problem).")
            }
            return key
        }
        return file?.apiKey
    }

    private static func check<Value: Comparable>(
        _ value: Value?, in range: ClosedRange<Value>, origin: String?, what: String = "seconds"
    ) throws {
        guard let value, !range.contains(value) else { return }
        func text(_ v: Value) -> String { (v as? Double).map(LaunchLimits.format) ?? "\(v)" }
        throw LaunchError(
            "\(origin ?? "value") must be between \(text(range.lowerBound)) and \(text(range.upperBound)) \(what), not \(text(value)).")
    }

    static func hostOf(_ url: String) -> String? {
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("http://") {
            rest = url.dropFirst(7)
        } else if lower.hasPrefix("https://") {
            rest = url.dropFirst(8)
        } else {
            return nil
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@").last ?? authority
        let host: Substring
        if hostPort.hasPrefix("[") {
            host = hostPort.dropFirst().prefix { $0 != "]" }
        } else {
            host = hostPort.prefix { $0 != ":" }
        }
        return host.isEmpty ? nil : String(host).lowercased()
    }

    /// localhost, ::1 or an IPv4 literal in 127.0.0.0/8 (not a name like 127.example.com).
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && UInt8($0) != nil }) else {
            return false
        }
        return octets[0] == "127"
    }
}

/// Which of flag and file gave a value, so a message about it names the right place.
private struct Sources {
    let file: ConfigFileSettings?
    let profile: ConfigProfile?

    func pick<Value>(_ flagValue: Value?, _ fileValue: Value?, flag: String, key: String) -> (Value?, String?) {
        if let flagValue { return (flagValue, flag) }
        if let fileValue, let file {
            let place = profile.map { $0.setKeys.contains(key) ? "profiles.\($0.name).\(key)" : key } ?? key
            return (fileValue, "\(place) in \(file.path)")
        }
        return (nil, nil)
    }

    /// " or `line` in PATH" when there is a config file to put it in.
    func orKey(_ line: String) -> String {
        file.map { " or \(line) to \($0.path)" } ?? ""
    }
}

/// Printing the settings must never print the key.
extension LaunchSettings: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "LaunchSettings(profile: \(profile), apiKey: \(apiKey == nil ? "nil" : "<redacted>"), "
            + "databasePath: \(databasePath ?? "default"), theme: \(theme ?? "nil"), maxRetries: \(maxRetries), "
            + "connectTimeoutSeconds: \(connectTimeoutSeconds), idleTimeoutSeconds: \(idleTimeoutSeconds.map { "\($0)" } ?? "nil"))"
    }
    public var debugDescription: String { description }
}

public struct LaunchError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

import StreamProtocol

/// What the command line said, before defaults and the environment are applied.
public struct LaunchOptions: Sendable, Equatable {
    public var baseURL: String?
    public var dialect: Dialect
    public var projectID: Int?
    public var model: String?
    public var databasePath: String?
    public var theme: String?
    public init(
        baseURL: String? = nil, dialect: Dialect = .prem, projectID: Int? = nil, model: String? = nil,
        databasePath: String? = nil, theme: String? = nil
    ) {
        self.baseURL = baseURL
        self.dialect = dialect
        self.projectID = projectID
        self.model = model
        self.databasePath = databasePath
        self.theme = theme
    }
}

/// Everything chatterm needs to start, resolved from options and the environment.
/// Pure: the environment comes in as a dictionary, so every rule here is unit tested.
public struct LaunchSettings: Sendable, Equatable {
    public var profile: Profile
    /// Sent as `Authorization: Bearer`; never shown, logged or stored.
    public var apiKey: String?
    public var databasePath: String
    public var theme: String?

    public static let premDefaultBaseURL = "https://app.premai.io"
    public static let openAIDefaultBaseURL = "https://studio.premai.io/api/v1"

    public static func keyVariable(for dialect: Dialect) -> String {
        dialect == .prem ? "PREMAI_API_KEY" : "OPENAI_API_KEY"
    }

    public static func resolve(_ options: LaunchOptions, environment: [String: String]) throws -> LaunchSettings {
        let dialect = options.dialect
        let base = (options.baseURL ?? (dialect == .prem ? premDefaultBaseURL : openAIDefaultBaseURL))
        guard let host = hostOf(base) else {
            throw LaunchError("--base-url \(base) is not an http:// or https:// URL.")
        }
        let keyVariable = keyVariable(for: dialect)
        let key = environment[keyVariable].flatMap { $0.isEmpty ? nil : $0 }
        if key == nil && !isLoopback(host) {
            throw LaunchError(
                "\(keyVariable) is not set. Export your API key (export \(keyVariable)=...) "
                    + "or point --base-url at a local server that needs none.")
        }
        if dialect == .prem && options.projectID == nil {
            throw LaunchError("The prem dialect needs a project id: add --project-id N (find it in your Prem project's settings).")
        }
        if let id = options.projectID, id <= 0 {
            throw LaunchError("--project-id must be a positive integer, not \(id).")
        }
        if dialect == .openai && (options.model ?? "").isEmpty {
            throw LaunchError("The openai dialect needs a model: add --model NAME.")
        }
        let path = options.databasePath ?? defaultDatabasePath(environment: environment)
        let profile = Profile(
            name: isLoopback(host) ? "local" : host, baseURL: base, dialect: dialect,
            projectID: dialect == .prem ? options.projectID : nil, defaultModel: options.model)
        return LaunchSettings(profile: profile, apiKey: key, databasePath: path, theme: options.theme)
    }

    /// `$XDG_DATA_HOME/chatterm/chatterm.sqlite`, else `~/.local/share/chatterm/chatterm.sqlite`.
    public static func defaultDatabasePath(environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return xdg + "/chatterm/chatterm.sqlite"
        }
        let home = environment["HOME"] ?? "."
        return home + "/.local/share/chatterm/chatterm.sqlite"
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

public struct LaunchError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Why a config file was rejected: the file, the line when it can be found, the key, and what
/// is wrong with it. The app does not start with a file it could only half read.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: Int?
    /// The dotted key ("defaults.temperature"), nil for a syntax error.
    public var key: String?
    public var problem: String

    public init(path: String, line: Int? = nil, column: Int? = nil, key: String? = nil, problem: String) {
        self.path = path
        self.line = line
        self.column = column
        self.key = key
        self.problem = problem
    }

    /// "config file /home/u/.config/chatterm/config.toml, line 7: defaults.temperature: …"
    public var description: String {
        var text = "config file \(path)"
        if let line { text += ", line \(line)" }
        if let column { text += ", column \(column)" }
        text += ": "
        if let key { text += "\(key): " }
        return text + problem
    }
}

/// Every problem of a file, in the file's order: start-up lists them all, as
/// `chatterm config check` does, so fixing one does not just reveal the next.
public struct ConfigErrors: Error, Equatable, CustomStringConvertible {
    public var errors: [ConfigError]

    public init(_ errors: [ConfigError]) {
        self.errors = errors
    }

    /// One problem a line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A user's value inside a message: quoted with escapes (so control characters cannot reach
/// the terminal) and shortened.
func quoted(_ text: String) -> String {
    let short = text.count > 60 ? String(text.prefix(57)) + "…" : text
    return short.debugDescription
}

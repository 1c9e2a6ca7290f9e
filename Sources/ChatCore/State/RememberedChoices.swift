import StreamProtocol

/// What chatterm remembers from one run to the next, kept in a small private state file
/// (`$XDG_STATE_HOME/chatterm/state.json`): the session that was open, the theme picked with
/// `cycle-theme`, and whether the conversation was zoomed. Written whole by the reducer's
/// `.saveRememberedChoices` whenever one of them changes; read once at start. The file is the
/// user's: a field that is missing or of the wrong kind reads as unset, and a file that is not
/// JSON at all is ignored with a notice (`parse` says why), never fatal.
public struct RememberedChoices: Sendable, Equatable {
    /// The open session's id; nil when a new, unsaved session was open.
    public var sessionID: String?
    /// The built-in theme last switched to with `cycle-theme`; nil when never switched.
    /// A `--theme` flag or the config's `theme` wins over it (docs/configuration.md).
    public var theme: String?
    /// The conversation took the whole width (`toggle-zoom`).
    public var zoomed: Bool

    public init(sessionID: String? = nil, theme: String? = nil, zoomed: Bool = false) {
        self.sessionID = sessionID
        self.theme = theme
        self.zoomed = zoomed
    }

    /// The file's text: a JSON object, written with the project's one JSON writer.
    public var fileText: String {
        var members: [(key: String, value: JSONValue)] = [("version", .number(1))]
        if let sessionID { members.append(("session", .string(sessionID))) }
        if let theme { members.append(("theme", .string(theme))) }
        members.append(("zoomed", .bool(zoomed)))
        return JSONValue.object(members).prettyText + "\n"
    }

    /// Reads the file's text, or says in a few words why it cannot be read.
    public static func parse(_ text: String) -> Result<RememberedChoices, RememberedChoicesProblem> {
        let bytes = Array(text.utf8)
        switch JSONValue.parseLocatingError(utf8: bytes) {
        case let .failure(error):
            return .failure(RememberedChoicesProblem(reason: "not JSON (at byte \(error.offset))"))
        case let .success(value):
            guard case .object = value else { return .failure(RememberedChoicesProblem(reason: "not a JSON object")) }
            // Ids and names only: anything long or odd is not something this file ever held.
            func text(_ key: String) -> String? {
                guard let text = value[key]?.stringValue, !text.isEmpty, text.count <= 200,
                      text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return nil }
                return text
            }
            var zoomed = false
            if case let .bool(flag)? = value["zoomed"] { zoomed = flag }
            return .success(RememberedChoices(sessionID: text("session"), theme: text("theme"), zoomed: zoomed))
        }
    }
}

/// Why the state file was ignored (the status line says it at start).
public struct RememberedChoicesProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

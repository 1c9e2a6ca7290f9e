/// One request field the user sets: a row of the one field table (`RequestField.all`, in
/// RequestField+Table.swift). Everything that names a field reads it from its row: the request
/// encoder (wire names, order), the parameters pane (order, label, group, control, range and
/// step), typed-value checks, config `[defaults]` keys, `chatterm ask`'s flags and the generated
/// docs/fields.md. `messages` and `stream` are not rows: the conversation and the client own them.
///
/// Rows compare, hash and encode by `id` (the wire name, `repositories.limit` for a nested one),
/// which is also what sessions store and effects carry.
public struct RequestField: Sendable, CustomStringConvertible {
    /// The wire name as the pane and messages show it (`repositories.limit` for a nested one).
    public let id: String
    /// How the pane edits it; also how a typed value is checked.
    public let kind: Kind
    /// Where the value lives in `SessionParameters`.
    public let storage: Storage
    /// How each dialect sends it, and where in the body.
    public let wire: Wire
    /// The pane's group.
    public let group: Group
    /// What fills the field when the session leaves it unset.
    public let fallback: Fallback?
    /// Where `[defaults]` takes it, or why it has no default there.
    public let config: ConfigEntry
    /// `chatterm ask`'s flag for it.
    public let ask: AskFlag
    /// One sentence for docs and `ask --help`.
    public let help: String
    /// The value `chatterm config example` shows for its `[defaults]` key (TOML), if any.
    public let configExample: String?

    public init(
        _ id: String, kind: Kind, storage: Storage, wire: Wire, group: Group, fallback: Fallback? = nil,
        config: ConfigEntry, ask: AskFlag, help: String, configExample: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.storage = storage
        self.wire = wire
        self.group = group
        self.fallback = fallback
        self.config = config
        self.ask = ask
        self.help = help
        self.configExample = configExample
    }

    public var description: String { id }

    /// The wire name, which is also the pane's label.
    public var wireName: String { id }
    /// The name the pre-table enum used; sessions and presets store it.
    public var rawValue: String { id }

    public init?(rawValue: String) {
        guard let row = RequestField.all.first(where: { $0.id == rawValue }) else { return nil }
        self = row
    }

    // MARK: - Row parts

    /// How a field is edited.
    public enum Kind: Sendable, Equatable {
        /// ←/→ step it, Enter types an exact value.
        case slider(NumericParameter)
        /// Typed or stepped whole number, at least `minimum`.
        case integer(minimum: Int)
        /// One line of text.
        case text
        /// Several lines (the system prompt); also editable in `$EDITOR`.
        case multilineText
        /// A list of strings (`stop`, at most `maxItems`) or of integers (`repositories.ids`),
        /// typed one item per line.
        case list(maxItems: Int?)
        /// JSON, validated before it is accepted, by the rules of `shape`.
        case json(JSONShape)
    }

    /// The shape a JSON field's value must have (`JSONFieldValidation`).
    public enum JSONShape: Sendable, Equatable {
        case logitBias, responseFormat, tools
    }

    /// The key path into the one storage type, by the Swift type of the value.
    public enum Storage: Sendable {
        case number(WritableKeyPath<SessionParameters, Double?> & Sendable)
        case integer(WritableKeyPath<SessionParameters, Int?> & Sendable)
        /// Text, and JSON kept as its compact text.
        case text(WritableKeyPath<SessionParameters, String?> & Sendable)
        case strings(WritableKeyPath<SessionParameters, [String]?> & Sendable)
        case integers(WritableKeyPath<SessionParameters, [Int]?> & Sendable)
    }

    /// How one dialect carries a field.
    public enum WireName: Sendable, Equatable {
        /// A top-level member of the body.
        case member(String)
        /// A member of a top-level object (`repositories.limit`); rows sharing a parent are
        /// written together, at the first one's position.
        case nested(String, in: String)
        /// Sent as the first message, `role: system` (openai's system prompt).
        case systemMessage
        /// The dialect has no such field: the pane marks it, the encoder leaves it out, and the
        /// UI says so when it is set (`RequestEncoder.unsupportedFields`).
        case notSent

        /// The top-level member it is written under, if any.
        public var topLevelName: String? {
            switch self {
            case let .member(name): return name
            case let .nested(_, parent): return parent
            case .systemMessage, .notSent: return nil
            }
        }
    }

    public struct Wire: Sendable, Equatable {
        /// Where the member sits in the body: members are written by increasing position, with
        /// `messages` at `RequestField.messagesPosition` and `stream` at `streamPosition`.
        public var position: Int
        public var prem: WireName
        public var openai: WireName
        public init(position: Int, prem: WireName, openai: WireName) {
            self.position = position
            self.prem = prem
            self.openai = openai
        }
        /// Sent the same way by both dialects.
        public static func both(_ position: Int, _ name: String) -> Wire {
            Wire(position: position, prem: .member(name), openai: .member(name))
        }
        public func name(in dialect: Dialect) -> WireName {
            switch dialect {
            case .prem: return prem
            case .openai: return openai
            }
        }
    }

    /// `messages` and `stream` sit between the rows at these positions.
    public static let messagesPosition = 20
    public static let streamPosition = 40

    /// The parameters pane's groups, in pane order.
    public enum Group: Sendable, Equatable, CaseIterable {
        case model, sampling, output, identity, retrieval
    }

    /// What the request sends when the session leaves the field unset.
    public enum Fallback: Sendable, Equatable {
        /// The profile's model (config `model`, `--model`).
        case profileModel
        /// The profile's project id.
        case profileProjectID
        /// The session's own stable id.
        case sessionID

        /// Where the value comes from, as the inspector names it.
        public var source: String {
            switch self {
            case .profileModel: return "the profile's model"
            case .profileProjectID: return "the profile's project id"
            case .sessionID: return "the session's id"
            }
        }
    }

    public enum ConfigEntry: Sendable, Equatable {
        /// A key of `[defaults]`; dotted for a sub-table (`repositories.limit`).
        case key(String)
        /// The field has no default there; the hint says where it is set instead.
        case elsewhere(hint: String)

        public var key: String? {
            if case let .key(key) = self { return key }
            return nil
        }
    }

    public struct AskFlag: Sendable, Equatable {
        /// With the leading `--`.
        public var name: String
        /// Given more than once, each value one item of the list.
        public var isRepeatable: Bool
        /// Declared with the connection options (`--model`, `--project-id`), which the app's
        /// command line shares; the others are generated (AskFieldOptions.swift).
        public var isConnectionOption: Bool
        public init(_ name: String, repeatable: Bool = false, connectionOption: Bool = false) {
            self.name = name
            self.isRepeatable = repeatable
            self.isConnectionOption = connectionOption
        }
    }
}

extension RequestField: Hashable, Codable, CaseIterable {
    public static func == (lhs: RequestField, rhs: RequestField) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    public static var allCases: [RequestField] { all }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let id = try container.decode(String.self)
        guard let row = RequestField(rawValue: id) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "no request field \(id)")
        }
        self = row
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}

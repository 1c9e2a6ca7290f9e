/// Reading and clearing a row's value in `SessionParameters`, by its storage and kind.
extension RequestField {
    /// Whether `dialect` can carry the field. The openai dialect has no `project_id`,
    /// `session_id` or `repositories`; the pane marks such fields instead of hiding them.
    public func isCarried(by dialect: Dialect) -> Bool {
        wire.name(in: dialect) != .notSent
    }

    /// Whether the field is set in `p`.
    public func isSet(in p: SessionParameters) -> Bool {
        switch storage {
        case let .number(path): return p[keyPath: path] != nil
        case let .integer(path): return p[keyPath: path] != nil
        case let .text(path): return p[keyPath: path] != nil
        case let .strings(path): return p[keyPath: path] != nil
        case let .integers(path): return p[keyPath: path] != nil
        }
    }

    /// The value the field holds in `p`, written as it is sent; nil when unset.
    /// Fields with a fallback (model, project id, session id) show only the session's own value
    /// here; `effectiveText` (ChatCore) adds the fallback.
    public func text(in p: SessionParameters) -> String? {
        if case let .slider(numeric) = kind {
            return numeric.value(in: p).map(numeric.format)
        }
        switch storage {
        case let .number(path): return p[keyPath: path].map { "\($0)" }
        case let .integer(path): return p[keyPath: path].map(String.init)
        case let .text(path): return p[keyPath: path]
        // One sequence a line, with line breaks inside a sequence written as `\n` (StopEscaping).
        case let .strings(path): return p[keyPath: path].map { $0.map(StopEscaping.escaped).joined(separator: "\n") }
        case let .integers(path): return p[keyPath: path].map { $0.map(String.init).joined(separator: "\n") }
        }
    }

    /// Clears the field in `p`: it is no longer sent.
    public func unset(in p: inout SessionParameters) {
        switch storage {
        case let .number(path): p[keyPath: path] = nil
        case let .integer(path): p[keyPath: path] = nil
        case let .text(path): p[keyPath: path] = nil
        case let .strings(path): p[keyPath: path] = nil
        case let .integers(path): p[keyPath: path] = nil
        }
    }

    /// Whether the inline editor takes new lines (Alt+Enter / Ctrl+J): the system prompt, lists
    /// (one item a line) and JSON (which may be laid out over lines).
    public var isMultiline: Bool {
        switch kind {
        case .multilineText, .list, .json: return true
        case .slider, .integer, .text: return false
        }
    }

    /// Whether `e` opens it in `$EDITOR`: text, lists and JSON (numbers are typed inline).
    public var isExternallyEditable: Bool {
        switch kind {
        case .text, .multilineText, .list, .json: return true
        case .slider, .integer: return false
        }
    }

    /// The value as the body carries it, or nil when unset (or not representable: a non-finite
    /// number, JSON text that no longer parses, an empty list).
    public func wireValue(in p: SessionParameters) -> WireValue? {
        switch storage {
        case let .number(path):
            guard let value = p[keyPath: path], value.isFinite else { return nil }
            return .number(value)
        case let .integer(path):
            return p[keyPath: path].map(WireValue.integer)
        case let .text(path):
            guard let text = p[keyPath: path] else { return nil }
            if case .json = kind { return JSONValue.parse(text).map(WireValue.json) }
            return .string(text)
        case let .strings(path):
            guard let items = p[keyPath: path], !items.isEmpty else { return nil }
            return .strings(items)
        case let .integers(path):
            return p[keyPath: path].map(WireValue.integers)
        }
    }

    /// A field's value as the encoder writes it.
    public enum WireValue: Sendable, Equatable {
        case number(Double)
        case integer(Int)
        case string(String)
        case strings([String])
        case integers([Int])
        case json(JSONValue)

        /// The value as a JSON value (inside a nested object).
        public var json: JSONValue {
            switch self {
            case let .number(value): return .number(value)
            case let .integer(value): return .number(Double(value))
            case let .string(text): return .string(text)
            // The seed's type is a string; several sequences only fit in an array.
            case let .strings(items): return items.count == 1 ? .string(items[0]) : .array(items.map(JSONValue.string))
            case let .integers(items): return .array(items.map { .number(Double($0)) })
            case let .json(value): return value
            }
        }
    }
}

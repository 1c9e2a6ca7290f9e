import StreamProtocol
import TOMLKit

/// `logit_bias`, `response_format` and `tools` in the `[defaults]` table: written either as
/// TOML (an inline table or array, which is easier to read) or as a string of JSON (which keeps
/// key order and allows `null`). Either way they are checked and stored as compact JSON text,
/// the form `SessionParameters` keeps them in.
enum JSONFields {
    /// The value of `key`, as compact JSON text, or nil when absent.
    static func read(_ table: TOMLTable, _ key: String, at keyPath: [String], reader: TOMLReader) throws -> String? {
        guard let value = table[key] else { return nil }
        let fullPath = keyPath + [key]
        let json: JSONValue
        if let text = value.string {
            guard let parsed = JSONValue.parse(text) else {
                throw reader.error(fullPath, "is not valid JSON (write it as a TOML table/array, or as a string of JSON)")
            }
            json = parsed
        } else {
            guard let converted = convert(value) else {
                throw reader.error(fullPath, "holds a date or time, which JSON cannot carry")
            }
            json = converted
        }
        if let problem = problem(with: json, field: key) { throw reader.error(fullPath, problem) }
        return json.compactText
    }

    /// TOML to JSON. Tables come out with their keys in TOMLKit's (sorted) order; a string of
    /// JSON keeps the written order.
    static func convert(_ value: TOMLValueConvertible) -> JSONValue? {
        switch value.type {
        case .string: return value.string.map(JSONValue.string)
        case .int: return value.int.map { .number(Double($0)) }
        case .double: return value.double.flatMap { $0.isFinite ? .number($0) : nil }
        case .bool: return value.bool.map(JSONValue.bool)
        case .array:
            guard let array = value.array else { return nil }
            var items: [JSONValue] = []
            for item in array {
                guard let converted = convert(item) else { return nil }
                items.append(converted)
            }
            return .array(items)
        case .table:
            guard let table = value.table else { return nil }
            var members: [(key: String, value: JSONValue)] = []
            for key in table.keys {
                guard let item = table[key], let converted = convert(item) else { return nil }
                members.append((key: key, value: converted))
            }
            return .object(members)
        case .date, .time, .dateTime:
            return nil
        }
    }

    /// What the schema asks of each field, or nil when `json` satisfies it. The same rules as
    /// the parameters pane's editor (ChatCore's `ParameterValidation`), so a default can
    /// always be typed back in.
    static func problem(with json: JSONValue, field: String) -> String? {
        switch field {
        case "logit_bias":
            guard case let .object(members) = json else { return #"must be an object of token id to bias, e.g. { "50256" = -100 }"# }
            var seen = Set<String>()
            for member in members {
                guard !member.key.isEmpty, member.key.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    return "key \(quoted(member.key)) is not a token id (digits)"
                }
                guard seen.insert(member.key).inserted else { return "token \(member.key) is listed twice" }
                guard case let .number(bias) = member.value, (-100...100).contains(bias) else {
                    return "the bias of token \(member.key) must be a number from -100 to 100"
                }
            }
            return nil
        case "response_format":
            guard case .object = json, let type = json["type"]?.stringValue,
                ["text", "json_object", "json_schema"].contains(type)
            else {
                return #"must be an object whose "type" is "text", "json_object" or "json_schema""#
            }
            if type == "json_schema" {
                guard case .object? = json["json_schema"] else {
                    return #"of type json_schema needs a "json_schema" object (the schema)"#
                }
            }
            return nil
        case "tools":
            guard case let .array(items) = json, !items.isEmpty else { return "must be a non-empty array of tools" }
            for (index, item) in items.enumerated() {
                guard case .object = item, item["type"]?.stringValue == "function" else {
                    return #"tool \#(index + 1) needs "type" = "function" (the only kind of tool)"#
                }
                guard let name = item["function"]?["name"]?.stringValue, !name.isEmpty else {
                    return #"tool \#(index + 1) needs a "function" table with a non-empty "name""#
                }
            }
            return nil
        default:
            return nil
        }
    }
}

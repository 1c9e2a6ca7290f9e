import ChatCore
import StreamProtocol
import TOMLKit

/// `logit_bias`, `response_format` and `tools` in the `[defaults]` table: written either as
/// TOML (an inline table or array, which is easier to read) or as a string of JSON (which keeps
/// key order and allows `null`). Either way they are checked by ChatCore's `JSONFieldValidation`
/// and stored as compact JSON text, the form `SessionParameters` keeps them in.
enum JSONFields {
    /// The value of `field` under `key`, as compact JSON text, or nil when absent.
    static func read(
        _ table: TOMLTable, _ field: ParameterField, key: String, at keyPath: [String], reader: TOMLReader
    ) throws -> String? {
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
        do {
            // The parameters pane's own rules, so a default can always be typed back in.
            return try JSONFieldValidation.check(json, as: field).compactText
        } catch {
            throw reader.error(fullPath, error.message)
        }
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
}

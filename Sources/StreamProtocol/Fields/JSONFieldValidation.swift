/// The shape checks of the JSON-valued fields: the one set of rules for a value typed in the
/// parameters pane and for a default in the config file (which converts TOML to JSON first), so
/// a default can always be typed back in. Each answers the value (stored as its compact text)
/// or a problem saying what is wrong and where, in terms of the field.
public enum JSONFieldValidation {
    /// `value` checked as the value of `field`; a field that does not hold JSON is refused.
    @discardableResult
    public static func check(_ value: JSONValue, as field: RequestField) throws(ParameterProblem) -> JSONValue {
        guard case let .json(shape) = field.kind else {
            throw ParameterProblem("\(field.wireName) does not hold JSON")
        }
        switch shape {
        case .logitBias: return try logitBias(value)
        case .responseFormat: return try responseFormat(value)
        case .tools: return try tools(value)
        }
    }

    /// Typed `text` parsed and checked as the value of `field`.
    public static func parse(_ text: String, as field: RequestField) throws(ParameterProblem) -> JSONValue {
        guard let value = JSONValue.parse(text) else {
            throw ParameterProblem("\(field.wireName) is not valid JSON")
        }
        return try check(value, as: field)
    }

    /// `logit_bias`: an object of token id (digits) → number in -100...100, each id once.
    private static func logitBias(_ value: JSONValue) throws(ParameterProblem) -> JSONValue {
        guard case let .object(members) = value else {
            throw ParameterProblem(#"logit_bias must be a JSON object like {"50256": -100}"#)
        }
        var seen = Set<String>()
        for member in members {
            let key = member.key
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ParameterProblem("logit_bias keys are token ids (digits); \(quoted(key)) is not")
            }
            guard seen.insert(key).inserted else {
                throw ParameterProblem("logit_bias has token \(key) twice")
            }
            guard case let .number(bias) = member.value, (-100...100).contains(bias) else {
                throw ParameterProblem("logit_bias for token \(key) must be a number from -100 to 100")
            }
        }
        return .object(members)
    }

    public static let responseFormatTypes = ["text", "json_object", "json_schema"]

    /// `response_format`: an object whose `type` is text, json_object or json_schema; json_schema
    /// also needs a `json_schema` object (the schema itself).
    private static func responseFormat(_ value: JSONValue) throws(ParameterProblem) -> JSONValue {
        guard case .object = value else {
            throw ParameterProblem(#"response_format must be a JSON object like {"type": "json_object"}"#)
        }
        guard let type = value["type"]?.stringValue, responseFormatTypes.contains(type) else {
            throw ParameterProblem(#"response_format needs "type": "text", "json_object" or "json_schema""#)
        }
        if type == "json_schema" {
            guard case .object? = value["json_schema"] else {
                throw ParameterProblem(#"response_format of type json_schema needs a "json_schema" object"#)
            }
        }
        return value
    }

    /// `tools`: a non-empty array of `{"type": "function", "function": {"name": ...}}`.
    private static func tools(_ value: JSONValue) throws(ParameterProblem) -> JSONValue {
        guard case let .array(tools) = value else {
            throw ParameterProblem(#"tools must be a JSON array like [{"type": "function", "function": {"name": "f"}}]"#)
        }
        guard !tools.isEmpty else {
            throw ParameterProblem("tools needs at least one tool (unset the field to send none)")
        }
        for (index, tool) in tools.enumerated() {
            let where_ = "tools[\(index)]"
            guard case .object = tool else { throw ParameterProblem("\(where_) must be an object") }
            guard tool["type"]?.stringValue == "function" else {
                throw ParameterProblem(#"\#(where_) needs "type": "function" (the only kind of tool)"#)
            }
            guard case .object? = tool["function"] else {
                throw ParameterProblem(#"\#(where_) needs a "function" object"#)
            }
            guard let name = tool["function"]?["name"]?.stringValue, !name.isEmpty else {
                throw ParameterProblem(#"\#(where_).function needs a non-empty "name""#)
            }
        }
        return .array(tools)
    }

    /// A user's key in a message: shortened, and quoted with escapes so control characters
    /// cannot reach a terminal (a config file's message is printed before any view sanitizes it).
    private static func quoted(_ key: String) -> String {
        String(key.prefix(20)).debugDescription
    }
}

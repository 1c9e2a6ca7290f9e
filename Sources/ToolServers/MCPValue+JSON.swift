import MCP
import StreamProtocol

/// The SDK's `Value` and the app's one JSON tree (`JSONValue`, parsed and written by
/// StreamProtocol): arguments the model wrote go out as `Value`s, schemas come back as text.
extension Value {
    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number):
            // Whole numbers stay integers on the wire (a tool's "count": 3 is not 3.0).
            if number.rounded() == number, abs(number) < 9.0e15 { self = .int(Int(number)) } else { self = .double(number) }
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(Value.init))
        case .object(let pairs):
            var object: [String: Value] = [:]
            for (key, value) in pairs { object[key] = Value(value) }
            self = .object(object)
        }
    }

    /// Object keys sorted: `Value` keeps no order, and a stable text keeps requests comparable.
    var json: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .number(Double(number))
        case .double(let number): return .number(number)
        case .string(let text): return .string(text)
        case .data(let mimeType, let data): return .string("data:\(mimeType ?? "application/octet-stream");base64,\(data.base64EncodedString())")
        case .array(let items): return .array(items.map(\.json))
        case .object(let object): return .object(object.keys.sorted().map { (key: $0, value: object[$0]?.json ?? .null) })
        }
    }
}

/// A call's `argumentsJSON` as the object `tools/call` sends: "" (a call without arguments) is
/// `{}`; anything but a JSON object is refused with the reason, and no call is made.
enum ToolArguments {
    static func parse(_ text: String) -> Result<[String: Value], ToolArgumentsProblem> {
        if text.allSatisfy(\.isWhitespace) { return .success([:]) }
        switch JSONValue.parse(text) {
        case .object(let pairs)?:
            var object: [String: Value] = [:]
            for (key, value) in pairs { object[key] = Value(value) }
            return .success(object)
        case nil:
            return .failure(ToolArgumentsProblem(message: "the arguments are not JSON, so the tool was not called"))
        case _?:
            return .failure(ToolArgumentsProblem(message: "the arguments are not a JSON object, so the tool was not called"))
        }
    }
}

struct ToolArgumentsProblem: Error, Equatable {
    var message: String
}

import MCP

/// The tools `chatterm-server --mcp-stdio` offers, each with a real JSON input schema, so a
/// client's tool list, its request `tools` and its argument checks all see realistic data.
/// Every answer is deterministic: tests and the benchmark compare results exactly.
public enum LocalToolName: String, CaseIterable, Sendable {
    /// `echo {text}` → the text.
    case echo
    /// `add {a, b}` → the sum.
    case add
    /// `slow {seconds}` (default 5) → sleeps, then "slept N s": for elapsed time, stop and timeouts.
    case slow
    /// `crash {}` → "crash requested" on stderr, exit status 3: for restarts and failed calls.
    case crash
    /// `fail {message}` → a result with `isError`: a tool that ran and reported a failure.
    case fail
    /// `big {kilobytes}` → that much text: for folded results and large bodies.
    case big
}

public enum LocalToolCatalog {
    /// `slow`'s pause when the call names none.
    public static let defaultSlowSeconds = 5.0
    /// Limits so a typo cannot make the server sleep for a day or build gigabytes.
    public static let maximumSlowSeconds = 600.0
    public static let maximumKilobytes = 10_240

    /// The MCP tool definitions, in `LocalToolName` order, limited to `offered` when given.
    public static func tools(offered: [LocalToolName]? = nil) -> [Tool] {
        (offered ?? LocalToolName.allCases).map(definition)
    }

    public static func definition(_ name: LocalToolName) -> Tool {
        switch name {
        case .echo:
            return Tool(
                name: name.rawValue, description: "Returns the text it is given, unchanged.",
                inputSchema: schema(["text": property("string", "The text to return.")], required: ["text"]))
        case .add:
            return Tool(
                name: name.rawValue, description: "Adds two numbers and returns the sum.",
                inputSchema: schema(
                    ["a": property("number", "The first number."), "b": property("number", "The second number.")],
                    required: ["a", "b"]))
        case .slow:
            return Tool(
                name: name.rawValue,
                description: "Waits the given number of seconds (default 5), then says how long it slept.",
                inputSchema: schema(["seconds": property("number", "How long to wait, in seconds (0 to 600).")], required: []))
        case .crash:
            return Tool(
                name: name.rawValue, description: "Makes the server exit with status 3 (for testing a crashed server).",
                inputSchema: schema([:], required: []))
        case .fail:
            return Tool(
                name: name.rawValue, description: "Returns the given message as a failed result (isError).",
                inputSchema: schema(["message": property("string", "The failure to report.")], required: []))
        case .big:
            return Tool(
                name: name.rawValue, description: "Returns that many kilobytes of numbered lines of text.",
                inputSchema: schema(
                    ["kilobytes": property("integer", "How much text, in kilobytes (1024 bytes, at most 10240).")],
                    required: ["kilobytes"]))
        }
    }

    private static func property(_ type: String, _ description: String) -> Value {
        .object(["type": .string(type), "description": .string(description)])
    }

    private static func schema(_ properties: [String: Value], required: [String]) -> Value {
        .object([
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array(required.map(Value.string)),
            "additionalProperties": .bool(false),
        ])
    }
}

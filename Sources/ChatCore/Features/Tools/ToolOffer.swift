import StreamProtocol

/// The MCP tools a request offers the model: every tool of every running server that the
/// session has not switched off, as OpenAI function objects named `SERVER__TOOL`. The schema
/// comes from the server as JSON text; one that does not parse as a JSON object is left out
/// (and named, so the user is told), never sent broken.
struct ToolOffer: Equatable {
    /// `{"type":"function","function":{"name":WIRE,"description":D,"parameters":SCHEMA}}`, in
    /// the servers' order, then each server's.
    var functions: [JSONValue] = []
    /// Wire names of tools left out because their schema is not a JSON object.
    var unparsable: [String] = []

    init(servers: [ToolServerStatus], switchedOff: Set<String>) {
        for tool in ToolOffer.offeredTools(servers: servers, switchedOff: switchedOff) {
            guard let schema = JSONValue.parse(tool.inputSchemaJSON), case .object = schema else {
                unparsable.append(tool.wireName)
                continue
            }
            functions.append(.object([
                ("type", .string("function")),
                ("function", .object([
                    ("name", .string(tool.wireName)),
                    ("description", .string(tool.description)),
                    ("parameters", schema),
                ])),
            ]))
        }
    }

    /// The tools of running servers not switched off: what the model may call.
    static func offeredTools(servers: [ToolServerStatus], switchedOff: Set<String>) -> [ToolSpec] {
        servers.filter { $0.phase == .running }.flatMap(\.tools).filter { !switchedOff.contains($0.wireName) }
    }

    /// The offered tool a call names (by its wire name), if any.
    static func tool(named wireName: String, servers: [ToolServerStatus], switchedOff: Set<String>) -> ToolSpec? {
        offeredTools(servers: servers, switchedOff: switchedOff).first { $0.wireName == wireName }
    }

    /// The request's `tools` as compact JSON text: the parameters pane's own entries first, then
    /// the offered ones whose names the pane does not use (the pane wins a clash). Nil when
    /// there is neither. The pane's text was validated when typed; text that is not an array
    /// (a hand-edited store) is stopped by `requestProblem` before any send.
    func merged(intoPaneTools paneJSON: String?) -> String? {
        guard !functions.isEmpty else { return paneJSON }
        var entries: [JSONValue] = []
        if let paneJSON {
            guard case let .array(pane)? = JSONValue.parse(paneJSON) else { return paneJSON }
            entries = pane
        }
        let taken = ToolOffer.functionNames(entries)
        entries += functions.filter { !taken.contains($0["function"]?["name"]?.stringValue ?? "") }
        return JSONValue.array(entries).compactText
    }

    /// The function names the parameters pane's own `tools` use: a call naming one is the
    /// user's (answered by hand), never run on an MCP server, whatever a server offers.
    static func paneFunctionNames(_ paneJSON: String?) -> Set<String> {
        guard let paneJSON, case let .array(entries)? = JSONValue.parse(paneJSON) else { return [] }
        return functionNames(entries)
    }

    private static func functionNames(_ entries: [JSONValue]) -> Set<String> {
        Set(entries.compactMap { $0["function"]?["name"]?.stringValue })
    }
}

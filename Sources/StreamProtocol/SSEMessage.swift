/// One `name: value` line of an SSE block that is neither `event` nor `data`
/// (`id`, `retry`, and the prem dialect's non-standard `trace_id` / `document_chunks`).
public struct SSEField: Equatable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One dispatched Server-Sent-Events block (the lines up to a blank line).
public struct SSEMessage: Equatable, Sendable {
    /// The `event:` name; `message` when the block has none (or an empty one).
    public var event: String
    /// The block's `data:` lines joined by `"\n"`.
    public var data: String
    /// Every other field line of the block, in the order received.
    public var fields: [SSEField]

    public init(event: String = "message", data: String = "", fields: [SSEField] = []) {
        self.event = event
        self.data = data
        self.fields = fields
    }

    /// The value of the first extra field called `name`, if the block has one.
    public func field(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }
}

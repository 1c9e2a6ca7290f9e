extension JSONValue {
    /// The value as indented JSON (two spaces a level, members in stored order), for people to
    /// read: the inspector shows request bodies this way. Scalars are written exactly as the
    /// compact form writes them, so the numbers and strings are the ones sent.
    public var prettyText: String {
        var writer = JSONWriter()
        appendPretty(self, to: &writer, indent: 0)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func appendPretty(_ value: JSONValue, to writer: inout JSONWriter, indent: Int) {
        func newline(_ level: Int) {
            writer.appendRaw("\n")
            for _ in 0..<level { writer.appendRaw("  ") }
        }
        switch value {
        case let .array(elements) where !elements.isEmpty:
            writer.appendRaw("[")
            for (index, element) in elements.enumerated() {
                if index > 0 { writer.appendRaw(",") }
                newline(indent + 1)
                appendPretty(element, to: &writer, indent: indent + 1)
            }
            newline(indent)
            writer.appendRaw("]")
        case let .object(members) where !members.isEmpty:
            writer.appendRaw("{")
            for (index, member) in members.enumerated() {
                if index > 0 { writer.appendRaw(",") }
                newline(indent + 1)
                writer.appendString(member.key)
                writer.appendRaw(": ")
                appendPretty(member.value, to: &writer, indent: indent + 1)
            }
            newline(indent)
            writer.appendRaw("}")
        default:
            writer.append(value)
        }
    }
}

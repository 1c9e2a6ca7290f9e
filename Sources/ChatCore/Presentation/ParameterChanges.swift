import StreamProtocol

/// What a regenerated reply's header says about how it was asked for differently from the
/// first version: "temperature 0.2 → 1.2", one entry per field whose value differs.
public enum ParameterChanges {
    /// The fields of `new` that differ from `old`, in the parameters pane's order. Long or
    /// multi-line values (a system prompt, JSON) are shortened to their first line.
    public static func describe(from old: SessionParameters, to new: SessionParameters) -> [String] {
        ParameterField.allCases.compactMap { field in
            let before = field.text(in: old)
            let after = field.text(in: new)
            guard before != after else { return nil }
            return "\(field.wireName) \(shown(before)) → \(shown(after))"
        }
    }

    /// The fields of `new` that differ from `old`, as `field value` ("temperature 1.2",
    /// "top_p unset"): how a compare column says what sets it apart.
    public static func differences(from old: SessionParameters, to new: SessionParameters) -> [String] {
        ParameterField.allCases.compactMap { field in
            let after = field.text(in: new)
            return field.text(in: old) == after ? nil : "\(field.wireName) \(shown(after))"
        }
    }

    static func shown(_ value: String?) -> String {
        guard let value else { return "unset" }
        let firstLine = value.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let limit = 24
        if firstLine.count > limit { return String(firstLine.prefix(limit - 1)) + "…" }
        return firstLine == value ? value : firstLine + "…"
    }
}

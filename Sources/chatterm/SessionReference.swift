import SessionStore

/// A session named on the command line: its id or an unambiguous prefix of it.
enum SessionReference {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// `noneHint` follows "no stored session has that id" (e.g. how to start one).
    static func resolve(_ reference: String, in store: SessionStore, flag: String, noneHint: String = "") throws -> String {
        // An empty prefix matches every id: with one session stored it would name that one.
        guard !reference.isEmpty else {
            throw Problem(description: "\(flag) is empty: give a session's id or its first characters (`chatterm sessions list` shows them).")
        }
        let matches = try store.sessionIDs(startingWith: reference, limit: 2)
        switch matches.count {
        case 0: throw Problem(description: "\(flag) \(reference): no stored session has that id\(noneHint).")
        case 1: return matches[0]
        default:
            if matches.contains(reference) { return reference }
            throw Problem(description: "\(flag) \(reference): several sessions start with that; give more of the id.")
        }
    }
}

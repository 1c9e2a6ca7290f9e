import SessionStore

/// A session named on the command line: its id or an unambiguous prefix of it.
enum SessionReference {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// `noneHint` follows "no stored session has that id" (e.g. how to start one).
    static func resolve(_ reference: String, in store: SessionStore, flag: String, noneHint: String = "") throws -> String {
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

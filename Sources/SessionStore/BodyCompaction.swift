import Deterministic
import StreamProtocol

/// A recorded request body with the resent history cut out, and the bytes to put it back.
///
/// A body carries the whole conversation before its reply, so storing each one in full makes
/// the file grow with the square of the conversation's length. Cut at the history's first and
/// last byte, a body is a head (members before it, `"messages":[`, and in openai a leading
/// system message) and a tail (`]` and the members after): both about the size of the
/// parameters, whatever the conversation's length.
struct BodyCompaction: Equatable {
    var head: [UInt8]
    var tail: [UInt8]

    /// The history's bytes as the encoder writes them: its messages joined with commas.
    static func encodedHistory(_ messages: [ChatMessage]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, message) in messages.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: RequestEncoder.encodedMessage(message))
        }
        return bytes
    }

    /// Splits `body` around `history` (from `encodedHistory`), or nil when the history is not
    /// the end of the body's `messages` array, in which case the body must be kept whole.
    ///
    /// The search starts at the first `"messages":[`: neither that nor `{"role":` can occur
    /// inside a JSON string (its quotes would be escaped), so only the members themselves match.
    static func split(_ body: [UInt8], around history: [UInt8]) -> BodyCompaction? {
        guard !history.isEmpty, let arrayStart = firstIndex(of: messagesMember, in: body, from: 0),
              let start = firstIndex(of: history, in: body, from: arrayStart + messagesMember.count)
        else { return nil }
        let end = start + history.count
        guard end < body.count, body[end] == UInt8(ascii: "]"),
              body[start - 1] == UInt8(ascii: "[") || body[start - 1] == UInt8(ascii: ",")
        else { return nil }
        let compaction = BodyCompaction(head: Array(body[..<start]), tail: Array(body[end...]))
        // Belt and braces: only a split that gives the very same bytes back is ever stored.
        return compaction.body(with: history) == body ? compaction : nil
    }

    func body(with history: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.count + history.count + tail.count)
        bytes.append(contentsOf: head)
        bytes.append(contentsOf: history)
        bytes.append(contentsOf: tail)
        return bytes
    }

    private static let messagesMember = Array(#""messages":["#.utf8)

    /// A plain scan: a candidate fails at its first differing byte, and since `needle` starts
    /// with JSON structure that string contents cannot contain, that is almost always the
    /// first or second byte, so the scan is linear in practice.
    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}

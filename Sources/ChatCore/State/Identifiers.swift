/// Identifies one request to the server. The reducer hands out increasing ids and drops stream
/// actions whose id is not the current one, so a cancelled or replaced stream can never write
/// into the next reply.
public struct RequestID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public static func < (a: RequestID, b: RequestID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "#\(rawValue)" }
}

/// What the outside world adds to an input action: the time and one fresh unique id.
/// The reducer never reads a clock or a random source; the run loop stamps each input instead.
public struct Stamp: Sendable, Equatable {
    public var nowMillis: Int64
    /// A fresh UUID string; the reducer derives session and message ids from it.
    public var freshID: String
    /// Fresh random bits, for "pick a random seed".
    public var random: UInt64
    public init(nowMillis: Int64, freshID: String, random: UInt64) {
        self.nowMillis = nowMillis
        self.freshID = freshID
        self.random = random
    }
}

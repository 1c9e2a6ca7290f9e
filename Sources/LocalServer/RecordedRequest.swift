import Foundation

/// One request as the server received it, kept so tests can check what a client sent.
public struct RecordedRequest: Sendable, Equatable, CustomStringConvertible {
    public struct HeaderField: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var method: String
    /// The path without the query string.
    public var path: String
    /// The raw query string, without `?` (empty when there was none).
    public var query: String
    /// Header fields sorted by lowercased name. (The HTTP library stores headers in a
    /// dictionary, so the order on the wire is lost; sorting at least makes it stable.)
    public var headers: [HeaderField]
    public var body: Data
    /// When the request arrived (its body read), CLOCK_MONOTONIC nanoseconds (`MonotonicTime`).
    public var arrivalNanoseconds: UInt64
    /// When the reply's finish chunk was written, with its finish reason; nil until then, and
    /// for replies that have none (errors, drops, stalls, whole replies).
    public var finishWritten: FinishWritten?

    public struct FinishWritten: Sendable, Equatable {
        public var reason: String
        public var nanoseconds: UInt64
        public init(reason: String, nanoseconds: UInt64) {
            self.reason = reason
            self.nanoseconds = nanoseconds
        }
    }

    public init(
        method: String, path: String, query: String = "", headers: [HeaderField], body: Data,
        arrivalNanoseconds: UInt64 = 0, finishWritten: FinishWritten? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.arrivalNanoseconds = arrivalNanoseconds
        self.finishWritten = finishWritten
    }

    /// The first value of the header named `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Redacts `Authorization` so that printing a recorded request never shows a key.
    public var description: String {
        let shownHeaders = headers.map { field in
            field.name.caseInsensitiveCompare("Authorization") == .orderedSame ? "\(field.name): <redacted>" : "\(field.name): \(field.value)"
        }
        return "\(method) \(path)\(query.isEmpty ? "" : "?" + query) [\(shownHeaders.joined(separator: ", "))] \(body.count) bytes"
    }
}

/// The most recent requests (oldest dropped first), plus a counter used for reply ids.
actor RequestRecorder {
    private let capacity: Int
    private var requests: [RecordedRequest] = []
    private var total = 0

    init(capacity: Int) { self.capacity = capacity }

    /// Stores `request` and returns its 1-based sequence number.
    func record(_ request: RecordedRequest) -> Int {
        total += 1
        requests.append(request)
        if requests.count > capacity { requests.removeFirst(requests.count - capacity) }
        return total
    }

    func all() -> [RecordedRequest] { requests }

    /// Notes when request `sequence`'s finish chunk was written (if it is still kept).
    func noteFinish(sequence: Int, _ finish: RecordedRequest.FinishWritten) {
        let index = requests.count - (total - sequence) - 1
        guard requests.indices.contains(index) else { return }
        requests[index].finishWritten = finish
    }
}

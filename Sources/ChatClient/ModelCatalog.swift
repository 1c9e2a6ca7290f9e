import Foundation
import StreamProtocol

/// Fetches the names a request's `model` may take, from the active dialect's models endpoint
/// (`EndpointPaths.modelsURL`), for the model picker. Names come back in the server's order
/// and as sent: sorting, de-duplicating and sanitizing are the view's job.
///
/// Which entries count as chat models (decided here, so every caller agrees):
/// - prem `[{id, name, model_type, model_provider, deprecated}]`: `name` (the value `model`
///   takes; `id` when `name` is missing). `deprecated: true` entries are left out: a picker
///   should not suggest a model that is being retired, and a user who needs one can still type
///   it. Entries whose `model_type` names a non-text output (`text2image`, `text2vector`,
///   embeddings) are left out too; an absent or unknown-but-textual type is kept.
/// - openai `{"data": [{"id"}]}`: the ids.
/// Servers behind proxies mix shapes, so both are understood in either dialect.
// safe: the three settings are set once before the first fetch (the app configures, then
// asks); everything else is `let`.
public final class ModelCatalog: @unchecked Sendable {
    /// A list larger than this is refused: no real catalogue is near it, and a misconfigured
    /// base URL pointing at a file server must not fill memory.
    public static let maximumBodyBytes = 4 * 1024 * 1024

    private let transport: HTTPStreamTransport
    private let baseURL: String
    private let dialect: Dialect
    private let apiKey: String?
    public var connectTimeoutSeconds: Double = 10
    /// A listing that goes silent this long fails, so the picker can fall back to free text.
    public var idleTimeoutSeconds: Double = 20
    /// Certificate authorities (a PEM file) to trust for this endpoint instead of the system's.
    public var caFile: String?

    public init(transport: HTTPStreamTransport, baseURL: String, dialect: Dialect, apiKey: String?) {
        self.transport = transport
        self.baseURL = baseURL
        self.dialect = dialect
        self.apiKey = apiKey
    }

    /// The GET this catalogue sends.
    public func httpRequest() -> HTTPRequestSpec {
        var spec = HTTPRequestSpec(
            url: EndpointPaths.modelsURL(base: baseURL, dialect: dialect),
            method: "GET",
            // No body, so no Content-Type; the key only when there is one.
            headers: EndpointPaths.headers(apiKey: apiKey, streaming: false).filter { $0.name != "Content-Type" }
                + [(name: "Accept", value: "application/json")],
            connectTimeoutSeconds: connectTimeoutSeconds,
            idleTimeoutSeconds: idleTimeoutSeconds)
        spec.caFile = caFile
        return spec
    }

    /// Fetches the list. `completion` runs once, on the transport thread (or at once on the
    /// calling thread when the transport is shut down): the names, or an `APIError` for a
    /// non-2xx answer (decoded like any error body), a transport failure, a body that is not
    /// a model list, or one over `maximumBodyBytes`.
    public func fetch(completion: @escaping @Sendable (Result<[String], APIError>) -> Void) {
        let id = CatalogRequestIDs.next()
        let listing = Listing(
            dialect: dialect, url: httpRequest().url, transport: transport, id: id, completion: completion)
        transport.start(id, httpRequest()) { _, event in listing.handle(event) }
    }

    /// The model names in a 2xx body (pure; see the type's comment for what is kept).
    public static func parse(body: [UInt8], dialect: Dialect) -> Result<[String], APIError> {
        guard let json = JSONValue.parse(utf8: body) else {
            let preview = ReadableBody.preview(body)
            return .failure(APIError(
                code: "InvalidModelList",
                message: "The models list is not valid JSON" + (preview.isEmpty ? "." : ": \(preview)")))
        }
        let entries: [JSONValue]
        if case let .array(list) = json {
            entries = list
        } else if case let .array(list)? = json["data"] {
            entries = list
        } else if case let .array(list)? = json["models"] {
            entries = list  // Ollama's native /api/tags shape, seen behind some proxies
        } else {
            return .failure(APIError(
                code: "InvalidModelList",
                message: "The models answer holds no list of models (expected a JSON array or a \"data\" array)."))
        }
        return .success(entries.compactMap(chatModelName))
    }

    private static func chatModelName(_ entry: JSONValue) -> String? {
        if let name = entry.stringValue { return name.isEmpty ? nil : name }
        guard case .object = entry else { return nil }
        if case .bool(true)? = entry["deprecated"] { return nil }
        if let type = entry["model_type"]?.stringValue, !isTextModelType(type) { return nil }
        let name = entry["name"]?.stringValue ?? entry["id"]?.scalarText ?? entry["model"]?.stringValue
        guard let name, !name.isEmpty else { return nil }
        return name
    }

    /// `text2text`, `chat`, `text`, `llm`, `completion`: yes. `text2image`, `text2vector`,
    /// `embedding`, `image`, `audio`...: no.
    static func isTextModelType(_ type: String) -> Bool {
        let lowered = type.lowercased()
        if let target = lowered.range(of: "2") { return lowered[target.upperBound...] == "text" }
        return ["chat", "text", "llm", "completion", "completions", "instruct"].contains(lowered)
    }
}

/// Catalogue requests share the transport with chat streams, whose ids the app's reducer
/// numbers upward from 1. These count down from the top of the range, so they never meet.
enum CatalogRequestIDs {
    private static let lock = NSLock()
    // safe: read and written only under `lock`.
    nonisolated(unsafe) private static var last: UInt64 = .max

    static func next() -> RequestID {
        lock.lock()
        defer { lock.unlock() }
        last &-= 1
        return RequestID(last)
    }
}

/// One listing in flight. Transport thread only.
// safe: made before the request starts, then touched only on the transport thread, which
// delivers all of the request's events.
private final class Listing: @unchecked Sendable {
    private let dialect: Dialect
    private let url: String
    private let transport: HTTPStreamTransport
    private let id: RequestID
    private let completion: @Sendable (Result<[String], APIError>) -> Void
    private var status = 0
    private var body: [UInt8] = []
    private var tooLarge = false

    init(dialect: Dialect, url: String, transport: HTTPStreamTransport, id: RequestID,
         completion: @escaping @Sendable (Result<[String], APIError>) -> Void) {
        self.dialect = dialect
        self.url = url
        self.transport = transport
        self.id = id
        self.completion = completion
    }

    func handle(_ event: TransportEvent) {
        switch event {
        case let .head(status, _):
            self.status = status
        case let .bytes(bytes):
            guard !tooLarge else { return }
            if body.count + bytes.count > ModelCatalog.maximumBodyBytes {
                tooLarge = true
                body = []
                transport.cancel(id)  // ends with .finished(.cancelled); reported as too large
            } else {
                body += bytes
            }
        case let .finished(failure):
            completion(result(failure))
        }
    }

    private func result(_ failure: TransportFailure?) -> Result<[String], APIError> {
        if tooLarge {
            return .failure(APIError(
                status: status, code: "ModelListTooLarge",
                message: "The models list from \(CurlFailureMapping.hostAndPort(of: url)) is larger than \(ModelCatalog.maximumBodyBytes / (1024 * 1024)) MB; refused."))
        }
        if status != 0, !(200..<300).contains(status) {
            return .failure(APIErrorDecoder.decode(status: status, body: body, dialect: dialect))
        }
        if let failure { return .failure(failure.apiError) }
        return ModelCatalog.parse(body: body, dialect: dialect).mapError { error in
            var error = error
            error.status = status == 0 ? nil : status
            return error
        }
    }
}

/// A short look at a body that was supposed to be JSON.
enum ReadableBody {
    static func preview(_ body: [UInt8], limit: Int = 120) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard collapsed.count > limit else { return collapsed }
        return String(collapsed.prefix(limit - 1)) + "…"
    }
}

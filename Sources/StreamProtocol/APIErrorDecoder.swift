/// Reads an error body (non-2xx response) or an in-stream error event into an `APIError` whose
/// message is never empty. Shapes understood, in either dialect (servers behind proxies mix them):
/// - OpenAI: `{"error": {"message", "type", "code"}}`, `code` a string, a number or null;
/// - prem: `{"message", "code", "details"}` (`details` any JSON, kept as compact text), older prem
///   adds `provider`, `model`, `provider_message` (the latter goes into `details`);
/// - prem error event: `{"error": "<Code>", "message": "..."}`, either part missing;
/// - DRF: `{"detail": "..."}`; FastAPI: `{"detail": [{"loc", "msg"}]}` (listed as
///   `field: problem`); a wrapped error `{"detail": {"message", "code"}}`;
/// - anything else: the body as text (HTML tags stripped, whitespace collapsed, shortened; a page
///   with a `<title>` gives the title as message and the rest of its text as details, see
///   `ReadableText`), or, when that is empty, the status line (`HTTP 502 Bad Gateway`).
public enum APIErrorDecoder {
    /// Raw (non-JSON) bodies are shortened to about this many characters.
    public static let maximumRawMessageLength = 300

    public static func decode(status: Int, body: [UInt8], dialect: Dialect) -> APIError {
        let text = String(decoding: body, as: UTF8.self)
        var error = decodeText(text) ?? APIError(message: HTTPStatus.line(for: status))
        error.status = status
        return error
    }

    /// The code of the error for a 2xx answer whose body is neither an event stream nor a
    /// JSON error nor a completion (a web page, plain text, some other JSON).
    public static let unexpectedContentTypeCode = "UnexpectedContentType"

    /// A 2xx answer whose body is not an event stream (and not a whole completion, which the
    /// caller reads first). A JSON error in any of the shapes above is the server's error, without
    /// a status: the 200 says nothing about what went wrong, so advice keys on the code alone.
    /// Anything else says which content type came instead of a stream, with the body's text as
    /// details. `contentType` is the response header's value (nil when there was none).
    public static func decodeUnexpectedBody(_ body: [UInt8], contentType: String?) -> APIError {
        let text = String(decoding: body, as: UTF8.self)
        let json = JSONValue.parse(text)
        if let json, isErrorShaped(json), let error = error(from: json) {
            return error
        }
        let what = contentType.map(mediaType).flatMap { $0.isEmpty ? nil : $0 } ?? "a body without a Content-Type"
        let shown: String
        if let json {
            shown = ReadableText.shortened(json.compactText, limit: maximumRawMessageLength)
        } else {
            let summary = ReadableText.summary(ofBody: text, limit: maximumRawMessageLength)
            shown = [summary.headline, summary.details ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")
        }
        return APIError(
            code: unexpectedContentTypeCode, message: "The server answered with \(what), not an event stream.",
            details: shown.isEmpty ? nil : shown)
    }

    /// `text/html` of `Text/HTML; charset=UTF-8`: lowercased, parameters dropped, shortened (the
    /// header is untrusted and ends up in a message).
    public static func mediaType(_ contentType: String) -> String {
        let type = String(contentType.prefix { $0 != ";" }).trimmingASCIIWhitespace().lowercased()
        return ReadableText.shortened(type, limit: 60)
    }

    /// A JSON string, or an object with one of the keys an error body names its message or code by.
    private static func isErrorShaped(_ json: JSONValue) -> Bool {
        if case .string = json { return true }
        return ["error", "message", "detail", "code"].contains { key in json[key].map { !$0.isNull } ?? false }
    }

    /// An `error` event's data (either dialect).
    static func decodeStreamError(_ data: String) -> APIError {
        decodeText(data) ?? APIError(message: "The server reported an error without a message.")
    }

    /// A chunk that carried an `error` key.
    static func decodeStreamError(_ json: JSONValue, rawText: String) -> APIError {
        error(from: json) ?? fallback(rawText) ?? APIError(message: "The server reported an error without a message.")
    }

    /// Nil when the text holds nothing readable.
    private static func decodeText(_ text: String) -> APIError? {
        if let json = JSONValue.parse(text) {
            // Valid JSON that says nothing (`{}`, `{"message": ""}`) is not worth showing raw.
            return error(from: json)
        }
        return fallback(text)
    }

    private static func fallback(_ text: String) -> APIError? {
        let readable = ReadableText.summary(ofBody: text, limit: maximumRawMessageLength)
        return readable.headline.isEmpty ? nil : APIError(message: readable.headline, details: readable.details)
    }

    /// The error a JSON body describes; nil when it names no message at all.
    private static func error(from json: JSONValue) -> APIError? {
        if case let .string(text) = json {
            return nonEmpty(text).map { APIError(message: $0) }
        }
        guard case .object = json else { return nil }

        if let nested = json["error"], case .object = nested {
            // OpenAI shape; `type` is the closest thing to details it has.
            let message = nonEmpty(nested["message"]?.scalarText)
                ?? nonEmpty(nested["detail"]?.scalarText)
                ?? nonEmpty(json["message"]?.scalarText)
                ?? ReadableText.shortened(nested.compactText, limit: maximumRawMessageLength)
            return APIError(
                code: nonEmpty(nested["code"]?.scalarText) ?? nonEmpty(json["code"]?.scalarText),
                message: message,
                details: nonEmpty(nested["type"]?.scalarText)
            )
        }

        if let detail = json["detail"], case .object = detail, json["message"] == nil, json["error"] == nil,
           let nested = error(from: detail) {
            // `{"detail": {"message", "code"}}`: a framework wrapped the real error.
            return nested
        }
        let errorText = nonEmpty(json["error"]?.scalarText)
        let messageText = nonEmpty(json["message"]?.scalarText) ?? nonEmpty(json["detail"]?.scalarText)
            ?? json["detail"].flatMap(validationProblems) ?? json["detail"].flatMap(detailText)
        let code = nonEmpty(json["code"]?.scalarText) ?? errorText.flatMap { looksLikeCode($0) ? $0 : nil }
        guard let message = messageText ?? errorText ?? code else {
            // A JSON object with none of the known keys (e.g. DRF field errors): show it as is,
            // unless it says nothing at all (`{}`, `{"message": ""}`).
            guard hasContent(json) else { return nil }
            return APIError(message: ReadableText.shortened(json.compactText, limit: maximumRawMessageLength))
        }
        return APIError(code: code, message: message, details: details(of: json))
    }

    /// `details` as text, plus an older server's `provider_message` (named after its provider).
    private static func details(of json: JSONValue) -> String? {
        var parts: [String] = []
        if let details = json["details"].flatMap(detailText) {
            parts.append(details)
        }
        if let providerMessage = json["provider_message"].flatMap(detailText) {
            if let provider = nonEmpty(json["provider"]?.scalarText) {
                parts.append("\(provider): \(providerMessage)")
            } else {
                parts.append(providerMessage)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    /// FastAPI/pydantic's 422 (vLLM, LiteLLM and other Python servers):
    /// `[{"loc": ["body", "messages", 0], "msg": "field required", "type": ...}]` becomes
    /// `messages.0: field required; ...`. Nil when the list is not of that shape.
    private static func validationProblems(_ value: JSONValue) -> String? {
        guard case let .array(items) = value, !items.isEmpty else { return nil }
        var problems: [String] = []
        for item in items {
            guard let message = nonEmpty(item["msg"]?.scalarText) else { return nil }
            var location: [String] = []
            if case let .array(parts)? = item["loc"] {
                location = parts.compactMap(\.scalarText)
                if location.first == "body" { location.removeFirst() }  // every field is in the body
            }
            problems.append(location.isEmpty ? message : location.joined(separator: ".") + ": " + message)
        }
        return ReadableText.shortened(problems.joined(separator: "; "), limit: maximumRawMessageLength)
    }

    /// Any JSON as display text: strings as they are, everything else compact.
    private static func detailText(_ value: JSONValue) -> String? {
        if value.isNull { return nil }
        return nonEmpty(value.stringValue ?? value.compactText)
    }

    private static func hasContent(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case let .string(text): return !text.trimmingASCIIWhitespace().isEmpty
        case let .array(elements): return elements.contains(where: hasContent)
        case let .object(members): return members.contains { hasContent($0.value) }
        case .bool, .number: return true
        }
    }

    /// `RateLimitError`, `invalid_api_key`: one word. A sentence in `error` is a message, not a code.
    private static func looksLikeCode(_ text: String) -> Bool {
        text.count <= 64 && !text.contains(where: { $0.isWhitespace })
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingASCIIWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}

import StreamProtocol

/// An error answer, described once and written in either dialect's JSON shape:
/// prem `{"message","code","details"?}`, openai `{"error":{"message","type","code"}}`.
struct ServerError: Error, Sendable {
    var status: Int
    /// Prem's error code (`ValidationError`, `RateLimitError`, ...).
    var premCode: String
    var message: String
    /// Per-field problems of a validation error, in the order found.
    var fieldProblems: [(field: String, problem: String)] = []
    /// OpenAI-style machine code (`model_not_found`, ...).
    var openAICode: String
    var retryAfterSeconds: Int?

    static func validation(_ problems: [(field: String, problem: String)]) -> ServerError {
        let summary = problems.map { "\($0.field): \($0.problem)" }.joined(separator: "; ")
        return ServerError(
            status: 400, premCode: "ValidationError", message: "Invalid request: \(summary)",
            fieldProblems: problems, openAICode: problems.first.map { Self.openAICode(forField: $0.field) } ?? "invalid_request"
        )
    }

    static let invalidAPIKey = ServerError(
        status: 401, premCode: "AuthenticationError", message: "Invalid API key", openAICode: "invalid_api_key"
    )

    static func modelNotFound(_ model: String) -> ServerError {
        ServerError(status: 404, premCode: "ModelNotFoundError", message: "Model '\(model)' not found", openAICode: "model_not_found")
    }

    static let forbiddenHost = ServerError(
        status: 403, premCode: "PermissionDeniedError",
        message: "This local server only answers requests addressed to 127.0.0.1 or localhost",
        openAICode: "permission_denied"
    )

    static func notFound(path: String) -> ServerError {
        ServerError(status: 404, premCode: "NotFound", message: "No route for \(path)", openAICode: "not_found")
    }

    /// What `/error STATUS` (or `/flaky`) answers: the Prem code that goes with the status.
    static func simulated(status: Int, command: String = "/error") -> ServerError {
        let premCode: String
        switch status {
        case 400: premCode = "ValidationError"
        case 401: premCode = "AuthenticationError"
        case 403: premCode = "PermissionDeniedError"
        case 404: premCode = "ModelNotFoundError"
        case 409: premCode = "ConflictError"
        case 422: premCode = "UnprocessableEntityError"
        case 429: premCode = "RateLimitError"
        case 500: premCode = "ProviderInternalServerError"
        case 502: premCode = "ProviderAPIStatusError"
        case 503: premCode = "ProviderAPIConnectionError"
        case 504: premCode = "ProviderAPITimeoutError"
        default: premCode = "CatchAllError"
        }
        return ServerError(
            status: status, premCode: premCode, message: "Simulated \(premCode) (status \(status)) requested by \(command)",
            openAICode: Self.openAICode(forStatus: status),
            retryAfterSeconds: status == 429 || status == 503 ? 1 : nil
        )
    }

    /// The error event a stream ends with under `/stream-error`.
    static let upstreamFailed = ServerError(
        status: 500, premCode: "ProviderInternalServerError", message: "upstream failed", openAICode: "server_error"
    )

    var openAIType: String {
        switch status {
        case 401: return "authentication_error"
        case 403: return "permission_error"
        case 429: return "rate_limit_error"
        case 500...: return "server_error"
        default: return "invalid_request_error"
        }
    }

    private static func openAICode(forStatus status: Int) -> String {
        switch status {
        case 400: return "invalid_request"
        case 401: return "invalid_api_key"
        case 403: return "permission_denied"
        case 404: return "model_not_found"
        case 409: return "conflict"
        case 422: return "unprocessable_entity"
        case 429: return "rate_limit_exceeded"
        default: return "server_error"
        }
    }

    private static func openAICode(forField field: String) -> String {
        field == "model" || field == "messages" ? "missing_or_invalid_\(field)" : "invalid_value"
    }

    /// The JSON error body in the given dialect.
    func body(for dialect: Dialect) -> JSONValue {
        switch dialect {
        case .prem:
            var members: [(key: String, value: JSONValue)] = [("message", .string(message)), ("code", .string(premCode))]
            if !fieldProblems.isEmpty {
                var details: [(key: String, value: JSONValue)] = []
                for (field, problem) in fieldProblems {
                    if let index = details.firstIndex(where: { $0.key == field }), case var .array(list) = details[index].value {
                        list.append(.string(problem))
                        details[index].value = .array(list)
                    } else {
                        details.append((field, .array([.string(problem)])))
                    }
                }
                members.append(("details", .object(details)))
            }
            return .object(members)
        case .openai:
            var inner: [(key: String, value: JSONValue)] = [
                ("message", .string(message)), ("type", .string(openAIType)), ("code", .string(openAICode)),
            ]
            if let field = fieldProblems.first?.field { inner.append(("param", .string(field))) }
            return .object([("error", .object(inner))])
        }
    }

    /// The in-stream error event data: prem's flat `{"error","message"}`, openai's nested form.
    func streamEventBody(for dialect: Dialect) -> JSONValue {
        switch dialect {
        case .prem: return .object([("error", .string(premCode)), ("message", .string(message))])
        case .openai: return body(for: .openai)
        }
    }
}

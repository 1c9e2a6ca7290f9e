/// One sentence telling the user what to do about an error. The message (from the server) says
/// what happened; this says what to check or do next. Chosen by the error's code when it is one
/// we know and it agrees with the status (a 500 `ProviderAPITimeoutError` gets timeout advice),
/// otherwise by the HTTP status, and for failures without a status (in-stream `error` events,
/// connection failures) by the code alone. OpenAI's errors often carry `code: null` and say what
/// they are only in `type` (`server_error`), which the decoder keeps as `details`: without a
/// known code and without a status (an in-stream error), a `details` that is one known code word
/// is used in the code's place. (The decoder keeps `code` nil rather than filling in the type, so
/// the error still shows what the server sent, the type under the message.) Nil when
/// there is nothing more useful to say than the message itself (a cancel, an unknown code
/// without a status, a 418).
public enum ErrorAdvice {
    public static func advice(for error: APIError, dialect: Dialect) -> String? {
        kind(of: error).flatMap { text(for: $0, dialect: dialect) }
    }

    static func kind(of error: APIError) -> Kind? {
        let byStatus = error.status.flatMap(Kind.init(status:))
        guard let byCode = error.code.flatMap(Kind.init(code:)) else {
            // A type is a broad category (`server_error` covers 500 and 503 alike): with a
            // status, the status says more.
            return error.status == nil ? typeInDetails(error.details).flatMap(Kind.init(code:)) : byStatus
        }
        guard let status = error.status else { return byCode }
        // A code that contradicts the status (a 401 saying RateLimitError) is less trustworthy
        // than the status line: proxies rewrite statuses, but not into nonsense.
        return byCode.fits(status: status) ? byCode : byStatus
    }

    /// `server_error`, `invalid_request_error`: one word. Prose details (a prem 400's field
    /// list, a provider's message) are not a type.
    private static func typeInDetails(_ details: String?) -> String? {
        guard let details, details.count <= 64, !details.isEmpty, !details.contains(where: { $0.isWhitespace }) else { return nil }
        return details
    }

    enum Kind: Equatable {
        // The request or the account.
        case authentication, permission, modelNotFound, providerNotFound, endpointNotFound
        case validation, conflict, unprocessable, tooLarge, contextTooLong
        case rateLimited, quotaExhausted
        // The server side.
        case providerFailed, providerStatus, providerTimeout, providerConnection, providerResponseInvalid
        case serverFailed, badGateway, unavailable, gatewayTimeout
        // The connection (codes from the client's transport, no status).
        case connectionFailed, hostNotFound, tls, timedOut, connectionDropped, proxyRefused
        // A 2xx answer that was no event stream (a web page, a server that does not stream).
        case notAStream

        init?(status: Int) {
            switch status {
            case 400: self = .validation
            case 401: self = .authentication
            case 403: self = .permission
            // Without a code a 404 is as often a wrong base URL as a wrong model name.
            case 404: self = .endpointNotFound
            case 409: self = .conflict
            case 413: self = .tooLarge
            case 422: self = .unprocessable
            case 429: self = .rateLimited
            case 502: self = .badGateway
            case 503: self = .unavailable
            case 504: self = .gatewayTimeout
            case 500...599: self = .serverFailed
            default: return nil
            }
        }

        /// Prem's codes (../shared/reference/prem-protocol.md), OpenAI's and Anthropic-style
        /// codes seen through proxies, and the client's own transport codes.
        init?(code: String) {
            switch code {
            case "AuthenticationError", "invalid_api_key", "authentication_error": self = .authentication
            case "PermissionDeniedError", "permission_denied", "permission_error": self = .permission
            case "ModelNotFoundError", "model_not_found": self = .modelNotFound
            case "ProviderNotFoundError": self = .providerNotFound
            case "not_found_error": self = .endpointNotFound
            case "ValidationError", "invalid_request_error", "invalid_request": self = .validation
            case "ConflictError", "conflict": self = .conflict
            case "UnprocessableEntityError", "unprocessable_entity": self = .unprocessable
            case "context_length_exceeded": self = .contextTooLong
            case "request_too_large": self = .tooLarge
            case "RateLimitError", "rate_limit_exceeded", "rate_limit_error": self = .rateLimited
            case "insufficient_quota": self = .quotaExhausted
            case "ProviderInternalServerError": self = .providerFailed
            case "ProviderAPIStatusError": self = .providerStatus
            case "ProviderAPITimeoutError": self = .providerTimeout
            case "ProviderAPIConnectionError": self = .providerConnection
            case "APIResponseValidationError": self = .providerResponseInvalid
            case "CatchAllError", "server_error", "internal_error", "api_error": self = .serverFailed
            case "overloaded_error": self = .unavailable
            case "ConnectionFailed": self = .connectionFailed
            case "DNSError": self = .hostNotFound
            case "TLSError": self = .tls
            case "Timeout": self = .timedOut
            case "ConnectionDropped": self = .connectionDropped
            case "ProxyRefused": self = .proxyRefused
            case "UnexpectedContentType": self = .notAStream
            default: return nil
            }
        }

        /// Whether a response with `status` could carry a code of this kind.
        func fits(status: Int) -> Bool {
            switch self {
            case .authentication: return status == 401
            case .permission: return status == 403
            case .modelNotFound, .providerNotFound, .endpointNotFound: return status == 404
            case .validation: return status == 400
            case .conflict: return status == 409
            case .unprocessable: return status == 422
            case .tooLarge, .contextTooLong: return status == 400 || status == 413 || status == 422
            case .rateLimited, .quotaExhausted: return status == 429
            case .providerFailed, .providerStatus, .providerTimeout, .providerConnection, .providerResponseInvalid,
                 .serverFailed, .badGateway, .unavailable, .gatewayTimeout:
                return (500...599).contains(status)
            case .connectionFailed, .hostNotFound, .tls, .timedOut, .connectionDropped, .proxyRefused, .notAStream:
                return false
            }
        }
    }

    private static func text(for kind: Kind, dialect: Dialect) -> String? {
        let keyVariable = dialect == .prem ? "PREMAI_API_KEY" : "OPENAI_API_KEY"
        switch kind {
        case .authentication:
            return "The API key was not accepted: check the key you configured (or \(keyVariable))."
        case .permission:
            return dialect == .prem
                ? "The key may not use this project or model: check the project ID and the key's permissions."
                : "The key may not use this model: check the key's permissions."
        case .modelNotFound:
            return "The model was not found: check the model name (--model); the models list shows what this server offers."
        case .providerNotFound:
            return "No provider serves this model: check the model name, or the providers enabled for the project."
        case .endpointNotFound:
            return dialect == .prem
                ? "Not found: check the model name (--model) and the base URL (--base-url, without /v1)."
                : "Not found: check the model name (--model) and the base URL (--base-url, usually ending in /v1)."
        case .validation:
            return "The server rejected the request: check the parameters you set (ranges, stop sequences, JSON fields)."
        case .conflict:
            return "The server reported a conflict with the request's current state: wait a moment and send again."
        case .unprocessable:
            return "The server could not use the request: check the model name and the JSON parameters (tools, response format, logit bias)."
        case .tooLarge:
            return "The request is too large: shorten the conversation, the system prompt or max_tokens."
        case .contextTooLong:
            return "The conversation is too long for this model: start a new session, shorten the system prompt, or lower max_tokens."
        case .rateLimited:
            return "Rate limited: wait a little before sending again."
        case .quotaExhausted:
            return "The account's quota is used up: check the plan and billing; waiting will not help."
        case .providerFailed:
            return "The model provider failed: retry later, or choose another model."
        case .providerStatus:
            return "The model provider returned an error: retry later, or choose another model."
        case .providerTimeout:
            return "The model provider did not answer in time: retry later, or choose another model."
        case .providerConnection:
            return "The server could not reach the model provider: retry later."
        case .providerResponseInvalid:
            return "The model provider's answer could not be read: retry, or choose another model."
        case .serverFailed:
            return "The provider is having trouble: retry later."
        case .badGateway:
            return "A gateway or proxy in front of the server got no valid answer: retry later; if it persists, check the base URL."
        case .unavailable:
            return "The service is unavailable or overloaded: retry later."
        case .gatewayTimeout:
            return "A gateway or proxy in front of the server timed out: retry later, or shorten the request."
        case .connectionFailed:
            return "Could not reach the server: check the base URL, that the server is running, and any proxy settings (HTTPS_PROXY)."
        case .hostNotFound:
            return "The server's host name could not be resolved: check the base URL and the network."
        case .tls:
            return "The secure connection failed: check that the base URL's scheme (http or https) is right and the system's CA certificates."
        case .timedOut:
            return "The server did not answer in time: check the network and the base URL, then send again."
        case .connectionDropped:
            return "The connection broke: what arrived is kept; send again to retry."
        case .proxyRefused:
            return "The proxy refused to connect to the server: check the proxy settings (HTTPS_PROXY, NO_PROXY) and whether the proxy allows this host or needs credentials."
        case .notAStream:
            return "The server did not stream a reply: check the base URL (--base-url) and the dialect (--dialect)."
        }
    }
}

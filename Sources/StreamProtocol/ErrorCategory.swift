/// What broad kind of failure an error is: the distinctions a script acts on (fix the key,
/// wait and retry later, fix the request, check the network). `chatterm ask` turns each into
/// its own exit status. Decided by the same reading of code and status as `ErrorAdvice`.
public enum ErrorCategory: String, Sendable, Equatable, CaseIterable {
    /// The key was refused or may not do this (401, 403).
    case authentication
    /// Too many requests, or the quota is spent (429).
    case rateLimit = "rate_limit"
    /// The request itself was refused (400, 404, 409, 413, 422), or the server did not stream
    /// (a wrong base URL or dialect): sending it again unchanged will not help.
    case request
    /// The server or its model provider failed (5xx, provider errors, an error event mid-stream).
    case server
    /// The server could not be reached, or the connection broke (no HTTP status).
    case connection
}

extension ErrorAdvice {
    /// Nil when neither the code nor the status says (a cancel, an unknown code without a status).
    public static func category(of error: APIError) -> ErrorCategory? {
        kind(of: error).map(\.category)
    }
}

extension ErrorAdvice.Kind {
    var category: ErrorCategory {
        switch self {
        case .authentication, .permission: return .authentication
        case .rateLimited, .quotaExhausted: return .rateLimit
        case .modelNotFound, .providerNotFound, .endpointNotFound, .validation, .conflict, .unprocessable, .tooLarge,
             .contextTooLong, .notAStream:
            return .request
        case .providerFailed, .providerStatus, .providerTimeout, .providerConnection, .providerResponseInvalid,
             .serverFailed, .badGateway, .unavailable, .gatewayTimeout:
            return .server
        case .connectionFailed, .hostNotFound, .tls, .timedOut, .connectionDropped, .proxyRefused:
            return .connection
        }
    }
}

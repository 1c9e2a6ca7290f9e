/// One sentence telling the user what to do about an error, chosen by HTTP status or, for an
/// in-stream error without a status, by the server's error code. Nil when there is nothing
/// more useful to say than the message itself.
public enum ErrorAdvice {
    public static func advice(for error: APIError, dialect: Dialect) -> String? {
        guard let kind = error.status.flatMap(Kind.init(status:)) ?? error.code.flatMap(Kind.init(code:)) else {
            return nil
        }
        switch kind {
        case .authentication:
            let variable = dialect == .prem ? "PREMAI_API_KEY" : "OPENAI_API_KEY"
            return "The API key was not accepted: check the key you configured (or \(variable))."
        case .permission:
            return dialect == .prem
                ? "The key may not use this project or model: check the project ID and the key's permissions."
                : "The key may not use this model: check the key's permissions."
        case .notFound:
            return "The model or provider was not found: check --model and the base URL."
        case .rejected:
            return "The server rejected the request: check the parameters you set (ranges, stop sequences, JSON fields)."
        case .rateLimited:
            return "Rate limited: wait a little before sending again."
        case .serverTrouble:
            return "The provider is having trouble: retry later."
        }
    }

    private enum Kind {
        case authentication, permission, notFound, rejected, rateLimited, serverTrouble

        init?(status: Int) {
            switch status {
            case 401: self = .authentication
            case 403: self = .permission
            case 404: self = .notFound
            case 400, 409, 413, 422: self = .rejected
            case 429: self = .rateLimited
            case 500...599: self = .serverTrouble
            default: return nil
            }
        }

        /// Codes of the prem dialect (`RateLimitError`) and of OpenAI (`rate_limit_exceeded`).
        init?(code: String) {
            switch code {
            case "AuthenticationError", "invalid_api_key", "authentication_error":
                self = .authentication
            case "PermissionDeniedError", "permission_denied", "permission_error":
                self = .permission
            case "ModelNotFoundError", "ProviderNotFoundError", "model_not_found", "not_found_error":
                self = .notFound
            case "ValidationError", "UnprocessableEntityError", "ConflictError", "invalid_request_error",
                 "context_length_exceeded":
                self = .rejected
            case "RateLimitError", "rate_limit_exceeded", "rate_limit_error":
                self = .rateLimited
            case "ProviderInternalServerError", "ProviderAPIStatusError", "ProviderAPITimeoutError",
                 "ProviderAPIConnectionError", "APIResponseValidationError", "CatchAllError",
                 "server_error", "internal_error", "overloaded_error":
                self = .serverTrouble
            default:
                return nil
            }
        }
    }
}

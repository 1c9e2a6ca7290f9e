/// Reason phrases for the statuses chat servers and their proxies actually answer with.
enum HTTPStatus {
    static func line(for status: Int) -> String {
        guard let phrase = reasonPhrases[status] else { return "HTTP \(status)" }
        return "HTTP \(status) \(phrase)"
    }

    private static let reasonPhrases: [Int: String] = [
        400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
        404: "Not Found", 405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict",
        413: "Payload Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Entity",
        429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented",
        502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]
}

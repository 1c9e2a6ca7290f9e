import StreamProtocol

/// The on-disk JSON shape of an `APIError`. A private mirror rather than a conformance on the
/// shared type, so the file format is owned here and cannot change by accident elsewhere.
struct StoredAPIError: Codable, Equatable {
    var status: Int?
    var code: String?
    var message: String
    var details: String?

    init(_ error: APIError) {
        status = error.status
        code = error.code
        message = error.message
        details = error.details
    }

    var apiError: APIError {
        APIError(status: status, code: code, message: message, details: details)
    }
}

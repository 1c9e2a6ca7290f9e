import StreamProtocol
import XCTest

final class ErrorAdviceTests: XCTestCase {
    private func advice(_ status: Int?, code: String? = nil, _ dialect: Dialect = .prem) -> String? {
        ErrorAdvice.advice(for: APIError(status: status, code: code, message: "m"), dialect: dialect)
    }

    func testAuthenticationNamesTheDialectsKeyVariable() {
        XCTAssertEqual(advice(401, .prem)?.contains("PREMAI_API_KEY"), true)
        XCTAssertEqual(advice(401, .openai)?.contains("OPENAI_API_KEY"), true)
    }

    /// What each status says without a code (a DRF `detail`, an HTML page from a proxy).
    func testEachStatusAlone() {
        let expected: [(Int, String)] = [
            (400, "parameters"), (401, "API key"), (403, "project ID"), (404, "base URL"), (409, "conflict"),
            (413, "too large"), (422, "JSON parameters"), (429, "wait"), (500, "retry later"),
            (502, "gateway or proxy"), (503, "unavailable"), (504, "timed out"), (599, "retry later"),
        ]
        for (status, phrase) in expected {
            let text = advice(status)
            XCTAssertEqual(text?.contains(phrase), true, "\(status): \(text ?? "nil")")
        }
        XCTAssertEqual(advice(403, .openai)?.contains("project"), false, "openai has no projects")
        XCTAssertEqual(advice(404, .openai)?.contains("/v1"), true)
    }

    /// Every code of the protocol reference gets advice of its own kind, with or without its status.
    func testEveryPremCodeOfTheReference() {
        let codes: [(String, Int, String)] = [
            ("ValidationError", 400, "parameters"),
            ("AuthenticationError", 401, "API key"),
            ("PermissionDeniedError", 403, "project ID"),
            ("ModelNotFoundError", 404, "model name"),
            ("ProviderNotFoundError", 404, "provider"),
            ("ConflictError", 409, "conflict"),
            ("UnprocessableEntityError", 422, "JSON parameters"),
            ("RateLimitError", 429, "wait"),
            ("ProviderInternalServerError", 500, "provider failed"),
            ("ProviderAPIStatusError", 500, "returned an error"),
            ("ProviderAPITimeoutError", 500, "did not answer in time"),
            ("ProviderAPIConnectionError", 500, "could not reach the model provider"),
            ("APIResponseValidationError", 500, "could not be read"),
            ("CatchAllError", 500, "retry later"),
        ]
        for (code, status, phrase) in codes {
            XCTAssertEqual(advice(status, code: code)?.contains(phrase), true, "\(code) with \(status)")
            XCTAssertEqual(advice(nil, code: code), advice(status, code: code), "\(code) in a stream error event")
        }
    }

    func testACodeRefinesItsStatusButDoesNotOverruleIt() {
        XCTAssertNotEqual(advice(500, code: "ProviderAPITimeoutError"), advice(500))
        XCTAssertEqual(advice(502, code: "ProviderAPITimeoutError"), advice(500, code: "ProviderAPITimeoutError"), "any 5xx")
        XCTAssertEqual(advice(401, code: "RateLimitError"), advice(401), "a contradicting code loses to the status")
        XCTAssertEqual(advice(404, code: "SomethingNew"), advice(404))
    }

    func testOpenAICodes() {
        XCTAssertEqual(advice(nil, code: "invalid_api_key", .openai), advice(401, .openai))
        XCTAssertEqual(advice(404, code: "model_not_found", .openai)?.contains("model name"), true)
        XCTAssertEqual(advice(400, code: "context_length_exceeded", .openai)?.contains("too long"), true)
        XCTAssertEqual(advice(429, code: "insufficient_quota", .openai)?.contains("quota"), true)
        XCTAssertEqual(advice(429, code: "rate_limit_exceeded", .openai), advice(429, .openai))
    }

    func testTransportCodesWithoutStatus() {
        XCTAssertEqual(advice(nil, code: "ConnectionFailed")?.contains("base URL"), true)
        XCTAssertEqual(advice(nil, code: "DNSError")?.contains("host name"), true)
        XCTAssertEqual(advice(nil, code: "TLSError")?.contains("certificates"), true)
        XCTAssertEqual(advice(nil, code: "Timeout")?.contains("in time"), true)
        XCTAssertEqual(advice(nil, code: "ConnectionDropped")?.contains("kept"), true)
        XCTAssertNil(advice(nil, code: "Cancelled"), "the user cancelled; nothing to advise")
    }

    /// OpenAI's `code: null` errors name their kind only in `type`, which is in `details`.
    func testTypeInDetailsStandsInForAMissingCodeWithoutAStatus() {
        func advice(status: Int? = nil, code: String? = nil, details: String?) -> String? {
            ErrorAdvice.advice(for: APIError(status: status, code: code, message: "m", details: details), dialect: .openai)
        }
        XCTAssertEqual(advice(details: "server_error"), "The provider is having trouble: retry later.")
        XCTAssertEqual(advice(details: "invalid_request_error"), self.advice(400, .openai))
        XCTAssertEqual(advice(code: "something_new", details: "server_error"), "The provider is having trouble: retry later.",
                       "an unknown code does not hide a known type")
        XCTAssertEqual(advice(code: "rate_limit_exceeded", details: "server_error"), self.advice(429, .openai), "a known code wins")
        // With a status, the status is more precise than a type (503 is "unavailable", not "server error").
        XCTAssertEqual(advice(status: 503, code: "503", details: "server_error"), self.advice(503, .openai))
        XCTAssertNil(advice(details: "requests"), "a type we do not know")
        XCTAssertNil(advice(details: "server_error happened upstream"), "prose is not a type")
        XCTAssertNil(advice(details: nil))
    }

    func testProxyAndNotAStreamCodes() {
        XCTAssertEqual(advice(nil, code: "ProxyRefused")?.contains("HTTPS_PROXY"), true)
        XCTAssertEqual(advice(nil, code: "UnexpectedContentType")?.contains("--dialect"), true)
        XCTAssertEqual(advice(502, code: "ProxyRefused"), advice(502), "transport codes never come with a status")
    }

    func testNothingToSay() {
        XCTAssertNil(advice(nil))
        XCTAssertNil(advice(418))
        XCTAssertNil(advice(nil, code: "SomethingNew"))
    }
}

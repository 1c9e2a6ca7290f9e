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

    func testEachStatusClass() {
        XCTAssertEqual(advice(403)?.contains("project"), true)
        XCTAssertEqual(advice(404)?.contains("--model"), true)
        XCTAssertEqual(advice(400)?.contains("rejected"), true)
        XCTAssertEqual(advice(422)?.contains("rejected"), true)
        XCTAssertEqual(advice(429)?.contains("wait"), true)
        for status in [500, 502, 503, 504] {
            XCTAssertEqual(advice(status)?.contains("retry later"), true, "\(status)")
        }
    }

    func testStreamErrorsWithoutStatusUseTheCode() {
        XCTAssertEqual(advice(nil, code: "RateLimitError"), advice(429))
        XCTAssertEqual(advice(nil, code: "invalid_api_key", .openai), advice(401, .openai))
        XCTAssertEqual(advice(nil, code: "ModelNotFoundError"), advice(404))
        XCTAssertEqual(advice(nil, code: "ProviderAPITimeoutError"), advice(503))
        // The status wins over the code when both are present.
        XCTAssertEqual(advice(401, code: "RateLimitError"), advice(401))
    }

    func testNothingToSay() {
        XCTAssertNil(advice(nil))
        XCTAssertNil(advice(418))
        XCTAssertNil(advice(nil, code: "SomethingNew"))
    }
}

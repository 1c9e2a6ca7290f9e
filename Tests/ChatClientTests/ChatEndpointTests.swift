import ChatClient
import StreamProtocol
import XCTest

final class ChatEndpointTests: XCTestCase {
    func testCompletionsURLPerDialectIgnoresTrailingSlashes() {
        XCTAssertEqual(ChatEndpoint.completionsURL(base: "https://app.premai.io", dialect: .prem),
                       "https://app.premai.io/v1/chat/completions")
        XCTAssertEqual(ChatEndpoint.completionsURL(base: "https://app.premai.io//", dialect: .prem),
                       "https://app.premai.io/v1/chat/completions")
        XCTAssertEqual(ChatEndpoint.completionsURL(base: "http://127.0.0.1:11434/v1/", dialect: .openai),
                       "http://127.0.0.1:11434/v1/chat/completions")
    }

    func testModelsURLPerDialect() {
        XCTAssertEqual(ChatEndpoint.modelsURL(base: "https://app.premai.io/", dialect: .prem),
                       "https://app.premai.io/v1/models/")
        XCTAssertEqual(ChatEndpoint.modelsURL(base: "https://studio.premai.io/api/v1", dialect: .openai),
                       "https://studio.premai.io/api/v1/models")
    }

    func testHeadersWithKeyForStreaming() {
        let headers = ChatEndpoint.headers(apiKey: "sk-abc", streaming: true)
        XCTAssertEqual(headers.map(\.name), ["Authorization", "Content-Type", "Accept"])
        XCTAssertEqual(headers.map(\.value), ["Bearer sk-abc", "application/json", "text/event-stream"])
    }

    func testHeadersWithoutKeyOrStreamingOmitThem() {
        for key in [nil, ""] as [String?] {
            let headers = ChatEndpoint.headers(apiKey: key, streaming: false)
            XCTAssertEqual(headers.map(\.name), ["Content-Type"])
        }
    }
}

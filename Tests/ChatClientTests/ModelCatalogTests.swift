@testable import ChatClient
import FlyingFox
import Foundation
import LocalServer
import StreamProtocol
import XCTest

final class ModelCatalogParseTests: XCTestCase {
    private func parse(_ text: String, _ dialect: Dialect = .prem) -> Result<[String], APIError> {
        ModelCatalog.parse(body: Array(text.utf8), dialect: dialect)
    }

    func testPremListUsesNamesAndSkipsDeprecatedAndNonTextModels() {
        let body = """
        [{"id": 1, "name": "gpt-4o-mini", "model_type": "text2text", "model_provider": "openai", "deprecated": false},
         {"id": 2, "name": "old-model", "model_type": "text2text", "model_provider": "x", "deprecated": true},
         {"id": 3, "name": "dall-e-3", "model_type": "text2image", "model_provider": "openai", "deprecated": false},
         {"id": 4, "name": "text-embedding-3-small", "model_type": "text2vector", "model_provider": "openai"},
         {"id": 5, "name": "claude-3-5-sonnet", "model_provider": "anthropic"},
         {"id": 6, "name": "vision", "model_type": "image2text", "deprecated": null},
         {"id": "only-id"},
         {"name": ""},
         42]
        """
        XCTAssertEqual(try parse(body).get(), ["gpt-4o-mini", "claude-3-5-sonnet", "vision", "only-id"])
    }

    func testOpenAIListUsesIds() {
        let body = #"{"object":"list","data":[{"id":"llama3.2:latest","object":"model"},{"id":"qwen2.5"},{"object":"model"}]}"#
        XCTAssertEqual(try parse(body, .openai).get(), ["llama3.2:latest", "qwen2.5"])
    }

    func testEitherShapeInEitherDialectAndKeepsOrderAndDuplicates() {
        XCTAssertEqual(try parse(#"{"data":[{"id":"b"},{"id":"a"},{"id":"b"}]}"#, .prem).get(), ["b", "a", "b"])
        XCTAssertEqual(try parse(#"[{"name":"x"}]"#, .openai).get(), ["x"])
        XCTAssertEqual(try parse(#"{"models":[{"name":"llama3"}]}"#, .openai).get(), ["llama3"])
        XCTAssertEqual(try parse("[]").get(), [])
        XCTAssertEqual(try parse(#"["plain","names"]"#).get(), ["plain", "names"])
    }

    func testNamesAreNotSanitizedHere() {
        XCTAssertEqual(try parse(#"[{"name":"evil\u001b[2J"}]"#).get(), ["evil\u{1B}[2J"], "the view sanitizes")
    }

    func testMalformedBodiesAreClearErrors() {
        for body in ["<html><body>Welcome to nginx!</body></html>", "", "{", #"{"data": "nope"}"#, #"{"error": null}"#, "42"] {
            guard case let .failure(error) = parse(body) else { return XCTFail("accepted \(body)") }
            XCTAssertEqual(error.code, "InvalidModelList", body)
            XCTAssertTrue(error.message.hasPrefix("The models"), error.message)
        }
        guard case let .failure(error) = parse("<html>\n  <b>Welcome</b>   to nginx") else { return XCTFail() }
        XCTAssertTrue(error.message.contains("<html> <b>Welcome</b> to nginx"), "a collapsed preview: \(error.message)")
    }

    func testTextModelTypes() {
        for type in ["text2text", "TEXT2TEXT", "chat", "image2text", "llm"] { XCTAssertTrue(ModelCatalog.isTextModelType(type), type) }
        for type in ["text2image", "text2vector", "embedding", "audio", "text2speech"] { XCTAssertFalse(ModelCatalog.isTextModelType(type), type) }
    }
}

/// The catalogue against the bundled server (both dialects) and against misbehaving ones.
final class ModelCatalogTests: ServerBackedTestCase {
    private func localCatalog(_ dialect: Dialect, key: String?) async throws -> ModelCatalog {
        let base = try await startLocalServer(LocalServerConfiguration(requiredAPIKey: "k-1"), dialect: dialect)
        return ModelCatalog(transport: transport, baseURL: base, dialect: dialect, apiKey: key)
    }

    private func fetch(_ catalog: ModelCatalog) async -> Result<[String], APIError> {
        await withCheckedContinuation { continuation in
            catalog.fetch { continuation.resume(returning: $0) }
        }
    }

    func testPremListFromTheLocalServer() async throws {
        let catalog = try await localCatalog(.prem, key: "k-1")
        let result = await fetch(catalog)
        XCTAssertEqual(try result.get(), LocalServerConfiguration.defaultModels)
        let resolved = await server?.recordedRequests()
        let sent = try XCTUnwrap(resolved?.last)
        XCTAssertEqual(sent.method, "GET")
        XCTAssertTrue(["/v1/models", "/v1/models/"].contains(sent.path), sent.path)  // FlyingFox trims the slash
        XCTAssertEqual(sent.header("Authorization"), "Bearer k-1")
        XCTAssertEqual(sent.body.count, 0)
    }

    func testOpenAIListFromTheLocalServer() async throws {
        let catalog = try await localCatalog(.openai, key: "k-1")
        let result = await fetch(catalog)
        XCTAssertEqual(try result.get(), LocalServerConfiguration.defaultModels)
        let resolved = await server?.recordedRequests()
        let sent = try XCTUnwrap(resolved?.last)
        XCTAssertEqual(sent.path, "/openai/v1/models")
    }

    func testWrongKeyIsADecoded401() async throws {
        let catalog = try await localCatalog(.prem, key: "wrong")
        guard case let .failure(error) = await fetch(catalog) else { return XCTFail("accepted a wrong key") }
        XCTAssertEqual(error.status, 401)
        XCTAssertEqual(error.code, "AuthenticationError")
        XCTAssertEqual(error.message, "Invalid API key")
    }

    func testMalformedJSONFromAServer() async throws {
        let started = try await startRawServer { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html"], body: Data("<html>It works!</html>".utf8))
        }
        let catalog = ModelCatalog(transport: transport, baseURL: started.baseURL, dialect: .openai, apiKey: nil)
        guard case let .failure(error) = await fetch(catalog) else { return XCTFail("accepted HTML") }
        XCTAssertEqual(error.code, "InvalidModelList")
        XCTAssertEqual(error.status, 200)
    }

    func testHTMLErrorPageIsShortenedText() async throws {
        let page = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"
        let started = try await startRawServer { _ in
            HTTPResponse(statusCode: .badGateway, headers: [.contentType: "text/html"], body: Data(page.utf8))
        }
        let catalog = ModelCatalog(transport: transport, baseURL: started.baseURL, dialect: .openai, apiKey: nil)
        guard case let .failure(error) = await fetch(catalog) else { return XCTFail("accepted a 502") }
        // The title; the heading only repeats it.
        XCTAssertEqual(error, APIError(status: 502, message: "502 Bad Gateway"))
    }

    func testOversizedListIsRefused() async throws {
        let huge = Data("[".utf8) + Data(repeating: UInt8(ascii: " "), count: ModelCatalog.maximumBodyBytes + 10) + Data("]".utf8)
        let started = try await startRawServer { _ in HTTPResponse(statusCode: .ok, body: huge) }
        let catalog = ModelCatalog(transport: transport, baseURL: started.baseURL, dialect: .openai, apiKey: nil)
        guard case let .failure(error) = await fetch(catalog) else { return XCTFail("accepted \(huge.count) bytes") }
        XCTAssertEqual(error.code, "ModelListTooLarge")
    }

    func testUnreachableServerIsATransportError() async throws {
        let catalog = ModelCatalog(transport: transport, baseURL: "http://127.0.0.1:\(try closedLocalPort())", dialect: .prem, apiKey: nil)
        guard case let .failure(error) = await fetch(catalog) else { return XCTFail("a closed port answered") }
        XCTAssertEqual(error.code, "ConnectionFailed")
        XCTAssertNil(error.status)
    }

    func testRequestShapeAndIdsStayOutOfTheStreamsRange() {
        let catalog = ModelCatalog(transport: transport, baseURL: "https://app.premai.io/", dialect: .prem, apiKey: "sk-x")
        let spec = catalog.httpRequest()
        XCTAssertEqual(spec.url, "https://app.premai.io/v1/models/")
        XCTAssertEqual(spec.method, "GET")
        XCTAssertEqual(spec.headers.map(\.name), ["Authorization", "Accept"])
        XCTAssertTrue(spec.body.isEmpty)
        XCTAssertNotNil(spec.idleTimeoutSeconds, "a listing must not hang the picker")
    }
}

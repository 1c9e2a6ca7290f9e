import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import LocalServer

final class ServerLifecycleTests: ServerTestCase {
    func testStartReturnsAnEphemeralPortAndBaseURLs() async throws {
        try await startServer()
        XCTAssertNotEqual(port, 0)
        let prem = await server.baseURL(for: .prem)
        let openAI = await server.baseURL(for: .openai)
        XCTAssertEqual(prem?.absoluteString, "http://127.0.0.1:\(port)")
        XCTAssertEqual(openAI?.absoluteString, "http://127.0.0.1:\(port)/openai/v1")
        await server.stop()
        let afterStop = await server.baseURL(for: .prem)
        XCTAssertNil(afterStop)
    }

    func testRecordedRequestsKeepMethodPathHeadersAndBody() async throws {
        try await startServer()
        let body = premBody("/tokens 1 remember me")
        _ = try await post("/v1/chat/completions", body, headers: [("Authorization", "Bearer abc"), ("X-Trace", "t1")])
        let recorded = await server.recordedRequests()
        let request = try XCTUnwrap(recorded.last)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/v1/chat/completions")
        XCTAssertEqual(request.bodyText, body)
        XCTAssertEqual(request.header("authorization"), "Bearer abc")
        XCTAssertEqual(request.header("X-Trace"), "t1")
        XCTAssertFalse(request.description.contains("abc"), "descriptions redact the key")
    }

    func testOnlyTheLastHundredRequestsAreKept() async throws {
        let recorder = RequestRecorder(capacity: 100)
        for index in 1...105 {
            _ = await recorder.record(RecordedRequest(method: "GET", path: "/\(index)", headers: [], body: Data()))
        }
        let all = await recorder.all()
        XCTAssertEqual(all.count, 100)
        XCTAssertEqual(all.first?.path, "/6")
        XCTAssertEqual(all.last?.path, "/105")
    }

    func testForeignHostHeaderIsRefused() async throws {
        try await startServer()
        let response = try await get("/v1/models/", headers: [])
        XCTAssertEqual(response.status, 200)
        XCTAssertTrue(Router.isLocalHost("localhost:8080"))
        XCTAssertTrue(Router.isLocalHost("[::1]:8080"))
        XCTAssertFalse(Router.isLocalHost("evil.example:\(port)"))
    }

    func testStartingOnATakenPortFails() async throws {
        try await startServer()
        let second = LocalPremServer(configuration: LocalServerConfiguration(port: port))
        do {
            _ = try await second.start()
            XCTFail("a second server on the same port must not start")
            await second.stop()
        } catch let error as LocalServerError {
            guard case .couldNotListen = error else { return XCTFail("unexpected \(error)") }
        }
    }

    func testURLSessionCanTalkToTheServer() async throws {
        try await startServer()
        let url = try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)/v1/chat/completions"))
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(premBody("/tokens 3 hi").utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
        XCTAssertEqual(try contentDeltas(sseBlocks(String(decoding: data, as: UTF8.self))).count, 3)
    }
}

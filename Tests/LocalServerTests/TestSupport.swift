import Foundation
import XCTest
@testable import LocalServer

/// One SSE block as the tests see it: its lines split into `name: value` pairs.
struct SSEBlock {
    var fields: [(name: String, value: String)]
    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }
}

/// Splits a stream body into blocks at blank lines (the server writes LF only).
func sseBlocks(_ text: String) -> [SSEBlock] {
    text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { block in
        SSEBlock(fields: block.split(separator: "\n").map { line in
            guard let colon = line.firstIndex(of: ":") else { return (String(line), "") }
            var value = line[line.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
            return (String(line[..<colon]), String(value))
        })
    }
}

func jsonObject(_ text: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try XCTUnwrap(value as? [String: Any], "not a JSON object: \(text)")
}

/// `choices[0].delta` of a chunk.
func delta(of chunk: [String: Any]) -> [String: Any]? {
    ((chunk["choices"] as? [[String: Any]])?.first)?["delta"] as? [String: Any]
}

func finishReason(of chunk: [String: Any]) -> String? {
    ((chunk["choices"] as? [[String: Any]])?.first)?["finish_reason"] as? String
}

/// The non-empty `delta.content` strings of a prem or openai stream, in order.
func contentDeltas(_ blocks: [SSEBlock]) throws -> [String] {
    try blocks.compactMap { block -> String? in
        guard let data = block.value("data"), data.hasPrefix("{") else { return nil }
        let content = delta(of: try jsonObject(data))?["content"] as? String
        return content?.isEmpty == false ? content : nil
    }
}

func premBody(_ userText: String, stream: Bool = true, extra: String = "") -> String {
    let content = JSONValue.compactText(of: .string(userText))
    return #"{"project_id":1,"stream":\#(stream),"messages":[{"role":"user","content":\#(content)}]\#(extra)}"#
}

func openAIBody(_ userText: String, stream: Bool = true, extra: String = "") -> String {
    let content = JSONValue.compactText(of: .string(userText))
    return #"{"model":"local-echo","stream":\#(stream),"messages":[{"role":"system","content":"be brief"},{"role":"user","content":\#(content)}]\#(extra)}"#
}

/// Starts a server for one test and stops it afterwards.
class ServerTestCase: XCTestCase {
    var server: LocalPremServer!
    var port: UInt16 = 0

    func startServer(_ configuration: LocalServerConfiguration = LocalServerConfiguration()) async throws {
        server = LocalPremServer(configuration: configuration)
        port = try await server.start()
    }

    override func tearDown() async throws {
        await server?.stop()
        server = nil
    }

    func post(_ path: String, _ body: String, headers: [(String, String)] = []) async throws -> RawHTTPResponse {
        try await RawHTTPClient.send(port: port, path: path, headers: headers, body: body)
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> RawHTTPResponse {
        try await RawHTTPClient.send(port: port, method: "GET", path: path, headers: headers)
    }
}


import FlyingFox
import Foundation
import StreamProtocol

/// Dispatches every request: records it, guards the host and the key, then routes by path.
struct Router: Sendable {
    let configuration: LocalServerConfiguration
    let recorder: RequestRecorder
    let flaky: FlakyCounter

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let body: Data
        do {
            body = try await request.bodyData
        } catch {
            return log(request, ChatResponder.errorResponse(.validation([("body", "Could not read the request body.")]), dialect: .prem))
        }
        let arrival = MonotonicTime.nanoseconds()
        let sequenceNumber = await recorder.record(RecordedRequest(
            method: request.method.rawValue,
            path: request.path,
            query: request.target.query(),
            headers: request.headers
                .map { RecordedRequest.HeaderField(name: $0.key.rawValue, value: $0.value) }
                .sorted { $0.name.lowercased() < $1.name.lowercased() },
            body: body,
            arrivalNanoseconds: arrival
        ))
        configuration.timingLog?(.requestArrived(sequence: sequenceNumber, nanoseconds: arrival))
        let dialect: Dialect = request.path.hasPrefix(LocalPremServer.openAIPathPrefix + "/") ? .openai : .prem
        return log(request, route(request, body: body, dialect: dialect, sequenceNumber: sequenceNumber))
    }

    private func route(_ request: HTTPRequest, body: Data, dialect: Dialect, sequenceNumber: Int) -> HTTPResponse {
        guard Self.isLocalHost(request.headers[.host]) else {
            return ChatResponder.errorResponse(.forbiddenHost, dialect: dialect)
        }
        guard isAuthorized(request.headers[.authorization]) else {
            return ChatResponder.errorResponse(.invalidAPIKey, dialect: dialect)
        }
        let path = request.path
        let openAI = LocalPremServer.openAIPathPrefix
        switch (request.method, path) {
        case (.POST, "/v1/chat/completions"), (.POST, openAI + "/chat/completions"):
            switch ChatCompletionRequest.parse(body: Array(body), dialect: dialect, configuration: configuration) {
            case let .success(chat):
                let responder = ChatResponder(configuration: configuration, flaky: flaky) { [recorder, configuration] reason in
                    let finish = RecordedRequest.FinishWritten(reason: reason, nanoseconds: MonotonicTime.nanoseconds())
                    configuration.timingLog?(.finishWritten(sequence: sequenceNumber, reason: reason, nanoseconds: finish.nanoseconds))
                    await recorder.noteFinish(sequence: sequenceNumber, finish)
                }
                return responder.respond(to: chat, sequenceNumber: sequenceNumber)
            case let .failure(error):
                return ChatResponder.errorResponse(error, dialect: dialect)
            }
        case (.GET, "/v1/models"), (.GET, "/v1/models/"):
            return ChatResponder.jsonResponse(.array(configuration.knownModels.map { name in
                .object([
                    ("id", .string(name)), ("name", .string(name)), ("model_type", .string("text2text")),
                    ("model_provider", .string("local")), ("deprecated", .bool(false)),
                ])
            }))
        case (.GET, openAI + "/models"):
            return ChatResponder.jsonResponse(.object([
                ("object", .string("list")),
                ("data", .array(configuration.knownModels.map { name in
                    .object([("id", .string(name)), ("object", .string("model")), ("owned_by", .string("local"))])
                })),
            ]))
        default:
            return ChatResponder.errorResponse(.notFound(path: "\(request.method.rawValue) \(path)"), dialect: dialect)
        }
    }

    private func isAuthorized(_ header: String?) -> Bool {
        guard let key = configuration.requiredAPIKey else { return true }
        return header == "Bearer \(key)"
    }

    /// Refuses requests addressed to another host name: a web page that rebinds its own DNS
    /// name to 127.0.0.1 must not be able to drive this server from a browser.
    static func isLocalHost(_ hostHeader: String?) -> Bool {
        guard let hostHeader, !hostHeader.isEmpty else { return true }
        let host: Substring
        if hostHeader.hasPrefix("[") {
            host = hostHeader.prefix { $0 != "]" }.dropFirst()
        } else {
            host = hostHeader.split(separator: ":", maxSplits: 1).first ?? ""
        }
        return ["127.0.0.1", "localhost", "::1"].contains(host.lowercased())
    }

    /// One summary line per request; never header values, so keys stay out of logs.
    private func log(_ request: HTTPRequest, _ response: HTTPResponse) -> HTTPResponse {
        configuration.accessLog?("\(request.method.rawValue) \(request.path) -> \(response.statusCode.code)")
        return response
    }
}

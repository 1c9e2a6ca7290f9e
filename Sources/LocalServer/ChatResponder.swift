import FlyingFox
import Foundation
import StreamProtocol

/// Turns a validated chat request into an HTTP response: a paced SSE body, or one JSON
/// completion when the client did not ask for a stream.
struct ChatResponder: Sendable {
    var configuration: LocalServerConfiguration
    var flaky: FlakyCounter
    /// Called once the finish chunk of a streamed reply has been handed to the connection,
    /// with its finish reason (the request log's time for the benchmark's tool turnaround).
    var finishWritten: @Sendable (String) async -> Void = { _ in }

    func respond(to request: ChatCompletionRequest, sequenceNumber: Int) -> HTTPResponse {
        let commands = TestCommands.parse(request.lastUserMessage)
        if let status = commands.errorStatus {
            return simulatedError(status, command: "/error", commands: commands, dialect: request.dialect)
        }
        if let status = commands.flakyStatus, let failures = commands.flakyCount {
            let key = "\(request.dialect.rawValue)\n\(request.lastUserMessage)"
            if !(400...599).contains(status) || flaky.shouldFail(key: key, failures: failures) {
                return simulatedError(status, command: "/flaky", commands: commands, dialect: request.dialect)
            }
        }
        let plan = ReplyPlan(request: request, commands: commands, configuration: configuration)
        let encoder = StreamEncoder(
            dialect: request.dialect, id: "chatcmpl-local-\(sequenceNumber)", model: request.model,
            created: Int(Date().timeIntervalSince1970)
        )
        let traceID = UUID().uuidString.lowercased()
        let usage = Self.usage(promptWords: request.promptWordCount, completionTokens: plan.tokens.count)
        let chunks = Self.documentChunks(for: request)
        return request.stream
            ? streamingResponse(plan: plan, encoder: encoder, request: request, traceID: traceID, usage: usage, chunks: chunks)
            : wholeResponse(plan: plan, encoder: encoder, traceID: traceID, usage: usage, chunks: chunks)
    }

    /// `/error` and `/flaky`: the status's usual error body, with `/retry-after` applied.
    private func simulatedError(_ status: Int, command: String, commands: TestCommands, dialect: Dialect) -> HTTPResponse {
        guard (400...599).contains(status) else {
            return Self.errorResponse(
                .validation([("messages", "\(command) needs a status between 400 and 599, got \(status).")]),
                dialect: dialect
            )
        }
        var error = ServerError.simulated(status: status, command: command)
        if let seconds = commands.retryAfterSeconds { error.retryAfterSeconds = seconds }
        return Self.errorResponse(error, dialect: dialect)
    }

    private func streamingResponse(
        plan: ReplyPlan, encoder: StreamEncoder, request: ChatCompletionRequest,
        traceID: String, usage: JSONValue, chunks: JSONValue
    ) -> HTTPResponse {
        var steps: [BodyStep] = []
        // Keep-alives first, before any event, as a proxy or a slow model's server sends them.
        for _ in 0..<(plan.commentCount) {
            steps.append(.pause(plan.delay))
            steps.append(.send(Array(": ping\n\n".utf8)))
        }
        steps.append(.send(Array(encoder.roleChunk().utf8)))
        for token in plan.reasoningTokens {
            steps.append(.pause(plan.delay))
            steps.append(.send(Array(encoder.reasoningChunk(token).utf8)))
        }
        for (index, call) in plan.toolCalls.enumerated() {
            // The first call keeps the id it always had; later ones add their index.
            let id = index == 0 ? "call_\(encoder.id)" : "call_\(encoder.id)_\(index)"
            steps.append(.send(Array(encoder.toolCallChunk(index: index, id: id, name: call.name, arguments: "").utf8)))
            for piece in call.argumentPieces {
                steps.append(.pause(plan.delay))
                steps.append(.send(Array(encoder.toolCallChunk(index: index, id: nil, name: nil, arguments: piece).utf8)))
            }
        }
        for (index, token) in plan.tokens.enumerated() {
            steps.append(.pause(plan.delay))
            steps.append(.send(Array(encoder.contentChunk(token).utf8)))
            if index == 0 {
                for number in 0..<plan.garbageCount { steps.append(.send(Array(encoder.garbage(number).utf8))) }
            }
        }
        switch plan.ending {
        case .normal:
            steps.append(.send(Array(encoder.finishChunk(plan.finishReason).utf8)))
            let reason = plan.finishReason
            steps.append(.note { [finishWritten] in await finishWritten(reason) })
            if request.dialect == .openai, request.includeUsage {
                steps.append(.send(Array(encoder.usageChunk(usage).utf8)))
            }
            steps.append(.send(Array(encoder.done(traceID: traceID, documentChunks: chunks).utf8)))
        case .streamError:
            steps.append(.send(Array(encoder.errorEvent(.upstreamFailed).utf8)))
        case .drop:
            steps.append(.drop)
        case .stall:
            steps.append(.stall(limit: configuration.stallLimit))
        }
        return HTTPResponse(
            statusCode: .ok,
            headers: [
                .contentType: "text/event-stream; charset=utf-8",
                .cacheControl: "no-cache",
                HTTPHeader("X-Accel-Buffering"): "no",
            ],
            body: HTTPBodySequence(from: ScriptedBody(steps: steps, clock: configuration.clock))
        )
    }

    /// Without `stream: true` the reply arrives in one piece after the whole simulated
    /// generation time; `/drop` and `/stall` still break the body, `/stream-error` becomes a 500.
    private func wholeResponse(
        plan: ReplyPlan, encoder: StreamEncoder, traceID: String, usage: JSONValue, chunks: JSONValue
    ) -> HTTPResponse {
        var steps: [BodyStep] = [.pause(plan.delay * plan.tokens.count)]
        switch plan.ending {
        case .streamError:
            return Self.errorResponse(.upstreamFailed, dialect: encoder.dialect)
        case .drop:
            steps.append(.drop)
        case .stall:
            steps.append(.stall(limit: configuration.stallLimit))
        case .normal:
            let body = encoder.completion(
                text: plan.text, finishReason: plan.finishReason, usage: usage, traceID: traceID, documentChunks: chunks
            )
            steps.append(.send(Array(JSONValue.compactText(of: body).utf8)))
        }
        return HTTPResponse(
            statusCode: .ok,
            headers: [.contentType: "application/json"],
            body: HTTPBodySequence(from: ScriptedBody(steps: steps, clock: configuration.clock))
        )
    }

    static func errorResponse(_ error: ServerError, dialect: Dialect) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: "application/json"]
        if let seconds = error.retryAfterSeconds { headers[HTTPHeader("Retry-After")] = String(seconds) }
        return HTTPResponse(
            statusCode: HTTPStatusCode(error.status, phrase: reasonPhrase(error.status)),
            headers: headers,
            body: Data(JSONValue.compactText(of: error.body(for: dialect)).utf8)
        )
    }

    static func jsonResponse(_ value: JSONValue) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: Data(JSONValue.compactText(of: value).utf8))
    }

    private static func usage(promptWords: Int, completionTokens: Int) -> JSONValue {
        .object([
            ("prompt_tokens", .number(Double(promptWords))),
            ("completion_tokens", .number(Double(completionTokens))),
            ("total_tokens", .number(Double(promptWords + completionTokens))),
        ])
    }

    /// Sample RAG sources: one per requested repository (up to `limit`, default 3), so a client
    /// has something to show under the reply.
    static func documentChunks(for request: ChatCompletionRequest) -> JSONValue {
        let ids = request.repositoryIDs.prefix(request.repositoryLimit ?? 3)
        return .array(ids.enumerated().map { position, repositoryID in
            .object([
                ("repository_id", .number(Double(repositoryID))),
                ("document_id", .number(Double(repositoryID * 10 + 1))),
                ("chunk_id", .number(Double(repositoryID * 100 + position + 1))),
                ("document_name", .string("handbook-\(repositoryID).md")),
                ("similarity_score", .number(0.9 - 0.07 * Double(position))),
                ("content", .string("Section \(position + 1) of the handbook in repository \(repositoryID): streaming replies, retries and traces.")),
            ])
        })
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 422: return "Unprocessable Content"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return status < 500 ? "Client Error" : "Server Error"
        }
    }
}

/// Turns decoded SSE blocks into `StreamEvent`s for one dialect (one decoder per reply).
///
/// prem: `event: completion` blocks carry JSON chunks, `event: error` an error, `event: done`
/// the end with the extra `trace_id` / `document_chunks` lines. A block without an event name is
/// read as a chunk (or as the end when its data is `[DONE]`).
/// openai: `data:` blocks carry chunks, `data: [DONE]` ends, an error arrives as a JSON with an
/// `error` key or as `event: error`.
///
/// Every chunk field is optional; a chunk that is not a JSON object yields a `.skipped` event
/// and is counted in `malformedChunkCount`, so the caller can say that part of the reply was lost.
public struct StreamChunkDecoder {
    public let dialect: Dialect
    /// Chunks whose data was not a JSON object (and were therefore skipped).
    public private(set) var malformedChunkCount = 0
    private var hasAnnouncedModel = false
    /// How much of a skipped chunk's data its event carries: enough to recognise it.
    public static let skippedExcerptLength = 80

    public init(dialect: Dialect) {
        self.dialect = dialect
    }

    public mutating func decode(_ message: SSEMessage) -> [StreamEvent] {
        switch message.event {
        case "error":
            return [.error(APIErrorDecoder.decodeStreamError(message.data))]
        case "done":
            return [.done(completion(from: message))]
        case "completion", "message":
            let payload = message.data.trimmingASCIIWhitespace()
            if payload.isEmpty { return [] }
            if payload == "[DONE]" || payload == "\"[DONE]\"" {
                return [.done(completion(from: message))]
            }
            return decodeChunk(payload)
        default:
            // Unknown event names (pings, vendor extras) carry nothing a reply shows.
            return []
        }
    }

    /// The same decoding for a block still in bytes (what `StreamEventDecoder` uses): a plain
    /// chunk is read by `JSONParser.scanChunk()` without a `JSONValue` tree or a String for its
    /// data; everything else becomes an `SSEMessage` and takes `decode(_:)`.
    mutating func decode(_ block: SSEBlock, into events: inout [StreamEvent]) {
        if block.eventIsMessage || Self.isChunkEvent(block.eventName) {
            let read = block.data.withUnsafeBufferPointer { decodeScannedChunk($0, into: &events) }
            if !read { events += decode(block.message()) }
        } else if Self.isKnownEvent(block.eventName) {
            events += decode(block.message())
        }
        // Any other event name yields nothing in `decode(_:)` either: no need to build its text.
    }

    /// False when the chunk needs the full path (see `scanChunk`); then nothing was appended.
    private mutating func decodeScannedChunk(_ data: UnsafeBufferPointer<UInt8>, into events: inout [StreamEvent]) -> Bool {
        var parser = JSONParser(bytes: data)
        guard let chunk = parser.scanChunk() else { return false }
        // Decoded before anything is appended, so a surprise can still fall back cleanly.
        var model: String?
        if !hasAnnouncedModel, let offset = chunk.model {
            guard let text = parser.string(at: offset) else { return false }
            model = text
        }
        var reasoning: String?
        if let offset = chunk.reasoning {
            guard let text = parser.string(at: offset) else { return false }
            reasoning = text
        }
        var content: String?
        if let offset = chunk.content {
            guard let text = parser.string(at: offset) else { return false }
            content = text
        }
        var reason: String?
        if let offset = chunk.finishReason {
            guard let text = parser.string(at: offset) else { return false }
            reason = text
        }
        if let model, !model.isEmpty {
            hasAnnouncedModel = true
            events.append(.model(model))
        }
        if let reasoning, !reasoning.isEmpty { events.append(.reasoning(reasoning)) }
        if let content, !content.isEmpty { events.append(.content(content)) }
        if let reason, !reason.isEmpty { events.append(.finishReason(reason)) }
        return true
    }

    /// `completion` or `message`, the names `decode(_:)` reads as chunks. (Comparing bytes is
    /// exact: no other UTF-8 is canonically equivalent to these ASCII names.)
    private static func isChunkEvent(_ name: [UInt8]) -> Bool {
        name == EventName.completion || name == EventName.message
    }

    /// The other names `decode(_:)` reads.
    private static func isKnownEvent(_ name: [UInt8]) -> Bool {
        name == EventName.error || name == EventName.done
    }

    private enum EventName {
        static let completion = Array("completion".utf8)
        static let message = Array("message".utf8)
        static let error = Array("error".utf8)
        static let done = Array("done".utf8)
    }

    private mutating func decodeChunk(_ payload: String) -> [StreamEvent] {
        guard let chunk = JSONValue.parse(payload), case .object = chunk else {
            malformedChunkCount += 1
            return [.skipped(String(payload.prefix(Self.skippedExcerptLength)))]
        }
        if let error = chunk["error"], !error.isNull {
            return [.error(APIErrorDecoder.decodeStreamError(chunk, rawText: payload))]
        }
        var events: [StreamEvent] = []
        if !hasAnnouncedModel, let model = chunk["model"]?.stringValue, !model.isEmpty {
            hasAnnouncedModel = true
            events.append(.model(model))
        }
        let choice = chunk["choices"]?[0]
        let delta = choice?["delta"]
        if let reasoning = delta?["reasoning_content"]?.stringValue ?? delta?["reasoning"]?.stringValue, !reasoning.isEmpty {
            events.append(.reasoning(reasoning))
        }
        // `text` is what legacy completion-style servers put where chat servers put `delta`.
        if let text = delta?["content"]?.stringValue ?? choice?["text"]?.stringValue, !text.isEmpty {
            events.append(.content(text))
        }
        if case let .array(calls)? = delta?["tool_calls"] {
            events += calls.enumerated().compactMap { position, call in
                ToolCallDelta(call, position: position).map(StreamEvent.toolCall)
            }
        }
        if let reason = choice?["finish_reason"]?.stringValue, !reason.isEmpty {
            events.append(.finishReason(reason))
        }
        if let usage = chunk["usage"], let tokens = Self.tokenUsage(usage) {
            events.append(.usage(tokens))
        }
        return events
    }

    private static func tokenUsage(_ usage: JSONValue) -> TokenUsage? {
        let tokens = TokenUsage(
            promptTokens: usage["prompt_tokens"]?.intValue,
            completionTokens: usage["completion_tokens"]?.intValue,
            totalTokens: usage["total_tokens"]?.intValue
        )
        return tokens == TokenUsage() ? nil : tokens
    }

    /// The prem dialect's `done` block carries the trace id and RAG sources as extra lines;
    /// the openai dialect has no such lines.
    private func completion(from message: SSEMessage) -> StreamCompletion {
        guard dialect == .prem else { return StreamCompletion() }
        let traceID = message.field("trace_id").map { $0.trimmingASCIIWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        let chunksText = message.field("document_chunks").flatMap { $0.trimmingASCIIWhitespace().isEmpty ? nil : $0 }
        return StreamCompletion(
            traceID: traceID,
            documentChunks: chunksText.map(DocumentChunk.parseList) ?? [],
            documentChunksJSON: chunksText
        )
    }
}

extension DocumentChunk {
    /// Reads a `document_chunks` JSON array leniently: entries that are not objects are
    /// skipped, unparsable text gives an empty list (the caller keeps the raw text).
    public static func parseList(_ text: String) -> [DocumentChunk] {
        guard case let .array(entries)? = JSONValue.parse(text) else { return [] }
        return entries.compactMap { entry in
            guard case .object = entry else { return nil }
            return DocumentChunk(
                repositoryID: entry["repository_id"]?.intValue,
                documentID: entry["document_id"]?.intValue,
                chunkID: entry["chunk_id"]?.intValue,
                documentName: entry["document_name"]?.stringValue,
                similarityScore: entry["similarity_score"]?.doubleValue,
                content: entry["content"]?.stringValue
            )
        }
    }
}

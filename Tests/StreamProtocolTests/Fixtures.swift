import Deterministic
import StreamProtocol

/// Recorded-shape streams used by several test files. Written with LF line ends; the tests
/// derive the CRLF and CR variants with `withLineEnding`.
enum Fixtures {
    /// A prem stream: role chunk, content with CJK and a multi-scalar emoji (split across bytes
    /// by the split tests), keep-alive comments, a lenient chunk, and the done block's extra lines.
    static let premStream = #"""
    : keep-alive

    event: completion
    data: {"id":"chatcmpl-1","model":"gpt-4o-mini","object":"chat.completion.chunk","created":1716846908,"choices":[{"delta":{"role":"assistant","content":""},"finish_reason":null}]}

    event: completion
    data: {"id":"chatcmpl-1","model":"gpt-4o-mini","object":"chat.completion.chunk","created":1716846908,"choices":[{"delta":{"content":"Hello, "},"finish_reason":null}]}

    : ping

    event: completion
    data: {"id":"chatcmpl-1","model":"gpt-4o-mini","created":"1716846908","choices":[{"delta":{"content":"你好世界 🐈‍⬛ ok"},"finish_reason":null}]}

    event: completion
    data: {"id":2,"model":null,"object":null,"choices":[{"delta":{"content":"!\n"},"finish_reason":"stop"}],"extra":{"x":[1,2]}}

    event: done
    data: [DONE]
    trace_id: 3c90c3cc-0d44-4b50-8888-8dd25736052a
    document_chunks: [{"repository_id":4,"document_id":14,"chunk_id":15,"document_name":"pets.txt","similarity_score":0.67,"content":"Cats \"purr\"."}]


    """#

    static let premDocumentChunksJSON = #"""
    [{"repository_id":4,"document_id":14,"chunk_id":15,"document_name":"pets.txt","similarity_score":0.67,"content":"Cats \"purr\"."}]
    """#

    static let premEvents: [StreamEvent] = [
        .model("gpt-4o-mini"),
        .content("Hello, "),
        .content("你好世界 🐈‍⬛ ok"),
        .content("!\n"),
        .finishReason("stop"),
        .done(StreamCompletion(
            traceID: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
            documentChunks: [DocumentChunk(
                repositoryID: 4, documentID: 14, chunkID: 15, documentName: "pets.txt",
                similarityScore: 0.67, content: "Cats \"purr\"."
            )],
            documentChunksJSON: premDocumentChunksJSON
        )),
    ]

    /// An OpenAI-compatible stream with a usage chunk and `[DONE]`.
    static let openAIStream = #"""
    data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"llama3","choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}

    data: {"id":"c1","model":"llama3","choices":[{"index":0,"delta":{"content":"Straße "},"finish_reason":null}]}

    : comment from a proxy
    data: {"id":"c1","model":"llama3","choices":[{"index":0,"delta":{"content":"🎉"},"finish_reason":"stop"}]}

    data: {"id":"c1","model":"llama3","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}

    data: [DONE]


    """#

    static let openAIEvents: [StreamEvent] = [
        .model("llama3"),
        .content("Straße "),
        .content("🎉"),
        .finishReason("stop"),
        .usage(TokenUsage(promptTokens: 12, completionTokens: 3, totalTokens: 15)),
        .done(StreamCompletion()),
    ]

    /// A prem stream that ends in an error event after some content.
    static let errorStream = #"""
    event: completion
    data: {"choices":[{"delta":{"content":"Partial ü"}}]}

    : keep-alive
    event: error
    data: {"error": "RateLimitError", "message": "Too many requests, slow down."}


    """#

    static let errorEvents: [StreamEvent] = [
        .content("Partial ü"),
        .error(APIError(code: "RateLimitError", message: "Too many requests, slow down.")),
    ]

    struct Case {
        let name: String
        let text: String
        let dialect: Dialect
        let events: [StreamEvent]
    }

    static let all: [Case] = [
        Case(name: "prem", text: premStream, dialect: .prem, events: premEvents),
        Case(name: "openai", text: openAIStream, dialect: .openai, events: openAIEvents),
        Case(name: "error", text: errorStream, dialect: .prem, events: errorEvents),
    ]
}

enum LineEnding: String, CaseIterable {
    case lf = "\n", crlf = "\r\n", cr = "\r"
}

extension String {
    func withLineEnding(_ ending: LineEnding) -> String {
        // Swift treats "\r\n" as one Character, so split on the LF scalar explicitly.
        unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
            .joined(separator: ending.rawValue)
    }
}

/// Feeds `pieces` in order, then finishes; returns every message.
func decodeMessages(_ pieces: [[UInt8]]) -> [SSEMessage] {
    var decoder = SSEDecoder()
    var messages: [SSEMessage] = []
    for piece in pieces {
        messages += decoder.feed(piece)
    }
    messages += decoder.finish()
    return messages
}

func decodeEvents(_ pieces: [[UInt8]], dialect: Dialect) -> [StreamEvent] {
    var chunks = StreamChunkDecoder(dialect: dialect)
    return decodeMessages(pieces).flatMap { chunks.decode($0) }
}

func decodeEvents(_ text: String, dialect: Dialect) -> [StreamEvent] {
    decodeEvents([Array(text.utf8)], dialect: dialect)
}

/// Seeded, so property tests reproduce from their seed.
typealias SeededGenerator = SplitMix64

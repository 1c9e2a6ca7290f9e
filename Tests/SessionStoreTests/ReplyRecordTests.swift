import ChatCore
import StreamProtocol
import XCTest
@testable import SessionStore

/// What a reply was requested with (`SentRequest`) and how it streamed (`ReplyStats`) are stored
/// with it, and every request field of `SessionParameters` survives the session's JSON column.
final class ReplyRecordTests: XCTestCase {
    static let everyField = SessionParameters(
        model: "llama-3.1-8b-instruct", systemPrompt: "Line one.\nLine \"two\" ✓", temperature: 0.7, topP: 0.95,
        maxTokens: 4096, frequencyPenalty: -1.5, presencePenalty: 2, seed: 2_147_483_647,
        stop: ["END", "\n\n", "###", "—"], user: "dev-7", projectID: 42, sessionID: "custom-session-id",
        logitBias: #"{"50256":-100,"15496":5.5}"#, responseFormat: #"{"type":"json_object"}"#,
        tools: #"[{"type":"function","function":{"name":"now","parameters":{"type":"object","properties":{}}}}]"#,
        repositoryIDs: [3, 1, 2], repositoryLimit: 7, similarityThreshold: 0.35
    )

    func testEveryParameterFieldRoundTripsThroughSessionsAndMessages() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s", updated: 1), parameters: Self.everyField)
        XCTAssertEqual(try store.loadParameters(sessionID: "s"), Self.everyField)

        let reply = Message(id: "a", role: .assistant, content: "ok", createdAtMillis: 2, parameters: Self.everyField)
        try store.saveMessage(reply, sessionID: "s")
        XCTAssertEqual(try store.loadMessages(sessionID: "s"), [reply])

        // Unsetting fields is stored too: nil never comes back as the old value.
        var fewer = Self.everyField
        fewer.logitBias = nil
        fewer.repositoryIDs = nil
        fewer.sessionID = nil
        try store.saveParameters(fewer, sessionID: "s", updatedAtMillis: 3)
        XCTAssertEqual(try store.loadParameters(sessionID: "s"), fewer)
    }

    func testSentRequestAndStatsRoundTripAndUpdateInPlace() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        let request = SentRequest(
            url: "http://127.0.0.1:8080/v1/chat/completions", dialect: .prem,
            body: #"{"project_id":1,"messages":[{"role":"user","content":"hi \"there\""}],"stream":true}"#,
            hadAPIKey: true, notCarried: []
        )
        var reply = Message(
            id: "a", role: .assistant, content: "", createdAtMillis: 2, status: .streaming,
            parameters: SessionParameters(temperature: 0.2), request: request
        )
        try store.saveMessage(reply, sessionID: "s")
        XCTAssertEqual(try store.loadSentRequest(messageID: "a"), request)
        XCTAssertNil(try store.loadMessages(sessionID: "s").first?.request, "messages load without their request")
        XCTAssertNil(try store.loadMessages(sessionID: "s").first?.stats)

        reply.content = "Hello."
        reply.status = .complete
        reply.stats = ReplyStats(
            timeToFirstTokenMillis: 180, totalMillis: 2_350, deltaCount: 41, promptTokens: 12,
            completionTokens: 40, retries: 2
        )
        try store.saveMessage(reply, sessionID: "s")
        var withoutRequest = reply
        withoutRequest.request = nil
        XCTAssertEqual(try store.loadMessages(sessionID: "s"), [withoutRequest])
        XCTAssertEqual(try store.loadSentRequest(messageID: "a"), request)

        // An openai request that left prem-only fields behind, and stats without a first token.
        let openAI = Message(
            id: "b", role: .assistant, content: "", createdAtMillis: 3, status: .failed,
            error: APIError(status: 503, message: "Service unavailable"),
            request: SentRequest(
                url: "https://api.example.com/v1/chat/completions", dialect: .openai, body: "{}",
                hadAPIKey: false, notCarried: ["project_id", "repositories.ids"]
            ),
            stats: ReplyStats(timeToFirstTokenMillis: nil, totalMillis: 9_000, deltaCount: 0, retries: 3)
        )
        try store.saveMessage(openAI, sessionID: "s")
        var openAIWithoutRequest = openAI
        openAIWithoutRequest.request = nil
        XCTAssertEqual(try store.loadMessages(sessionID: "s"), [withoutRequest, openAIWithoutRequest])
        XCTAssertEqual(try store.loadSentRequest(messageID: "b"), openAI.request)
    }

    func testSavingWithoutARequestKeepsTheStoredOne() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        let request = SentRequest(url: "http://h/v1/chat/completions", dialect: .openai, body: #"{"a":1}"#, hadAPIKey: false)
        var reply = Message(
            id: "a", role: .assistant, content: "", createdAtMillis: 2, status: .streaming, request: request)
        try store.saveMessage(reply, sessionID: "s")

        // The once-a-second saves of a streaming reply come without it.
        reply.request = nil
        reply.content = "partial"
        try store.saveMessage(reply, sessionID: "s")
        XCTAssertEqual(try store.loadSentRequest(messageID: "a"), request, "not overwritten with NULL")
        XCTAssertEqual(try store.loadMessages(sessionID: "s").first?.content, "partial", "the rest is updated")

        // A message that does bring one replaces it (a reply's request is fixed while it
        // streams; its first save and its final one write it).
        let other = SentRequest(url: "http://h/v1/chat/completions", dialect: .openai, body: #"{"a":2}"#, hadAPIKey: true)
        reply.request = other
        reply.status = .complete
        try store.saveMessage(reply, sessionID: "s")
        XCTAssertEqual(try store.loadSentRequest(messageID: "a"), other)
    }

    func testLoadingTheRequestOfAReplyWithoutOne() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        try store.saveMessage(Message(id: "old", role: .assistant, content: "x", createdAtMillis: 2), sessionID: "s")
        XCTAssertNil(try store.loadSentRequest(messageID: "old"), "stored before requests were recorded")
        XCTAssertNil(try store.loadSentRequest(messageID: "missing"))
    }

    func testUnreadableRequestOrStatsReadAsNotRecordedAndKeepTheReply() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        try store.executeForTesting(
            sql: """
                INSERT INTO message (id, session_id, seq, role, content, status, request_json, stats_json, created_at)
                VALUES ('x', 's', 1, 'assistant', 'kept text', 'complete', '{"url":1}', 'not json', 5)
                """
        )
        let loaded = try XCTUnwrap(store.loadMessages(sessionID: "s").first)
        XCTAssertEqual(loaded.content, "kept text")
        XCTAssertNil(try store.loadSentRequest(messageID: "x"), "an unreadable request reads as not recorded")
        XCTAssertNil(loaded.stats)
    }

    func testTheRequestColumnNeverHoldsAKeyBecauseNoneIsRecorded() throws {
        // SentRequest records only whether a key went with the request; this pins that the
        // stored JSON has no field a key could hide in.
        let json = try XCTUnwrap(StoredJSON.encode(SentRequest(
            url: "u", dialect: .prem, body: "{}", hadAPIKey: true, notCarried: ["x"]
        )))
        XCTAssertEqual(json, #"{"body":"{}","dialect":"prem","hadAPIKey":true,"notCarried":["x"],"url":"u"}"#)
    }
}

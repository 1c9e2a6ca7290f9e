import Deterministic
import ChatCore
import StreamProtocol
import XCTest
@testable import SessionStore

/// Recorded request bodies are stored without the history they carried (it is already stored,
/// as the messages themselves) and rebuilt byte for byte when read; a body that can no longer be
/// rebuilt exactly is reported as such, never shown wrong.
final class CompactRequestTests: XCTestCase {
    /// Text that exercises every kind of escaping the encoder does.
    static let awkward = "quote \" backslash \\ tab \t cr \r nl \n ctrl \u{1} 日本語 🙂 {\"role\":\"user\"} ]"

    func testAPremConversationRoundTripsByteForByte() throws {
        var chat = try Conversation(profile: Conversation.prem)
        chat.state.parameters = SessionParameters(
            systemPrompt: "Be \"brief\".", temperature: 0.5, stop: ["]", "\n"], user: #"{"role":"user"}"#)
        for turn in 1...6 {
            try chat.turn("T\(turn)", question: "Q\(turn) \(Self.awkward)", answer: "A\(turn) \(Self.awkward)")
        }
        try chat.assertEveryRequestReadsBackAsSent(compact: 6)
        let last = try XCTUnwrap(chat.store.loadSentRequest(messageID: "T6-a"))
        XCTAssertEqual(last.historyMessageIDs?.count, 11)
        XCTAssertTrue(last.body.contains(#""system_prompt":"Be \"brief\".""#))
    }

    func testAnOpenAIConversationWithASystemPromptRoundTripsByteForByte() throws {
        var chat = try Conversation(profile: Conversation.openai)
        chat.state.parameters = SessionParameters(systemPrompt: "System \(Self.awkward)", maxTokens: 64)
        for turn in 1...5 {
            try chat.turn("T\(turn)", question: "Q\(turn) \(Self.awkward)", answer: String(repeating: "a\(turn)", count: 500))
        }
        try chat.assertEveryRequestReadsBackAsSent(compact: 5)
        // The system prompt is not a stored message: it stays with the record, ahead of the history.
        let stored = try XCTUnwrap(chat.store.storedRequestJSONForTesting(messageID: "T5-a"))
        let record = try XCTUnwrap(StoredJSON.decode(CompactRequestRecord.self, from: stored))
        XCTAssertTrue(record.bodyHead.hasSuffix(#""messages":[{"role":"system","content":"System quote \" backslash \\ tab \t cr \r nl \n ctrl \u0001 日本語 🙂 {\"role\":\"user\"} ]"},"#), record.bodyHead)
        XCTAssertTrue(record.bodyTail.hasPrefix(#"],"stream":true,"max_tokens":64"#), record.bodyTail)
        XCTAssertFalse(stored.contains("a5a5"), "no reply text in the record")
    }

    func testAFailedReplyIsLeftOutAndEveryRequestStillReadsBack() throws {
        var chat = try Conversation(profile: Conversation.prem)
        try chat.turn("T1", question: "first", answer: "one")
        try chat.turn("T2", question: "second", answer: "half an answ", failure: APIError(message: "dropped"))
        try chat.retry("R2", answer: "two")
        try chat.turn("T3", question: "third", answer: "three")
        try chat.assertEveryRequestReadsBackAsSent(compact: 4)
        let last = try XCTUnwrap(chat.store.loadSentRequest(messageID: "T3-a"))
        XCTAssertEqual(last.historyMessageIDs, ["T1-u", "T1-a", "T2-u", "R2-a", "T3-u"], "not T2-a, which failed")
        XCTAssertFalse(last.body.contains("half an answ"))
    }

    func testOldFullBodyRowsStillLoad() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        let body = #"{"project_id":1,"messages":[{"role":"user","content":"hi"}],"stream":true}"#
        let old = #"{"body":"{\"project_id\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}","dialect":"prem","hadAPIKey":false,"notCarried":[],"url":"http://h/v1/chat/completions"}"#
        try store.executeForTesting(
            sql: """
                INSERT INTO message (id, session_id, seq, role, content, status, request_json, created_at)
                VALUES ('u', 's', 1, 'user', 'hi', 'complete', NULL, 1), ('a', 's', 2, 'assistant', 'yo', 'complete', ?, 2)
                """,
            arguments: [old])
        XCTAssertEqual(
            try store.loadSentRequest(messageID: "a"),
            SentRequest(url: "http://h/v1/chat/completions", dialect: .prem, body: body, hadAPIKey: false))
    }

    func testAChangedOrDeletedHistoryMessageGivesTheMarkerNeverAWrongBody() throws {
        var chat = try Conversation(profile: Conversation.prem)
        for turn in 1...3 { try chat.turn("T\(turn)", question: "Q\(turn)", answer: "A\(turn)") }
        try chat.assertEveryRequestReadsBackAsSent(compact: 3)

        // Same length, different text: only the hash can tell.
        try chat.store.executeForTesting(sql: "UPDATE message SET content = 'A9' WHERE id = 'T1-a'")
        let changed = try XCTUnwrap(chat.store.loadSentRequest(messageID: "T3-a"))
        XCTAssertTrue(changed.historyUnavailable)
        XCTAssertEqual(changed.body, "")
        XCTAssertEqual(changed.url, "http://127.0.0.1:9/v1/chat/completions", "the rest of the record is kept")
        XCTAssertEqual(try chat.store.loadSentRequest(messageID: "T1-a")?.body, chat.sent["T1-a"], "T1-a's own request did not carry it")

        try chat.store.executeForTesting(sql: "DELETE FROM message WHERE id = 'T2-u'")
        XCTAssertEqual(try chat.store.loadSentRequest(messageID: "T2-a")?.historyUnavailable, true)
        XCTAssertEqual(try chat.store.loadSentRequest(messageID: "T2-a")?.body, "")
    }

    func testABodyTheStoredMessagesDoNotReproduceIsKeptWhole() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("u", "stored text", at: 2), sessionID: "s")
        try store.createSession(session("other", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("elsewhere", "sent text", at: 2), sessionID: "other")
        let body = #"{"messages":[{"role":"user","content":"sent text"}],"stream":true}"#
        for ids in [["u"], ["missing"], ["elsewhere"]] {
            let request = SentRequest(url: "u", dialect: .prem, body: body, hadAPIKey: false, historyMessageIDs: ids)
            let reply = Message(id: "a-\(ids[0])", role: .assistant, content: "", createdAtMillis: 3, status: .streaming, request: request)
            try store.saveMessage(reply, sessionID: "s")
            let stored = try XCTUnwrap(store.storedRequestJSONForTesting(messageID: reply.id))
            XCTAssertNotNil(StoredJSON.decode(SentRequest.self, from: stored), "\(ids): kept whole")
            XCTAssertEqual(try store.loadSentRequest(messageID: reply.id), request)
        }
    }

    func testTheSplitNeedsTheHistoryToEndTheMessagesArray() {
        let message = Array(RequestEncoder.encodedMessage(ChatMessage(role: .user, content: "x")))
        let body = Array(#"{"messages":[{"role":"user","content":"x"},{"role":"user","content":"y"}]}"#.utf8)
        XCTAssertNil(BodyCompaction.split(body, around: message), "y follows it: not the whole history")
        XCTAssertNil(BodyCompaction.split(body, around: []))
        let whole = Array(#"{"messages":[{"role":"user","content":"x"}],"tools":[{"role":"user","content":"x"}]}"#.utf8)
        XCTAssertEqual(
            BodyCompaction.split(whole, around: message),
            BodyCompaction(head: Array(#"{"messages":["#.utf8), tail: Array(#"],"tools":[{"role":"user","content":"x"}]}"#.utf8)))
        XCTAssertEqual(FNV1a.hex([]), "cbf29ce484222325")
        XCTAssertEqual(FNV1a.hex(Array("a".utf8)), "af63dc4c8601ec8c")
    }

    /// The point of it all: what is stored per reply no longer grows with the conversation.
    func testStoredRequestBytesGrowLinearly() throws {
        var chat = try Conversation(profile: Conversation.prem)
        var perReply: [Int] = []
        for turn in 1...10 {
            try chat.turn("T\(turn)", question: "Question \(turn)?", answer: String(repeating: "word ", count: 2_000))
            perReply.append(try XCTUnwrap(chat.store.storedRequestJSONForTesting(messageID: "T\(turn)-a")).utf8.count)
        }
        try chat.assertEveryRequestReadsBackAsSent(compact: 10)
        let full = chat.sent.values.reduce(0) { $0 + $1.utf8.count }
        let stored = try chat.store.storedRequestBytesForTesting()
        XCTAssertGreaterThan(full, 450_000, "ten replies of 10 KB resend about 450 KB in all")
        XCTAssertLessThan(stored, 10 * 1_000, "stored \(stored) for \(full) bytes of bodies")
        XCTAssertLessThan(perReply.max() ?? 0, perReply.min().map { $0 + 200 } ?? 0, "per reply: \(perReply)")
    }

    /// The figure for the report: 14 replies of ~114 KB (1.6 MB of text), stored as before
    /// (whole bodies) and as now, in database files.
    func testFourteenTurnsOfHundredKilobyteReplies() throws {
        let directory = try makeTemporaryDirectory(self)
        var figures: [(records: Int, file: Int)] = []
        var full = 0
        for compact in [false, true] {
            let path = directory + "/\(compact).sqlite"
            var chat = try Conversation(profile: Conversation.prem, path: path, keepWholeBodies: !compact)
            for turn in 1...14 {
                try chat.turn("T\(turn)", question: "Question \(turn)?", answer: String(repeating: "0123456789", count: 11_400))
            }
            if compact { try chat.assertEveryRequestReadsBackAsSent(compact: 14) }
            full = chat.sent.values.reduce(0) { $0 + $1.utf8.count }
            let records = try chat.store.storedRequestBytesForTesting()
            try chat.store.checkpointForTesting()
            let file = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
            figures.append((records, file))
        }
        print("""
            14 turns of 114 KB replies: bodies sent \(full) bytes; \
            before: request records \(figures[0].records) bytes, file \(figures[0].file) bytes; \
            after: request records \(figures[1].records) bytes, file \(figures[1].file) bytes
            """)
        XCTAssertGreaterThan(full, 10_000_000)
        XCTAssertGreaterThan(figures[0].records, full, "whole bodies (JSON-escaped once more)")
        XCTAssertLessThan(figures[1].records, 14 * 1_000)
        XCTAssertLessThan(figures[1].file, 2 * 1_600_000 + 200_000, "about the text itself (content + search index)")
    }
}

/// Drives the real reducer through a conversation and carries out its store effects in order,
/// as the app's effect runner does, remembering each body as it was sent.
private struct Conversation {
    static let prem = Profile(name: "p", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 7, defaultModel: "m")
    static let openai = Profile(name: "o", baseURL: "http://127.0.0.1:9/v1", dialect: .openai, projectID: nil, defaultModel: "m")

    var state: AppState
    let store: SessionStore
    /// Reply id → the body its request went out with.
    var sent: [String: String] = [:]
    private var expected: [String: SentRequest] = [:]
    private var clock: Int64 = 1_000

    /// Saves requests without their history ids, as chatterm did before they were recorded.
    private let keepWholeBodies: Bool

    init(profile: Profile, path: String? = nil, keepWholeBodies: Bool = false) throws {
        self.keepWholeBodies = keepWholeBodies
        state = AppState(profile: profile)
        store = try path.map { try SessionStore(path: $0) } ?? SessionStore.inMemory()
    }

    mutating func turn(_ id: String, question: String, answer: String, failure: APIError? = nil) throws {
        state.composer.input = TextInput(text: question)
        try answerRequest(perform(reduce(&state, .keyPressed(.enter, stamp(id)))), answer, failure)
    }

    mutating func retry(_ id: String, answer: String) throws {
        try answerRequest(perform(reduce(&state, .keyPressed(.control("r"), stamp(id)))), answer, nil)
    }

    func assertEveryRequestReadsBackAsSent(compact: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(expected.count, compact, file: file, line: line)
        for (id, request) in expected {
            XCTAssertEqual(try store.loadSentRequest(messageID: id), request, id, file: file, line: line)
            let stored = try XCTUnwrap(store.storedRequestJSONForTesting(messageID: id))
            XCTAssertNotNil(StoredJSON.decode(CompactRequestRecord.self, from: stored), "\(id) stored compact", file: file, line: line)
        }
    }

    private mutating func stamp(_ id: String) -> Stamp {
        clock += 1_000
        return Stamp(nowMillis: clock, freshID: id, random: 0)
    }

    private mutating func answerRequest(_ effects: [Effect], _ answer: String, _ failure: APIError?) throws {
        guard case let .startStream(requestID, _)? = effects.last else { return XCTFail("no request: \(effects)") }
        clock += 100
        if let failure {
            try perform(reduce(&state, .streamReceived(requestID, [.content(answer)], nowMillis: clock)))
            try perform(reduce(&state, .streamClosed(requestID, failure: failure, nowMillis: clock)))
        } else {
            try perform(reduce(&state, .streamReceived(requestID, [.content(answer), .done(StreamCompletion())], nowMillis: clock)))
        }
    }

    @discardableResult
    private mutating func perform(_ effects: [Effect]) throws -> [Effect] {
        for effect in effects {
            switch effect {
            case let .createSession(summary, parameters):
                try store.createSession(summary, parameters: parameters)
            case .saveMessage(var message, let sessionID):
                if keepWholeBodies { message.request?.historyMessageIDs = nil }
                try store.saveMessage(message, sessionID: sessionID)
                if let request = message.request {
                    sent[message.id] = request.body
                    expected[message.id] = request
                }
            default:
                break
            }
        }
        return effects
    }
}

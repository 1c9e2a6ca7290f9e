import ChatCore
import StreamProtocol
import XCTest
@testable import SessionStore

final class SessionRoundTripTests: XCTestCase {
    func testSessionAndParametersRoundTrip() throws {
        let store = try SessionStore.inMemory()
        let parameters = SessionParameters(
            model: "gpt-4o", systemPrompt: "Be terse.\nReally.", temperature: 0.7, topP: 0.9, maxTokens: 512,
            frequencyPenalty: -0.5, presencePenalty: 1.25, seed: 42, stop: ["END", "\n\n"], user: "dev-1"
        )
        try store.createSession(
            SessionSummary(id: "s1", title: "Hello", createdAtMillis: 10, updatedAtMillis: 20), parameters: parameters
        )

        XCTAssertEqual(
            try store.listSessions(),
            [SessionSummary(id: "s1", title: "Hello", createdAtMillis: 10, updatedAtMillis: 20)]
        )
        XCTAssertEqual(try store.loadParameters(sessionID: "s1"), parameters)
        XCTAssertNil(try store.loadParameters(sessionID: "nope"))

        let changed = SessionParameters(model: "claude", temperature: 0)
        try store.saveParameters(changed, sessionID: "s1", updatedAtMillis: 30)
        XCTAssertEqual(try store.loadParameters(sessionID: "s1"), changed)
        XCTAssertEqual(try store.listSessions().first?.updatedAtMillis, 30)

        // A clock that went backwards does not move the session down the list.
        try store.saveParameters(changed, sessionID: "s1", updatedAtMillis: 5)
        XCTAssertEqual(try store.listSessions().first?.updatedAtMillis, 30)
    }

    func testEveryMessageFieldRoundTrips() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s1", updated: 1), parameters: SessionParameters())
        let reply = Message(
            id: "m2", role: .assistant, content: "Partial answer ✓ 日本語 \u{1B}[2J", createdAtMillis: 2_000,
            status: .failed,
            error: APIError(status: 429, code: "RateLimitError", message: "Slow down", details: "retry in 3s"),
            traceID: "trace-abc",
            documentChunksJSON: #"[{"document_id":7,"content":"x","similarity_score":0.5}]"#,
            model: "gpt-4o-2024",
            parameters: SessionParameters(model: "gpt-4o", temperature: 1.5, stop: ["x"])
        )
        var reply2 = reply
        reply2.reasoning = "First I think, then I answer."
        var minimal = Message(id: "m3", role: .system, content: "", createdAtMillis: 3_000, status: .interrupted)
        minimal.finishReason = "length"
        var withTools = Message(id: "m4", role: .assistant, content: "", createdAtMillis: 4_000)
        withTools.toolCalls = [
            ToolCall(index: 0, id: "call_1", name: "lookup", arguments: #"{"q":"x"}"#),
            ToolCall(index: 1, id: nil, name: "clock", arguments: ""),
        ]
        withTools.finishReason = "tool_calls"
        var result = Message(id: "m5", role: .tool, content: "12:00", createdAtMillis: 5_000)
        result.toolCallID = "call_1"
        let messages = [userMessage("m1", "Question?", at: 1_000), reply2, minimal, withTools, result]
        for message in messages { try store.saveMessage(message, sessionID: "s1") }

        XCTAssertEqual(try store.loadMessages(sessionID: "s1"), messages)
        XCTAssertEqual(try store.loadMessages(sessionID: "other"), [])
    }

    func testListIsNewestUpdatedFirstAndLimited() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("old", updated: 100), parameters: SessionParameters())
        try store.createSession(session("new", updated: 300), parameters: SessionParameters())
        try store.createSession(session("mid", updated: 200), parameters: SessionParameters())
        XCTAssertEqual(try store.listSessions().map(\.id), ["new", "mid", "old"])
        XCTAssertEqual(try store.listSessions(limit: 2).map(\.id), ["new", "mid"])

        // A new message in the oldest session brings it to the top.
        try store.saveMessage(userMessage("m1", "hi", at: 400), sessionID: "old")
        XCTAssertEqual(try store.listSessions().map(\.id), ["old", "new", "mid"])
        XCTAssertEqual(try store.listSessions().first?.updatedAtMillis, 400)
    }

    func testTitleComesFromFirstUserMessageOnly() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s1", updated: 1), parameters: SessionParameters())
        try store.saveMessage(
            Message(id: "sys", role: .system, content: "system text", createdAtMillis: 2), sessionID: "s1"
        )
        XCTAssertEqual(try store.listSessions().first?.title, "")

        let long = "How do I\n  read a file   in Swift " + String(repeating: "quickly ", count: 20)
        try store.saveMessage(userMessage("u1", long, at: 3), sessionID: "s1")
        try store.saveMessage(userMessage("u2", "Second question", at: 4), sessionID: "s1")
        XCTAssertEqual(try store.listSessions().first?.title, SessionTitle.make(fromFirstUserMessage: long))
        XCTAssertTrue(try XCTUnwrap(store.listSessions().first?.title).hasPrefix("How do I read a file in Swift quickly"))

        // A session created with a title keeps it.
        try store.createSession(session("s2", updated: 1, title: "Named"), parameters: SessionParameters())
        try store.saveMessage(userMessage("u3", "anything", at: 5), sessionID: "s2")
        XCTAssertEqual(try store.listSessions().first(where: { $0.id == "s2" })?.title, "Named")
    }

    func testStreamingUpsertsKeepOneRowInPlace() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s1", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("u1", "Tell me a story", at: 10), sessionID: "s1")
        var reply = Message(id: "a1", role: .assistant, content: "", createdAtMillis: 20, status: .streaming)
        try store.saveMessage(reply, sessionID: "s1")
        // A message saved by another path while the reply streams goes after it.
        try store.saveMessage(userMessage("u2", "and?", at: 30), sessionID: "s1")
        for word in ["Hmm", ", a story."] {
            // Reasoning grows while the text does not: each save still keeps it.
            reply.reasoning += word
            try store.saveMessage(reply, sessionID: "s1")
            XCTAssertEqual(try store.loadMessages(sessionID: "s1")[1].reasoning, reply.reasoning)
        }
        for word in ["Once", " upon", " a", " time"] {
            reply.content += word
            try store.saveMessage(reply, sessionID: "s1")
        }
        reply.status = .complete
        reply.traceID = "t1"
        try store.saveMessage(reply, sessionID: "s1")

        let loaded = try store.loadMessages(sessionID: "s1")
        XCTAssertEqual(loaded.map(\.id), ["u1", "a1", "u2"])
        XCTAssertEqual(loaded[1], reply)
    }

    func testMessagesNeedAnExistingSessionAndStayInTheirSession() throws {
        let store = try SessionStore.inMemory()
        XCTAssertThrowsError(try store.saveMessage(userMessage("m", "x", at: 1), sessionID: "ghost")) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .other)
            XCTAssertTrue("\(error)".contains("no session with id ghost"), "\(error)")
        }
        try store.createSession(session("a", updated: 1), parameters: SessionParameters())
        try store.createSession(session("b", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("m", "x", at: 1), sessionID: "a")
        XCTAssertThrowsError(try store.saveMessage(userMessage("m", "y", at: 1), sessionID: "b"))
        XCTAssertEqual(try store.loadMessages(sessionID: "a").map(\.content), ["x"])
        XCTAssertThrowsError(try store.createSession(session("a", updated: 2), parameters: SessionParameters()))
        XCTAssertThrowsError(
            try store.saveParameters(SessionParameters(), sessionID: "ghost", updatedAtMillis: 1)
        )
    }

    func testDeleteCascadesToMessagesAndSearch() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("a", updated: 1), parameters: SessionParameters())
        try store.createSession(session("b", updated: 2), parameters: SessionParameters())
        try store.saveMessage(userMessage("a1", "zebra crossing", at: 3), sessionID: "a")
        try store.saveMessage(userMessage("b1", "zebra stripes", at: 4), sessionID: "b")

        try store.deleteSession(id: "a")

        XCTAssertEqual(try store.listSessions().map(\.id), ["b"])
        XCTAssertEqual(try store.loadMessages(sessionID: "a"), [])
        XCTAssertNil(try store.loadParameters(sessionID: "a"))
        XCTAssertEqual(try store.searchMessages("zebra", limit: 10).map(\.messageID), ["b1"])
        // The message id is free again: the row is really gone.
        try store.saveMessage(userMessage("a1", "reused", at: 5), sessionID: "b")
        try store.deleteSession(id: "does-not-exist")
    }

    func testUnknownStoredValuesDoNotCrashAndKeepTheText() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("s1", updated: 1), parameters: SessionParameters())
        try store.executeForTesting(
            sql: """
                INSERT INTO message (id, session_id, seq, role, content, status, error_json, parameters_json, created_at)
                VALUES ('x', 's1', 1, 'function', 'tool output', 'archived', '{not json', '[1,2]', 7)
                """
        )
        try store.executeForTesting(sql: "UPDATE session SET parameters_json = 'garbage' WHERE id = 's1'")

        let loaded = try XCTUnwrap(store.loadMessages(sessionID: "s1").first)
        XCTAssertEqual(loaded.content, "tool output")
        XCTAssertEqual(loaded.role, .assistant)
        XCTAssertEqual(loaded.status, .complete)
        XCTAssertNil(loaded.parameters)
        XCTAssertNotNil(loaded.error, "an unreadable error is still reported as an error")
        XCTAssertEqual(try store.loadParameters(sessionID: "s1"), SessionParameters())
    }
}

final class ImportSessionTests: XCTestCase {
    func testASessionImportsWholeInOrder() throws {
        let store = try SessionStore.inMemory()
        let messages = (0..<50).map { Message(id: "m\($0)", role: $0 % 2 == 0 ? .user : .assistant, content: "text \($0)", createdAtMillis: Int64($0)) }
        try store.importSession(session("s", updated: 9), parameters: SessionParameters(temperature: 0.3), messages: messages)
        XCTAssertEqual(try store.loadMessages(sessionID: "s"), messages)
        XCTAssertEqual(try store.loadParameters(sessionID: "s")?.temperature, 0.3)
        XCTAssertEqual(try store.searchMessages("text", limit: 100).count, 50, "indexed")
    }

    func testAFailedImportLeavesNothing() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("other", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("taken", "x", at: 1), sessionID: "other")
        let messages = [userMessage("fresh", "a", at: 2), userMessage("taken", "b", at: 3)]
        XCTAssertThrowsError(try store.importSession(session("s", updated: 9), parameters: SessionParameters(), messages: messages))
        XCTAssertEqual(try store.listSessions().map(\.id), ["other"], "the session is not half there")
        XCTAssertEqual(try store.loadMessages(sessionID: "s"), [])
    }
}

/// Deleting the end of a conversation keeps the rows for an undo that restores every column.
final class MessageDeletionTests: XCTestCase {
    func testDeleteFromAMessageAndRestoreEverything() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-delete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SessionStore(path: directory.appendingPathComponent("s.sqlite").path)
        try store.createSession(SessionSummary(id: "s", title: "t", createdAtMillis: 1, updatedAtMillis: 1), parameters: SessionParameters())
        var reply = Message(id: "a1", role: .assistant, content: "answer with words", createdAtMillis: 2, traceID: "tr", model: "m")
        reply.reasoning = "thought"
        reply.stats = ReplyStats(timeToFirstTokenMillis: 10, totalMillis: 20, deltaCount: 3)
        let messages = [
            Message(id: "u1", role: .user, content: "first question", createdAtMillis: 1), reply,
            Message(id: "u2", role: .user, content: "second question", createdAtMillis: 3),
        ]
        for message in messages { try store.saveMessage(message, sessionID: "s") }
        XCTAssertEqual(try store.deleteMessages(from: "a1", sessionID: "s", deletionID: "d1"), 2)
        XCTAssertEqual(try store.loadMessages(sessionID: "s").map(\.id), ["u1"])
        XCTAssertEqual(try store.deleteMessages(from: "nope", sessionID: "s", deletionID: "d2"), 0)
        XCTAssertTrue(try store.restoreDeletion("d1"))
        XCTAssertEqual(try store.loadMessages(sessionID: "s"), messages)
        XCTAssertFalse(try store.restoreDeletion("d1"), "a deletion is put back once")
        // The restored text is searchable again: its index entries came back with the rows.
        XCTAssertEqual(try store.searchMessages("words", limit: 5).map(\.messageID), ["a1"])
    }
}

final class SessionDeletionTests: XCTestCase {
    func testDeleteASessionAndRestoreItWithEveryMessage() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(SessionSummary(id: "s", title: "Kept", createdAtMillis: 1, updatedAtMillis: 7), parameters: SessionParameters(temperature: 0.3))
        let messages = [
            Message(id: "u", role: .user, content: "zebra question", createdAtMillis: 1),
            Message(id: "a", role: .assistant, content: "zebra answer", createdAtMillis: 2, model: "m"),
        ]
        for message in messages { try store.saveMessage(message, sessionID: "s") }
        try store.renameSession(id: "s", title: "Renamed")
        XCTAssertTrue(try store.deleteSession(id: "s", deletionID: "d"))
        XCTAssertEqual(try store.listSessions(), [])
        XCTAssertEqual(try store.searchMessages("zebra", limit: 5).count, 0)
        XCTAssertTrue(try store.restoreDeletion("d"))
        XCTAssertEqual(try store.listSessions().map(\.title), ["Renamed"])
        XCTAssertEqual(try store.loadMessages(sessionID: "s"), messages)
        XCTAssertEqual(try store.loadParameters(sessionID: "s"), SessionParameters(temperature: 0.3))
        XCTAssertEqual(try store.searchMessages("zebra", limit: 5).count, 2)
        XCTAssertFalse(try store.deleteSession(id: "nope", deletionID: "x"))
    }
}

final class SessionPagingStoreTests: XCTestCase {
    /// Pages after a session follow the list's own order exactly, ties included.
    func testKeysetPagesJoinIntoTheWholeList() throws {
        let store = try SessionStore.inMemory()
        for index in 0..<57 {
            // Few distinct times, so ties on updated_at and created_at are common.
            try store.createSession(
                SessionSummary(id: String(format: "id%02d", (index * 37) % 57), title: "t\(index)",
                               createdAtMillis: Int64(index % 3), updatedAtMillis: Int64(index % 5)),
                parameters: SessionParameters())
        }
        let whole = try store.listSessions(limit: 1_000)
        var paged = try store.listSessions(limit: 10)
        while let last = paged.last {
            let page = try store.listSessions(after: last, limit: 10)
            if page.isEmpty { break }
            paged += page
        }
        XCTAssertEqual(paged, whole)
        XCTAssertEqual(whole.count, 57)
    }
}

final class SessionSearchStoreTests: XCTestCase {
    private func store() throws -> SessionStore {
        let store = try SessionStore.inMemory()
        let sessions: [(String, [String])] = [
            ("a", ["How do zebras sleep?", "Zebras sleep standing up, in short naps."]),
            ("b", ["Streaming replies in a terminal", "The terminal redraws while streaming."]),
            ("c", ["sleep standing", "A horse sleeps standing."]),
        ]
        for (index, (id, texts)) in sessions.enumerated() {
            try store.createSession(SessionSummary(id: id, title: texts[0], createdAtMillis: Int64(index), updatedAtMillis: Int64(index)),
                                    parameters: SessionParameters())
            for (position, text) in texts.enumerated() {
                try store.saveMessage(
                    Message(id: "\(id)\(position)", role: position == 0 ? .user : .assistant, content: text, createdAtMillis: Int64(position)),
                    sessionID: id)
            }
        }
        return store
    }

    func testWordsPrefixesPhrasesAndOneHitPerSession() throws {
        let store = try store()
        XCTAssertEqual(try store.searchSessions("zebra*", limit: 10).map(\.summary.id), ["a"])
        XCTAssertEqual(try store.searchSessions("standing sleep", limit: 10).map(\.summary.id).sorted(), ["a", "c"])
        XCTAssertEqual(try store.searchSessions("\"short naps\"", limit: 10).map(\.summary.id), ["a"])
        XCTAssertEqual(try store.searchSessions("\"standing sleep\"", limit: 10).map(\.summary.id), [], "a phrase keeps its order")
        let hit = try XCTUnwrap(try store.searchSessions("stream*", limit: 10).first)
        XCTAssertEqual(hit.summary.id, "b")
        XCTAssertTrue(hit.snippet.lowercased().contains("\u{1}stream"), hit.snippet)
    }

    /// A common word: the newest session says it more often than a page of matches holds, and
    /// the older sessions that say it are still found (each asked for its newest match).
    func testACommonWordFindsEverySessionThatSaysIt() throws {
        let store = try SessionStore.inMemory()
        for index in 0..<5 {
            try store.importSession(
                SessionSummary(id: "old\(index)", title: "Old \(index)", createdAtMillis: 1, updatedAtMillis: Int64(10 + index)),
                parameters: SessionParameters(), messages: [
                    Message(id: "old\(index)-1", role: .user, content: "nothing here", createdAtMillis: 1),
                    Message(id: "old\(index)-2", role: .assistant, content: "a common word, once", createdAtMillis: 2),
                ])
        }
        try store.importSession(
            SessionSummary(id: "quiet", title: "Quiet", createdAtMillis: 1, updatedAtMillis: 50),
            parameters: SessionParameters(), messages: [Message(id: "q", role: .user, content: "silence", createdAtMillis: 1)])
        let many = (0..<(SessionStore.searchPageSize + 100)).map {
            Message(id: "big-\($0)", role: .user, content: "common again \($0)", createdAtMillis: 100)
        }
        try store.importSession(
            SessionSummary(id: "big", title: "Big", createdAtMillis: 1, updatedAtMillis: 100), parameters: SessionParameters(),
            messages: many)
        let hits = try store.searchSessions("common", limit: 50)
        XCTAssertEqual(Set(hits.map(\.summary.id)), ["big", "old0", "old1", "old2", "old3", "old4"])
        XCTAssertEqual(hits.first { $0.summary.id == "old3" }?.messageID, "old3-2")
        XCTAssertTrue(try XCTUnwrap(hits.first { $0.summary.id == "old3" }).snippet.contains("\u{1}common\u{2}"))
    }

    func testTitlesAreSearchedTooAndFollowARename() throws {
        let store = try store()
        try store.renameSession(id: "c", title: "Equine facts")
        let hit = try XCTUnwrap(try store.searchSessions("equi", limit: 10).first)
        XCTAssertEqual(hit.summary.id, "c")
        XCTAssertEqual(hit.messageID, "", "a title hit is on no message")
        XCTAssertEqual(hit.snippet, "\u{1}Equine\u{2} facts")
        XCTAssertEqual(try store.searchSessions("horse", limit: 10).map(\.messageID), ["c1"])
        XCTAssertEqual(try store.searchSessions("sleep", limit: 10).map(\.summary.id).first, "a", "titled \"How do zebras sleep?\"")
        XCTAssertEqual(try store.searchSessions("zzz", limit: 10), [])
        try store.deleteSession(id: "c")
        XCTAssertEqual(try store.searchSessions("equine", limit: 10), [])
    }

    func testTextFTS5WouldRejectIsSearchedAsWords() throws {
        let store = try store()
        for query in ["\"unclosed zebras", "zebras AND", "(zebras", "zebras:", "NEAR(", "-zebras"] {
            XCTAssertNoThrow(try store.searchSessions(query, limit: 10), query)
        }
        // An unclosed quote is not FTS5: searched as the word it holds.
        XCTAssertEqual(try store.searchSessions("\"zebras", limit: 10).map(\.summary.id), ["a"])
        XCTAssertEqual(try store.searchSessions("(zebras", limit: 10).map(\.summary.id), ["a"])
        XCTAssertEqual(try store.searchSessions("   ", limit: 10), [])
    }
}

final class ForkStoreTests: XCTestCase {
    func testAForkCopiesParametersAndMessagesUpToOneUnderNewIds() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(SessionSummary(id: "s", title: "Src", createdAtMillis: 1, updatedAtMillis: 1), parameters: SessionParameters(temperature: 0.9))
        var reply = Message(id: "a", role: .assistant, content: "answer", createdAtMillis: 2, model: "m")
        reply.reasoning = "hmm"
        reply.stats = ReplyStats(timeToFirstTokenMillis: 5, totalMillis: 9, deltaCount: 1)
        let messages = [Message(id: "u", role: .user, content: "q", createdAtMillis: 1), reply,
                        Message(id: "u2", role: .user, content: "later", createdAtMillis: 3)]
        for message in messages { try store.saveMessage(message, sessionID: "s") }
        let fork = SessionSummary(id: "f", title: "Fork of Src", createdAtMillis: 10, updatedAtMillis: 10)
        XCTAssertEqual(try store.forkSession("s", upTo: "a", into: fork), 2)
        let copied = try store.loadMessages(sessionID: "f")
        XCTAssertEqual(copied.map(\.id), ["f-u", "f-a"])
        var expected = reply
        expected.id = "f-a"
        XCTAssertEqual(copied.last, expected)
        XCTAssertEqual(try store.loadParameters(sessionID: "f"), SessionParameters(temperature: 0.9))
        XCTAssertEqual(try store.loadMessages(sessionID: "s"), messages, "the source is untouched")
        XCTAssertEqual(try store.forkSession("s", upTo: nil, into: SessionSummary(id: "g", title: "G", createdAtMillis: 11, updatedAtMillis: 11)), 3)
    }
}

final class ConversationSearchStoreTests: XCTestCase {
    func testMessageIDsContainingTextInOrderAnyCase() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(SessionSummary(id: "s", title: "t", createdAtMillis: 1, updatedAtMillis: 1), parameters: SessionParameters())
        let texts = ["The Okapi", "nothing", "okapis everywhere", "OKAPI!"]
        for (index, text) in texts.enumerated() {
            try store.saveMessage(Message(id: "m\(index)", role: .user, content: text, createdAtMillis: Int64(index)), sessionID: "s")
        }
        XCTAssertEqual(try store.messageIDs(containing: "okapi", sessionID: "s"), ["m0", "m2", "m3"])
        XCTAssertEqual(try store.messageIDs(containing: "%", sessionID: "s"), [], "text, not a pattern")
        XCTAssertEqual(try store.messageIDs(containing: "", sessionID: "s"), [])
    }
}

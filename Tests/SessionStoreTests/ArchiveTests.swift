import ChatCore
import Foundation
import StreamProtocol
import XCTest
@testable import SessionStore

/// Export and import: chatterm's JSON round-trips every stored field of every version; OpenAI
/// messages and ChatGPT exports come in with what they have, and say what they left out.
final class ArchiveTests: XCTestCase {
    /// A session with every field set somewhere: an error, sources, trace, stats, reasoning,
    /// tool calls and a result, a recorded request (stored compactly), and a second version.
    func makeRichSession(_ store: SessionStore) throws {
        let parameters = SessionParameters(model: "gpt-4o", systemPrompt: "Be terse.\nReally.", temperature: 0.7, stop: ["END"])
        try store.createSession(
            SessionSummary(id: "rich", title: "Rich session", createdAtMillis: 10, updatedAtMillis: 20), parameters: parameters)
        let question = Message(id: "q", role: .user, content: "Question? 日本語 ✓", createdAtMillis: 1_000)
        let body = #"{"messages":[{"role":"user","content":"Question? 日本語 ✓"}],"model":"gpt-4o","stream":true}"#
        var answer = Message(
            id: "a", role: .assistant, content: "Answer with `code`", createdAtMillis: 2_000, status: .complete,
            traceID: "trace-1", documentChunksJSON: #"[{"document_id":7,"similarity_score":0.5}]"#, model: "gpt-4o-2024",
            parameters: parameters,
            request: SentRequest(
                url: "http://127.0.0.1:1/v1/chat/completions", dialect: .openai, body: body, hadAPIKey: true,
                notCarried: ["repositories"], historyMessageIDs: ["q"]),
            stats: ReplyStats(timeToFirstTokenMillis: 120, totalMillis: 900, deltaCount: 12))
        answer.reasoning = "Thinking first."
        answer.toolCalls = [ToolCall(index: 0, id: "call_1", name: "lookup", arguments: #"{"q":"x"}"#)]
        answer.finishReason = "tool_calls"
        var result = Message(id: "t", role: .tool, content: "42", createdAtMillis: 3_000)
        result.toolCallID = "call_1"
        result.toolRun = ToolRunRecord(server: "files", tool: "lookup", outcome: .timedOut, elapsedMillis: 60_000)
        var failed = Message(
            id: "f", role: .assistant, content: "Half", createdAtMillis: 4_000, status: .failed,
            error: APIError(status: 429, code: "rate_limited", message: "Slow down", details: "retry in 3s"))
        failed.placement = .besideMessage("t")
        for message in [question, answer, result, failed] { try store.saveMessage(message, sessionID: "rich") }
        // The path goes back to the tool result: "f" stays as the other version.
        _ = try store.switchBranch(sessionID: "rich", from: "f", step: -1)
    }

    func testChattermJSONRoundTripsEveryFieldAndEveryVersion() throws {
        let directory = try makeTemporaryDirectory(self)
        let source = try SessionStore(path: directory + "/a.sqlite")
        try makeRichSession(source)
        let archive = try XCTUnwrap(source.exportArchive(sessionID: "rich"))
        XCTAssertEqual(archive.messages.map(\.id), ["q", "a", "t", "f"])
        XCTAssertEqual(archive.messages.map(\.onPath), [true, true, true, false])
        XCTAssertEqual(archive.messages.map(\.parentID), [nil, "q", "a", "a"])
        XCTAssertEqual(archive.messages[1].request?.body.contains("日本語"), true, "the body is rebuilt whole")

        let data = try archive.encoded()
        let target = try SessionStore(path: directory + "/b.sqlite")
        let conversations = try ConversationFile.read(data, now: 0, freshID: { "unused" })
        XCTAssertEqual(conversations.count, 1)
        let outcome = try target.importConversation(conversations[0])
        XCTAssertEqual(outcome, ImportOutcome(sessionID: "rich", title: "Rich session", messageCount: 4, alreadyStored: false, skipped: []))

        XCTAssertEqual(try target.exportArchive(sessionID: "rich"), archive)
        XCTAssertEqual(try target.loadMessages(sessionID: "rich"), try source.loadMessages(sessionID: "rich"))
        XCTAssertEqual(try target.loadSentRequest(messageID: "a"), try source.loadSentRequest(messageID: "a"))
        XCTAssertEqual(try target.loadParameters(sessionID: "rich"), try source.loadParameters(sessionID: "rich"))
        XCTAssertEqual(try target.listSessions(), try source.listSessions())
        // Stored compactly again: the body's history comes from the imported messages.
        XCTAssertFalse(try XCTUnwrap(target.storedRequestJSONForTesting(messageID: "a")).contains("日本語"))
        XCTAssertEqual(try target.searchMessages("Half", limit: 5).map(\.messageID), ["f"])

        // The same file again adds nothing.
        let again = try target.importConversation(try ConversationFile.read(data, now: 0, freshID: { "unused" })[0])
        XCTAssertTrue(again.alreadyStored)
        XCTAssertEqual(try target.messageCount(sessionID: "rich"), 4)
    }

    func testOpenAIMessagesComeInAsAChainWithTheSystemPromptAsAParameter() throws {
        let json = #"""
            [{"role":"system","content":"You are terse."},
             {"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"x"}}]},
             {"role":"assistant","content":"A cat.","tool_calls":[{"id":"c1","type":"function","function":{"name":"look","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"c1","content":"cat"},
             {"role":"narrator","content":"?"},
             {"role":"user","content":""}]
            """#
        let conversation = try XCTUnwrap(ConversationFile.read(Data(json.utf8), now: 77, freshID: { "fresh" }).first)
        XCTAssertEqual(conversation.sessionID, "fresh")
        XCTAssertEqual(conversation.parameters.systemPrompt, "You are terse.")
        XCTAssertEqual(conversation.nodes.map(\.message.content), ["What is this?", "A cat.", "cat"])
        XCTAssertEqual(conversation.nodes.map(\.parentID), [nil, "fresh-2", "fresh-3"])
        XCTAssertEqual(conversation.nodes[1].message.toolCalls, [ToolCall(index: 0, id: "c1", name: "look", arguments: "{}")])
        XCTAssertEqual(conversation.nodes[2].message.toolCallID, "c1")
        XCTAssertEqual(conversation.skipped, [
            "message 2: image_url left out (text only)",
            "message 5: role “narrator” is not one chatterm knows",
            "message 6: no text",
        ])
        XCTAssertEqual(conversation.title, "What is this?")
        let store = try SessionStore.inMemory()
        XCTAssertEqual(try store.importConversation(conversation).messageCount, 3)
        XCTAssertEqual(try store.loadMessages(sessionID: "fresh").map(\.role), [.user, .assistant, .tool])
    }

    func testARequestBodyBringsItsParametersCheckedAsThePaneChecksThem() throws {
        let json = #"{"model":"llama3","temperature":9,"top_p":0.5,"max_tokens":64,"messages":[{"role":"user","content":"hi"}]}"#
        let conversation = try XCTUnwrap(ConversationFile.read(Data(json.utf8), now: 0, freshID: { "s" }).first)
        XCTAssertEqual(conversation.parameters, SessionParameters(model: "llama3", topP: 0.5, maxTokens: 64))
        XCTAssertEqual(conversation.skipped.count, 1)
        XCTAssertTrue(conversation.skipped[0].hasPrefix("temperature 9: "), conversation.skipped[0])
    }

    /// The shape of ChatGPT's `conversations.json`: an empty root, a hidden system node, an
    /// edited first question (two versions), a browsing tool node and an image-only message.
    static let chatGPTExport = #"""
        [{"title":"Cats","create_time":1700000000.5,"update_time":1700000100.25,"conversation_id":"c-1",
          "current_node":"n5",
          "mapping":{
            "root":{"id":"root","message":null,"parent":null,"children":["sys"]},
            "sys":{"id":"sys","message":{"author":{"role":"system"},"content":{"content_type":"text","parts":[""]},
                   "metadata":{"is_visually_hidden_from_conversation":true}},"parent":"root","children":["n1","n3"]},
            "n1":{"id":"n1","message":{"author":{"role":"user"},"create_time":1700000001,"content":{"content_type":"text","parts":["Tell me about cats"]}},
                  "parent":"sys","children":["n2"]},
            "n2":{"id":"n2","message":{"author":{"role":"assistant"},"create_time":1700000002,"content":{"content_type":"text","parts":["Cats purr."]},
                  "metadata":{"model_slug":"gpt-4o"}},"parent":"n1","children":[]},
            "n3":{"id":"n3","message":{"author":{"role":"user"},"create_time":1700000003,"content":{"content_type":"text","parts":["Tell me about big cats"]}},
                  "parent":"sys","children":["n4"]},
            "n4":{"id":"n4","message":{"author":{"role":"tool","name":"browser"},"content":{"content_type":"tether_browsing_display","result":"..."}},
                  "parent":"n3","children":["n5"]},
            "n5":{"id":"n5","message":{"author":{"role":"assistant"},"create_time":1700000005,"content":{"content_type":"text","parts":["Lions roar."]},
                  "metadata":{"model_slug":"gpt-4o"}},"parent":"n4","children":["n6"]},
            "n6":{"id":"n6","message":{"author":{"role":"user"},"content":{"content_type":"multimodal_text","parts":[{"content_type":"image_asset_pointer"}]}},
                  "parent":"n5","children":[]}
          }}]
        """#

    func testAChatGPTExportKeepsItsBranchesAndThePathShown() throws {
        let conversations = try ConversationFile.read(Data(Self.chatGPTExport.utf8), now: 0, freshID: { "unused" })
        let conversation = try XCTUnwrap(conversations.first)
        XCTAssertEqual(conversation.sessionID, "chatgpt-c-1")
        XCTAssertEqual(conversation.title, "Cats")
        XCTAssertEqual(conversation.createdAtMillis, 1_700_000_000_500)
        XCTAssertEqual(conversation.nodes.map(\.message.id), ["chatgpt-c-1-n1", "chatgpt-c-1-n2", "chatgpt-c-1-n3", "chatgpt-c-1-n5"])
        XCTAssertEqual(conversation.nodes.map(\.parentID), [nil, "chatgpt-c-1-n1", nil, "chatgpt-c-1-n3"])
        XCTAssertEqual(conversation.nodes.map(\.onPath), [false, false, true, true])
        XCTAssertEqual(conversation.nodes[3].message.model, "gpt-4o")
        XCTAssertEqual(conversation.skipped, [
            "“Cats”, message n4: output of the “browser” tool",
            "“Cats”, message n6: only image_asset_pointer, no text",
        ])

        let store = try SessionStore.inMemory()
        _ = try store.importConversation(conversation)
        let shown = try store.loadMessages(sessionID: "chatgpt-c-1")
        XCTAssertEqual(shown.map(\.content), ["Tell me about big cats", "Lions roar."])
        XCTAssertEqual(shown[0].branch, BranchPosition(index: 2, count: 2))
        let first = try XCTUnwrap(store.switchBranch(sessionID: "chatgpt-c-1", from: shown[0].id, step: -1))
        XCTAssertEqual(first.window.messages.map(\.content), ["Tell me about cats", "Cats purr."])
    }

    func testAFileOfNoKnownShapeSaysWhatIsRead() {
        XCTAssertThrowsError(try ConversationFile.read(Data("{\"hello\":1}".utf8), now: 0, freshID: { "x" })) { error in
            XCTAssertEqual(
                (error as? ConversationFile.Problem)?.description,
                "neither a chatterm export, an OpenAI messages array nor a ChatGPT conversations.json")
        }
        XCTAssertThrowsError(try ConversationFile.read(Data("not json".utf8), now: 0, freshID: { "x" }))
    }

    func testAMessageIDAlreadyStoredElsewhereFailsTheWholeImport() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("other", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("taken", "hi", at: 1), sessionID: "other")
        let conversation = ImportedConversation(
            sessionID: "new", title: "t", createdAtMillis: 1, updatedAtMillis: 1,
            nodes: ImportedConversation.chain([userMessage("fine", "a", at: 1), userMessage("taken", "b", at: 2)]))
        XCTAssertThrowsError(try store.importConversation(conversation))
        XCTAssertNil(try store.sessionSummary(id: "new"), "nothing of it stays")
    }

    /// A later chatterm's export that this one cannot decode says so, not "an unknown format".
    func testAnExportFromANewerChattermThatDoesNotDecodeSaysSo() {
        let newer = #"{"format":"chatterm-session","version":2,"session":{"id":"s","title":"t"},"turns":[]}"#
        for text in [newer, "[" + newer + "]"] {
            XCTAssertThrowsError(try ConversationFile.read(Data(text.utf8), now: 0, freshID: { "x" })) { error in
                XCTAssertEqual((error as? ConversationFile.Problem)?.description,
                               "a chatterm export from a newer chatterm (format version 2; this one reads version 1): import it with the newer chatterm")
            }
        }
        let damaged = #"{"format":"chatterm-session","version":1,"session":{"id":"s"},"messages":[]}"#
        XCTAssertThrowsError(try ConversationFile.read(Data(damaged.utf8), now: 0, freshID: { "x" })) { error in
            XCTAssertTrue((error as? ConversationFile.Problem)?.description.hasPrefix("a chatterm export, but damaged") == true, "\(error)")
        }
    }
}

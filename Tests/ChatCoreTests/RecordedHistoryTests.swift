import Foundation
import XCTest
@testable import ChatCore
import StreamProtocol

/// A reply's record names the stored messages its body carried (so the store can keep the body
/// without their text), and the inspector says so plainly when those have changed since.
final class RecordedHistoryTests: XCTestCase {
    func testTheIDsAreThoseOfTheMessagesTheHistoryRuleSends() {
        let m = { (id: String, role: ChatRole, text: String, status: MessageStatus) in
            Message(id: id, role: role, content: text, createdAtMillis: 0, status: status)
        }
        let messages = [
            m("1", .user, "U1", .complete),
            m("2", .assistant, "broken", .failed),
            m("3", .assistant, "stopped early", .interrupted),
            m("5", .user, "U2", .complete),
            m("6", .assistant, "first try", .complete),
            m("8", .assistant, "second try", .complete),
            m("9", .assistant, "late failure", .failed),
            m("10", .user, "U3", .complete),
            m("11", .assistant, "", .interrupted),
            m("12", .user, "U4", .complete),
        ]
        let turns = requestHistoryTurns(messages)
        XCTAssertEqual(turns.map(\.id), ["1", "3", "5", "8", "10", "12"])
        XCTAssertEqual(turns.map(\.message), requestHistory(messages), "the same rule, with ids")
    }

    func testAFailedReplyIsNotAmongTheRecordedHistory() {
        var (state, id) = sentState("question")
        XCTAssertEqual(state.streaming.active?.reply.request?.historyMessageIDs, ["S1-u"])
        let firstSent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("half an ans")], nowMillis: 1100)), [])
        XCTAssertEqual(reduce(&state, .streamClosed(id, failure: APIError(message: "dropped"), nowMillis: 1200)),
                       [.saveMessage(savedReply(state, firstSent), sessionID: "S1")])
        var effects = apply(&state, [.keyPressed(.control("r"), stamp(5000, "R1"))])
        XCTAssertEqual(state.streaming.active?.reply.request?.historyMessageIDs, ["S1-u"], "the failed S1-a is not sent")
        guard case let .startStream(retryID, _)? = effects.last else { return XCTFail("no retry: \(effects)") }
        let retrySent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(retryID, [.content("full answer"), .done(StreamCompletion())], nowMillis: 5500)),
                       [.saveMessage(savedReply(state, retrySent), sessionID: "S1")])

        XCTAssertEqual(apply(&state, typing("next")), [])
        effects = reduce(&state, .keyPressed(.enter, stamp(6000, "S2")))
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(sent?.historyMessageIDs, ["S1-u", "R1-a", "S2-u"])
        XCTAssertTrue(sent?.body.contains(#"[{"role":"user","content":"question"},{"role":"assistant","content":"full answer"},{"role":"user","content":"next"}]"#) == true)
        XCTAssertFalse(sent?.body.contains("half an ans") == true)
        // The messages it names are saved before the reply that names them (the store checks them).
        let saved = effects.compactMap { effect -> String? in
            if case let .saveMessage(message, _) = effect { return message.id } else { return nil }
        }
        XCTAssertEqual(saved, ["S2-u", "S2-a"])
    }

    func testTheInspectorSaysWhenTheCarriedConversationChanged() {
        var (state, _) = twoFinishedTurns()
        XCTAssertEqual(press(&state, .character("i"), .character("2")), [.loadSentRequest(messageID: "S2-a")])
        let changed = SentRequest(
            url: "http://127.0.0.1:9/v1/chat/completions", dialect: .prem, body: "", hadAPIKey: false,
            historyMessageIDs: ["S1-u", "S1-a", "S2-u"], historyUnavailable: true)
        XCTAssertEqual(reduce(&state, .sentRequestLoaded(messageID: "S2-a", changed)), [])
        let marker = "The conversation this request carried has changed since; the body cannot be shown exactly."
        guard case let .inspector(inspector)? = state.destination,
              let message = state.visibleMessages.first(where: { $0.id == inspector.messageID })
        else { return XCTFail("no inspector") }
        let request = InspectorContent.request(for: message, inspector: inspector)
        XCTAssertEqual(InspectorContent.lines(for: message, request: request, view: .body, profile: state.launch.profile), [marker])
        XCTAssertEqual(InspectorContent.lines(for: message, request: request, view: .curl, profile: state.launch.profile), [marker])
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard("")], "no body to copy, not a wrong one")
    }

    func testRecordsWithoutIDsStillDecodeAndTheFindingIsNotStored() throws {
        let old = #"{"body":"{}","dialect":"prem","hadAPIKey":true,"notCarried":[],"url":"u"}"#
        let decoded = try JSONDecoder().decode(SentRequest.self, from: Data(old.utf8))
        XCTAssertEqual(decoded, SentRequest(url: "u", dialect: .prem, body: "{}", hadAPIKey: true))
        var marked = decoded
        marked.historyUnavailable = true
        marked.historyMessageIDs = ["a"]
        let text = String(decoding: try JSONEncoder().encode(marked), as: UTF8.self)
        XCTAssertFalse(text.contains("historyUnavailable"), text)
        XCTAssertTrue(text.contains(#""historyMessageIDs":["a"]"#), text)
    }
}

@testable import ChatCore
import StreamProtocol
import XCTest

/// The inspector's parameters view of a reply whose session left the model (and, in prem, the
/// project id and session id) unset: the request filled them in, and the view says with what
/// and from where, not "unset".
final class InspectorFallbackTests: XCTestCase {
    private func reply() -> Message {
        var reply = Message(id: "r", role: .assistant, content: "hi", createdAtMillis: 0)
        var parameters = SessionParameters()
        parameters.temperature = 0.5
        reply.parameters = parameters
        return reply
    }

    func testAFieldTheRequestFilledInShowsWhatWasSentAndFromWhere() {
        let sent = SentRequest(
            url: "http://127.0.0.1:1/v1/chat/completions", dialect: .prem,
            body: #"{"project_id":7,"session_id":"s1","model":"m-default","messages":[],"temperature":0.5,"stream":true}"#,
            hadAPIKey: false)
        let lines = InspectorContent.lines(for: reply(), request: .recorded(sent), view: .parameters, profile: premProfile)
        XCTAssertTrue(lines.contains("model  m-default  (the profile's model)"), "\(lines)")
        XCTAssertTrue(lines.contains("project_id  7  (the profile's project id)"), "\(lines)")
        XCTAssertTrue(lines.contains("session_id  s1  (the session's id)"), "\(lines)")
        XCTAssertTrue(lines.contains("temperature  0.5"), "a field the session set shows as set: \(lines)")
        XCTAssertTrue(lines.contains("top_p  unset"), "a field with no fallback stays unset: \(lines)")
        let withoutSession = SentRequest(url: sent.url, dialect: .prem, body: #"{"model":"m-default","messages":[]}"#, hadAPIKey: false)
        let shown = InspectorContent.lines(for: reply(), request: .recorded(withoutSession), view: .parameters, profile: premProfile)
        XCTAssertTrue(shown.contains("session_id  unset"), "a fallback the body did not carry is not claimed: \(shown)")
    }

    func testWithoutTheRecordedBodyItSaysWhereTheValueCameFrom() {
        let lines = InspectorContent.lines(for: reply(), request: .notRecorded, view: .parameters, profile: premProfile)
        XCTAssertTrue(lines.contains("model  unset: the profile's model goes in its place when there is one"), "\(lines)")
    }
}

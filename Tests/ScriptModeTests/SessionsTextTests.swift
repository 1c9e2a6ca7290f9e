import ChatCore
import ScriptMode
import XCTest

final class SessionsTextTests: XCTestCase {
    private let summary = SessionSummary(
        id: "3f2a9c1e-0000-4000-8000-000000000001", title: "Why \u{1B}[31mred\u{1B}[0m?\nAnd more",
        createdAtMillis: 1_764_720_000_000, updatedAtMillis: 1_796_281_313_148)

    func testListAsColumnsWithDatabaseTextCleaned() {
        let text = SessionsText.list([
            SessionListing(summary: summary, messageCount: 12, model: "gpt-4o"),
            SessionListing(summary: SessionSummary(id: "ab", title: "", createdAtMillis: 0, updatedAtMillis: 0), messageCount: 1, model: nil),
        ], json: false)
        XCTAssertEqual(text, """
            3f2a9c1e  2026-12-03 07:01  12 msgs  gpt-4o  Why red? And more
            ab  1970-01-01 00:00  1 msg  -  (untitled)

            """)
    }

    func testListAsJSONLinesKeepsTheTextExactly() {
        let text = SessionsText.list([SessionListing(summary: summary, messageCount: 12, model: "gpt-4o")], json: true)
        XCTAssertEqual(text, #"{"id":"3f2a9c1e-0000-4000-8000-000000000001","title":"Why \u001b[31mred\u001b[0m?\nAnd more","created_at":1764720000000,"updated_at":1796281313148,"messages":12,"model":"gpt-4o"}"# + "\n")
    }

    func testHits() {
        let hit = SessionsText.Hit(sessionID: summary.id, messageID: "m1", title: "T", snippet: "…the \u{1B}]52;c;x\u{07} zebra…")
        XCTAssertEqual(SessionsText.hits([hit], json: false), "3f2a9c1e  T: …the  zebra…\n")
        XCTAssertEqual(SessionsText.hits([hit], json: true),
                       #"{"session":"3f2a9c1e-0000-4000-8000-000000000001","message_id":"m1","title":"T","snippet":"…the \u001b]52;c;x\u0007 zebra…"}"# + "\n")
    }

    func testUTCMinuteAcrossEras() {
        XCTAssertEqual(SessionsText.utcMinute(0), "1970-01-01 00:00")
        XCTAssertEqual(SessionsText.utcMinute(951_782_400_000), "2000-02-29 00:00")
        XCTAssertEqual(SessionsText.utcMinute(-60_000), "1969-12-31 23:59")
        XCTAssertEqual(SessionsText.utcMinute(4_102_444_799_000), "2099-12-31 23:59")
    }
}

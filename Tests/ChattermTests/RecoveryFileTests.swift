import Foundation
import XCTest
@testable import chatterm

/// The file the writes the database never took go to at quit: private, named for the time,
/// never replacing another, in the next directory when the data dir refuses it, and the
/// sentence that says what it holds.
final class RecoveryFileTests: XCTestCase {
    private var directory = ""
    /// 2026-12-08 00:52:10 UTC.
    private let date = Date(timeIntervalSince1970: 1_796_691_130)

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "chatterm-recovery-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testTheFileIsPrivateJSONLinesNamedForTheTime() throws {
        let lines = [#"{"change":"createSession","session":"s1"}"#, #"{"change":"saveMessage","content":"hi","session":"s1"}"#]
        let path = try RecoveryFile.write(lines, in: [directory], at: date)
        XCTAssertEqual(path, directory + "/chatterm-unsaved-2026-12-08T00-52-10Z.jsonl")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), lines.joined(separator: "\n") + "\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }

    func testASecondFileInTheSameSecondDoesNotReplaceTheFirst() throws {
        let first = try RecoveryFile.write(["{}"], in: [directory], at: date)
        let second = try RecoveryFile.write(["{\"b\":\"2\"}"], in: [directory], at: date)
        XCTAssertEqual(second, directory + "/chatterm-unsaved-2026-12-08T00-52-10Z-1.jsonl")
        XCTAssertEqual(try String(contentsOfFile: first, encoding: .utf8), "{}\n")
    }

    func testADataDirThatRefusesTheFileFallsBackToTheNext() throws {
        let missing = directory + "/no/such/dir"
        let path = try RecoveryFile.write(["{}"], in: [missing, directory], at: date)
        XCTAssertTrue(path.hasPrefix(directory + "/chatterm-unsaved-"))
    }

    func testTheReportSaysWhatWasNotSavedAndWhereItIs() {
        XCTAssertEqual(
            RecoveryFile.report(
                changes: ["createSession", "saveMessage", "saveMessage"], reason: "database locked by another process", path: "/d/x.jsonl"),
            "chatterm: 3 changes (1 new session, 2 messages) could not be saved to the session database "
                + "(database locked by another process), even at quit; "
                + "they are in /d/x.jsonl (one JSON object per line, oldest first: the change, its session id and its text). "
                + "`chatterm import` does not read this file: copy what you need from it.\n")
    }

    func testWithNoFileTheLinesThemselvesGoToStderrWithNoTerminalControlLeftRaw() {
        let said = RecoveryFile.reportUnwritten(
            changes: ["saveMessage"], reason: "disk full", lines: ["{\"content\":\"a\u{9B}31mb\u{7F}\"}"], problem: "/d: No space left on device")
        XCTAssertEqual(
            said,
            "chatterm: 1 change (1 message) could not be saved to the session database (disk full), and no recovery file "
                + "could be written (/d: No space left on device); here they are, one JSON object per line:\n"
                + #"{"content":"a\u009B31mb\u007F"}"# + "\n")
    }
}
